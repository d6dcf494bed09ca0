using System.Runtime.CompilerServices;
using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Template;

namespace Nianbao.Tests;

/// <summary>
/// Real reports in the forms people hold them in (RealForms/raw, exact truth in RealForms/truth; SOURCES.md says
/// what each is). Any wrong number fails at once; the count of right and null cells, the agency, year and edition
/// are pinned per file, so a regression fails and an improvement is accepted on purpose (NIANBAO_ACCEPT=1).
/// </summary>
public class RealFormsTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "RealForms");

    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(Dir, "raw")).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Real_form_has_no_wrong_number_and_keeps_its_score(string file)
    {
        var parsed = ReportPipeline.ParseFile(Path.Combine(Dir, "raw", file));
        var score = Score(file, parsed);
        Assert.True(score.Wrong.Count == 0, $"{file}: wrong numbers — {string.Join("; ", score.Wrong)}");
        Assert.True(parsed.Error is null || parsed.Error.Code != "internal", $"{file}: internal error {parsed.Error?.Message}");

        var baselinePath = Path.Combine(SourceDir(), "Baselines", "real-forms.json");
        var actual = score.Summary;
        if (Environment.GetEnvironmentVariable("NIANBAO_ACCEPT") == "1")
        {
            lock (typeof(RealFormsTests))
            {
                var all = Load(baselinePath);
                all[file] = actual;
                File.WriteAllText(baselinePath, JsonSerializer.Serialize(new SortedDictionary<string, string>(all),
                    new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            return;
        }
        Assert.True(Load(baselinePath).TryGetValue(file, out var expected), $"{file}: no baseline; run the tests once with NIANBAO_ACCEPT=1");
        Assert.True(expected == actual, $"{file} changed — if this is an improvement, update the baseline (NIANBAO_ACCEPT=1).\n  baseline: {expected}\n  now:      {actual}");
    }

    /// <summary>Right, null and wrong cells against the truth file of the same stem, as shared/tools/score counts them.</summary>
    public static (string Summary, List<string> Wrong) Score(string file, ParsedFile parsed)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "truth", stem + ".json")));
        var root = truth.RootElement;
        if (parsed.Report is not { } report) return ($"error:{parsed.Error?.Code}", []);
        int right = 0, nulls = 0;
        var wrong = new List<string>();
        foreach (var cell in root.GetProperty("cells").EnumerateObject())
        {
            var value = report.Cells.TryGetValue(cell.Name, out var v) ? v.Value : null;
            if (value is null) nulls++;
            else if (value == cell.Value.GetDecimal()) right++;
            else wrong.Add($"{cell.Name}={value} (truth {cell.Value.GetDecimal()})");
        }
        string? Expected(string name) => root.GetProperty(name) is { ValueKind: not JsonValueKind.Null } e ? e.ToString() : null;
        bool agency = report.Agency == Expected("agency"), year = report.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) == Expected("year"),
             edition = report.Edition?.Code() == Expected("edition");
        return ($"right={right} null={nulls} agency={(agency ? "ok" : report.Agency ?? "null")} year={(year ? "ok" : report.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")} edition={(edition ? "ok" : "no")}", wrong);
    }

    private static Dictionary<string, string> Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))! : [];

    private static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
