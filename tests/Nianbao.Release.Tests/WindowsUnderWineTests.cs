namespace Nianbao.Release.Tests;

/// <summary>The win-x64 archive's nianbao.exe under Wine (Debian's wine64), with nothing installed in the prefix.</summary>
public class WindowsUnderWineTests
{
    private static string Exe => Path.Combine(Release.Unpack("win-x64"), "nianbao.exe");

    /// <summary>
    /// Same input, same JSON: byte for byte equal to the Linux build's, once the one field that carries a path
    /// (<c>source</c>, "年报 样本\\x.txt" on Windows, "年报 样本/x.txt" on Linux) is mapped; lines may end in CRLF there.
    /// </summary>
    [Fact]
    public void Parses_the_samples_and_a_real_pdf_exactly_as_the_linux_build()
    {
        var windows = Parses.Run(Emulators.Wine64, [Exe], Emulators.WineEnvironment());
        Reports.AssertTruth(windows.Out);
        var linux = Reports.Lines(Parses.Linux.Out);
        var mapped = Reports.Lines(windows.Out)
            .Select(l => l.Replace($"\"source\":\"{Reports.Folder}\\\\", $"\"source\":\"{Reports.Folder}/")).ToList();
        Assert.Equal(linux.Count, mapped.Count);
        for (var i = 0; i < linux.Count; i++)
            Assert.True(linux[i] == mapped[i], $"line {i + 1} differs from the Linux build's at character {Differ(linux[i], mapped[i])}");
    }

    [Fact]
    public void Prints_its_version()
    {
        var r = Processes.Run(Emulators.Wine64, [Exe, "--version"], Scratch.Folder("cwd"), Emulators.WineEnvironment());
        Assert.True(r.Exit == 0, r.Err);
        Assert.StartsWith(Release.Version, r.Text.Trim());
    }

    private static int Differ(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }
}
