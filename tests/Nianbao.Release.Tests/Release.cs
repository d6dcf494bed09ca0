using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Nianbao.Release.Tests;

/// <summary>The release archives in artifacts/release, each unpacked once per test run into an empty temporary folder.</summary>
public static partial class Release
{
    public static string Root { get; } = FindRoot();

    /// <summary>The version ./release names the archives with: the one &lt;Version&gt; of Directory.Build.props.</summary>
    public static string Version { get; } =
        VersionElement().Match(File.ReadAllText(Path.Combine(Root, "Directory.Build.props"))).Groups[1].Value;

    public static string Dir => Path.Combine(Root, "artifacts", "release");

    private static readonly ConcurrentDictionary<string, Lazy<string>> Unpacked = new();

    public static string Archive(string rid)
    {
        var path = Path.Combine(Dir, $"nianbao-{Version}-{rid}{(rid.StartsWith("win-", StringComparison.Ordinal) ? ".zip" : ".tar.gz")}");
        Assert.True(File.Exists(path), $"{path} is missing: run ./release first (./test does)");
        return path;
    }

    /// <summary>The folder holding the unpacked build's <c>nianbao</c> (or <c>nianbao.exe</c>).</summary>
    public static string Unpack(string rid) => Unpacked.GetOrAdd(rid, r => new Lazy<string>(() => DoUnpack(r))).Value;

    private static string DoUnpack(string rid)
    {
        var archive = Archive(rid);
        var dir = Scratch.Folder($"unpacked-{rid}");
        var (tool, args) = archive.EndsWith(".zip", StringComparison.Ordinal)
            ? ("unzip", new[] { "-q", archive, "-d", dir })
            : ("tar", ["-xzf", archive, "-C", dir]);
        var result = Processes.Run(tool, args, dir, Processes.HostEnvironment());
        Assert.True(result.Exit == 0, $"{tool} failed: {result.Err}");
        // One top folder named like the archive, so that unpacking never scatters files.
        var top = Assert.Single(Directory.GetFileSystemEntries(dir));
        Assert.Equal($"nianbao-{Version}-{rid}", Path.GetFileName(top));
        return top;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nianbao.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Nianbao.slnx) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}

/// <summary>Temporary folders of this test run, removed when it ends.</summary>
public static class Scratch
{
    private static readonly string Base = Directory.CreateTempSubdirectory("nianbao-release-tests-").FullName;

    static Scratch() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try { Directory.Delete(Base, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    };

    public static string Folder(string name)
    {
        var dir = Path.Combine(Base, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
