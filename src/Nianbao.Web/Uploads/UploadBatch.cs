using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Nianbao.Pipeline;
using Nianbao.Reading;

namespace Nianbao.Web.Uploads;

/// <summary>One file of a batch as saved on disk: the name the user gave it (a zip's entries keep their path inside it).</summary>
public sealed record UploadedFile(string DiskPath, string Name);

/// <summary>
/// Saves an upload to a private temporary folder. Zip archives of reports are opened (DOCX and XLSX are zips too and
/// stay files); entries are written under numbered names, so no entry name can reach outside the folder, and their
/// sizes are counted while reading, not taken from the archive's headers (a zip bomb stops at the limit).
/// </summary>
public static class UploadBatch
{
    /// <summary>The batch is refused with a reason for the user: 413 for a limit, 400 for an archive that cannot be opened.</summary>
    public sealed class RefusedException(string message, int statusCode = StatusCodes.Status413PayloadTooLarge) : Exception(message)
    {
        public int StatusCode => statusCode;
    }

    /// <summary>
    /// The request's <c>files</c> saved to a new folder, or null when it has none. A body over the limits becomes a
    /// <see cref="RefusedException"/> with a message for the user, whichever layer noticed it (Kestrel, the form reader, a zip).
    /// </summary>
    public static async Task<(string Folder, List<UploadedFile> Files)?> ReceiveAsync(HttpRequest request, WebOptions options, CancellationToken cancel)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancel);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            throw new RefusedException($"上传内容超过上限（一次合计不超过 {options.MaxUploadBytes / 1024 / 1024} MB），请分批上传");
        }
        if (form.Files.GetFiles("files") is not { Count: > 0 } files) return null;
        return await SaveAsync(files, options, cancel);
    }

    private static async Task<(string Folder, List<UploadedFile> Files)> SaveAsync(IReadOnlyList<IFormFile> form, WebOptions options, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("nianbao-upload-").FullName;
        var files = new List<UploadedFile>();
        var names = new BatchNames();
        long expanded = 0;
        try
        {
            foreach (var formFile in form)
            {
                var name = SafeName(formFile.FileName);
                var path = Next(folder, files);
                await using (var target = File.Create(path))
                    await formFile.CopyToAsync(target, cancel);
                if (IsBatchZip(path)) Expand(path, name, folder, files, names, options, ref expanded);
                else Add(files, names, path, name, options);
            }
            return (folder, files);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static bool IsBatchZip(string path)
    {
        var head = new byte[1 << 16];
        int n;
        using (var s = File.OpenRead(path)) n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return FormatSniffer.Sniff(head.AsSpan(0, n)) == FileFormat.Zip;
    }

    private static void Expand(string zipPath, string zipName, string folder, List<UploadedFile> files, BatchNames names, WebOptions options, ref long expanded)
    {
        try
        {
            // Counted from the central directory's end record before any entry is loaded; folders are entries too,
            // so up to twice the file limit may be listed before the files themselves are counted.
            using (var raw = File.OpenRead(zipPath))
                if (ZipDirectory.EntryCount(raw) is { } declared && declared > (long)options.MaxFiles * 2)
                    throw new RefusedException($"压缩包 {zipName} 含 {declared} 个条目，一次最多上传 {options.MaxFiles} 个文件，请分批上传");
            using var zip = ZipFile.OpenRead(zipPath);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.Length == 0 && entry.Name.Length == 0) continue;
                var path = Next(folder, files);
                using (var source = entry.Open())
                using (var target = File.Create(path))
                    expanded += CopyLimited(source, target, ReportPipeline.MaxFileBytes, options.MaxUploadBytes * 4 - expanded, entry.FullName);
                Add(files, names, path, $"{zipName}/{SafeName(entry.FullName)}", options);
            }
        }
        catch (InvalidDataException e)
        {
            throw new RefusedException($"压缩包 {zipName} 已损坏，无法打开：{e.Message}", StatusCodes.Status400BadRequest);
        }
        File.Delete(zipPath);
    }

    private static long CopyLimited(Stream source, Stream target, long perFile, long remaining, string name)
    {
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            total += n;
            if (total > perFile) throw new RefusedException($"压缩包中的 {name} 解压后超过 {perFile / 1024 / 1024} MB，不是一份年度报告");
            if (total > remaining) throw new RefusedException("压缩包解压后的总大小超过上限，请分批上传");
            target.Write(buffer, 0, n);
        }
        return total;
    }

    private static void Add(List<UploadedFile> files, BatchNames names, string path, string name, WebOptions options)
    {
        if (files.Count >= options.MaxFiles) throw new RefusedException($"一次最多上传 {options.MaxFiles} 个文件，请分批上传");
        files.Add(new UploadedFile(path, names.Unique(name)));
    }

    private static string Next(string folder, List<UploadedFile> files) => Path.Combine(folder, $"{files.Count + 1:D6}-{Guid.NewGuid():N}");

    /// <summary>A display name only: directory parts kept as text, control characters and leading dots dropped.</summary>
    private static string SafeName(string name)
    {
        var clean = new string(name.Replace('\\', '/').Where(c => !char.IsControl(c)).ToArray()).Trim('/', ' ');
        clean = string.Join('/', clean.Split('/').Where(p => p is not ("" or "." or "..")));
        return clean.Length == 0 ? "未命名文件" : clean.Length > 200 ? clean[^200..] : clean;
    }
}
