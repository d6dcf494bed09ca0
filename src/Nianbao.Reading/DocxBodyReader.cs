using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Template;

namespace Nianbao.Reading;

/// <summary>
/// Walks word/document.xml forward with <see cref="XmlReader"/> instead of loading the SDK's DOM (issue 12 item 3).
/// Most of a report's XML is run, paragraph and cell properties (fonts, sizes, borders): the DOM made an object with
/// parsed attributes of each, and so does the SDK's own <see cref="OpenXmlReader"/> for every element it passes (it
/// was measured here: 15 % faster than the DOM, not 4×). This reader skips them unparsed. The package, its parts and
/// relationships stay the SDK's; attribute values are parsed by the SDK's own types. Paragraphs become lines as they
/// are met; a table is kept (its cells' paragraph text, spans and merges) until its end, because whether it is a data
/// table or the page's frame depends on all its cells. What is read, and in which order, is what the DOM walk read.
/// </summary>
/// <remarks>
/// Elements are known by namespace and name in the context the DOM gave them a type: <c>w:p</c>, <c>w:tbl</c> and
/// <c>w:sdt</c> in the body, a cell or a content control's content; <c>w:sdtContent</c> in <c>w:sdt</c>; <c>w:t</c>,
/// <c>w:tab</c>, <c>w:br</c>, <c>w:cr</c> in a run (<c>w:r</c> or <c>m:r</c>, also through
/// <c>mc:AlternateContent/mc:Choice</c>). The differences, all on markup no real report has shown: a run inside markup
/// the SDK 2.20 does not know (a <c>w:smartTag</c>, another vendor's wrapper) was an "unknown element" to the DOM, so
/// its text was lost, and a document.xml in ISO 29500 strict's namespace inside a transitional package was refused;
/// here both are read. Every <c>Read…</c> method starts on an element's start and leaves the reader on the node
/// after that element.
/// </remarks>
internal sealed class DocxBodyReader
{
    /// <summary>Deeper nesting of page-layout tables and content controls than this is not walked (hostile, not a report).</summary>
    public const int MaxDepth = 200;

    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>ISO 29500 strict's namespace, which the SDK reads as the transitional one.</summary>
    private const string WStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";

    private const string Mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    /// <summary>Office Math: its runs (<c>m:r</c>) hold Word's <c>w:t</c> too.</summary>
    private const string M = "http://schemas.openxmlformats.org/officeDocument/2006/math";

    private readonly XmlReader _reader;
    private readonly LayoutBuilder _builder;
    private readonly ListNumbering _numbering;
    private readonly string _w, _wStrict, _mc, _m;
    private readonly StringBuilder _text = new();
    private readonly List<bool> _runLevels = [];
    private int _tableIndex;

    public DocxBodyReader(XmlReader reader, LayoutBuilder builder, ListNumbering numbering)
    {
        _reader = reader;
        _builder = builder;
        _numbering = numbering;
        // Names the reader gives are atomised in its name table: namespaces compare by reference.
        _w = reader.NameTable.Add(W);
        _wStrict = reader.NameTable.Add(WStrict);
        _mc = reader.NameTable.Add(Mc);
        _m = reader.NameTable.Add(M);
    }

    /// <summary>Reads the part: false when its <c>w:document</c> has no <c>w:body</c>.</summary>
    /// <exception cref="InvalidDataException">The part's root is not <c>w:document</c> (as the SDK refused it).</exception>
    public bool ReadDocument()
    {
        if (_reader.MoveToContent() != XmlNodeType.Element || !IsW("document"))
            throw new InvalidDataException("word/document.xml 的根元素不是 w:document");
        bool found = false;
        int depth = Enter(out bool empty);
        while (!empty && NextChild(depth))
        {
            if (!found && IsW("body"))
            {
                found = true;
                Walk(0, content: true);
            }
            else _reader.Skip();
        }
        return found;
    }

    private bool IsW(string localName)
    {
        var ns = _reader.NamespaceURI;
        return (ReferenceEquals(ns, _w) || ReferenceEquals(ns, _wStrict)) && _reader.LocalName == localName;
    }

    private bool InW
    {
        get
        {
            var ns = _reader.NamespaceURI;
            return ReferenceEquals(ns, _w) || ReferenceEquals(ns, _wStrict);
        }
    }

    /// <summary>On an element's start: moves inside it; its depth, for <see cref="NextChild"/>.</summary>
    private int Enter(out bool empty)
    {
        int depth = _reader.Depth;
        empty = _reader.IsEmptyElement;
        _reader.Read();
        return depth;
    }

