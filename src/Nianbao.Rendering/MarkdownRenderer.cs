using System.Text;
using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// Markdown for pasting into other systems. Markdown tables cannot merge cells: tables 2 and 3 become one table
/// per block with a single header row of full column names (法人或其他组织·商业企业) and each row's full label;
/// table 4, which has no row labels, keeps its three header levels as rows, a merged cell's text in its first
/// position.
/// </summary>
public sealed class MarkdownRenderer : IReportRenderer
{
    public static readonly MarkdownRenderer Instance = new();

    private MarkdownRenderer() { }

    public string Target => "md";

    public string Extension => "md";

    public string MediaType => "text/markdown; charset=utf-8";

    public bool IsBinary => false;

    public byte[] Write(AnnualReport report, ReportDocument document) => System.Text.Encoding.UTF8.GetBytes(Render(report, document));
    public static string Render(AnnualReport report) => Render(report, ReportDocument.Of(report));

    public static string Render(AnnualReport report, ReportDocument doc)
    {
        if (report.Edition is not { } edition) throw new ArgumentException("报告没有模板版本，无法按统一格式输出", nameof(report));
        var t = TemplateCatalog.Default[edition];
        var sb = new StringBuilder($"# {Escape(doc.Title)}\n\n");
        foreach (var (section, paragraphs, table) in doc.Sections)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"## {Escape(section.Heading)}\n\n");
            foreach (var p in paragraphs) sb.Append(Escape(p)).Append("\n\n");
            if (section.Number is 2 or 3) AppendBlocks(sb, t.Table(section.Number), report);
            else if (table is not null) AppendGrid(sb, table);
        }
        if (doc.Appendix.Count > 0)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"## {Escape(TemplateCatalog.Default.Text.RenderHeadings.Appendix)}\n\n");
            foreach (var p in doc.Appendix) sb.Append(Escape(p)).Append("\n\n");
        }
        sb.Append(Escape(doc.Agency)).Append("  \n");
        if (doc.Date is { } date) sb.Append(Escape(date)).Append('\n');
        return sb.ToString();
    }

    private static void AppendBlocks(StringBuilder sb, TableDef table, AnnualReport report)
    {
        foreach (var block in table.Blocks)
        {
            var columns = block.Rows[0].Cells.Select(c => TemplateCatalog.ColumnParts(table.Number, c.ColumnPath)).Select(p => string.Join("·", p)).ToList();
            var first = table.Number == 2 ? TemplateCatalog.Default.Text.RenderHeadings.Content : "";
            if (block.Header is { } header) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"**{Escape(header)}**\n\n");
            sb.Append("| ").Append(Escape(first)).Append(" | ").Append(string.Join(" | ", columns.Select(Escape))).Append(" |\n");
            sb.Append("|---|").Append(string.Concat(columns.Select(_ => "---:|"))).Append('\n');
            foreach (var row in block.Rows)
            {
                var label = string.Join(" ", row.Groups.Append(row.Label).Where(x => x.Length > 0));
                var values = row.Cells.Select(c => report.Value(c.Key) is { } v ? ReportDocument.Print(v, report.Cells[c.Key].Unit) : ReportDocument.Unknown);
                sb.Append("| ").Append(Escape(label)).Append(" | ").Append(string.Join(" | ", values)).Append(" |\n");
            }
            sb.Append('\n');
        }
    }

    private static void AppendGrid(StringBuilder sb, IReadOnlyList<IReadOnlyList<GridCell>> rows)
    {
        var (width, slots) = TableGrid.Expand(rows);
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append('|');
            for (var c = 0; c < width; c++)
                sb.Append(' ').Append(slots.TryGetValue((r, c), out var slot) && slot.First ? Escape(slot.Cell.Text) : "").Append(" |");
            sb.Append('\n');
            if (r == 0) sb.Append('|').Append(string.Concat(Enumerable.Repeat("---|", width))).Append('\n');
        }
        sb.Append('\n');
    }

    /// <summary>Characters Markdown would take as syntax inside text or a table cell.</summary>
    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal);
}
