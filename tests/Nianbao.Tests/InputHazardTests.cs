using System.Text;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>
/// Classes of real-world damage and packaging (issue 11 items 1, 7, 10, 12): HTML fragments as a CMS stores them,
/// damaged UTF-8, full-width and broken titles, reports in the pre-2019 format. Each class is tried on inputs the
/// test makes (other agencies, other numbers), besides the real files of RealForms.
/// </summary>
public class InputHazardTests
{
    /// <summary>The article body of a generated CMS page, as a CMS stores it: no html, head or body.</summary>
    private static string Fragment(GeneratedReport r, int seed)
    {
        var page = PublishedFormats.Html(r, seed);
        int from = page.IndexOf("<h1", StringComparison.Ordinal), to = page.IndexOf("<div class=\"footer\">", StringComparison.Ordinal);
        return page[from..to];
    }

    private static void AssertExact(GeneratedReport truth, AnnualReport r, string where)
    {
        foreach (var (key, expected) in truth.Cells)
            Assert.True(expected == r.Value(key), $"{where} {key}: {r.Value(key)} ≠ {expected}");
    }

    [Theory]
    [InlineData("", 11)]
    [InlineData("<!-- 正文开始 -->\n  ", 12)]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", 13)]
    public void A_cms_fragment_is_read_as_html_and_no_number_comes_from_markup(string before, int seed)
    {
        var truth = ReportGenerator.Generate(seed, Edition.E2021, 0.6);
        // Style attributes full of digits, as CMS editors write them.
        var html = before + Fragment(truth, seed).Replace("<p style=\"text-indent:2em\">",
            "<p style=\"text-indent: 2em; line-height: 2; padding-top: 20px; font-size: 16px;\">", StringComparison.Ordinal);
        var parsed = ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(html), "fragment.html");
        Assert.Equal("html", parsed.Format);
        var r = parsed.Report();
        Assert.Equal(truth.Agency, r.Agency);
        AssertExact(truth, r, $"seed {seed}");
    }

    [Fact]
    public void Markup_after_a_line_of_text_is_still_read_as_html()
    {
        var truth = ReportGenerator.Generate(21, Edition.E2019, 0.6);
        var text = "来源：某某县人民政府网站\n" + Fragment(truth, 21);
        var parsed = ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(text), "article.txt");
        Assert.Equal("html", parsed.Format);
        AssertExact(truth, parsed.Report(), "seed 21");
    }

    [Theory]
    [InlineData("000_a6a03718d422221a")]
    [InlineData("003_3eb821f3d5e72289")]
    public void One_damaged_byte_in_utf8_is_reported_by_line_and_the_rest_is_read(string sample)
    {
        var bytes = File.ReadAllBytes(Parse.SamplePath(sample + ".txt")).ToList();
        // Cut the first Chinese character from line 3 on in half: its first byte stays, its continuation bytes go.
        int line = 1, at = 0;
        for (; at < bytes.Count && line < 3; at++) if (bytes[at] == (byte)'\n') line++;
        for (; bytes[at] < 0xE0; at++) if (bytes[at] == (byte)'\n') line++;
        bytes.RemoveRange(at + 1, 2);
        var parsed = ReportPipeline.ParseBytes(bytes.ToArray(), "damaged.txt");
        var r = parsed.Report();
        var clean = Parse.Sample(sample + ".txt").Report();
        Assert.Equal(clean.Agency, r.Agency);
        Assert.Equal(clean.Year, r.Year);
        foreach (var (key, cell) in clean.Cells) Assert.Equal(cell.Value, r.Value(key));
        var damaged = Assert.Single(r.Findings, f => f.Rule == "READ.DAMAGED");
        Assert.Equal(line, damaged.Line);
        Assert.Contains($"第{line}行", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_file_cut_in_the_middle_of_its_last_character_is_still_utf8()
    {
        var bytes = File.ReadAllBytes(Parse.SamplePath("004_4ba04a4f04c18fe3.txt"));
        var text = Encoding.UTF8.GetString(bytes).TrimEnd() + "办";
        var cut = Encoding.UTF8.GetBytes(text)[..^1];
        var r = ReportPipeline.ParseBytes(cut, "cut.txt").Report();
        Assert.Equal("绥棱县工业信息科技局", r.Agency);
        Assert.Contains(r.Findings, f => f.Rule == "READ.DAMAGED");
    }

    [Fact]
    public void Gbk_text_is_still_gbk()
    {
        var text = File.ReadAllText(Parse.SamplePath("002_f4cbcc3e5ae112d9.txt"));
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(text);
        var parsed = ReportPipeline.ParseBytes(gbk, "gbk.txt");
        Assert.Equal("长子县中小企业服务中心", parsed.Report().Agency);
        Assert.DoesNotContain(parsed.Report().Findings, f => f.Rule == "READ.DAMAGED");
    }

    [Theory]
    [InlineData("某某市生态环境局\n２０２３ 年政府信息公开工作年度报告", "某某市生态环境局", 2023)]
    [InlineData("某某县市场监督管理局２０２２年度政府信息公开\n工作年度报告", "某某县市场监督管理局", 2022)]
    [InlineData("２０２４ 年某某市科委政府信息公开工作\n年度报告", "某某市科委", 2024)]
    [InlineData("某某经济技术开发区2023年度政府信息公开工作年度报", "某某经济技术开发区", 2023)]
    public void Titles_with_full_width_digits_or_broken_over_lines_keep_their_agency(string title, string agency, int year)
    {
        var body = File.ReadAllText(Parse.SamplePath("000_a6a03718d422221a.txt"));
        // The last title line ends cut ("年度报"); its final character stands on the next line, as pdftotext leaves it.
        var text = title + (title.EndsWith("年度报", StringComparison.Ordinal) ? "\n告\n" : "\n") + body;
        var r = Parse.Text(text).Report();
        Assert.Equal(agency, r.TitleAgency);
        Assert.Equal(year, r.Year);
    }

    [Theory]
    [InlineData(31, Edition.E2019)]
    [InlineData(32, Edition.E2021)]
    public void A_docx_whose_whole_report_sits_in_one_table_cell_is_read_as_the_page(int seed, Edition edition)
    {
        var truth = ReportGenerator.Generate(seed, edition, 0.6);
        var bytes = PublishedFormats.Docx(truth, seed);
        using var ms = new MemoryStream();
        ms.Write(bytes);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(ms, true))
        {
            var body = doc.MainDocumentPart!.Document.Body!;
            var content = body.ChildElements.Where(e => e is not DocumentFormat.OpenXml.Wordprocessing.SectionProperties).ToList();
            foreach (var e in content) e.Remove();
            var cell = new DocumentFormat.OpenXml.Wordprocessing.TableCell(content);
            body.PrependChild(new DocumentFormat.OpenXml.Wordprocessing.Table(new DocumentFormat.OpenXml.Wordprocessing.TableRow(cell)));
        }
        var r = ReportPipeline.ParseBytes(ms.ToArray(), "framed.docx").Report();
        Assert.Equal(truth.Agency, r.Agency);
        Assert.Equal(edition, r.Edition);
        AssertExact(truth, r, $"seed {seed}");
    }

    [Fact]
    public void A_title_agency_that_is_only_the_end_of_the_signature_gives_way_to_the_signature()
    {
        var text = File.ReadAllText(Parse.SamplePath("003_3eb821f3d5e72289.txt"));
        // The title broken after the place name, as OCR or a body line can leave it: 鹤岗市 / 科学技术局2020年….
        var broken = text.Replace("鹤岗市科学技术局\n2020年政府信息公开工作年度报告", "科学技术局2020年政府信息公开工作年度报告", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        var r = Parse.Text(broken).Report();
        Assert.Equal("科学技术局", r.TitleAgency);
        Assert.Equal("鹤岗市科学技术局", r.Agency);
        Assert.Contains(r.Findings, f => f.Rule == "DOC.W13");
    }

    [Fact]
    public void A_report_in_the_pre_2019_format_is_refused_saying_so()
    {
        const string old = """
            某某县人民政府2017年政府信息公开工作年度报告
            本报告根据《中华人民共和国政府信息公开条例》要求编制。
            一、概述
            2017年，我县认真贯彻落实《条例》，全年主动公开政府信息1256条。
            二、主动公开政府信息情况
            全年主动公开政府信息1256条，其中通过政府网站公开1100条。
            三、依申请公开政府信息情况
            全年共受理政府信息公开申请12件，均已按时答复。
            四、政府信息公开的收费及减免情况
            未收取任何费用。
            五、因政府信息公开申请行政复议、提起行政诉讼的情况
            未发生行政复议和行政诉讼。
            六、政府信息公开工作存在的主要问题及改进情况
            公开内容还不够丰富。
            七、其他需要报告的事项
            无。
            附件：政府信息公开情况统计表
            """;
        var parsed = Parse.Text(old);
        Assert.Null(parsed.Report);
        Assert.Equal("old_template", parsed.Error?.Code);
        Assert.Contains("2019年以前格式", parsed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_the_reader_misses_is_a_reading_warning_not_the_agencys_error()
    {
        var text = File.ReadAllText(Parse.SamplePath("003_3eb821f3d5e72289.txt"));
        // The label of one row mangled beyond recognition, as an extractor can leave it.
        var mangled = text.Replace("行政强制", "彳亍正攵弓虽制", StringComparison.Ordinal);
        var r = Parse.Text(mangled).Report();
        Assert.Contains(r.Findings, f => f.Rule == "READ.ROW" && f.Severity == Severity.Warning && f.Message.Contains("行政强制", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Findings, f => f.Rule == "DOC.H6" && f.Message.Contains("行政强制", StringComparison.Ordinal));
    }
}
