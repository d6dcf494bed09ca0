using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Template;
using Nianbao.Tests.Support;
using Nianbao.Validation.CrossYear;

namespace Nianbao.Tests;

/// <summary>The metric dictionary on real reports, checked against numbers worked out by hand from the printed tables.</summary>
public class MetricTests
{
    private static AnnualReport Real(string name) =>
        ReportPipeline.ParseFile(Path.Combine(AppContext.BaseDirectory, "RealForms", "raw", name)).Report();

    private static MetricValue Metric(AnnualReport r, string key) => MetricCalculator.Compute(MetricCatalog.Default[key], r);

    [Fact]
    public void Pingtan_2023_rates_by_hand()
    {
        var r = Real("pingtan-2023.collapsed.txt");
        // Table 3: 新收 81, 予以公开 22, 部分公开 20, 办理结果总计 81; Table 4 复议: 维持 1, 纠正 1, 其他 0, 未审结 0.
        Assert.Equal(81m, Metric(r, "new_applications").Value);
        Assert.Equal(81m, Metric(r, "concluded").Value);
        Assert.Equal(51.85m, Metric(r, "disclosure_rate").Value);   // 42 / 81 = 51.851…
        Assert.Equal(50.00m, Metric(r, "reconsideration_correction_rate").Value); // 1 / (1 + 1 + 0)
        Assert.Equal(0m, Metric(r, "carry_forward_rate").Value);    // 0 / (81 + 0)
        Assert.Equal(2m, Metric(r, "reconsideration").Value);
    }

    [Fact]
    public void Pingtan_2019_edition_has_no_in_force_stock_and_no_fee_amount()
    {
        var r = Real("pingtan-2019.collapsed.txt");
        Assert.Equal(34.78m, Metric(r, "disclosure_rate").Value); // (7 + 1) / 23 = 34.782…
        var inForce = Metric(r, "normative_docs_in_force");
        Assert.Null(inForce.Value);
        Assert.Equal("2019年版格式无此项", inForce.Reason);
        Assert.Null(Metric(r, "fees_amount").Value);
    }

    [Fact]
    public void A_zero_denominator_is_not_applicable_never_0_or_100()
    {
        // 沭阳县发展和改革局 2023: one reconsideration, still pending (尚未审结 1): nothing concluded to correct.
        var r = Real("shuyang-fgj-2023.docx");
        Assert.Equal(1m, r.Value("t4.reconsideration.pending"));
        var m = Metric(r, "reconsideration_correction_rate");
        Assert.Null(m.Value);
        Assert.Equal("分母为0", m.Reason);
        Assert.Equal("不适用（分母为0）", m.Display(MetricCatalog.Default["reconsideration_correction_rate"]));
        Assert.Equal(100.00m, Metric(r, "disclosure_rate").Value); // 26 / 26

        // The national samples report no applications at all: every application rate is 不适用.
        var zero = Parse.Sample("003_3eb821f3d5e72289.txt").Report();
        foreach (var key in new[] { "disclosure_rate", "denial_rate", "unable_rate", "not_processed_rate", "carry_forward_rate" })
            Assert.Null(Metric(zero, key).Value);
        Assert.Equal(0m, Metric(zero, "new_applications").Value);
    }

    [Fact]
    public void An_unreadable_cell_makes_the_metric_unknown_with_the_cell_named()
    {
        var g = ReportGenerator.Generate(5, Edition.E2021) with { Agency = "鹤岗市科学技术局", Year = 2022 };
        var r = Parse.Text(Layouts.Render(g, Layout.TabGrid, g.Year)).Report();
        var cells = r.Cells.ToDictionary(kv => kv.Key, kv => kv.Value);
        cells["t3.granted.total"] = CellValue.Unreadable();
        var m = Metric(r with { Cells = cells }, "disclosure_rate");
        Assert.Null(m.Value);
        Assert.Contains("未能读取", m.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generated_reports_match_the_formula_worked_out_from_the_cells(int seed)
    {
        var g = ReportGenerator.Generate(seed, Edition.E2021) with { Agency = "绥棱县工业信息科技局", Year = 2023 };
        var r = Parse.Text(Layouts.Render(g, Layout.TabGrid, g.Year)).Report();
        var c = g.Cells;
        Assert.Equal(c["t3.new_received.total"], Metric(r, "new_applications").Value);
        Assert.Equal(c["t4.litigation_direct.total"] + c["t4.litigation_after.total"], Metric(r, "litigation").Value);
        var total = c["t3.total.total"];
        var granted = c["t3.granted.total"] + c["t3.partially_granted.total"];
        Assert.Equal(total == 0 ? null : Math.Round(granted * 100 / total, 2, MidpointRounding.AwayFromZero), Metric(r, "disclosure_rate").Value);
        Assert.Equal(c["t2.art20_8.fees.amount_wan"], Metric(r, "fees_amount").Value);
    }

    [Fact]
    public void Every_formula_key_is_a_cell_of_its_edition() =>
        // Loading checks it; this makes a broken metrics.json fail here first.
        Assert.True(MetricCatalog.Default.Metrics.Count >= 17);
}

/// <summary>X.W14: year-on-year jumps beyond the thresholds of metrics.json.</summary>
public class YearOnYearTests
{
    private static AnnualReport Read(GeneratedReport r) => Parse.Text(Layouts.Render(r, Layout.TabGrid, r.Year)).Report();

    [Fact]
    public void Stable_years_raise_no_jump()
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var series = ReportSeries.Continuous(seed, "绥棱县工业信息科技局", 2022, 2);
            var prev = series[0];
            // The same activity next year (only carry-over moves with the series): no metric jumps.
            var now = series[1] with { Cells = new Dictionary<string, decimal>(prev.Cells) };
            Assert.DoesNotContain(CrossYearRules.Check(Read(prev), Read(now)), f => f.Rule == "X.W14");
        }
    }

