using Nianbao.Fixtures;
using Nianbao.Template;
using Nianbao.Tests.Support;
using Nianbao.Validation.CrossYear;

namespace Nianbao.Tests;

/// <summary>S1–S3 and W11 on generated series: silent on continuous years, exact on each kind of break.</summary>
public class CrossYearRuleTests
{
    private static AnnualReport Read(GeneratedReport r) => Parse.Text(Layouts.Render(r, Layout.TabGrid, r.Year)).Report();

    [Theory]
    [InlineData(2019)]
    [InlineData(2021)]
    [InlineData(2023)]
    public void Continuous_years_have_no_continuity_finding(int first)
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var series = ReportSeries.Continuous(seed, "绥棱县工业信息科技局", first, 2);
            var findings = CrossYearRules.Check(Read(series[0]), Read(series[1])).ToList();
            Assert.DoesNotContain(findings, f => f.Rule.StartsWith("X.S", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_broken_stock_is_an_S2_error_naming_the_cell_and_both_values()
    {
        var series = ReportSeries.Continuous(3, "长子县中小企业服务中心", 2022, 2);
        var cells = new Dictionary<string, decimal>(series[1].Cells) { ["t2.art20_1.normative_docs.in_force"] = series[1].Cells["t2.art20_1.normative_docs.in_force"] + 5 };
        var f = Assert.Single(CrossYearRules.Check(Read(series[0]), Read(series[1] with { Cells = cells })), x => x.Rule == "X.S2");
        Assert.Equal(["t2.art20_1.normative_docs.in_force"], f.Cells);
        Assert.Equal(series[1].Cells["t2.art20_1.normative_docs.in_force"].ToString(System.Globalization.CultureInfo.InvariantCulture), f.Expected);
        Assert.Contains("2022年现行有效", f.Message);
    }

    [Fact]
    public void A_broken_list_count_is_an_S3_error()
    {
        var series = ReportSeries.Continuous(4, "长子县中小企业服务中心", 2019, 2);
        var cells = new Dictionary<string, decimal>(series[1].Cells);
        cells["t2.art20_5.licensing.prev_count"] += 3;
        var f = Assert.Single(CrossYearRules.Check(Read(series[0]), Read(series[1] with { Cells = cells })), x => x.Rule == "X.S3");
        Assert.Equal(["t2.art20_5.licensing.prev_count"], f.Cells);
    }

    [Fact]
    public void Identical_tables_and_copied_prose_are_W11_but_not_all_zero_tables()
    {
        var r = ReportGenerator.Generate(11, Edition.E2021, sparse: 0.3) with { Agency = "鹤岗市科学技术局", Year = 2022 };
        var previous = Read(r with { Year = 2021, Published = new DateOnly(2022, 1, 20) });
        var current = Read(r);
        var w11 = CrossYearRules.Check(previous, current).Where(f => f.Rule == "X.W11").ToList();
        Assert.Contains(w11, f => f.Message.StartsWith("表格数据与2021年报告完全相同", StringComparison.Ordinal));

        var zeros = r with { Cells = r.Cells.ToDictionary(kv => kv.Key, _ => 0m) };
        var zeroFindings = CrossYearRules.Check(Read(zeros with { Year = 2021 }), Read(zeros)).Where(f => f.Rule == "X.W11").ToList();
        Assert.DoesNotContain(zeroFindings, f => f.Message.StartsWith("表格数据", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2023年本机关共受理申请12件，全部按期答复。我们持续完善依申请公开工作机制，规范受理、登记、审核、答复各环节，确保答复内容准确、程序合法、形式规范。",
                "2024年本机关共受理申请15件，全部按期答复。我们持续完善依申请公开工作机制，规范受理、登记、审核、答复各环节，确保答复内容准确、程序合法、形式规范。", true)]
    [InlineData("2023年本机关共受理申请12件，全部按期答复。我们持续完善依申请公开工作机制，规范受理、登记、审核、答复各环节，确保答复内容准确、程序合法、形式规范。",
                "本年度围绕优化营商环境，重点公开了行政许可事项清单、收费目录和涉企政策解读，新增政策问答专栏，并对门户网站栏目进行了整合调整，方便企业查找。", false)]
    public void Text_similarity_masks_numbers_and_separates_different_prose(string a, string b, bool copied) =>
        Assert.Equal(copied, TextSimilarity.Of(a, b, CrossYearRules.MinTextLength) >= CrossYearRules.CopiedTextSimilarity);
}
