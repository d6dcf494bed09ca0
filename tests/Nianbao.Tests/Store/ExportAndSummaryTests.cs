using Nianbao.Summary;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Nianbao.Export;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>Exports read back with real readers equal the store; summaries add up and name who is missing.</summary>
public class ExportAndSummaryTests
{
    private static ReportStore Filled(string backend, out List<StoredReport> reports)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        new IngestRunner(store).Run(StoreTestData.Write(dir, StoreTestData.Many(24, seed: 3)));
        new IngestRunner(store).Run(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples")).Order().ToList());
        reports = store.Stream(new ReportFilter()).ToList();
        Assert.Equal(29, reports.Count);
        return store;
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Csv_xlsx_and_json_exports_read_back_to_the_stored_values(string backend)
    {
        Filled(backend, out var reports);
        var byId = reports.ToDictionary(r => r.Listing.Id);

        using var csv = new MemoryStream();
        CsvExport.WriteCells(reports, csv);
        Assert.Equal(CsvExport.Utf8WithBom.GetPreamble(), csv.ToArray()[..3]);
        csv.Position = 0;
        var rows = 0;
        using (var reader = CsvReader.Create(csv, null, leaveOpen: true))
        {
            while (reader.Read())
            {
                rows++;
                var report = byId[long.Parse(reader.GetString("report_id"), CultureInfo.InvariantCulture)];
                var cell = report.Report.Cells[reader.GetString("key")];
                var text = reader.GetString("value");
                Assert.Equal(cell.Value, text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture));
                Assert.Equal(report.Listing.Agency, reader.GetString("agency"));
                Assert.False(string.IsNullOrEmpty(reader.GetString("row")));
            }
        }
        Assert.Equal(reports.Sum(r => r.Report.Cells.Count), rows);

        using var xlsx = new MemoryStream();
        XlsxExport.Write(reports, xlsx);
        xlsx.Position = 0;
        using (var book = SpreadsheetDocument.Open(xlsx, false))
        {
            var sheets = book.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s => (WorksheetPart)book.WorkbookPart.GetPartById(s.Id!));
            Assert.Equal(["报告", "表二", "表三", "表四", "问题", "指标"], sheets.Keys);
            var t3 = Rows(sheets["表三"]);
            var keys = t3[2];
            Assert.Equal(ExportColumns.OfTable(3).Select(c => c.Key), keys.Skip(5));
            Assert.Equal("一、本年新收政府信息公开申请数量", t3[0][5]);
            foreach (var row in t3.Skip(3))
            {
                var report = byId[long.Parse(row[0], CultureInfo.InvariantCulture)];
                for (var i = 5; i < keys.Count; i++)
                {
                    var expected = !report.Report.Cells.TryGetValue(keys[i], out var cell) ? ""
                        : cell.Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : XlsxExport.Unreadable;
                    Assert.Equal(expected, row[i]);
                }
            }
            Assert.Equal(reports.Count, t3.Count - 3);
            Assert.Equal(reports.Sum(r => r.Report.Findings.Count + r.CrossYearFindings.Count), Rows(sheets["问题"]).Count - 1);
        }

