using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests.Store;

/// <summary>
/// A report whose agency (or year) the reader could not recognise is stored all the same as 机关待确认, and a
/// reviewer's setting of its agency files it under that agency: audited, merged by the version rules, cross-year rerun.
/// </summary>
public class PendingIdentityTests
{
    /// <summary>A real sample with the lines naming its agency (title and signature) removed.</summary>
    private static string WithoutAgency(string sample, string agency, string dir)
    {
        var lines = File.ReadAllLines(Parse.SamplePath(sample)).Where(l => l.Trim() != agency);
        var path = Path.Combine(dir, "no_agency_" + sample);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_report_without_a_recognisable_agency_is_stored_as_pending_with_what_was_read(string backend)
    {
        var store = TestStores.Open(backend);
        var path = WithoutAgency("003_3eb821f3d5e72289.txt", "鹤岗市科学技术局", StoreTestData.NewFolder());
        var parsed = ReportPipeline.ParseBytes(File.ReadAllBytes(path), path).Report!;
        Assume(parsed.Agency is null);

        var result = Assert.Single(new IngestRunner(store).Run([path]));
        Assert.Equal(IngestOutcome.Unidentified, result.Outcome);
        Assert.Contains("机关待确认", result.Message);
        var stored = store.Get(result.ReportId!.Value)!;
        Assert.True(stored.Listing.AgencyPending);
        Assert.Equal(Identities.PendingAgency, stored.Listing.Agency);
        Assert.Equal(parsed.Year, stored.Listing.Year);
        Assert.Equal(path, stored.Listing.SourcePath);
        // Every cell exactly as the reader gave it: value, status and where it came from.
        Assert.Equal(parsed.Cells.Keys, stored.Report.Cells.Keys);
        Assert.All(parsed.Cells, kv => Assert.Equal(kv.Value, stored.Report.Cells[kv.Key]));
        Assert.Contains(stored.Report.Findings, f => f.Rule == "DOC.E15");
        Assert.NotNull(store.ForVersion(stored.Listing.VersionId));
        Assert.Empty(store.Failures());
        Assert.Equal([stored.Listing.Id], store.List(new ReportFilter(Pending: true)).Select(l => l.Id));
        Assert.Equal([stored.Listing.Id], store.List(new ReportFilter()).Select(l => l.Id));
        // Exports show it as pending too.
        using (var csv = new MemoryStream())
        {
            Nianbao.Export.CsvExport.WriteFindings(store.Stream(new ReportFilter()), csv);
            Assert.Contains(Identities.PendingAgency, System.Text.Encoding.UTF8.GetString(csv.ToArray()));
        }
        // The same bytes again are known, not a second pending report.
        Assert.Equal(IngestOutcome.AlreadyKnown, Assert.Single(new IngestRunner(store).Run([path])).Outcome);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Setting_the_agency_files_the_report_under_it_and_joins_that_years_report_as_a_new_version(string backend)
    {
        var store = TestStores.Open(backend);
        var original = Parse.SamplePath("003_3eb821f3d5e72289.txt");
        var pendingPath = WithoutAgency("003_3eb821f3d5e72289.txt", "鹤岗市科学技术局", StoreTestData.NewFolder());
        new IngestRunner(store).Run([original]);
        var existing = store.Find("鹤岗市科学技术局", 2020)!;
        var pendingId = Assert.Single(new IngestRunner(store).Run([pendingPath])).ReportId!.Value;
        Assert.NotEqual(existing.Listing.Id, pendingId);

        Assert.Throws<StoreException>(() => store.SetIdentity(pendingId, "鹤岗科学技术局", null, " ", "张审核"));
        var after = store.SetIdentity(pendingId, "鹤岗科学技术局", null, "核对原件：落款为鹤岗市科学技术局", "张审核");
        Assert.Equal(existing.Listing.Id, after.Listing.Id);
        Assert.Null(store.Get(pendingId));
        Assert.Equal("鹤岗市科学技术局", after.Listing.Agency);
        Assert.False(after.Listing.AgencyPending);
        Assert.Equal([1, 2], after.Versions.Select(v => v.Number));
        Assert.Equal([pendingPath], after.Versions.Where(v => v.Active).Select(v => v.SourcePath));
        var audit = Assert.Single(after.IdentityCorrections);
        Assert.Equal((Identities.AgencyField, (string?)null, "鹤岗市科学技术局", "张审核", "核对原件：落款为鹤岗市科学技术局"),
            (audit.Field, audit.OldValue, audit.NewValue, audit.CorrectedBy, audit.Reason));
        Assert.Empty(store.List(new ReportFilter(Pending: true)));
        Assert.Single(store.List(new ReportFilter(Agency: "鹤岗市科学技术局")));
        using var json = new MemoryStream();
        Nianbao.Export.JsonExport.Write([after], json);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.Equal("鹤岗市科学技术局", doc.RootElement.GetProperty("storeAgency").GetString());
        Assert.Equal("张审核", doc.RootElement.GetProperty("identityCorrections")[0].GetProperty("by").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void Once_its_agency_is_set_the_cross_year_rules_compare_it_with_that_agencys_other_years(string backend)
    {
        var store = TestStores.Open(backend);
        var series = ReportSeries.Continuous(seed: 11, "绥化市民政局", 2021, 2);
        // 2022 claims one more case carried over from 2021 than 2021 carried forward.
        var broken = new Dictionary<string, decimal>(series[1].Cells);
        foreach (var key in new[] { "t3.carried_over.natural_person", "t3.carried_over.total", "t3.carried_forward.natural_person", "t3.carried_forward.total" })
            broken[key] += 1;
        var files = StoreTestData.Write(StoreTestData.NewFolder(), [series[0], series[1] with { Cells = broken, Agency = "" }]);

        var results = new IngestRunner(store).Run(files).ToDictionary(r => r.Path);
        Assert.Equal(IngestOutcome.Stored, results[files[0]].Outcome);
        Assert.Equal(IngestOutcome.Unidentified, results[files[1]].Outcome);
        var pending = store.Get(results[files[1]].ReportId!.Value)!;
        Assert.True(pending.Listing.AgencyPending);
        Assert.Equal(2022, pending.Listing.Year);
        Assert.Empty(pending.CrossYearFindings);
        Assert.Null(pending.Listing.Region);

        var after = store.SetIdentity(pending.Listing.Id, "绥化市民政局", null, "来函确认", "李审核");
        Assert.Equal(pending.Listing.Id, after.Listing.Id);
        Assert.Equal("绥化市", after.Listing.Region);
        var s1 = after.CrossYearFindings.Where(f => f.Rule == "X.S1").ToList();
        Assert.Equal(["t3.carried_over.natural_person", "t3.carried_over.total"], s1.SelectMany(f => f.Cells).Order());
        Assert.Equal([2021, 2022], store.List(new ReportFilter(Agency: "绥化市民政局")).Select(l => l.Year!.Value));

        // Moved to the wrong year and back: the findings follow the report, the history keeps both steps.
        var moved = store.SetIdentity(after.Listing.Id, null, 2024, "误判", "李审核");
        Assert.Empty(moved.CrossYearFindings);
        var back = store.SetIdentity(after.Listing.Id, null, 2022, "更正误判", "李审核");
        Assert.Equal(s1.Count, back.CrossYearFindings.Count(f => f.Rule == "X.S1"));
        Assert.Equal([(Identities.AgencyField, (string?)null, "绥化市民政局"), (Identities.YearField, "2022", "2024"), (Identities.YearField, "2024", "2022")],
            back.IdentityCorrections.Select(c => (c.Field, c.OldValue, c.NewValue)));
        Assert.Throws<StoreException>(() => store.SetIdentity(after.Listing.Id, "绥化市民政局", 2022, "无变化", "李审核"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_report_without_a_year_is_stored_as_pending_and_its_year_can_be_set(string backend)
    {
        var store = TestStores.Open(backend);
        var path = Parse.SamplePath("001_adb888ebb0553f89.txt");
        // No text we have loses its year entirely (the period line gives it); the reader's result is altered instead.
        var file = ReportPipeline.ParseBytes(File.ReadAllBytes(path), path);
        file = file with { Report = file.Report! with { Year = null } };
        using (var writer = new IngestWriter(store))
        {
            var result = writer.Write(file, new string('a', 64), 1);
            Assert.Equal(IngestOutcome.Unidentified, result.Outcome);
        }
        var pending = Assert.Single(store.List(new ReportFilter(Pending: true)));
        Assert.Null(pending.Year);
        Assert.Equal(Identities.PendingYear, pending.YearText);
        Assert.False(pending.AgencyPending);
        Assert.DoesNotContain(store.Years(), y => y == 0);

        var after = store.SetIdentity(pending.Id, null, 2020, "标题年度", "王");
        Assert.Equal(2020, after.Listing.Year);
        Assert.Equal(after.Listing.Id, store.Find("鹤岗营商环境建设监督局", 2020)!.Listing.Id);
        Assert.Throws<StoreException>(() => store.SetIdentity(pending.Id, null, 1999, "太早", "王"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void The_cli_lists_shows_and_sets_the_agency_of_a_pending_report(string backend)
    {
        var location = TestStores.Create(backend);
        var db = TestStores.DbArgument(location);
        var dir = StoreTestData.NewFolder();
        WithoutAgency("004_4ba04a4f04c18fe3.txt", "绥棱县工业信息科技局", dir);
        var (exit, output, _) = NianbaoProcess.Run("ingest", "--db", db, dir);
        Assert.Equal(0, exit);
        Assert.Contains("入库但机关或年度待确认 1", output);
        var id = ReportStore.Open(location).List(new ReportFilter(Pending: true)).Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (exit, output, _) = NianbaoProcess.Run("list", "--db", db, "--pending");
        Assert.Equal(0, exit);
        Assert.Contains(Identities.PendingAgency, output);
        Assert.Contains("共 1 份报告", output);
        (_, output, _) = NianbaoProcess.Run("show", "--db", db, id);
        Assert.Contains(Identities.PendingAgency, output);
        Assert.Contains("DOC.E15", output);

        (exit, output, _) = NianbaoProcess.Run("correct", "--db", db, id, "--agency", "绥棱县工业信息科技局", "--reason", "核对网站栏目", "--user", "赵审核");
        Assert.Equal(0, exit);
        Assert.Contains("现属 绥棱县工业信息科技局 2020", output);
        (_, output, _) = NianbaoProcess.Run("show", "--db", db, "--agency", "绥棱县工业信息科技局", "--year", "2020");
        Assert.Contains("更正 发布机关：待确认 → 绥棱县工业信息科技局，赵审核", output);
        (_, output, _) = NianbaoProcess.Run("list", "--db", db, "--pending");
        Assert.Contains("共 0 份报告", output);
        (exit, output, _) = NianbaoProcess.Run("correct", "--db", db, id, "--agency", "绥棱县工业信息科技局", "--reason", "再次");
        Assert.NotEqual(0, exit);
        Assert.Contains("无需更正", output);
    }

    [Theory]
    [MemberData(nameof(TestStores.Backends), MemberType = typeof(TestStores))]
    public void A_file_an_earlier_version_could_not_file_is_stored_when_ingested_again(string backend)
    {
        var store = TestStores.Open(backend);
        var path = WithoutAgency("002_f4cbcc3e5ae112d9.txt", "长子县中小企业服务中心", StoreTestData.NewFolder());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        using (var c = store.Connect())
            Dapper.SqlMapper.Execute(c, """
                INSERT INTO sources (sha256, path, format, size, ingested_at, outcome, error_message)
                VALUES (@sha, 'old.txt', 'text', 1, '2025-01-01T00:00:00.000Z', 'unidentified', '未能识别发布机关，无法归档')
                """, new { sha });

        var result = Assert.Single(new IngestRunner(store).Run([path]));
        Assert.Equal(IngestOutcome.Unidentified, result.Outcome);
        Assert.True(store.Get(result.ReportId!.Value)!.Listing.AgencyPending);
        Assert.Empty(store.Failures());
        Assert.Equal(1, StoreTestData.Count(store, "SELECT COUNT(*) FROM sources"));
        Assert.Equal(IngestOutcome.AlreadyKnown, Assert.Single(new IngestRunner(store).Run([path])).Outcome);
    }

    private static void Assume(bool condition) => Assert.True(condition, "the sample without its agency lines is read without an agency");
}
