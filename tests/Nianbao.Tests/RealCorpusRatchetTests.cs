using System.Runtime.CompilerServices;
using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Template;

namespace Nianbao.Tests;

/// <summary>
/// corpus/real has no truth, so its outcome is pinned per report (cells read, resolved, blank, null;
/// findings by rule). Any change, worse or better, fails until the baseline is updated on purpose
/// (NIANBAO_ACCEPT=1), as Tabula's TestTableDetection does.
/// </summary>
public class RealCorpusRatchetTests
{
    public static TheoryData<string> Reports() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RealCorpus"), "*.txt").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Reports))]
    public void Real_report_outcome_matches_its_baseline(string file)
    {
        var parsed = ReportPipeline.ParseFile(Path.Combine(AppContext.BaseDirectory, "RealCorpus", file));
        var actual = Summarise(parsed);
        var baselinePath = Path.Combine(SourceDir(), "Baselines", "real-corpus.json");
        var baseline = File.Exists(baselinePath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(baselinePath))!
            : [];
        if (Environment.GetEnvironmentVariable("NIANBAO_ACCEPT") == "1")
        {
            lock (typeof(RealCorpusRatchetTests))
            {
                baseline = File.Exists(baselinePath) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(baselinePath))! : [];
                baseline[file] = actual;
                Directory.CreateDirectory(Path.GetDirectoryName(baselinePath)!);
                File.WriteAllText(baselinePath, JsonSerializer.Serialize(new SortedDictionary<string, string>(baseline), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            return;
        }
        Assert.True(baseline.TryGetValue(file, out var expected), $"{file}: no baseline; run the tests once with NIANBAO_ACCEPT=1");
        Assert.True(expected == actual, $"{file} changed — if this is an improvement, update the baseline (NIANBAO_ACCEPT=1).\n  baseline: {expected}\n  now:      {actual}");
    }

    [Fact]
    public void Real_corpus_editions_and_years_are_those_of_its_sources_list()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "RealCorpus", "SOURCES.md"))
            .Where(l => l.StartsWith("| `pingtan-", StringComparison.Ordinal) && l.Contains(".txt`", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.Equal(30, rows.Count);
        foreach (var r in rows)
        {
            var file = r[1].Trim('`');
            var report = ReportPipeline.ParseFile(Path.Combine(AppContext.BaseDirectory, "RealCorpus", file)).Report!;
            Assert.True(r[3] == report.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{file}: year {report.Year}, sources say {r[3]}");
            Assert.True(r[4] == report.Edition?.Code(), $"{file}: edition {report.Edition?.Code()}, sources say {r[4]}");
            // 表三 non-zero column of SOURCES.md: "yes" when some table-3 cell is non-zero on the page.
            bool nonZero = report.Cells.Where(c => c.Key.StartsWith("t3.", StringComparison.Ordinal)).Any(c => c.Value.Value is not null and not 0);
            if (r[8] == "no") Assert.False(nonZero, $"{file}: table 3 should be all zero");
        }
    }

    private static string Summarise(ParsedFile f)
    {
        if (f.Report is not { } r) return "error:" + f.Error?.Code;
        int Count(CellStatus s) => r.Cells.Values.Count(c => c.Status == s);
        var rules = string.Join(",", r.Findings.GroupBy(x => x.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));
        return $"{r.Edition?.Code()} {r.Year} read={Count(CellStatus.Read)} resolved={Count(CellStatus.Resolved)} blank={Count(CellStatus.Blank)} null={Count(CellStatus.Unreadable)} findings={rules}";
    }

    private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
