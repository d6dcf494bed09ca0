using System.Globalization;
using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// What every renderer prints, in order: title, the six sections (prose; tables under 二、三、四), signature. Built
/// once from a report so that HTML, Word and Markdown cannot drift apart.
/// </summary>
public sealed record ReportDocument(
    string Title,
    IReadOnlyList<(SectionDef Section, IReadOnlyList<string> Paragraphs, IReadOnlyList<IReadOnlyList<GridCell>>? Table)> Sections,
    string Agency,
    string? Date)
{
    /// <summary>Charts drawn after the sections (summary reports).</summary>
    public IReadOnlyList<Figure> Figures { get; init; } = [];

    /// <summary>A closing appendix (a summary's scope: agencies summed, missing, left out).</summary>
    public IReadOnlyList<string> Appendix { get; init; } = [];

    /// <summary>
    /// What an unknown cell prints as. Not empty: an empty cell means 0 in the template (as 无 and — do), and a
    /// reader would take it so; a question mark is read back as unknown.
    /// </summary>
    public const string Unknown = "？";

    /// <summary>The report laid out; an unknown cell is printed as <see cref="Unknown"/>.</summary>
    public static ReportDocument Of(AnnualReport report)
    {
        if (report.Edition is not { } edition) throw new ArgumentException("报告没有模板版本，无法按统一格式输出", nameof(report));
        var text = TemplateCatalog.Default.Text;
        var agency = report.Agency ?? "";
        var tables = TableGrid.Tables(edition, key => report.Value(key) is { } v ? Print(v, report.Cells[key].Unit) : Unknown);
        var sections = text.Sections.Select(def =>
        {
            // Sections 二、三、四 are their tables (domain.md §2.1): drawn from the cells, not from the text read around them.
            var prose = def.Number is >= 2 and <= 4 ? "" : report.Section(def.Number)?.Text ?? "";
            var paragraphs = prose.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            IReadOnlyList<IReadOnlyList<GridCell>>? table = def.Number is >= 2 and <= 4 ? tables[def.Number - 2] : null;
            return (def, (IReadOnlyList<string>)paragraphs, table);
        }).ToList();
        var title = report.Title ?? text.RenderHeadings.Title(agency, report.Year ?? 0);
        return new ReportDocument(title, sections, agency, report.Published is { } d ? text.RenderHeadings.FormatDate(d) : null);
    }

    /// <summary>As a report prints it: no trailing zeros, the unit the cell carried.</summary>
    public static string Print(decimal v, string? unit) =>
        (v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) + unit;

}
