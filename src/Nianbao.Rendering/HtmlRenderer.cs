using System.Net;
using System.Text;
using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// A printable HTML page in the official layout: the six headings, the three tables with their merged header
/// cells, the signature. Everything from the report is HTML-encoded; Chinese fonts are named explicitly.
/// </summary>
public sealed class HtmlRenderer : IReportRenderer
{
    public static readonly HtmlRenderer Instance = new();

    private HtmlRenderer() { }

    public string Target => "html";

    public string Extension => "html";

    public string MediaType => "text/html; charset=utf-8";

    public bool IsBinary => false;

    public byte[] Write(AnnualReport report, ReportDocument document) => Encoding.UTF8.GetBytes(Render(document));
    private const string Style = """
        body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16px; line-height: 1.8; max-width: 900px; margin: 2em auto; }
        h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 22px; text-align: center; }
        h2 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 16px; margin: 1.2em 0 .4em; }
        p { text-indent: 2em; margin: .3em 0; }
        table { border-collapse: collapse; width: 100%; margin: .6em 0; page-break-inside: auto; }
        td { border: 1px solid #000; padding: 2px 4px; text-align: center; font-size: 14px; }
        td.value { font-family: "Times New Roman", serif; }
        tr { page-break-inside: avoid; }
        .signature { text-align: right; text-indent: 0; }
        figure { margin: .8em 0; } figcaption { font-weight: bold; margin-bottom: .3em; }
        @page { size: A4; margin: 2cm; }
        """;

    public static string Render(AnnualReport report) => Render(ReportDocument.Of(report));

    public static string Render(ReportDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<title>{E(doc.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h1>{E(doc.Title)}</h1>\n");
        foreach (var (section, paragraphs, table) in doc.Sections)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h2>{E(section.Heading)}</h2>\n");
            foreach (var p in paragraphs) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p>{E(p)}</p>\n");
            if (table is not null) AppendTable(sb, table);
        }
        var headings = TemplateCatalog.Default.Text.RenderHeadings;
        if (doc.Figures.Count > 0)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h2>{E(headings.Figures)}</h2>\n");
            // The SVG is built by SummaryCharts from template labels and numbers, every text in it encoded there.
            foreach (var f in doc.Figures) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<figure><figcaption>{E(f.Title)}</figcaption>\n{f.Svg}\n</figure>\n");
        }
        if (doc.Appendix.Count > 0)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h2>{E(headings.Appendix)}</h2>\n");
            foreach (var p in doc.Appendix) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p>{E(p)}</p>\n");
        }
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p class=\"signature\">{E(doc.Agency)}</p>\n");
        if (doc.Date is { } date) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p class=\"signature\">{E(date)}</p>\n");
        return sb.Append("</body>\n</html>\n").ToString();
    }

    private static void AppendTable(StringBuilder sb, IReadOnlyList<IReadOnlyList<GridCell>> rows)
    {
        sb.Append("<table>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var c in row)
            {
                var span = (c.RowSpan > 1 ? $" rowspan=\"{c.RowSpan}\"" : "") + (c.ColSpan > 1 ? $" colspan=\"{c.ColSpan}\"" : "");
                var cls = c.IsValue ? " class=\"value\"" : "";
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<td{span}{cls}>{E(c.Text)}</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
