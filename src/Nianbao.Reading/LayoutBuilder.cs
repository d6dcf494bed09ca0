using System.Text;
using Nianbao.Template;

namespace Nianbao.Reading;

/// <summary>
/// Builds a <see cref="LayoutDocument"/> for structured formats (HTML, DOCX): every text block and every
/// table row becomes one logical line of <see cref="LayoutDocument.Text"/>, so line numbers are stable
/// whatever the source's own line breaks (a minified page is one source line).
/// </summary>
internal sealed class LayoutBuilder
{
    private readonly List<LayoutBlock> _blocks = [];
    private readonly StringBuilder _text = new();
    private int _line;

    public void Line(string text)
    {
        text = Collapse(text);
        if (text.Length == 0) return;
        _line++;
        _blocks.Add(new LayoutLine(text, _line));
        _text.Append(text).Append('\n');
    }

    /// <param name="rows">Cell texts and locations per row; merged-cell continuations are already left out.</param>
    public void Table(IEnumerable<IReadOnlyList<(string Text, CellLocation At)>> rows) =>
        Table(rows.Select(r => (IReadOnlyList<(string, CellLocation?, string?)>)r.Select(c => (c.Text, (CellLocation?)c.At, (string?)null)).ToList()));

    /// <param name="rows">Cell texts, locations and the source's text where the reader changed it.</param>
    public void Table(IEnumerable<IReadOnlyList<(string Text, CellLocation? At, string? Raw)>> rows)
    {
        var layoutRows = new List<LayoutRow>();
        int first = _line + 1;
        foreach (var row in rows)
        {
            if (row.Count == 0) continue;
            _line++;
            var cells = new List<LayoutCell>(row.Count);
            int col = 1;
            foreach (var (text, at, raw) in row)
            {
                var t = Collapse(text);
                cells.Add(new LayoutCell(t, _line, col, at, raw));
                _text.Append(t).Append('\t');
                col += t.Length + 1;
            }
            _text.Append('\n');
            layoutRows.Add(new LayoutRow(cells, _line));
        }
        if (layoutRows.Count > 0) _blocks.Add(new LayoutTable(layoutRows, first));
    }

    public int Images { get; set; }

    public LayoutDocument Build(FileFormat format, string encoding, EncodingConfidence confidence, string method) =>
        new(format, encoding, confidence, method, _blocks, _text.ToString(), Images);

    /// <summary>Runs of white space (including &amp;nbsp; and full-width spaces) become one space.</summary>
    private static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0' || c == '\u200B')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
