using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;
using Nianbao.Rendering;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>Legacy Word/WPS files (.doc, OLE2) are converted by LibreOffice and read as DOCX.</summary>
public class LegacyDocTests
{
    /// <summary>The DOCX rendering saved as Word 97–2003 by LibreOffice.</summary>
    private static byte[] Doc(byte[] docx) => LibreOffice.Convert(docx, "doc");

    [Theory]
    [InlineData(Edition.E2019)]
    [InlineData(Edition.E2021)]
    public void A_doc_saved_by_libreoffice_reads_back_exactly(Edition edition)
    {
        var generated = ReportGenerator.Generate(23 + (int)edition, edition, sparse: 0.5, blankRate: 0.2);
        var doc = Doc(DocxRenderer.Render(generated.ToReport()));
        Assert.Equal(FileFormat.Doc, FormatSniffer.Sniff(doc));
        var file = ReportPipeline.ParseBytes(doc, "report.doc");
        Assert.Equal(("doc", LegacyDocReader.MethodName), (file.Format, file.Layout?.Method));
        var back = file.Report();
        Assert.Equal((generated.Agency, (int?)generated.Year, (Edition?)edition, (DateOnly?)generated.Published),
            (back.Agency, back.Year, back.Edition, back.Published));
        foreach (var (key, value) in generated.Cells)
            Assert.True(back.Value(key) == value, $"{key} = {back.Value(key)}, rendered {value}");
        Assert.DoesNotContain(back.Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Without_libreoffice_a_doc_gets_a_clear_error_naming_the_package()
    {
        var reader = new LegacyDocReader(["/nonexistent/nianbao-soffice"]);
        var result = reader.Read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        Assert.Null(result.Document);
        Assert.Equal((FileFormat.Doc, "tool"), (result.Format, result.Error?.Code));
        Assert.Equal("未安装 /nonexistent/nianbao-soffice（Debian / 统信 UOS / 麒麟 Kylin：sudo apt-get install libreoffice-writer-nogui；Windows：https://www.libreoffice.org/download/ 的 LibreOffice；已安装在别处时用环境变量 NIANBAO_SOFFICE 指定程序的完整路径）", result.Error?.Message);
    }

    [Fact]
    public void An_ole2_file_libreoffice_cannot_convert_is_refused_clearly()
    {
        var junk = new byte[4096];
        new Random(3).NextBytes(junk);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(junk, 0);
        var file = ReportPipeline.ParseBytes(junk, "broken.doc");
        Assert.Equal("doc", file.Format);
        // LibreOffice either refuses it or imports the bytes as text, which is then not a report.
        Assert.Null(file.Report);
        Assert.Contains(file.Error?.Code, new[] { "corrupt", "not_a_report" });
    }
}
