using Nianbao.Fixtures;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>Printing variants seen in real reports that must not change a single number.</summary>
public class VariantTests
{
    [Fact]
    public void A_row_label_without_its_bracketed_explanation_is_still_found()
    {
        var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Parse.SamplePath("002_f4cbcc3e5ae112d9.txt")),
            @"（二）部分公开（区分\s*处理的，只计这一情\s*形，不计其他情形）", "（二）部分公开");
        Assert.DoesNotContain("区分", text);
        var truth = ReportGenerator.Generate(4, Edition.E2019, 0.5);
        var grid = Layouts.Render(truth, Layout.TabGrid, 4).Replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", StringComparison.Ordinal);
        var r = Parse.Text(grid).Report();
        foreach (var (key, v) in truth.Cells) Assert.True(v == r.Value(key), key);
        var sample = Parse.Text(text).Report();
        Assert.All(sample.Cells, c => Assert.Equal(c.Key == "t2.art20_5.other_services.change" ? 1m : 0m, c.Value.Value));
    }

    [Fact]
    public void An_amount_with_thousands_separators_and_a_unit_is_one_number()
    {
        var truth = ReportGenerator.Generate(6, Edition.E2019, 0.5);
        var key = "t2.art20_9.procurement.amount";
        var text = Layouts.Render(truth, Layout.TabGrid, 6)
            .Replace($"\t政府集中采购\n\t{GeneratedReport.Print(truth.Cells["t2.art20_9.procurement.projects"])}\n\t{GeneratedReport.Print(truth.Cells[key])}\n",
                     $"\t政府集中采购\n\t{GeneratedReport.Print(truth.Cells["t2.art20_9.procurement.projects"])}\n\t1,234,567.89元\n", StringComparison.Ordinal);
        var r = Parse.Text(text).Report();
        Assert.Equal(1234567.89m, r.Value(key));
        Assert.Equal("元", r.Cells[key].Unit);
        Assert.Contains(r.Findings, f => f.Rule == "READ.UNIT" && f.Cells.Contains(key));
    }
}
