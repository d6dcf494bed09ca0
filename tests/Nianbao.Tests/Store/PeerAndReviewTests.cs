using System.Globalization;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Export.Review;
using Nianbao.Fixtures;
using Nianbao.Storage;
using Nianbao.Summary;
using Nianbao.Template;
using Nianbao.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Nianbao.Tests.Store;

/// <summary>
/// A fixture region of three real reports of 2023 (平潭综合实验区, 沭阳县发展和改革局, 洪泽区人民政府; numbers in
/// RealForms/truth) and one generated report with no applications, plus an agency with no report: metrics stored,
/// peer quartiles worked out by hand, and the review report read back against the store.
/// </summary>
public class PeerAndReviewTests
{
    private static string Raw(string name) => Path.Combine(AppContext.BaseDirectory, "RealForms", "raw", name);

    private static ReportStore Region(string backend)
    {
        var store = TestStores.Open(backend);
        var dir = StoreTestData.NewFolder();
        var empty = ReportGenerator.Generate(4, Edition.E2021) with { Agency = "示范区统计局", Year = 2023, Published = new DateOnly(2024, 2, 5) };
        empty = empty with { Cells = empty.Cells.ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("t3.", StringComparison.Ordinal) ? 0m : kv.Value) };
        var files = StoreTestData.Write(dir, [empty]);
        files.AddRange([Raw("pingtan-2023.collapsed.txt"), Raw("shuyang-fgj-2023.docx"), Raw("hongze-2023.wps.pdf")]);
        new IngestRunner(store).Run(files);
        store.Import([
            new RegionMapping("平潭综合实验区", "示范区", "测试省"),
            new RegionMapping("沭阳县发展和改革局", "示范区", "测试省"),
            new RegionMapping("洪泽区人民政府", "示范区", "测试省"),
            new RegionMapping("示范区统计局", "示范区", "测试省"),
            new RegionMapping("示范区审计局", "示范区", "测试省"),
        ]);
        return store;
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Metrics_are_stored_with_each_version_and_filled_in_for_old_versions(string backend)
    {
        var store = TestStores.Open(backend);
        new IngestRunner(store).Run([Raw("pingtan-2023.collapsed.txt"), Raw("shuyang-fgj-2023.docx")]);
        var pingtan = store.Find("平潭综合实验区", 2023)!;
        var shuyang = store.Find("沭阳县发展和改革局", 2023)!;
        var m = store.Metrics(pingtan.Listing.VersionId).ToDictionary(x => x.Key);
        Assert.Equal(51.85m, m["disclosure_rate"].Value);   // (22 + 20) / 81
        Assert.Equal(81m, m["new_applications"].Value);
        var s = store.Metrics(shuyang.Listing.VersionId).ToDictionary(x => x.Key);
        Assert.Null(s["reconsideration_correction_rate"].Value); // 尚未审结 1, nothing concluded
        Assert.Equal(MetricCalculator.ZeroDenominator, s["reconsideration_correction_rate"].Reason);
        Assert.Equal(100m, s["disclosure_rate"].Value);

        // A version stored before the metric table (rows gone) is filled in when the store is opened again.
        using (var c = store.Connect()) c.Execute("DELETE FROM version_metrics WHERE version_id = @v", new { v = pingtan.Listing.VersionId });
        Assert.Equal("未计算", store.Metrics(pingtan.Listing.VersionId)[0].Reason);
        var reopened = ReportStore.Open(store.Location);
        Assert.Equal(51.85m, reopened.Metrics(pingtan.Listing.VersionId).Single(x => x.Key == "disclosure_rate").Value);
        Assert.Equal(2 * MetricCatalog.Default.Metrics.Count, StoreTestData.Count(store, "SELECT COUNT(*) FROM version_metrics"));
    }

