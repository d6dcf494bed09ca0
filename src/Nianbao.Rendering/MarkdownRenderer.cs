using System.Text;
using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// Markdown for pasting into other systems. Markdown tables cannot merge cells, so each table is flattened: one
/// header row with the full column names (法人或其他组织·商业企业), one row per template row with its full label.
/// </summary>
public static class MarkdownRenderer
{
    public static string Render(AnnualReport report)
    {
        if (report.Edition is not { } edition) throw new ArgumentException("报告没有模板版本，无法按统一格式输出", nameof(report));
        var doc = ReportDocument.Of(report);
        var t = TemplateCatalog.Default[edition];
        var sb = new StringBuilder($"# {Escape(doc.Title)}\n\n");
        foreach (var (section, paragraphs, _) in doc.Sections)
        {
            sb.Append($"## {Escape(section.Heading)}\n\n");
            foreach (var p in paragraphs) sb.Append(Escape(p)).Append("\n\n");
            if (section.Number is >= 2 and <= 4) AppendTable(sb, t.Table(section.Number), report);
        }
        sb.Append(Escape(doc.Agency)).Append("  \n");
        if (doc.Date is { } date) sb.Append(Escape(date)).Append('\n');
        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, TableDef table, AnnualReport report)
    {
        foreach (var block in table.Blocks)
        {
            var columns = block.Rows[0].Cells.Select(c => c.ColumnPath.Replace('/', '·')).ToList();
            var first = table.Number == 2 ? TemplateCatalog.Default.Text.RenderHeadings.Content : "";
            if (block.Header is { } header) sb.Append($"**{Escape(header)}**\n\n");
            sb.Append("| ").Append(Escape(first)).Append(" | ").Append(string.Join(" | ", columns.Select(Escape))).Append(" |\n");
            sb.Append("|---|").Append(string.Concat(columns.Select(_ => "---:|"))).Append('\n');
            foreach (var row in block.Rows)
            {
                var label = string.Join(" ", row.Groups.Append(row.Label).Where(x => x.Length > 0));
                var values = row.Cells.Select(c => report.Value(c.Key) is { } v ? ReportDocument.Print(v, report.Cells[c.Key].Unit) : "");
                sb.Append("| ").Append(Escape(label)).Append(" | ").Append(string.Join(" | ", values)).Append(" |\n");
            }
            sb.Append('\n');
        }
    }

    /// <summary>Characters Markdown would take as syntax inside text or a table cell.</summary>
    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("*", "\\*").Replace("_", "\\_")
        .Replace("<", "&lt;").Replace("#", "\\#");
}