        using var json = new MemoryStream();
        JsonExport.Write(reports, json);
        var lines = System.Text.Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(reports.Count, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var report = byId[doc.RootElement.GetProperty("id").GetInt64()];
            foreach (var p in doc.RootElement.GetProperty("cells").EnumerateObject())
                Assert.Equal(report.Report.Value(p.Name), p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetDecimal());
            Assert.Equal(report.Listing.Year, doc.RootElement.GetProperty("year").GetInt32());
        }
    }

    /// <summary>Each row's cell texts, with cells placed by position (inline strings and numbers).</summary>
    private static List<List<string>> Rows(WorksheetPart part) =>
        part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_region_summary_adds_every_cell_keeps_the_arithmetic_and_compares_a_published_summary(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        var offices = new[] { "科学技术局", "交通运输局", "市场监督管理局", "自然资源和规划局" };
        var reports = offices.Select((o, i) => ReportGenerator.Generate(40 + i, Edition.E2021, sparse: 0.4) with
        {
            Agency = "鹤岗市" + o, Year = 2023, Published = new DateOnly(2024, 1, 25),
        }).ToList();
        // One agency of the region only reported the year before: it is missing from 2023.
        var onlyBefore = ReportGenerator.Generate(50, Edition.E2021) with { Agency = "鹤岗市退役军人事务局", Year = 2022, Published = new DateOnly(2023, 1, 25) };
        var elsewhere = ReportGenerator.Generate(51, Edition.E2021) with { Agency = "绥棱县财政局", Year = 2023, Published = new DateOnly(2024, 1, 25) };
        new IngestRunner(store).Run(StoreTestData.Write(dir, [.. reports, onlyBefore, elsewhere]));

        var summary = store.Compute("鹤岗市", 2023);
        Assert.Equal(offices.Select(o => "鹤岗市" + o).Order(), summary.Included.Select(m => m.Agency).Order());
        Assert.Equal(["鹤岗市退役军人事务局"], summary.Missing.Select(m => m.Agency));
        foreach (var def in TemplateCatalog.Default[Edition.E2021].Cells)
            Assert.Equal(reports.Sum(r => r.Cells[def.Key]), summary.Report.Value(def.Key));
        Assert.DoesNotContain(summary.Report.Findings, f => f.Severity == Severity.Error);
        Assert.Contains(summary.Report.Findings, f => f.Rule == "SUM.MISSING" && f.Message.Contains("鹤岗市退役军人事务局", StringComparison.Ordinal));
        Assert.Equal("鹤岗市2023年政府信息公开工作年度报告（汇总）", summary.Report.Title);

        // A published summary with one wrong cell: exactly that cell is named.
        var published = new Dictionary<string, decimal>(summary.Report.Cells.ToDictionary(kv => kv.Key, kv => kv.Value.Value!.Value));
        published["t3.granted.natural_person"] += 7;
        var text = Layouts.Render(reports[0] with { Agency = "鹤岗市人民政府办公室", Cells = published }, Layout.TabGrid, 1);
        var w12 = RegionSummary.Compare(summary, Parse.Text(text).Report());
        var f = Assert.Single(w12);
        Assert.Equal(("X.W12", "t3.granted.natural_person"), (f.Rule, f.Cells.Single()));
        Assert.Equal((summary.Report.Value("t3.granted.natural_person")!.Value + 7).ToString(CultureInfo.InvariantCulture), f.Actual);

        // Rendered as a report of its own: the same cells read back, charts of the real numbers, the scope appended.
        var trend = store.Trend("鹤岗市", "t3.new_received.total");
        Assert.Equal([(2022, (decimal?)onlyBefore.Cells["t3.new_received.total"]), (2023, summary.Report.Value("t3.new_received.total"))], trend);
        var doc = SummaryDocument.Of(summary.Report, summary.Included.Select(m => m.Agency).ToList(), summary.Missing.Select(m => m.Agency).ToList(), [], trend);
        var html = HtmlRenderer.Render(doc);
        var back = Parse.Text(html, "summary.html").Report();
        foreach (var def in TemplateCatalog.Default[Edition.E2021].Cells) Assert.Equal(summary.Report.Value(def.Key), back.Value(def.Key));
        Assert.Contains("未报送本年度报告的机关（1个）：鹤岗市退役军人事务局", html);
        Assert.Equal(3, doc.Figures.Count);
        Assert.Contains($">2023年</text><rect", doc.Figures[2].Svg);
        Assert.Contains($">{summary.Report.Value("t3.new_received.total")}</text>", doc.Figures[2].Svg);
        var applicants = doc.Figures[1].Svg;
        Assert.Contains($">自然人</text><rect", applicants);
        Assert.Contains($">{summary.Report.Value("t3.new_received.natural_person")}</text>", applicants);
        Assert.Contains(">（二）部分公开</text>", doc.Figures[0].Svg);
        // In Word the charts are pictures (PNG through rsvg-convert), sized to fit the page, and the cells still read back.
        var docx = DocxRenderer.Render(doc);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var images = word.MainDocumentPart!.ImageParts.ToList();
            Assert.Equal(3, images.Count);
            foreach (var image in images)
            {
                using var s = image.GetStream();
                var png = new byte[24];
                s.ReadExactly(png);
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
                Assert.True(ChartImages.Size(png).Width >= 600, $"{ChartImages.Size(png)}");
            }
            var extents = word.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent>().ToList();
            Assert.Equal(3, extents.Count);
            Assert.All(extents, e => Assert.InRange(e.Cx!.Value, 1_000_000, 5_580_000));
        }
        var fromWord = ReportPipeline.ParseBytes(docx, "summary.docx").Report();
        foreach (var def in TemplateCatalog.Default[Edition.E2021].Cells) Assert.Equal(summary.Report.Value(def.Key), fromWord.Value(def.Key));

        Assert.Throws<StoreException>(() => store.Compute("不存在的地区", 2023));
        Assert.Contains("没有2019年的报告", Assert.Throws<StoreException>(() => store.Compute("鹤岗市", 2019)).Message);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Amounts_printed_in_different_units_are_not_added(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        const string key = "t2.art20_9.procurement.amount";
        void Write(string agency, decimal amount, string printed)
        {
            var r = ReportGenerator.Generate(agency.Length, Edition.E2019) with { Agency = agency, Year = 2020, Published = new DateOnly(2021, 1, 20) };
            r = r with { Cells = new Dictionary<string, decimal>(r.Cells) { [key] = amount } };
            var text = Layouts.Render(r, Layout.TabGrid, 1);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, $@"(?<![\d.]){System.Text.RegularExpressions.Regex.Escape(GeneratedReport.Print(amount))}(?![\d.])"));
            File.WriteAllText(Path.Combine(dir, agency + ".txt"), text.Replace(GeneratedReport.Print(amount), printed, StringComparison.Ordinal));
        }
        Write("鹤岗市财政局", 987654.32m, "987654.32元");
        Write("鹤岗市教育局", 13.75m, "13.75万元");
        Write("绥棱县财政局", 1200m, "1200元");
        Write("绥棱县教育局", 300.5m, "300.5元");
        new IngestRunner(store).Run(Directory.GetFiles(dir).Order().ToList());
        Assert.Equal("万元", store.Find("鹤岗市教育局", 2020)!.Report.Cells[key].Unit);

        var mixed = store.Compute("鹤岗市", 2020);
        Assert.Null(mixed.Report.Value(key));
        var f = Assert.Single(mixed.Report.Findings, x => x.Rule == "SUM.UNIT");
        Assert.Equal([key], f.Cells);
        Assert.Contains("元：鹤岗市财政局", f.Message);
        Assert.Contains("万元：鹤岗市教育局", f.Message);

        var same = store.Compute("绥棱县", 2020);
        Assert.Equal(1500.5m, same.Report.Value(key));
        Assert.Equal("元", same.Report.Cells[key].Unit);
        Assert.DoesNotContain(same.Report.Findings, x => x.Rule == "SUM.UNIT");
    }
}
