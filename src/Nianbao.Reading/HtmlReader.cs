using Nianbao.Template;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Nianbao.Reading;

/// <summary>
/// Saved web pages (AngleSharp): the charset comes from the BOM or <c>&lt;meta charset&gt;</c>; scripts, styles
/// and the head are dropped; block elements become lines; every data table becomes a grid whose cells
/// keep their table/row/cell position. A cell spanning several rows or columns appears once, at its origin:
/// recognition reads cells in order, and a repeated merged value would be counted twice. Tables that
/// contain tables are page layout, and are read as running text.
/// </summary>
public sealed class HtmlReader
{
    public static readonly HtmlReader Instance = new();

    private static readonly HashSet<string> Skipped = ["script", "style", "noscript", "template", "head", "title", "svg", "select", "button", "iframe"];

    private static readonly HashSet<string> Blocks =
        ["p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dt", "dd", "tr", "td", "th", "table", "blockquote", "pre", "header", "footer", "center", "form", "hr", "main", "nav", "aside"];

    /// <summary>Deeper nesting than this is hostile, not a report; the rest of that branch is ignored.</summary>
    public const int MaxDepth = 200;

    /// <summary>Largest rowspan or colspan honoured; the template's widest merge is 21 rows.</summary>
    public const int MaxSpan = 100;

    public LayoutDocument Read(byte[] bytes)
    {
        // AngleSharp's cost grows with depth for every tag: the page's shape is looked at first, in one linear pass.
        if (MarkupShape.Refusal(bytes) is { } refusal) throw new ReadRefusedException("html", "too_large", refusal);
        TextDecoder.EnsureCodePages();
        var budget = ReadBudget.Token;
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        using var stream = new MemoryStream(bytes, writable: false);
        var doc = parser.ParseDocument(stream);
        var builder = new LayoutBuilder();
        // Government CMS pages carry the title and publication date as <meta> (ArticleTitle, PubDate):
        // written as the metadata lines the recogniser already knows ("标题: …", "发布日期: …").
        var text = Nianbao.Template.TemplateCatalog.Default.Text;
        if (Meta(doc, "ArticleTitle") is { } title) builder.Line($"{text.MetadataTitlePrefixes[0]}: {title}");
        if ((Meta(doc, "PubDate") ?? Meta(doc, "firstpublishedtime")) is { } date) builder.Line($"{text.PublishedMarkers[1]}: {date}");
        var line = new System.Text.StringBuilder();
        int tableIndex = 0;
        Walk(doc.Body ?? (INode)doc.DocumentElement, 0);
        Flush();
        var charset = doc.CharacterSet ?? "utf-8";
        return builder.Build("html", charset.ToLowerInvariant(), EncodingConfidence.Certain, "html");

        void Flush()
        {
            builder.Line(line.ToString());
            line.Clear();
        }

        void Walk(INode node, int depth)
        {
            if (depth > MaxDepth) return;
            budget.ThrowIfCancellationRequested();
            switch (node)
            {
                case IText text:
                    line.Append(text.Data);
                    return;
                case IElement element:
                    var name = element.LocalName;
                    if (Skipped.Contains(name)) return;
                    if (element is IHtmlTableElement table && table.QuerySelector("table") is null)
                    {
                        Flush();
                        builder.Table(Rows(table, ++tableIndex));
                        return;
                    }
                    if (name == "br") { Flush(); return; }
                    if (name == "img") { builder.Images++; return; }
                    bool block = Blocks.Contains(name);
                    if (block) Flush();
                    foreach (var child in element.ChildNodes) Walk(child, depth + 1);
                    if (block) Flush();
                    return;
                default:
                    foreach (var child in node.ChildNodes) Walk(child, depth + 1);
                    return;
            }
        }
    }

    private static string? Meta(IDocument doc, string name) =>
        doc.QuerySelectorAll("meta").FirstOrDefault(m => string.Equals(m.GetAttribute("name"), name, StringComparison.OrdinalIgnoreCase))
            ?.GetAttribute("content") is { Length: > 0 } v ? v : null;

    /// <summary>The table's rows with grid positions: rowspan and colspan are resolved to find each cell's column.</summary>
    private static IEnumerable<IReadOnlyList<(string Text, CellLocation At)>> Rows(IHtmlTableElement table, int tableIndex)
    {
        var occupied = new Dictionary<(int Row, int Col), bool>();
        int r = 0;
        foreach (var row in table.Rows)
        {
            var cells = new List<(string, CellLocation)>();
            int c = 0;
            foreach (var cell in row.Cells)
            {
                while (occupied.ContainsKey((r, c))) c++;
                int rs = Math.Clamp(cell.RowSpan, 1, MaxSpan), cs = Math.Clamp(cell.ColumnSpan, 1, MaxSpan);
                for (int i = 0; i < rs; i++)
                    for (int j = 0; j < cs; j++) occupied[(r + i, c + j)] = true;
                var at = cell.SourceReference?.Position;
                var where = new CellLocation(ReadStrategy.Html) { Table = tableIndex, Row = r + 1, Column = c + 1, SourceLine = at?.Line };
                cells.Add((cell.TextContent, where));
                c += cs;
            }
            r++;
            yield return cells;
        }
    }
}
