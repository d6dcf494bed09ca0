using System.Text;
using Nianbao.Pipeline;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>Bad input gets a clear error (or findings) for that file, never an exception or a hang.</summary>
public class BadInputTests
{
    private static ParsedFile Bytes(byte[] bytes) => ReportPipeline.ParseBytes(bytes, "bad");

    [Fact]
    public void Empty_file_is_an_empty_error()
    {
        var f = Bytes([]);
        Assert.Equal("empty", f.Error?.Code);
        Assert.Equal("文件为空，没有可读取的内容", f.Error?.Message);
        Assert.Equal("empty", Bytes(Encoding.UTF8.GetBytes(" \r\n\t\n")).Error?.Code);
    }

    [Fact]
    public void Binary_junk_is_refused_as_binary()
    {
        var junk = new byte[4096];
        new Random(5).NextBytes(junk);
        junk[0] = 0x13;
        var f = Bytes(junk);
        Assert.Equal("binary", f.Error?.Code);
        Assert.Null(f.Report);
    }

    [Fact]
    public void Junk_named_pdf_is_judged_by_content_and_a_real_pdf_header_is_named()
    {
        Assert.Equal("binary", ReportPipeline.ParseBytes([0x00, 0x01, 0x02, 0xFF, 0x00], "report.pdf").Error?.Code);
        var pdf = ReportPipeline.ParseBytes(Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "x.txt");
        Assert.Equal("pdf", pdf.Format);
        Assert.Equal("corrupt", pdf.Error?.Code);
        Assert.StartsWith("PDF 文件损坏或加密，无法读取（", pdf.Error?.Message);
    }

    [Fact]
    public void A_text_that_is_not_a_report_says_so()
    {
        var f = Parse.Text("今天天气很好，我们去公园散步。\n公园里有很多人在跑步。\n");
        Assert.Equal("not_a_report", f.Error?.Code);
    }

    [Fact]
    public void A_truncated_report_gives_findings_and_nulls_not_a_crash()
    {
        var full = File.ReadAllText(Parse.SamplePath("001_adb888ebb0553f89.txt"));
        var cut = full[..full.IndexOf("（四）无法提供", StringComparison.Ordinal)];
        var r = Parse.Text(cut).Report();
        Assert.Equal("鹤岗市营商环境建设监督局", r.Agency);
        Assert.Equal(0m, r.Value("t3.granted.total"));
        Assert.Null(r.Value("t3.total.total"));
        Assert.Null(r.Value("t4.reconsideration.total"));
        Assert.Contains(r.Findings, f => f.Rule == "READ.ROW" && f.Message == "未能在表三中找到“（七）总计”行（可能是标签换行、错字或排版造成），该行数值无法读取，请核对原件");
        Assert.Contains(r.Findings, f => f.Rule == "DOC.H6" && f.Message == "缺少第四部分“政府信息公开行政复议、行政诉讼情况”");
    }

    [Fact]
    public void A_50_MB_file_is_refused_as_too_large()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nianbao-big-{Guid.NewGuid():N}.txt");
        try
        {
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                var line = string.Concat(Enumerable.Repeat("二、主动公开政府信息情况 0 0 0 ", 40)) + "\n";
                while (w.BaseStream.Length < 50L * 1024 * 1024) w.Write(line);
            }
            var f = ReportPipeline.ParseFile(path);
            Assert.Equal("too_large", f.Error?.Code);
            Assert.StartsWith("文件过大", f.Error?.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_hostile_run_of_digits_is_bounded_and_gives_null_with_a_finding()
    {
        var digits = string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('1' + i % 9)));
        var text = File.ReadAllText(Parse.SamplePath("000_a6a03718d422221a.txt"))
            .Replace("（一）予以公开 0 0 0 0 0 0 0", "（一）予以公开" + digits, StringComparison.Ordinal);
        var r = Parse.Text(text).Report();
        Assert.Null(r.Value("t3.granted.natural_person"));
        Assert.Contains(r.Findings, f => f.Rule == "READ.NULL" && f.Cells.Contains("t3.granted.natural_person"));
        Assert.Equal(0m, r.Value("t3.partially_granted.total"));
    }

    [Fact]
    public void A_missing_file_is_an_io_error()
    {
        var f = ReportPipeline.ParseFile("/nonexistent/报告.txt");
        Assert.Equal("io", f.Error?.Code);
    }
}