    [Fact]
    public void Quartiles_and_ranks_equal_the_hand_computation()
    {
        var store = Region("sqlite");
        var peers = store.Compare("示范区", 2023);
        var apps = peers.Metrics.Single(x => x.Metric.Key == "new_applications");
        // 新收: 0 (统计局), 21 (洪泽), 26 (沭阳), 81 (平潭). PERCENTILE.INC: h = 3p.
        Assert.Equal(4, apps.Count);
        Assert.Equal(15.75m, apps.P25);  // 0 + 0.75 × 21
        Assert.Equal(23.5m, apps.P50);   // 21 + 0.5 × 5
        Assert.Equal(39.75m, apps.P75);  // 26 + 0.25 × 55
        Assert.Equal(66.7m, apps.Values.Single(v => v.Agency == "沭阳县发展和改革局").Rank); // 2 of 3 others below

        var rate = peers.Metrics.Single(x => x.Metric.Key == "disclosure_rate");
        // 19.05 (洪泽 4/21), 51.85 (平潭 42/81), 100 (沭阳 26/26); 统计局 has nothing concluded: 不适用, left out.
        Assert.Equal(3, rate.Count);
        Assert.Equal(35.45m, rate.P25);
        Assert.Equal(51.85m, rate.P50);
        Assert.Equal(75.925m, rate.P75);
        var none = rate.Values.Single(v => v.Agency == "示范区统计局");
        Assert.Null(none.Value);
        Assert.Equal(MetricCalculator.ZeroDenominator, none.Reason);
        Assert.Null(none.Rank);

        // Same kind only: the two 局 (沭阳县发展和改革局 and 示范区统计局).
        var bureaus = store.Compare("示范区", 2023, kind: "局", metric: "new_applications").Metrics.Single();
        Assert.Equal(["沭阳县发展和改革局", "示范区统计局"], bureaus.Values.Select(v => v.Agency).Order().ToList());
        Assert.Equal(13m, bureaus.P50);
    }

    [Fact]
    public void A_kind_imported_with_the_region_overrides_the_name()
    {
        var store = Region("sqlite");
        store.Import([new RegionMapping("平潭综合实验区", "示范区", "测试省", "人民政府")]);
        var group = store.Compare("示范区", 2023, kind: "人民政府", metric: "concluded").Metrics.Single();
        Assert.Equal(["平潭综合实验区", "洪泽区人民政府"], group.Values.Select(v => v.Agency).Order().ToList());
        Assert.Equal("局", AgencyKinds.Infer("沭阳县发展和改革局"));
        Assert.Equal("委员会", AgencyKinds.Infer("上海市科学技术委员会（市科委）"));
        Assert.Equal("乡镇", AgencyKinds.Infer("长子县丹朱镇人民政府"));
        Assert.Equal("街道", AgencyKinds.Infer("某区某某街道办事处"));
    }

    [Fact]
    public void Review_report_docx_and_xlsx_read_back_equal_the_store()
    {
        var store = Region("sqlite");
        var data = store.Review("示范区", 2023);
        Assert.Equal(5, data.Expected);
        Assert.Equal(4, data.Received);
        Assert.Equal(["示范区审计局"], data.Agencies.Where(a => a.ReportId is null).Select(a => a.Agency).ToList());
        // 平潭综合实验区 is not a 人民政府 by name: a department's deadline (1月31日), and its report is dated 2024-03-08.
        var pingtan = data.Agencies.Single(a => a.Agency == "平潭综合实验区");
        Assert.Equal(("2024-03-08", "2024-01-31", ReviewData.Late), (pingtan.Published, pingtan.Deadline, pingtan.Timeliness));
        var hongze = data.Agencies.Single(a => a.Agency == "洪泽区人民政府");
        Assert.Equal("2024-03-31", hongze.Deadline);

        // XLSX: every sheet read back with OpenXml; the quartiles and each agency's findings equal the store.
        var xlsx = ReviewRenderers.Xlsx(data);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var sheets = ReadSheets(book);
            var coverage = sheets["报送情况"];
            Assert.Equal(6, coverage.Count);
            Assert.Contains(coverage, r => r[0] == "示范区审计局" && r[5] == ReviewData.NotReceived);
            Assert.Contains(coverage, r => r[0] == "平潭综合实验区" && r[5] == ReviewData.Late && r[4] == "2024-01-31");
            var quart = sheets["指标分位数"].Single(r => r[0] == "新收申请数");
            Assert.Equal(["4", "15.75", "23.5", "39.75"], quart[2..6]);
            var peers = store.Compare("示范区", 2023);
            var perAgency = sheets["各机关指标"];
            foreach (var m in peers.Metrics)
                foreach (var v in m.Values)
                {
                    var row = perAgency.Single(r => r[0] == v.Agency && r[1] == m.Metric.Name);
                    if (v.Value is { } value) Assert.Equal(value, decimal.Parse(row[3], CultureInfo.InvariantCulture));
                    else Assert.StartsWith(v.Reason == MetricCalculator.ZeroDenominator ? "不适用" : "无法计算", row[3]);
                }
            var findings = sheets["问题"];
            foreach (var a in data.Agencies.Where(a => a.ReportId is not null))
            {
                var stored = store.Get(a.ReportId!.Value)!;
                var open = ReviewData.OpenFindings(stored);
                Assert.Equal(open.Count, findings.Count(r => r[0] == a.Agency));
                foreach (var f in open)
                    Assert.Contains(findings, r => r[0] == a.Agency && r[1] == f.Finding.Rule && r[3] == f.Finding.Message
                                                   && r[6] == ReviewStatuses.Chinese(f.Status));
            }
            // A finding on a cell names where it was read.
            Assert.Contains(findings, r => r[4].Length > 0 && r[5].Length > 0);
            var evidence = sheets["证据"];
            Assert.Equal(4, evidence.Count - 1);
            foreach (var row in evidence.Skip(1)) Assert.Equal(64, row[4].Length);
        }

