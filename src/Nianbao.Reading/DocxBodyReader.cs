using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Template;

namespace Nianbao.Reading;

/// <summary>
/// Walks word/document.xml with the SDK's forward-only <see cref="OpenXmlReader"/> instead of loading its DOM (issue 12
/// item 3): most of a report's XML is run, paragraph and cell properties (fonts, sizes, borders), which the DOM turned
/// into objects with parsed attributes and this reader skips unread. Paragraphs become lines as they are met; a table
/// is kept (its cells' paragraph text, spans and merges) until its end, because whether it is a data table or the
/// page's frame depends on all its cells. What is read, and in which order, is what the DOM walk read.
/// </summary>
/// <remarks>
/// Position convention: every <c>Read…</c> method starts on an element's start and leaves the reader on the node after
/// that element (its next sibling or its parent's end), as <see cref="OpenXmlReader.Skip"/> does.
/// </remarks>
internal sealed class DocxBodyReader(OpenXmlReader reader, LayoutBuilder builder, ListNumbering numbering)
{
    /// <summary>Deeper nesting of page-layout tables and content controls than this is not walked (hostile, not a report).</summary>
    public const int MaxDepth = 200;

    /// <summary>Inline markup nested deeper than this inside one paragraph is not a report; its text is not read (no recursion without bound).</summary>
    private const int MaxInlineDepth = 1000;

    private readonly StringBuilder _text = new();
    private int _tableIndex;

    /// <summary>Reads the part: false when it has no <c>w:body</c> under <c>w:document</c>.</summary>
    public bool ReadDocument()
    {
        if (!reader.Read() || reader.ElementType != typeof(Document)) return false;
        bool found = false;
        ForEachChild(() =>
        {
            if (!found && reader.ElementType == typeof(Body))
            {
                found = true;
                Walk(0);
            }
            else reader.Skip();
        });
        return found;
    }

