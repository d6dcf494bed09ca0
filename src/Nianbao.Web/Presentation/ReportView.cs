using System.Globalization;
using System.Text.Json;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Web.Presentation;

/// <summary>A value cell as the review page draws it.</summary>
public sealed record CellView(string Key, string Text, string StatusClass, bool FailedRule);

/// <summary>
/// The review page of one report: the three tables in the template's layout, each value cell with its status and
/// whether an error involves it, and — for the click-through — each cell's provenance and the source lines around
/// it, as JSON for the page's script (System.Text.Json's default encoder escapes &lt; &gt; &amp; and quotes, so text
/// from an uploaded file cannot end the script element).
/// </summary>
public sealed class ReportView
{
    /// <summary>Source lines shown above and below the line a cell was read from.</summary>
    public const int ContextLines = 3;

    public required StoredReport Stored { get; init; }
    public required IReadOnlyList<(string Title, IReadOnlyList<IReadOnlyList<GridCell>> Rows)> Tables { get; init; }
    public required IReadOnlyDictionary<string, CellView> Cells { get; init; }
    public required string CellJson { get; init; }
    public required string SourceJson { get; init; }
    public required bool HasSourceText { get; init; }

    /// <summary>The kept original's format (<c>pdf</c>, <c>image</c>): a cell with a page and box is shown on the page image.</summary>
    public required string? OriginalFormat { get; init; }
    public IEnumerable<Finding> AllFindings => Stored.Report.Findings.Concat(Stored.CrossYearFindings);

    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>
    {
        ["st-read"] = "直接读取",
        ["st-resolved"] = "由勾稽关系唯一确定",
        ["st-blank"] = "空白（计为 0）",
        ["st-unreadable"] = "无法读取",
        ["st-corrected"] = "人工更正",
        ["st-ocr"] = "文字识别（OCR）读取",
    };

    public static ReportView Build(StoredReport stored, string? sourceText, string? originalFormat = null)
    {
        var report = stored.Report;
        var failed = report.Findings.Concat(stored.CrossYearFindings).Where(f => f.Severity == Severity.Error)
            .SelectMany(f => f.Cells).ToHashSet(StringComparer.Ordinal);
        var cells = report.Cells.ToDictionary(kv => kv.Key, kv => new CellView(kv.Key,
            kv.Value.Value is { } v ? ReportDocument.Print(v, kv.Value.Unit) : ReportDocument.Unknown,
            StatusClass(kv.Value), failed.Contains(kv.Key)));
        var tables = report.Edition is { } edition
            ? TableGrid.Tables(edition, key => cells.TryGetValue(key, out var c) ? c.Text : "")
                .Select((rows, i) => (TemplateCatalog.Default.Text.Section(i + 2).Title, rows)).ToList()
            : [];
        var lines = sourceText?.Split('\n') ?? [];
        var wanted = new SortedDictionary<int, string>();
        var details = new Dictionary<string, object?>();
        var template = report.Edition is { } ed ? TemplateCatalog.Default[ed] : null;
        foreach (var (key, cell) in report.Cells)
        {
            var p = cell.Source;
            details[key] = new
            {
                label = template is not null && template.HasCell(key) ? CellNames.Describe(template, [key]) : key,
                key,
                value = cell.Value?.ToString(CultureInfo.InvariantCulture),
                unit = cell.Unit,
                status = StatusLabels[StatusClass(cell)],
                method = p?.Method,
                line = p?.Line,
                column = p?.Column,
                raw = p?.Raw,
                where = p?.Where,
                // The page image's overlay reads page and box from here, never from the sentence.
                at = p?.At is { } a ? JsonSerializer.SerializeToElement(a, CellLocation.Json) : (JsonElement?)null,
            };
            if (p is null || p.Line < 1 || p.Line > lines.Length) continue;
            for (var l = Math.Max(1, p.Line - ContextLines); l <= Math.Min(lines.Length, p.Line + ContextLines); l++)
                wanted[l] = lines[l - 1].TrimEnd('\r');
        }
        return new ReportView
        {
            Stored = stored,
            Tables = tables,
            Cells = cells,
            CellJson = JsonSerializer.Serialize(details),
            SourceJson = JsonSerializer.Serialize(wanted.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value)),
            HasSourceText = sourceText is not null,
            OriginalFormat = originalFormat,
        };
    }

    public static string StatusClass(CellValue c) => c.Status switch
    {
        CellStatus.Resolved => "st-resolved",
        CellStatus.Blank => "st-blank",
        CellStatus.Unreadable => "st-unreadable",
        CellStatus.Corrected => "st-corrected",
        _ when Nianbao.Recognition.OcrArithmetic.IsOcr(c) => "st-ocr",
        _ => "st-read",
    };
}
