using System.Text.RegularExpressions;
using Nianbao.Template;
using Nianbao.Validation;

namespace Nianbao.Tests;

/// <summary>The template data is checked when it loads; these pin what it must contain.</summary>
public class CatalogTests
{
    [Theory]
    [InlineData(Edition.E2019, 22, 161, 15)]
    [InlineData(Edition.E2021, 10, 175, 15)]
    public void Each_edition_has_the_template_cell_counts(Edition edition, int t2, int t3, int t4)
    {
        var t = TemplateCatalog.Default[edition];
        Assert.Equal(t2, t.Table(2).Cells.Count());
        Assert.Equal(t3, t.Table(3).Cells.Count());
        Assert.Equal(t4, t.Table(4).Cells.Count());
        Assert.Equal(t.Cells.Count, t.Cells.Select(c => c.Key).Distinct().Count());
    }

    [Theory]
    [InlineData(Edition.E2019, 23, 7)]
    [InlineData(Edition.E2021, 25, 7)]
    public void Equations_state_H1_to_H4_once(Edition edition, int t3Rows, int columns)
    {
        var eq = TemplateCatalog.Default[edition].Equations;
        Assert.Equal(columns, eq.Count(e => e.RuleId == "T3.H1"));
        Assert.Equal(columns, eq.Count(e => e.RuleId == "T3.H2"));
        Assert.Equal(t3Rows, eq.Count(e => e.RuleId == "T3.H3"));
        Assert.Equal(3, eq.Count(e => e.RuleId == "T4.H4"));
        Assert.Equal(edition == Edition.E2019 ? 5 : 0, eq.Count(e => e.RuleId == "T2.H5"));
        var h2 = eq.First(e => e.RuleId == "T3.H2");
        Assert.Equal(edition == Edition.E2019 ? 20 : 22, h2.Terms.Count);
        Assert.All(eq.SelectMany(e => e.Keys), k => Assert.True(TemplateCatalog.Default[edition].HasCell(k), k));
    }

    [Fact]
    public void Every_rule_id_emitted_anywhere_is_in_the_rule_catalogue_with_a_message()
    {
        var rules = TemplateCatalog.Default.Rules;
        foreach (var id in Validator.Rules.SelectMany(r => r.Ids)) Assert.NotEmpty(rules[id].Messages);
        foreach (var rule in rules.Rules)
            foreach (var (_, message) in rule.Messages)
                Assert.Matches(new Regex(@"^[^{}]*(\{[a-zA-Z]+\}[^{}]*)*$"), message);
    }

    /// <summary>
    /// Every (rule id, message id) pair written in the sources — <c>Finding.Create("READ.ROW", "default", …)</c> and the
    /// solver's <c>AddFinding</c> — is in rules.json, so a finding can never fail to format at run time.
    /// </summary>
    [Fact]
    public void Every_rule_and_message_id_written_in_the_sources_is_in_the_catalogue()
    {
        var src = RuleDocumentationTests.RepositoryRoot().GetDirectories("src").Single();
        var pairs = src.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f.FullName), @"\(""([A-Z0-9]+\.[A-Z0-9_]+)"", ""([a-z_]+)""").Select(m => (File: f.Name, Rule: m.Groups[1].Value, Message: m.Groups[2].Value)))
            .ToList();
        Assert.True(pairs.Count > 40, $"only {pairs.Count} finding sites found: the pattern no longer matches the code");
        var rules = TemplateCatalog.Default.Rules.Rules.ToDictionary(r => r.Id);
        foreach (var (file, rule, message) in pairs)
        {
            Assert.True(rules.TryGetValue(rule, out var def), $"{file}: rule {rule} is not in rules.json");
            Assert.True(def!.Messages.ContainsKey(message), $"{file}: rule {rule} has no message '{message}' in rules.json");
        }
    }

    [Theory]
    [InlineData("（七）总计", "(七)总计")]
    [InlineData("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"")]
    [InlineData("1.申请人无正当理由逾期不补正，行政机关", "1.申请人无正当理由逾期不补正,行政机关")]
    [InlineData("本年增/ 减", "本年增/减")]
    [InlineData("商业\n企业", "商业企业")]
    [InlineData("＋1", "+1")]
    public void Labels_compare_after_one_normalisation(string printed, string normalised) =>
        Assert.Equal(normalised, LabelText.Normalize(printed));
}

/// <summary>docs/rules.md lists the whole rule catalogue.</summary>
public class RuleDocumentationTests
{
    [Fact]
    public void Every_rule_id_is_documented()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot().FullName, "docs", "rules.md"));
        foreach (var rule in Nianbao.Template.TemplateCatalog.Default.Rules.Rules) Assert.Contains($"`{rule.Id}`", doc);
    }

    /// <summary>The checkout the tests were built from (the folder holding docs/rules.md).</summary>
    public static DirectoryInfo RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "rules.md"))) dir = dir.Parent;
        return dir ?? throw new DirectoryNotFoundException("docs/rules.md not found above the test binaries");
    }
}