    /// <summary>Calls <paramref name="child"/> on each child element's start; it must leave the reader after that child.</summary>
    private void ForEachChild(Action child)
    {
        int depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.IsEndElement && reader.Depth == depth))
        {
            if (reader.IsStartElement) child();
            else reader.Read();
        }
        reader.Read();
    }

    /// <summary>The body or a content control met while streaming: lines at once, tables when their end is reached.</summary>
    private void Walk(int depth)
    {
        if (depth > MaxDepth)
        {
            reader.Skip();
            return;
        }
        ForEachChild(() =>
        {
            var type = reader.ElementType;
            if (type == typeof(Paragraph)) Emit(ReadParagraph());
            else if (type == typeof(Table)) Emit(ReadTable(depth), depth);
            else if (type == typeof(SdtBlock) || type == typeof(SdtContentBlock)) Walk(depth + 1);
            else reader.Skip();
        });
    }

    // ---- kept: a table until its end -------------------------------------------------------------------------

    private sealed record Para(NumberingProperties? Numbering, string Text);

    /// <summary>A content control inside a cell: its children, walked one level deeper.</summary>
    private sealed record Control(List<object> Items);

    private sealed class Cell
    {
        public int Span = 1;
        public bool Continuation;
        public List<object> Items = [];
    }

    private sealed class Tbl
    {
        public readonly List<List<Cell>> Rows = [];
    }

    /// <summary>A table met at walk depth <paramref name="depth"/>; its cells would be walked at depth + 1.</summary>
    private Tbl ReadTable(int depth)
    {
        var table = new Tbl();
        ForEachChild(() =>
        {
            if (reader.ElementType != typeof(TableRow))
            {
                reader.Skip();
                return;
            }
            var row = new List<Cell>();
            table.Rows.Add(row);
            ForEachChild(() =>
            {
                if (reader.ElementType == typeof(TableCell)) row.Add(ReadCell(depth + 1));
                else reader.Skip();
            });
        });
        return table;
    }

    private Cell ReadCell(int depth)
    {
        var cell = new Cell();
        bool sawProperties = false;
        ForEachChild(() =>
        {
            var type = reader.ElementType;
            if (type == typeof(TableCellProperties) && !sawProperties)
            {
                sawProperties = true;
                ReadCellProperties(cell);
            }
            else ReadItem(cell.Items, type, depth);
        });
        return cell;
    }

    /// <summary><c>w:gridSpan</c> and <c>w:vMerge</c> (the first of each, as the DOM's properties give them); the rest unread.</summary>
    private void ReadCellProperties(Cell cell)
    {
        GridSpan? span = null;
        VerticalMerge? merge = null;
        ForEachChild(() =>
        {
            var type = reader.ElementType;
            if (type == typeof(GridSpan) && span is null) span = (GridSpan)Load();
            else if (type == typeof(VerticalMerge) && merge is null) merge = (VerticalMerge)Load();
            else reader.Skip();
        });
        cell.Span = (int?)span?.Val?.Value ?? 1;
        cell.Continuation = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
    }

    /// <summary>
    /// One child of a cell or of a content control in one, walked (if ever) at <paramref name="depth"/>. A cell's own
    /// paragraphs are always kept (a data table's row reads them); tables and content controls only where a walk would
    /// reach them, a table deeper than that only as "a table is here" (which makes its cell the page's frame).
    /// </summary>
    private void ReadItem(List<object> items, Type type, int depth)
    {
        if (type == typeof(Paragraph)) items.Add(ReadParagraph());
        else if (type == typeof(Table))
        {
            if (depth <= MaxDepth) items.Add(ReadTable(depth));
            else
            {
                reader.Skip();
                items.Add(new Tbl());
            }
        }
        else if ((type == typeof(SdtBlock) || type == typeof(SdtContentBlock)) && depth + 1 <= MaxDepth)
        {
            var control = new Control([]);
            ForEachChild(() => ReadItem(control.Items, reader.ElementType, depth + 1));
            items.Add(control);
        }
        else reader.Skip();
    }

    private OpenXmlElement Load()
    {
        var element = reader.LoadCurrentElement()!;
        reader.Read();
        return element;
    }

    // ---- emitted as the DOM walk emitted them ---------------------------------------------------------------

    private void Emit(Para p) =>
        // Headings numbered by Word's list numbering (二、) carry the number outside their text.
        builder.Line(numbering.Label(p.Numbering) + p.Text);

    private void Emit(Tbl table, int depth)
    {
        if (IsPageLayout(table))
        {
            // A table used to lay out the page (the whole report in one cell, or a frame around data tables): its
            // cells are read as the body is, data tables inside them as tables.
            foreach (var cell in table.Rows.SelectMany(r => r)) Emit(cell.Items, depth + 1);
        }
        else builder.Table(Rows(table, ++_tableIndex));
    }

    private void Emit(List<object> items, int depth)
    {
        if (depth > MaxDepth) return;
        foreach (var item in items)
        {
            switch (item)
            {
                case Para p: Emit(p); break;
                case Tbl t: Emit(t, depth); break;
                case Control c: Emit(c.Items, depth + 1); break;
            }
        }
    }

    /// <summary>A table that holds tables, or a single cell: the page's frame, not a data table (as for HTML).</summary>
    private static bool IsPageLayout(Tbl t)
    {
        var cells = t.Rows.SelectMany(r => r);
        return cells.Take(2).Count() == 1 || cells.Any(c => c.Items.Any(i => i is Tbl));
    }

    private static IEnumerable<IReadOnlyList<(string Text, CellLocation At)>> Rows(Tbl table, int tableIndex)
    {
        int r = 0;
        foreach (var row in table.Rows)
        {
            r++;
            var cells = new List<(string, CellLocation)>();
            int col = 0;
            foreach (var cell in row)
            {
                if (!cell.Continuation)
                {
                    // A data table holds no tables (it would be a frame); a cell's text is its own paragraphs'.
                    var text = string.Join(" ", cell.Items.OfType<Para>().Select(p => p.Text));
                    cells.Add((text, new CellLocation(ReadStrategy.Docx) { Table = tableIndex, Row = r, Column = col + 1 }));
                }
                col += Math.Max(1, cell.Span);
            }
            yield return cells;
        }
    }

    // ---- a paragraph's visible text ---------------------------------------------------------------------------

    /// <summary>
    /// The text a reader of the printed page sees. <c>InnerText</c> is not that: it joins the text of a text box twice
    /// (Word writes it in an <c>mc:AlternateContent</c> choice and again in the VML fallback), keeps tracked deletions
    /// (<c>w:delText</c>) and drops tabs, so "规章⇥5⇥3" would read as 规章53. The paragraph's numbering (<c>w:numPr</c>
    /// of its first <c>w:pPr</c>) is kept for the label; the rest of the properties are skipped unread (they hold no text).
    /// </summary>
    private Para ReadParagraph()
    {
        _text.Clear();
        NumberingProperties? numPr = null;
        bool sawProperties = false;
        ForEachChild(() =>
        {
            if (reader.ElementType == typeof(ParagraphProperties) && !sawProperties)
            {
                sawProperties = true;
                ForEachChild(() =>
                {
                    if (reader.ElementType == typeof(NumberingProperties) && numPr is null) numPr = (NumberingProperties)Load();
                    else reader.Skip();
                });
            }
            else AppendText(1);
        });
        return new Para(numPr, _text.ToString());
    }

    private void AppendText(int depth)
    {
        var type = reader.ElementType;
        if (type == typeof(Text))
        {
            _text.Append(reader.GetText());
            reader.Skip();
        }
        else if (type == typeof(TabChar) || type == typeof(Break) || type == typeof(CarriageReturn))
        {
            _text.Append(' ');
            reader.Skip();
        }
        else if (depth > MaxInlineDepth || type == typeof(AlternateContentFallback) || type == typeof(Deleted) || type == typeof(DeletedRun)
                 || type == typeof(DeletedText) || type == typeof(FieldCode) || type == typeof(RunProperties) || type == typeof(ParagraphProperties))
            reader.Skip();
        else ForEachChild(() => AppendText(depth + 1));
    }
}
