using System.Text.Json;
using Nianbao.Pipeline;

namespace Nianbao.Tests;

/// <summary>
/// Real reports as scans (RealScans/README.md): read by OCR, no cell may be wrong; the right cells are pinned as a
/// floor (OCR on a shared machine is slow, so there are only a few pages). A wrong number here is the failure the
/// second, digits-only reading of unverified cells exists to prevent.
/// </summary>
public class RealScansTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "RealScans");

    /// <summary>Measured right cells per scan (of 200); the rest null, each named by a finding.</summary>
    public static TheoryData<string, int> Scans() => new()
    {
        // Before issue 11: 10, 0 (no year, no edition) and 25.
        { "hongze-2024.scan150.pdf", 172 },
        { "hongze-2024.scan200-skew-noise.pdf", 17 },
        { "shuyang-fgj-2023.scan200.pdf", 165 },
    };

    [Theory]
    [MemberData(nameof(Scans))]
    public void Scanned_real_report_has_no_wrong_number(string file, int right)
    {
        var parsed = ReportPipeline.ParseFile(Path.Combine(Dir, file));
        // The scans are of RealForms' PDFs: their truth is those PDFs' truth.
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RealForms", "truth",
            file.StartsWith("hongze", StringComparison.Ordinal) ? "hongze-2024.wps.json" : "shuyang-fgj-2023.print.json")));
        var report = Assert.IsType<Nianbao.Template.AnnualReport>(parsed.Report);
        int exact = 0, nulls = 0;
        var wrong = new List<string>();
        foreach (var cell in truth.RootElement.GetProperty("cells").EnumerateObject())
        {
            var value = report.Cells.TryGetValue(cell.Name, out var v) ? v.Value : null;
            if (value is null)
            {
                nulls++;
                if (!report.Findings.Any(f => f.Cells.Contains(cell.Name)))
                    wrong.Add($"{cell.Name}: null without a finding");
            }
            else if (value == cell.Value.GetDecimal()) exact++;
            else wrong.Add($"{cell.Name}: read {value}, printed {cell.Value.GetDecimal()}");
        }
        Console.WriteLine($"{file}: {exact} right, {nulls} null, {wrong.Count} wrong; year {report.Year}");
        Assert.True(wrong.Count == 0, $"{file}: " + string.Join("; ", wrong));
        Assert.True(exact >= right, $"{file}: {exact} right, was {right}");
        // The title's year and the edition are read (measured on both scans).
        Assert.Equal(truth.RootElement.GetProperty("year").GetInt32(), report.Year);
        Assert.Equal(truth.RootElement.GetProperty("edition").GetString(), report.Edition is { } e ? (e == Nianbao.Template.Edition.E2021 ? "2021" : "2019") : null);
    }
}
