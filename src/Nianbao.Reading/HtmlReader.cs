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
public sealed class HtmlReader : IDocumentReader
{
    public static readonly HtmlReader Instance = new();

    public FileFormat Format => FileFormat.Html;

    /// <summary>
    /// Bytes that start as HTML, and text with markup further down (a line of text, then an article's HTML): read as
    /// HTML, so that no reader ever takes a number out of a tag or an attribute (<c>line-height: 2</c>).
    /// </summary>
    public bool Accepts(DocumentInput input) =>
        input.Sniffed == FileFormat.Html || (input.Text is { } t && FormatSniffer.ContainsMarkup(t.Text));

    public ReadResult Read(DocumentInput input) => ReadResult.Ok(input.Sniffed == FileFormat.Html
        ? Read(input.Bytes)
        : Read([.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(input.Text!.Text)]));

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
        if (MarkupShape.Refusal(bytes) is { } refusal) throw new ReadRefusedException(FileFormat.Html, ReadErrorCode.TooLarge, refusal);
        TextDecoder.EnsureCodePages();
        var budget = ReadBudget.Token;
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        using var stream = new MemoryStream(bytes, writable: false);
        var doc = parser.ParseDocument(stream);
        var builder = new LayoutBuilder();
        // Government CMS pages carry the title and publication date as <meta> (ArticleTitle, PubDate).
        var metadata = new DocumentMetadata(Meta(doc, "ArticleTitle"), Meta(doc, "PubDate") ?? Meta(doc, "firstpublishedtime"));
        var line = new System.Text.StringBuilder();
        int tableIndex = 0;
        Walk(doc.Body ?? (INode)doc.DocumentElement, 0);
        Flush();
        var charset = doc.CharacterSet ?? "utf-8";
        return builder.Build(FileFormat.Html, charset.ToLowerInvariant(), EncodingConfidence.Certain, "html") with { Metadata = metadata };

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
