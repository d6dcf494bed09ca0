namespace Nianbao.Reading.Pdf;

/// <summary>An axis-aligned box in PDF points, origin at the page's top left (poppler's bbox and SVG coordinates).</summary>
public readonly record struct PdfBox(double X0, double Y0, double X1, double Y1)
{
    public double Width => X1 - X0;
    public double Height => Y1 - Y0;
    public double CentreX => (X0 + X1) / 2;
    public double CentreY => (Y0 + Y1) / 2;

    public PdfBox Union(PdfBox other) =>
        new(Math.Min(X0, other.X0), Math.Min(Y0, other.Y0), Math.Max(X1, other.X1), Math.Max(Y1, other.Y1));
}

/// <summary>A word as poppler places it: a run of glyphs without a visible gap.</summary>
public sealed record PdfWord(string Text, PdfBox Box);

/// <summary>A ruling segment: horizontal at y = <paramref name="At"/> from x = From to To, or vertical at x = At from y = From to To.</summary>
public sealed record PdfRule(bool Horizontal, double At, double From, double To)
{
    public static PdfRule H(double y, double x0, double x1) => new(true, y, Math.Min(x0, x1), Math.Max(x0, x1));
    public static PdfRule V(double x, double y0, double y1) => new(false, x, Math.Min(y0, y1), Math.Max(y0, y1));
}

/// <summary>One page: its size, its words and its ruling lines.</summary>
public sealed record PdfPage(int Number, double Width, double Height, IReadOnlyList<PdfWord> Words, IReadOnlyList<PdfRule> Rules);

/// <summary>A line of text built from words (left to right), with its box.</summary>
public sealed record PdfTextLine(string Text, PdfBox Box, IReadOnlyList<PdfWord> Words)
{
    /// <summary>The horizontal gaps between consecutive words.</summary>
    public IEnumerable<double> Gaps => Words.Zip(Words.Skip(1), (a, b) => b.Box.X0 - a.Box.X1);
}

/// <summary>
/// One cell of a ruled grid: its origin row and column (0-based) and spans in the grid of all ruling positions,
/// its box and its text. A merged cell is one <see cref="PdfGridCell"/>.
/// </summary>
/// <param name="TextBox">Where the text is inside the cell (null for an empty cell).</param>
public sealed record PdfGridCell(int Row, int Column, int RowSpan, int ColumnSpan, PdfBox Box, string Text, PdfBox? TextBox = null)
{
    /// <summary>The text sits clearly off the cell's vertical centre (or the cell is empty).</summary>
    public bool OffCentre(double offset) => TextBox is not { } t || Math.Abs(t.CentreY - Box.CentreY) > offset;
}

/// <summary>A table rebuilt from ruling lines: the row and column positions and every (merged) cell once.</summary>
public sealed record PdfGrid(PdfBox Box, IReadOnlyList<double> RowLines, IReadOnlyList<double> ColumnLines, IReadOnlyList<PdfGridCell> Cells)
{
    public int Rows => RowLines.Count - 1;
    public int Columns => ColumnLines.Count - 1;
}

/// <summary>The tables found on a page and the words that lie outside every table.</summary>
public sealed record PdfTables(IReadOnlyList<PdfGrid> Grids, IReadOnlyList<PdfWord> Outside);
