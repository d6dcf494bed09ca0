using System.Text.Json;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>The five real reports parse to exactly their truth files (all cells, agency, year, edition, date).</summary>
public class SampleTests
{
    public static TheoryData<string> Samples() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Truth"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_parses_to_its_truth(string name)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Truth", name + ".json")));
        var root = truth.RootElement;
        var report = Parse.Sample(name + ".txt").Report();

        Assert.Equal(root.GetProperty("edition").GetString(), report.Edition?.Code());
        Assert.Equal(root.GetProperty("agency").GetString(), report.Agency);
        Assert.Equal(root.GetProperty("year").GetInt32(), report.Year);
        var published = root.GetProperty("published");
        Assert.Equal(published.ValueKind == JsonValueKind.Null ? null : published.GetString(), report.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var cells = root.GetProperty("cells").EnumerateObject().ToList();
        Assert.Equal(198, cells.Count);
        Assert.Equal(cells.Select(c => c.Name).Order(), report.Cells.Keys.Order());
        foreach (var cell in cells)
            Assert.True(cell.Value.GetDecimal() == report.Cells[cell.Name].Value, $"{name} {cell.Name}: {report.Cells[cell.Name].Value} ≠ {cell.Value}");
    }

    /// <summary>Each sample's real defects, and nothing else at warning or error level.</summary>
    [Theory]
    [InlineData("000_a6a03718d422221a", "DOC.E15:报告标题中未写明机关名称，机关名称“鹤岗市创业创新和电子商务服务中心”取自落款")]
    [InlineData("001_adb888ebb0553f89",
        "DOC.E3:第二部分标题“2、 主动公开政府信息情况”的编号与模板不一致，应为“二、主动公开政府信息情况”",
        "DOC.E3:第五部分标题“五、存在主要问题及改进情况”的措辞与模板不一致，模板为“五、存在的主要问题及改进情况”",
        "DOC.H6:缺少第六部分“其他需要报告的事项”",
        "DOC.W13:标题中的机关名称“鹤岗市营商环境建设监督局”与落款“鹤岗营商环境建设监督局”不一致")]
    [InlineData("002_f4cbcc3e5ae112d9",
        "DOC.E3:第一部分标题“一、概述”的措辞与模板不一致，模板为“一、总体情况”",
        "DOC.NUMBERING:第一部分中小标题编号“（四）”重复出现")]
    [InlineData("003_3eb821f3d5e72289", "DOC.H6:缺少第六部分“其他需要报告的事项”")]
    [InlineData("004_4ba04a4f04c18fe3", "DOC.E15:报告未注明成文或发布日期")]
    public void Sample_has_its_real_findings_and_nothing_else(string name, params string[] expected)
    {
        var report = Parse.Sample(name + ".txt").Report();
        var actual = report.Actionable().Select(f => $"{f.Rule}:{f.Message}").Order().ToList();
        Assert.Equal(expected.Order(), actual);
    }

    [Fact]
    public void Sample_004_scrambled_table_two_is_resolved_by_the_sign_rules()
    {
        var r = Parse.Sample("004_4ba04a4f04c18fe3.txt").Report();
        Assert.Equal(-10m, r.Value("t2.art20_5.licensing.change"));
        Assert.Equal(-2m, r.Value("t2.art20_5.other_services.change"));
        Assert.Equal(CellStatus.Resolved, r.Cells["t2.art20_5.other_services.change"].Status);
        Assert.Equal(CellStatus.Read, r.Cells["t2.art20_5.licensing.prev_count"].Status);
        Assert.Contains(r.Findings, f => f.Rule == "READ.RESOLVED" && f.Cells.Contains("t2.art20_6.enforcement.change"));
    }

    [Fact]
    public void Every_cell_of_a_sample_carries_its_source_line()
    {
        var r = Parse.Sample("000_a6a03718d422221a.txt").Report();
        var lines = File.ReadAllLines(Parse.SamplePath("000_a6a03718d422221a.txt"));
        foreach (var (key, cell) in r.Cells)
        {
            Assert.NotNull(cell.Source);
            var line = lines[cell.Source!.Line - 1];
            Assert.True(cell.Source.Column - 1 < line.Length, $"{key}: column {cell.Source.Column} outside line {cell.Source.Line}");
            Assert.Equal(cell.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), line[(cell.Source.Column - 1)..].Split(' ')[0]);
        }
    }
}
