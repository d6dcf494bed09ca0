using Nianbao.Template;
using Nianbao.Fixtures;
using Nianbao.Validation;

namespace Nianbao.Tests;

/// <summary>Each rule fires on a report broken in its way, with its exact message, and is silent on a correct one.</summary>
public class RuleTests
{
    private static AnnualReport Correct(Edition edition = Edition.E2019, int seed = 7, Action<Dictionary<string, decimal>>? change = null)
    {
        var g = ReportGenerator.Generate(seed, edition, sparse: 0.5);
        var cells = g.Cells.ToDictionary(c => c.Key, c => c.Value);
        change?.Invoke(cells);
        var sections = TemplateCatalog.Default.Text.Sections.Select(s => new SectionText(s.Number, s.Heading, s.Number * 10,
            s.Number == 6 ? "本年度未收取信息处理费。" : "本机关依法做好政府信息公开工作。")).ToList();
        return new AnnualReport
        {
            Edition = edition,
            Title = g.Agency + g.Year + "年政府信息公开工作年度报告",
            TitleAgency = g.Agency,
            SignatureAgency = g.Agency,
            Year = g.Year,
            TitleYear = g.Year,
            PeriodYear = g.Year,
            Published = g.Published,
            Sections = sections,
            Cells = g.Template.Cells.ToDictionary(c => c.Key, c => new CellValue(cells[c.Key], CellStatus.Read)),
        };
    }

    /// <summary>Table 3 all zero, so a test can set just the natural-person cells it is about.</summary>
    private static void ZeroTable3(Dictionary<string, decimal> cells)
    {
        foreach (var k in cells.Keys.Where(k => k.StartsWith("t3.", StringComparison.Ordinal)).ToList()) cells[k] = 0;
    }

    /// <summary>Sets a natural-person cell of table 3 and the same row's 总计 column.</summary>
    private static void Person(Dictionary<string, decimal> cells, string row, decimal value)
    {
        cells[$"t3.{row}.natural_person"] = value;
        cells[$"t3.{row}.total"] = value;
    }

    private static List<Finding> Findings(AnnualReport r) => Validator.Validate(r).Findings.ToList();

    private static Finding Single(AnnualReport r, string rule) => Assert.Single(Findings(r), f => f.Rule == rule);

    [Theory]
    [InlineData(Edition.E2019, 1)]
    [InlineData(Edition.E2019, 2)]
    [InlineData(Edition.E2021, 3)]
    [InlineData(Edition.E2021, 4)]
    public void A_consistent_report_has_no_finding(Edition edition, int seed) =>
        Assert.Empty(Findings(Correct(edition, seed)));

    [Theory]
    [InlineData("无。", true)]
    [InlineData("本年度共发出收费通知2件，收取信息处理费0元。", false)]
    [InlineData("本机关未收取任何费用。", false)]
    public void W3_fires_when_fee_notices_were_unpaid_and_section_six_is_silent_on_fees(string six, bool fires)
    {
        var r = Correct(Edition.E2021, 3, c =>
        {
            ZeroTable3(c);
            Person(c, "new_received", 2); Person(c, "other.overdue_fee", 2); Person(c, "total", 2);
        });
        r = r with { Sections = r.Sections.Select(s => s.Number == 6 ? s with { Text = six } : s).ToList() };
        var w3 = Findings(r).Where(f => f.Rule == "T3.W3").ToList();
        Assert.Equal(fires ? 1 : 0, w3.Count);
        if (fires) Assert.Equal("表三（六）2“申请人逾期未按收费通知要求缴纳费用”为2件，说明本年度发出过收费通知，但第六部分未说明信息处理费的收取情况", w3[0].Message);
        var none = Correct(Edition.E2021, 3, c => { ZeroTable3(c); Person(c, "new_received", 2); Person(c, "granted", 2); Person(c, "total", 2); });
        Assert.DoesNotContain(Findings(none with { Sections = r.Sections }), f => f.Rule == "T3.W3");
    }