        // DOCX: the same tables, read back with OpenXml.
        var docx = ReviewRenderers.Docx(data);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            Assert.Contains("示范区2023年度政府信息公开工作年度报告审查情况", body.InnerText);
            Assert.Contains("应报送机关5个，已报送4个，未报送1个，逾期", body.InnerText);
            var tables = body.Elements<W.Table>().Select(t => t.Elements<W.TableRow>()
                .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList()).ToList();
            var quart = tables.Single(t => t[0].SequenceEqual(["指标", "单位", "有值机关数", "P25", "P50", "P75", "最小", "最大"]));
            Assert.Equal(["3", "35.45", "51.85", "75.93"], quart.Single(r => r[0] == "公开率")[2..6]);
            Assert.True(word.MainDocumentPart.ImageParts.Count() >= 2, "charts are embedded as pictures");
        }

        var html = ReviewRenderers.Html(data);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Metrics_exported_as_csv_xlsx_and_json_read_back_to_the_stored_values()
    {
        var store = Region("sqlite");
        var reports = store.Stream(new ReportFilter(Year: 2023)).ToList();
        Assert.All(reports, r => Assert.Equal(MetricCatalog.Default.Metrics.Count, r.Metrics.Count));

        using var csv = new MemoryStream();
        Nianbao.Export.CsvExport.WriteMetrics(reports, csv);
        csv.Position = 0;
        var rows = 0;
        using (var reader = CsvHelper.CsvReader.Create(csv, null, leaveOpen: true))
            while (reader.Read())
            {
                rows++;
                var r = reports.Single(x => x.Listing.Id == long.Parse(reader.GetString("report_id"), CultureInfo.InvariantCulture));
                var m = r.Metrics.Single(x => x.Key == reader.GetString("metric"));
                var text = reader.GetString("value");
                Assert.Equal(m.Value, text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture));
                Assert.Equal(m.Reason ?? "", reader.GetString("reason"));
            }
        Assert.Equal(reports.Count * MetricCatalog.Default.Metrics.Count, rows);

        using var xlsx = new MemoryStream();
        Nianbao.Export.XlsxExport.Write(reports, xlsx);
        xlsx.Position = 0;
        using (var book = SpreadsheetDocument.Open(xlsx, false))
        {
            var sheet = ReadSheets(book)["指标"];
            Assert.Equal(reports.Count + 1, sheet.Count);
            var column = Array.IndexOf(sheet[0], "公开率（%）");
            foreach (var r in reports)
            {
                var row = sheet.Single(x => x[0] == r.Listing.Id.ToString(CultureInfo.InvariantCulture));
                var m = r.Metrics.Single(x => x.Key == "disclosure_rate");
                Assert.Equal(m.Value?.ToString(CultureInfo.InvariantCulture) ?? MetricValue.Missing(m.Reason), row[column]);
            }
        }

        using var json = new MemoryStream();
        Nianbao.Export.JsonExport.Write(reports, json);
        var lines = System.Text.Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var o = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var r = reports.Single(x => x.Listing.Id == o.GetProperty("id").GetInt64());
            foreach (var m in r.Metrics)
            {
                var e = o.GetProperty("metrics").GetProperty(m.Key);
                Assert.Equal(m.Value, e.GetProperty("value").ValueKind == System.Text.Json.JsonValueKind.Null ? null : e.GetProperty("value").GetDecimal());
            }
        }
    }

    private static Dictionary<string, List<string[]>> ReadSheets(SpreadsheetDocument book)
    {
        var result = new Dictionary<string, List<string[]>>();
        var wb = book.WorkbookPart!;
        foreach (var sheet in wb.Workbook!.Sheets!.Elements<S.Sheet>())
        {
            var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
            result[sheet.Name!] = part.Worksheet!.Descendants<S.Row>()
                .Select(r => r.Elements<S.Cell>().Select(c => c.DataType?.Value == S.CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToArray())
                .ToList();
        }
        return result;
    }
}
