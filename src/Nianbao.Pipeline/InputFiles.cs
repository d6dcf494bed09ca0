using System.Runtime.InteropServices;

namespace Nianbao.Pipeline;

/// <summary>
/// Which paths are read and how: folders are walked without following directory links (a link to a parent would
/// loop for ever, one to itself would repeat every file), only regular files are opened (a FIFO would block,
/// <c>/dev/zero</c> never ends), and no more than the size limit is ever read from one file.
/// </summary>
public static class InputFiles
{
    /// <summary>Files named on the command line, and every file under named folders (recursive, ordinal order).</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                var files = new List<string>();
                Walk(p, files);
                foreach (var f in files.Order(StringComparer.Ordinal)) yield return f;
            }
            else yield return p;
        }
    }

    private static void Walk(string dir, List<string> files)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true }).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo sub)
            {
                if (sub.LinkTarget is null) Walk(Path.Combine(dir, sub.Name), files);
            }
            else files.Add(Path.Combine(dir, entry.Name));
        }
    }

    /// <summary>The file's bytes, or the reason it is not read (not a regular file, too large, unreadable).</summary>
    public static (byte[]? Bytes, Nianbao.Reading.ReadErrorCode? Code, string? Message) Read(string path, long maxBytes)
    {
        try
        {
            if (!File.Exists(path)) return (null, Nianbao.Reading.ReadErrorCode.Io, $"文件不存在：{path}");
            if (Kind(path) is { } kind && kind != FileKind.Regular)
                return (null, Nianbao.Reading.ReadErrorCode.Io, $"不是普通文件（{KindName(kind)}），不予读取：{path}");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes) return (null, Nianbao.Reading.ReadErrorCode.TooLarge, TooLarge(stream.Length));
            // Read at most one byte past the limit, whatever the length said (files under /proc say 0).
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > maxBytes) return (null, Nianbao.Reading.ReadErrorCode.TooLarge, TooLarge(buffer.Length));
            }
            return (buffer.ToArray(), null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, Nianbao.Reading.ReadErrorCode.Io, $"无法读取文件：{e.Message}");
        }
    }

    private static string TooLarge(long bytes) => $"文件过大（{bytes / 1024 / 1024} MB 以上），不是一份年度报告";

    private enum FileKind { Regular, Directory, Fifo, CharDevice, BlockDevice, Socket, Other }

    private static string KindName(FileKind kind) => kind switch
    {
        FileKind.Fifo => "命名管道",
        FileKind.CharDevice or FileKind.BlockDevice => "设备文件",
        FileKind.Socket => "套接字",
        FileKind.Directory => "文件夹",
        _ => "特殊文件",
    };

    /// <summary>
    /// The file type from the runtime's own stat (System.Native, which every .NET on Linux and macOS ships); .NET has
    /// no public API for it. Null where it cannot be asked (Windows has no FIFOs or device files in folders).
    /// </summary>
    private static FileKind? Kind(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var status = new byte[512];
        if (SystemNativeStat(path, status) != 0) return null;
        int mode = BitConverter.ToInt32(status, 4) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary><c>int SystemNative_Stat(const char* path, FileStatus* output)</c>: Flags (int32), Mode (int32), … — follows links.</summary>
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);
}