    /// <summary>True on the start of the element's next child; false once past the element's end.</summary>
    private bool NextChild(int depth)
    {
        while (!_reader.EOF)
        {
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
            {
                _reader.Read();
                return false;
            }
            if (_reader.NodeType == XmlNodeType.Element) return true;
            _reader.Read();
        }
        return false;
    }

    private string? Val()
    {
        var v = _reader.GetAttribute("val", _w);
        return v ?? _reader.GetAttribute("val", _wStrict);
    }

    /// <summary>
    /// The body, a content control's content (<paramref name="content"/>: paragraphs, tables and controls) or a
    /// content control (only its content), met while streaming: lines at once, tables when their end is reached.
    /// </summary>
    private void Walk(int depth, bool content)
    {
        if (depth > MaxDepth)
        {
            _reader.Skip();
            return;
        }
        int own = Enter(out bool empty);
        while (!empty && NextChild(own))
        {
            if (content && IsW("p")) Emit(ReadParagraph());
            else if (content && IsW("tbl")) Emit(ReadTable(depth), depth);
            else if (content && IsW("sdt")) Walk(depth + 1, content: false);
            else if (!content && IsW("sdtContent")) Walk(depth + 1, content: true);
            else _reader.Skip();
        }
    }

    // ---- kept: a table until its end -------------------------------------------------------------------------

    private sealed record Para(Int32Value? NumberingId, Int32Value? Level, string Text);

    /// <summary>A content control inside a cell (or its content): its children, walked one level deeper.</summary>
    private sealed record Control(List<object> Items);

    private sealed class Cell
    {
        public int Span = 1;
        public bool Continuation;
        public readonly List<object> Items = [];
    }

    private sealed class Tbl
    {
        public readonly List<List<Cell>> Rows = [];
    }

    /// <summary>A table met at walk depth <paramref name="depth"/>; its cells would be walked at depth + 1.</summary>
    private Tbl ReadTable(int depth)
    {
        var table = new Tbl();
        int own = Enter(out bool empty);
        while (!empty && NextChild(own))
        {
            if (!IsW("tr"))
            {
                _reader.Skip();
                continue;
            }
            var row = new List<Cell>();
            table.Rows.Add(row);
            int tr = Enter(out bool emptyRow);
            while (!emptyRow && NextChild(tr))
            {
                if (IsW("tc")) row.Add(ReadCell(depth + 1));
                else _reader.Skip();
            }
        }
        return table;
    }

    private Cell ReadCell(int depth)
    {
        var cell = new Cell();
        bool sawProperties = false;
        int own = Enter(out bool empty);
        while (!empty && NextChild(own))
        {
            if (!sawProperties && IsW("tcPr"))
            {
                sawProperties = true;
                ReadCellProperties(cell);
            }
            else ReadItem(cell.Items, depth, content: true);
        }
        return cell;
    }

    /// <summary><c>w:gridSpan</c> and <c>w:vMerge</c> (the first of each, as the DOM's properties give them); the rest unread.</summary>
    private void ReadCellProperties(Cell cell)
    {
        bool sawSpan = false, sawMerge = false;
        string? span = null, merge = null;
        int own = Enter(out bool empty);
        while (!empty && NextChild(own))
        {
            if (!sawSpan && IsW("gridSpan"))
            {
                sawSpan = true;
                span = Val();
            }
            else if (!sawMerge && IsW("vMerge"))
            {
                sawMerge = true;
                merge = Val();
            }
            _reader.Skip();
        }
        // The SDK's value types parse the attributes, as they did in the DOM.
        cell.Span = span is null ? 1 : new Int32Value { InnerText = span }.Value;
        cell.Continuation = sawMerge && (merge is null || new EnumValue<MergedCellValues> { InnerText = merge }.Value == MergedCellValues.Continue);
    }

    /// <summary>
    /// One child of a cell or of a content control in one, walked (if ever) at <paramref name="depth"/>. A cell's own
    /// paragraphs are always kept (a data table's row reads them); tables and content controls only where a walk would
    /// reach them, a table deeper than that only as "a table is here" (which makes its cell the page's frame).
    /// </summary>
    private void ReadItem(List<object> items, int depth, bool content)
    {
        if (content && IsW("p")) items.Add(ReadParagraph());
        else if (content && IsW("tbl"))
        {
            if (depth <= MaxDepth) items.Add(ReadTable(depth));
            else
            {
                _reader.Skip();
                items.Add(new Tbl());
            }
        }
        else if (depth + 1 <= MaxDepth && (content ? IsW("sdt") : IsW("sdtContent")))
        {
            bool control = content;
            var inner = new Control([]);
            int own = Enter(out bool empty);
            while (!empty && NextChild(own)) ReadItem(inner.Items, depth + 1, content: !control);
            items.Add(inner);
        }
        else _reader.Skip();
    }

// ---- emitted as the DOM walk emitted them ---------------------------------------------------------------

