using Nianbao.Tools;
using Nianbao.Reading;

namespace Nianbao.Tests.Support;

/// <summary>A DOCX converted by the real LibreOffice (a separate profile per call, so parallel runs do not share state).</summary>
public static class LibreOffice
{
    /// <param name="to">The target LibreOffice names: <c>pdf</c>, <c>doc</c>…</param>
    public static byte[] Convert(byte[] docx, string to)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-lo-").FullName;
        try
        {
            var path = Path.Combine(dir, "report.docx");
            File.WriteAllBytes(path, docx);
            var convert = ExternalTool.Run(["soffice", "libreoffice"], "libreoffice-writer-nogui",
                ["--headless", $"-env:UserInstallation={new Uri(Path.Combine(dir, "profile")).AbsoluteUri}", "--convert-to", to, "--outdir", dir, path],
                TimeSpan.FromMinutes(3));
            var output = Path.Combine(dir, "report." + to);
            Assert.True(File.Exists(output), convert.StdErr + convert.StdOut);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
