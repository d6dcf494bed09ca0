using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>
/// File names as people read them (issue 13 item 16): real files whose names hold a newline, a tab, an escape and
/// U+202E go through the real program; every human output shows them escaped, never raw.
/// </summary>
public class ShownNameTests
{
    private const string Rlo = "\u202E";

    private static readonly string[] Names = ["a\nb伪造行.txt", $"x{Rlo}txt.exe", "tab\there\u001b[31m.txt"];

    private static void AssertEscaped(string output)
    {
        Assert.Contains("a\\nb伪造行.txt", output, StringComparison.Ordinal);
        Assert.Contains("x<U+202E>txt.exe", output, StringComparison.Ordinal);
        Assert.Contains("tab\\there<U+001B>[31m.txt", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Rlo, output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[31m.txt", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\nb伪造行", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ingest_list_and_show_print_control_and_bidi_characters_in_names_escaped()
    {
        if (OperatingSystem.IsWindows()) return; // such names cannot exist there
        var dir = Directory.CreateTempSubdirectory("nianbao-names-").FullName;
        try
        {
            // The first a readable report, the others unreadable (each output path: verdict line, error line).
            File.Copy(Parse.SamplePath("000_a6a03718d422221a.txt"), Path.Combine(dir, Names[0]));
            File.WriteAllBytes(Path.Combine(dir, Names[1]), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
            File.WriteAllText(Path.Combine(dir, Names[2]), "");
            var check = NianbaoProcess.Run("check", dir);
            AssertEscaped(check.Out);

            var db = Path.Combine(dir, "store.db");
            var ingest = NianbaoProcess.Run("ingest", "--db", db, dir);
            Assert.Contains("x<U+202E>txt.exe", ingest.Out, StringComparison.Ordinal);
            Assert.Contains("tab\\there<U+001B>[31m.txt", ingest.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(Rlo, ingest.Out, StringComparison.Ordinal);
            var failed = NianbaoProcess.Run("list", "--db", db, "--failed");
            Assert.Contains("x<U+202E>txt.exe", failed.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(Rlo, failed.Out, StringComparison.Ordinal);
            var show = NianbaoProcess.Run("show", "--db", db, "1");
            Assert.Contains("a\\nb伪造行.txt", show.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("\nb伪造行", show.Out, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