    [Fact]
    public void Applications_from_25_to_0_and_a_stock_dropping_to_0_are_flagged()
    {
        var series = ReportSeries.Continuous(7, "鹤岗市科学技术局", 2022, 2);
        var prev = series[0].Cells.ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("t3.", StringComparison.Ordinal) ? 0m : kv.Value);
        foreach (var k in new[] { "t3.new_received.natural_person", "t3.new_received.total", "t3.granted.natural_person", "t3.granted.total", "t3.total.natural_person", "t3.total.total" })
            prev[k] = 25;
        prev["t2.art20_1.normative_docs.in_force"] = 12;
        var now = prev.ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("t3.", StringComparison.Ordinal) ? 0m : kv.Value);
        now["t2.art20_1.normative_docs.in_force"] = 0;
        now["t2.art20_1.normative_docs.repealed"] = 12;
        now["t2.art20_1.normative_docs.issued"] = 0;
        var findings = CrossYearRules.Check(Read(series[0] with { Cells = prev }), Read(series[1] with { Cells = now }))
            .Where(f => f.Rule == "X.W14").Select(f => f.Message).ToList();
        Assert.Contains("新收申请数由2022年的25件降为0，请核实", findings);
        Assert.Contains("办结数由2022年的25件降为0，请核实", findings);
        Assert.Contains("规范性文件现行有效数由2022年的12件降为0，请核实", findings);
        // 公开率 went from 100% to 不适用 (nothing concluded): not a jump.
        Assert.DoesNotContain(findings, m => m.StartsWith("公开率", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fivefold_rise_and_a_rate_moving_30_points_are_flagged()
    {
        var series = ReportSeries.Continuous(9, "鹤岗市科学技术局", 2022, 2);
        Dictionary<string, decimal> Year(decimal received, decimal granted, decimal denied)
        {
            var cells = series[0].Cells.ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("t3.", StringComparison.Ordinal) ? 0m : kv.Value);
            foreach (var col in new[] { "natural_person", "total" })
            {
                cells[$"t3.new_received.{col}"] = received;
                cells[$"t3.granted.{col}"] = granted;
                cells[$"t3.denied.third_party.{col}"] = denied;
                cells[$"t3.total.{col}"] = granted + denied;
            }
            return cells;
        }
        var findings = CrossYearRules.Check(Read(series[0] with { Cells = Year(4, 3, 1) }), Read(series[1] with { Cells = Year(40, 10, 30) }))
            .Where(f => f.Rule == "X.W14").Select(f => f.Message).ToList();
        Assert.Contains("新收申请数由2022年的4件变为40件，较大一年是较小一年的5倍及以上，请核实", findings);
        Assert.Contains("公开率由2022年的75.00%变为25.00%，变动50.00个百分点，请核实", findings);
        Assert.Contains("不予公开率由2022年的25.00%变为75.00%，变动50.00个百分点，请核实", findings);
    }
}

/// <summary>docs/metrics.md is generated from Data/metrics.json.</summary>
public class MetricDocumentationTests
{
    [Fact]
    public void Docs_metrics_md_equals_what_the_data_generates()
    {
        var path = Path.Combine(RuleDocumentationTests.RepositoryRoot().FullName, "docs", "metrics.md");
        var expected = MetricDocument.Markdown();
        if (Environment.GetEnvironmentVariable("NIANBAO_WRITE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), "docs/metrics.md is missing: run with NIANBAO_WRITE_DOCS=1 to generate it");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