    private void Emit(Para p) =>
        // Headings numbered by Word's list numbering (二、) carry the number outside their text.
        _builder.Line(_numbering.Label(p.NumberingId, p.Level) + p.Text);

    private void Emit(Tbl table, int depth)
    {
        if (IsPageLayout(table))
        {
            // A table used to lay out the page (the whole report in one cell, or a frame around data tables): its
            // cells are read as the body is, data tables inside them as tables.
            foreach (var cell in table.Rows.SelectMany(r => r)) Emit(cell.Items, depth + 1);
        }
        else _builder.Table(Rows(table, ++_tableIndex));
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
    /// of its first <c>w:pPr</c>) is kept for the label; properties are skipped unread (they hold no text). Nested
    /// markup is followed with a stack of "is a run" flags, not recursion, so its depth costs nothing.
    /// </summary>
    private Para ReadParagraph()
    {
        _text.Clear();
        Int32Value? numId = null, level = null;
        bool sawProperties = false;
        int own = Enter(out bool empty);
        if (empty) return new Para(null, null, "");
        _runLevels.Clear();
        _runLevels.Add(false);
        while (!_reader.EOF)
        {
            var node = _reader.NodeType;
            if (node == XmlNodeType.EndElement)
            {
                if (_reader.Depth == own)
                {
                    _reader.Read();
                    break;
                }
                _runLevels.RemoveAt(_runLevels.Count - 1);
                _reader.Read();
                continue;
            }
            if (node != XmlNodeType.Element)
            {
                _reader.Read();
                continue;
            }
            bool inRun = _runLevels[^1];
            bool w = InW;
            var name = _reader.LocalName;
            if (w && name == "pPr" && _runLevels.Count == 1 && !sawProperties)
            {
                sawProperties = true;
                (numId, level) = ReadNumbering();
            }
            else if (w && inRun && name == "t") AppendText();
            else if (w && inRun && name is "tab" or "br" or "cr")
            {
                _text.Append(' ');
                _reader.Skip();
            }
            else if ((w && name is "rPr" or "pPr" or "del" or "delText" or "instrText")
                     || (ReferenceEquals(_reader.NamespaceURI, _mc) && name == "Fallback") || _reader.IsEmptyElement)
                _reader.Skip();
            else
            {
                // Inside a run, or in mc:AlternateContent/mc:Choice as deep in one as their parent (the SDK types a
                // choice's children as its parent's).
                bool mcWrapper = ReferenceEquals(_reader.NamespaceURI, _mc) && name is "AlternateContent" or "Choice";
                bool run = name == "r" && (w || ReferenceEquals(_reader.NamespaceURI, _m));
                _runLevels.Add(run || (mcWrapper && inRun));
                _reader.Read();
            }
        }
        return new Para(numId, level, _text.ToString());
    }

    /// <summary>The SDK's <c>Text</c>: the element's first text, CDATA or white-space node.</summary>
    private void AppendText()
    {
        int own = Enter(out bool empty);
        if (empty) return;
        bool done = false;
        while (!_reader.EOF)
        {
            var node = _reader.NodeType;
            if (node == XmlNodeType.EndElement && _reader.Depth == own)
            {
                _reader.Read();
                return;
            }
            if (!done && node is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                _text.Append(_reader.Value);
                done = true;
                _reader.Read();
            }
            else if (node == XmlNodeType.Element) _reader.Skip();
            else _reader.Read();
        }
    }

    /// <summary>On the paragraph's first <c>w:pPr</c>: its first <c>w:numPr</c>'s first <c>w:numId</c> and <c>w:ilvl</c> values.</summary>
    private (Int32Value? NumberingId, Int32Value? Level) ReadNumbering()
    {
        Int32Value? numId = null, level = null;
        bool sawNumPr = false;
        int own = Enter(out bool empty);
        while (!empty && NextChild(own))
        {
            if (sawNumPr || !IsW("numPr"))
            {
                _reader.Skip();
                continue;
            }
            sawNumPr = true;
            bool sawId = false, sawLevel = false;
            int numPr = Enter(out bool emptyNumPr);
            while (!emptyNumPr && NextChild(numPr))
            {
                if (!sawId && IsW("numId"))
                {
                    sawId = true;
                    numId = Val() is { } v ? new Int32Value { InnerText = v } : null;
                }
                else if (!sawLevel && IsW("ilvl"))
                {
                    sawLevel = true;
                    level = Val() is { } v ? new Int32Value { InnerText = v } : null;
                }
                _reader.Skip();
            }
        }
        return (numId, level);
    }
}
