using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Template;

namespace Nianbao.Fixtures;

/// <summary>
/// A generated report as it is published: a government CMS web page (navigation, scripts, inline styles,
/// Word-pasted spans, &amp;nbsp; blanks, merged cells) and a Word document (gridSpan, vMerge).
/// </summary>
public static class PublishedFormats
{
    private static readonly TemplateText Text = TemplateCatalog.Default.Text;

    private static IEnumerable<(int Section, string Prose)> Prose(GeneratedReport r) =>
    [
        (1, $"{r.Year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续提升政务公开质效。"),
        (5, "一是信息公开的及时性有待提高；二是公开内容还不够丰富。"),
        (6, "无。"),
    ];

    public static string Html(GeneratedReport r, int seed)
    {
        var rng = new Random(seed);
        var tables = TemplateGrid.Tables(r, rng);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/>");
        sb.Append($"<meta name=\"ArticleTitle\" content=\"{r.Agency}{r.Year}年度政府信息公开工作年度报告\"/>");
        sb.Append("<title>政府信息公开年报</title><style>td{border:1px solid #000}</style><script>var x = '<table><td>9</td></table>';</script></head><body>");
        sb.Append("<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a>政务公开</a> &gt; <a>政府信息公开年报</a></div>");
        sb.Append($"<h1 style=\"text-align:center\"><span>{r.Agency}</span><span>{r.Year}年度政府信息公开工作年度报告</span></h1>");
        sb.Append("<div class=\"TRS_Editor\">");
        var prose = Prose(r).ToDictionary(p => p.Section, p => p.Prose);
        for (int n = 1; n <= 6; n++)
        {
            sb.Append($"<p style=\"text-indent:2em\"><strong><span style=\"font-family:黑体\">{Text.Section(n).Heading}</span></strong></p>");
            if (prose.TryGetValue(n, out var p)) sb.Append($"<p style=\"text-indent:2em\"><span>{p}</span></p>");
            if (n is >= 2 and <= 4) sb.Append(HtmlTable(tables[n - 2], rng));
        }
        sb.Append($"<p style=\"text-align:right\">{r.Agency}</p><p style=\"text-align:right\">{r.Published.Year}年{r.Published.Month}月{r.Published.Day}日</p>");
        sb.Append("</div><div class=\"footer\">主办单位：某某人民政府办公室 备案号：闽ICP备0000000号</div></body></html>");
        return sb.ToString();
    }

    private static string HtmlTable(IReadOnlyList<IReadOnlyList<GridCell>> rows, Random rng)
    {
        var sb = new StringBuilder("<table border=\"1\" cellspacing=\"0\" style=\"width:600px\"><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var c in row)
            {
                var span = (c.RowSpan > 1 ? $" rowspan=\"{c.RowSpan}\"" : "") + (c.ColSpan > 1 ? $" colspan=\"{c.ColSpan}\"" : "");
                string content = c.Text.Length == 0 ? "&nbsp;" : WebUtility.HtmlEncode(c.Text);
                // Word-pasted markup: a value split over runs, labels wrapped in styled spans.
                if (c.Value && c.Text.Length > 1 && rng.Next(3) == 0)
                    content = $"<span style=\"font-size:14px\">{c.Text[..1]}</span><span lang=\"EN-US\">{c.Text[1..]}</span>";
                else if (!c.Value && c.Text.Length > 0)
                    content = $"<p style=\"text-align:center\"><span style=\"font-family:宋体\">{content}</span></p>";
                sb.Append($"<td{span} style=\"text-align:center\">{content}</td>");
            }
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    public static byte[] Docx(GeneratedReport r, int seed)
    {
        var rng = new Random(seed);
        var tables = TemplateGrid.Tables(r, rng);
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(r.Agency), Para($"{r.Year}年政府信息公开工作年度报告"));
            var prose = Prose(r).ToDictionary(p => p.Section, p => p.Prose);
            for (int n = 1; n <= 6; n++)
            {
                body.Append(Para(Text.Section(n).Heading));
                if (prose.TryGetValue(n, out var p)) body.Append(Para(p));
                if (n is >= 2 and <= 4) body.Append(DocxTable(tables[n - 2]));
            }
            body.Append(Para(r.Agency), Para($"{r.Published.Year}年{r.Published.Month}月{r.Published.Day}日"));
            main.Document = new Document(body);
        }
        return ms.ToArray();
    }

    private static Paragraph Para(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>Expands the spans to Word's model: gridSpan across columns, vMerge restart/continue down rows.</summary>
    private static Table DocxTable(IReadOnlyList<IReadOnlyList<GridCell>> rows)
    {
        var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single }, new BottomBorder { Val = BorderValues.Single })));
        var below = new Dictionary<(int Row, int Col), (GridCell Cell, bool First)>();
        for (int r = 0; r < rows.Count; r++)
        {
            int col = 0;
            foreach (var c in rows[r])
            {
                while (below.ContainsKey((r, col))) col++;
                for (int i = 0; i < c.RowSpan; i++)
                    for (int j = 0; j < c.ColSpan; j++) below[(r + i, col + j)] = (c, i == 0 && j == 0);
                col += c.ColSpan;
            }
        }
        int width = below.Keys.Max(k => k.Col) + 1;
        for (int r = 0; r < rows.Count; r++)
        {
            var tr = new TableRow();
            for (int col = 0; col < width;)
            {
                if (!below.TryGetValue((r, col), out var slot)) { col++; continue; }
                var (cell, first) = slot;
                bool topRow = first || !below.TryGetValue((r - 1, col), out var above) || !ReferenceEquals(above.Cell, cell);
                bool leftCol = col == 0 || !below.TryGetValue((r, col - 1), out var left) || !ReferenceEquals(left.Cell, cell);
                if (!leftCol) { col++; continue; }
                var props = new TableCellProperties();
                if (cell.ColSpan > 1) props.Append(new GridSpan { Val = cell.ColSpan });
                if (cell.RowSpan > 1) props.Append(new VerticalMerge { Val = topRow ? MergedCellValues.Restart : MergedCellValues.Continue });
                tr.Append(new TableCell(props, Para(topRow ? cell.Text : "")));
                col += cell.ColSpan;
            }
            table.Append(tr);
        }
        return table;
    }
}