    [Fact]
    public void H1_fires_when_carry_forward_breaks_the_printed_balance()
    {
        var r = Correct(change: c => { c["t3.carried_forward.research"] += 3; c["t3.carried_forward.total"] += 3; });
        var f = Assert.Single(Findings(r), f => f.Rule == "T3.H1" && f.Cells.Contains("t3.carried_forward.research"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.StartsWith("表三 科研机构 列：第一项+第二项=", f.Message);
        Assert.Contains("不相等", f.Message);
        Assert.Equal(["t3.new_received.research", "t3.carried_over.research", "t3.total.research", "t3.carried_forward.research"], f.Cells);
    }

    [Fact]
    public void H1_message_reads_as_the_issue_describes()
    {
        var r = Correct(change: c =>
        {
            c["t3.new_received.natural_person"] = 15; c["t3.carried_over.natural_person"] = 5;
            c["t3.total.natural_person"] = 20; c["t3.carried_forward.natural_person"] = 6;
        });
        var f = Findings(r).First(f => f.Rule == "T3.H1" && f.Cells.Contains("t3.total.natural_person"));
        Assert.Equal("表三 自然人 列：第一项+第二项=20，第三项（七）总计+第四项=26，不相等", f.Message);
    }

    [Fact]
    public void H2_fires_when_a_result_row_is_not_in_the_total()
    {
        var r = Correct(change: c => { c["t3.granted.legal_service"] += 1; c["t3.granted.total"] += 1; });
        Assert.Contains(Findings(r), f => f.Rule == "T3.H2" && f.Message.StartsWith("表三 法律服务机构 列：（七）总计为", StringComparison.Ordinal));
    }

    [Fact]
    public void H3_fires_when_the_total_column_is_wrong()
    {
        var r2 = Correct(change: c => c["t3.carried_over.total"] += 2);
        var f = Findings(r2).First(f => f.Rule == "T3.H3");
        Assert.StartsWith("表三“二、上年结转政府信息公开申请数量”行：总计为", f.Message);
    }

    [Fact]
    public void H4_fires_per_table_four_block()
    {
        var r = Correct(change: c => c["t4.litigation_after.pending"] += 1);
        var f = Single(r, "T4.H4");
        Assert.StartsWith("表四“复议后起诉”：总计为", f.Message);
        Assert.Contains("t4.litigation_after.total", f.Cells);
    }

    [Fact]
    public void H5_fires_on_a_negative_count_and_on_a_list_below_zero()
    {
        var r = Correct(change: c => c["t2.art20_6.penalty.decisions"] = -4);
        Assert.Equal("表二“行政处罚”的“处理决定数量”为-4，不应为负数", Single(r, "CELL.H5").Message);
        var r2 = Correct(change: c => { c["t2.art20_8.fees.prev_count"] = 3; c["t2.art20_8.fees.change"] = -5; });
        Assert.Equal("表二“行政事业性收费”：上一年项目数量3加本年增/减-5等于-2，本年末事项数不能为负数", Single(r2, "T2.H5").Message);
    }

    [Fact]
    public void H6_fires_for_a_missing_section()
    {
        var r = Correct() is var c ? c with { Sections = c.Sections.Where(s => s.Number != 5).ToList() } : null!;
        Assert.Equal("缺少第五部分“存在的主要问题及改进情况”", Single(r, "DOC.H6").Message);
    }

    [Theory]
    [InlineData(Edition.E2019, 2022, "old_edition", "2022年度报告应使用2021年版格式（国办公开办函〔2021〕30号），实际使用的是2019年版（试行）格式")]
    [InlineData(Edition.E2021, 2020, "future_edition", "2020年度报告使用了2021年版格式，该格式2021年9月才印发，应使用2019年版（试行）格式")]
    public void H7_fires_when_the_edition_does_not_fit_the_year(Edition edition, int year, string _, string message)
    {
        var r = Correct(edition) with { Year = year, TitleYear = year, PeriodYear = year, Published = new DateOnly(year + 1, 1, 10) };
        var f = Single(r, "DOC.H7");
        Assert.Equal(message, f.Message);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void H7_is_only_a_warning_for_2019()
    {
        var r = Correct(Edition.E2021) with { Year = 2019, TitleYear = 2019, PeriodYear = 2019, Published = new DateOnly(2020, 1, 10) };
        Assert.Equal(Severity.Warning, Single(r, "DOC.H7").Severity);
    }

    [Fact]
    public void H8_fires_when_title_and_statistics_period_disagree()
    {
        var r = Correct() with { TitleYear = 2020, PeriodYear = 2019 };
        Assert.Equal("报告年度不一致：标题为2020年，统计期限为2019年", Single(r, "DOC.H8").Message);
    }

    [Fact]
    public void W2_fires_when_the_text_denies_applications_the_table_counts()
    {
        var r = Correct(change: c => { c["t3.new_received.natural_person"] += 2; c["t3.new_received.total"] += 2; c["t3.carried_forward.natural_person"] += 2; c["t3.carried_forward.total"] += 2; });
        var denied = r with { Sections = [.. r.Sections.Where(s => s.Number != 1), new SectionText(1, "一、总体情况", 5, "本年度未收到政府信息公开申请。")] };
        var f = Single(denied, "T3.W2");
        Assert.StartsWith("正文称“未收到政府信息公开申请”，但表三本年新收申请总计为", f.Message);
        Assert.DoesNotContain(Findings(r), f => f.Rule == "T3.W2");
    }

    [Fact]
    public void W1_fires_when_the_overview_counts_other_applications_than_the_table()
    {
        var r = Correct(change: c =>
        {
            ZeroTable3(c);
            Person(c, "new_received", 3); Person(c, "granted", 3); Person(c, "total", 3);
        });
        SectionText Overview(string text) => new(1, "一、总体情况", 5, text);
        var agrees = r with { Sections = [Overview("2020年，共收到政府信息公开申请3件，均按时答复。"), .. r.Sections.Where(s => s.Number != 1)] };
        Assert.DoesNotContain(Findings(agrees), f => f.Rule == "T3.W1");
        var differs = r with { Sections = [Overview("2020年，共收到政府信息公开申请5件，均按时答复。"), .. r.Sections.Where(s => s.Number != 1)] };
        Assert.Equal("正文称“收到政府信息公开申请5件”，但表三本年新收申请总计为3件（连同上年结转为3件）", Single(differs, "T3.W1").Message);
    }

    [Fact]
    public void W2_fires_for_table_four()
    {
        var r = Correct(change: c => { c["t4.reconsideration.upheld"] = 1; c["t4.reconsideration.total"] = 1 + c["t4.reconsideration.corrected"] + c["t4.reconsideration.other"] + c["t4.reconsideration.pending"]; });
        var denied = r with { Sections = [.. r.Sections.Where(s => s.Number != 6), new SectionText(6, "六、其他需要报告的事项", 60, "全年未发生行政复议和行政诉讼。")] };
        Assert.StartsWith("正文称“未发生行政复议和行政诉讼”", Single(denied, "T4.W2").Message);
    }

    [Fact]
    public void W4_and_W5_fire_on_implausible_carry_over()
    {
        var r = Correct(change: c =>
        {
            ZeroTable3(c);
            Person(c, "new_received", 2); Person(c, "granted", 1); Person(c, "total", 1); Person(c, "carried_forward", 1);
        });
        Assert.Empty(Findings(r));
        var r2 = Correct(change: c =>
        {
            ZeroTable3(c);
            Person(c, "new_received", 1); Person(c, "carried_forward", 3);
        });
        Assert.Contains(Findings(r2), f => f.Rule == "T3.W4" && f.Message == "表三 自然人 列：结转下年度继续办理3件，多于本年新收1件");
        Assert.Contains(Findings(r2), f => f.Rule == "T3.W5" && f.Message == "表三 自然人 列：新收与上年结转共1件，但（七）总计为0，可能填错");
    }

    [Fact]
    public void W8_fires_when_more_is_newly_published_than_published_in_total()
    {
        var r = Correct(change: c => { c["t2.art20_1.normative_docs.new_published"] = 9; c["t2.art20_1.normative_docs.total_published"] = 4; });
        Assert.Equal("表二“规范性文件”：本年新公开数量9大于对外公开总数量4", Single(r, "T2.W8").Message);
    }

    [Fact]
    public void W10_fires_for_a_late_department_report_and_not_for_a_government_by_march()
    {
        var r = Correct() is var c ? c with { Published = new DateOnly(c.Year!.Value + 1, 2, 15) } : null!;
        Assert.Equal($"报告日期{r.Year + 1}-02-15晚于法定期限{r.Year + 1}-01-31（《条例》第四十九条）", Single(r, "DOC.W10").Message);
        var gov = r with { TitleAgency = "长子县人民政府", SignatureAgency = "长子县人民政府" };
        Assert.DoesNotContain(Findings(gov), f => f.Rule == "DOC.W10");
    }

    [Fact]
    public void W13_fires_when_title_and_signature_name_differ()
    {
        var r = Correct() with { TitleAgency = "鹤岗市营商环境建设监督局", SignatureAgency = "鹤岗营商环境建设监督局" };
        Assert.Equal("标题中的机关名称“鹤岗市营商环境建设监督局”与落款“鹤岗营商环境建设监督局”不一致", Single(r, "DOC.W13").Message);
        var same = r with { SignatureAgency = "鹤岗市营商环境建设监督局 " };
        Assert.DoesNotContain(Findings(same), f => f.Rule == "DOC.W13");
    }
}
