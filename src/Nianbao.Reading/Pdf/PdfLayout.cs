using Nianbao.Template;
using System.Text.RegularExpressions;

namespace Nianbao.Reading.Pdf;

/// <summary>
/// Layout step 3, blocks: each page's tables and lines in reading order (top to bottom), page furniture dropped,
/// a table continued on the next page continued as rows; then the document as <see cref="LayoutDocument"/>, every
/// merged cell once at its origin as <see cref="HtmlReader"/> writes it.
/// </summary>
public sealed partial class PdfLayout : IPdfBlockStep
{
    public static readonly PdfLayout Instance = new(WordLines.Instance, RuledGrid.Instance, TableStrategyDecision.Instance);

    /// <summary>The aligned-columns strategy's name (as Tabula's BasicExtractionAlgorithm): poppler's <c>-layout</c> text.</summary>
    public const string AlignedColumnsName = "pdftotext-layout";

    /// <summary>
    /// Page furniture lies in this fraction of the page height at the top or bottom edge: A4 page margins are
    /// 2–2.5 cm (57–71 pt of 842, 7–8 %) and headers and footers are printed inside them.
    /// </summary>
    public const double EdgeBand = 0.07;

    /// <summary>
    /// A merged cell split by a page break has its text centred on the whole cell, so in each part the text is off
    /// the part's centre by at least half a row (11 pt at the smallest print); a complete cell's text is centred within
    /// poppler's ascent/descent asymmetry (2 pt for Chromium's Noto CJK). Text off by more than this (points) marks a part.
    /// </summary>
    public const double SplitCellOffset = 6.0;

    /// <summary>
    /// Text that runs on across a page break ends at most one line (up to 16 pt type) and a cell's padding above the
    /// cut, points: a word processor moves a line that does not fit to the next page.
    /// </summary>
    public const double CutMargin = 20.0;

    /// <summary>How many lines from a table's first rows a repeated header may have (the template's deepest header is 3 rows).</summary>
    public const int MaxRepeatedHeaderRows = 3;

    // Generated at build time (ReadyToRun precompiles them; RegexOptions.Compiled emitted IL at start-up).
    private static readonly Regex[] PageNumbers = [PageNumberDashed(), PageNumberSlash(), PageNumberOf(), PageNumberTotalFirst(), PageNumberLatin()];

    [GeneratedRegex(@"^[-–—－_\s]*\d{1,4}[-–—－_\s]*$")]
    private static partial Regex PageNumberDashed();

    [GeneratedRegex(@"^\d{1,4}\s*[/／]\s*\d{1,4}$")]
    private static partial Regex PageNumberSlash();

    [GeneratedRegex(@"^第\s*\d{1,4}\s*页(\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$")]
    private static partial Regex PageNumberOf();

    [GeneratedRegex(@"^共\s*\d{1,4}\s*页\s*[，,]?\s*第\s*\d{1,4}\s*页$")]
    private static partial Regex PageNumberTotalFirst();

    [GeneratedRegex(@"^(?i:page)\s*\d{1,4}(\s*(?i:of|/)\s*\d{1,4})?$")]
    private static partial Regex PageNumberLatin();

    private readonly IPdfLineStep _lines;
    private readonly IPdfTableStep _tables;
    private readonly IPdfStrategyDecision _decision;

    public PdfLayout(IPdfLineStep lines, IPdfTableStep tables, IPdfStrategyDecision decision) =>
        (_lines, _tables, _decision) = (lines, tables, decision);

    /// <summary>The document's format and the name of the aligned-columns strategy (OCR reads scans through these steps too).</summary>
    public FileFormat Format { get; init; } = FileFormat.Pdf;

    public string ColumnsName { get; init; } = AlignedColumnsName;

    /// <summary>A cell's box in the unit of its page image: points for a PDF, pixels of the raster for a scan.</summary>
    public Func<int, PdfBox, CellBox> BoxOf { get; init; } = (_, b) => CellLocation.PointBox(b.X0, b.Y0, b.X1, b.Y1);

    /// <summary>A cell of the page's aligned columns (read from the page's own text) gets the page it is on.</summary>
    private static CellLocation? Paged(CellLocation? at, int page) => at is null ? null : at with { Page = page };

    /// <summary>Blocks of one page as the decided strategy sees them.</summary>
    public abstract record Block(int Page, PdfBox Box);
    public sealed record LineBlock(int Page, PdfTextLine Line) : Block(Page, Line.Box);
    public sealed record GridBlock(int Page, PdfGrid Grid) : Block(Page, Grid.Box);

    public LayoutDocument? Read(IReadOnlyList<PdfPage> pages, Func<int, string> columnsText)
    {
        var perPage = new List<(PdfPage Page, PdfPageStrategy Strategy, List<Block> Blocks)>();
        foreach (var page in pages)
        {
            var tables = _tables.Find(page.Rules, page.Words);
            var lines = _lines.Lines(tables.Outside);
            var strategy = _decision.Decide(tables, lines);
            var blocks = lines.Select(l => (Block)new LineBlock(page.Number, l))
                .Concat(tables.Grids.Select(g => new GridBlock(page.Number, g)))
                .OrderBy(b => b.Box.Y0).ToList();
            perPage.Add((page, strategy, blocks));
        }
        if (perPage.All(p => p.Strategy != PdfPageStrategy.RuledGrid)) return null;

        var furniture = Furniture(perPage.Select(p => (p.Page, p.Blocks)).ToList());
        var builder = new LayoutBuilder();
        TableBuild? open = null;
        int tableCount = 0;
        foreach (var (page, strategy, blocks) in perPage)
        {
            if (strategy == PdfPageStrategy.AlignedColumns)
            {
                Close();
                foreach (var block in PlainTextReader.Instance.Read(columnsText(page.Number), "utf-8", EncodingConfidence.Certain).Blocks)
                    if (block is LayoutLine l) builder.Line(l.Text);
                    else if (block is LayoutTable t) // columns read from x-positions (Aligned.AlignedTables): keep the blank cells
                        builder.Table(t.Rows.Select(r => (IReadOnlyList<(string, CellLocation?, string?)>)r.Cells.Select(c => (c.Text, Paged(c.At, page.Number), c.Raw)).ToList()));
                continue;
            }
            bool first = true;
            foreach (var block in blocks)
            {
                if (block is LineBlock lb)
                {
                    if (furniture.Contains(lb)) continue;
                    Close();
                    builder.Line(lb.Line.Text);
                }
                else if (block is GridBlock gb)
                {
                    if (first && open is not null && SameColumns(open.Edges, gb.Grid.Box)) open.Add(gb.Grid, page.Number, continuation: true);
                    else
                    {
                        Close();
                        open = new TableBuild(++tableCount, CellLocation.Parse(_tables.Name) ?? ReadStrategy.PdfLattice, BoxOf);
                        open.Add(gb.Grid, page.Number, continuation: false);
                    }
                }
                first = false;
            }
        }
        Close();
        var strategies = perPage.Any(p => p.Strategy == PdfPageStrategy.AlignedColumns) ? $"{_tables.Name}+{ColumnsName}" : _tables.Name;
        return builder.Build(Format, "utf-8", EncodingConfidence.Certain, strategies);

        void Close()
        {
            if (open is null) return;
            builder.Table(open.Rows());
            open = null;
        }
    }

    private static bool SameColumns(PdfBox a, PdfBox b) =>
        Math.Abs(a.X0 - b.X0) <= RuledGrid.Snap && Math.Abs(a.X1 - b.X1) <= RuledGrid.Snap;

    /// <summary>
    /// Lines at the top or bottom edge that are page numbers ("- 3 -", "3/5", "第 3 页") or that repeat at the edge
    /// of several pages with only their numbers changed (running headers and footers).
    /// </summary>
    public static HashSet<LineBlock> Furniture(IReadOnlyList<(PdfPage Page, List<Block> Blocks)> pages)
    {
        var edge = pages.SelectMany(p => p.Blocks.OfType<LineBlock>()
                .Where(b => b.Box.Y1 <= EdgeBand * p.Page.Height || b.Box.Y0 >= (1 - EdgeBand) * p.Page.Height))
            .ToList();
        string Key(LineBlock b) => Regex.Replace(string.Concat(b.Line.Text.Where(c => !char.IsWhiteSpace(c))), @"\d+", "#");
        var repeated = edge.GroupBy(Key).Where(g => g.Select(b => b.Page).Distinct().Count() >= 2).SelectMany(g => g);
        var numbers = edge.Where(b => PageNumbers.Any(r => r.IsMatch(b.Line.Text.Trim())));
        return [.. repeated, .. numbers];
    }

    /// <summary>One table being read, possibly over several pages.</summary>
    private sealed class TableBuild(int index, ReadStrategy strategy, Func<int, PdfBox, CellBox> boxOf)
    {
        private sealed class Cell(int page, PdfBox box, int column, string text)
        {
            public int Page = page;
            public PdfBox Box = box;
            public int Column = column;
            public string Text = text;
            public int Row;
        }

        /// <summary>A cell reaching the bottom of the last fragment: a merged cell split by the page break continues in the next.</summary>
        private sealed record Open(Cell Cell, PdfGridCell Part, int RowSpan);

        private readonly List<List<Cell>> _rows = [];
        private List<Open> _open = [];
        public PdfBox Edges { get; private set; }

        public void Add(PdfGrid grid, int page, bool continuation)
        {
            Edges = grid.Box;
            var byRow = Enumerable.Range(0, grid.Rows).Select(r => grid.Cells.Where(c => c.Row == r).ToList()).ToList();
            int skip = continuation ? RepeatedHeader(byRow) : 0;
            var carried = new Dictionary<PdfGridCell, Open>();
            if (continuation && skip == 0)
            {
                var pairs = byRow[0].Select(c => (Cell: c, Open: _open.FirstOrDefault(o => SameColumns(o.Part.Box, c.Box)))).ToList();
                // A row cut by the break (Word and LibreOffice let a tall row run on): the same columns, some
                // one-row cell whose text ended before the cut (a number never wraps) is empty on the new page, and every cell
                // with text there carries on text that ran to the cut. A new row has its numbers on the new page.
                bool rowCut = pairs.All(p => p.Open is not null) &&
                    pairs.Any(p => p.Cell.Text.Length > 0) &&
                    pairs.Any(p => p.Cell.Text.Length == 0 && p.Cell.RowSpan == 1 && p.Open!.Part.Text.Length > 0 && p.Open.Part.RowSpan == 1) &&
                    pairs.Where(p => p.Cell.Text.Length > 0).All(p => Crosses(p.Open!.Part, p.Cell));
                foreach (var (c, o) in pairs)
                    if (o is not null && (rowCut || MergedPartContinues(o, c)))
                    {
                        o.Cell.Text = PdfText.JoinLines([o.Cell.Text, c.Text]);
                        carried[c] = o;
                    }
            }
            var made = new Dictionary<PdfGridCell, Cell>();
            for (int r = skip; r < grid.Rows; r++)
            {
                var row = new List<Cell>();
                foreach (var c in byRow[r])
                {
                    if (carried.ContainsKey(c)) continue;
                    var cell = new Cell(page, c.Box, c.Column + 1, c.Text) { Row = _rows.Count + 1 };
                    made[c] = cell;
                    row.Add(cell);
                }
                if (row.Count > 0) _rows.Add(row);
            }
            _open = grid.Cells.Where(c => c.Row + c.RowSpan == grid.Rows && c.Row >= skip)
                .Select(c => carried.TryGetValue(c, out var o)
                    ? o with { RowSpan = o.RowSpan + c.RowSpan }
                    : new Open(made[c], c, c.RowSpan))
                .ToList();
        }

        /// <summary>
        /// Whether the first-row cell <paramref name="c"/> of a continued fragment is the rest of a merged cell cut by
        /// the break (<paramref name="o"/> the part before it): one part spans rows, and the text is wholly in one
        /// part off its centre (a centred text is centred on the whole cell), or runs across the cut.
        /// </summary>
        private static bool MergedPartContinues(Open o, PdfGridCell c) =>
            (o.RowSpan >= 2 || c.RowSpan >= 2) &&
            (c.Text.Length == 0 ? o.Part.OffCentre(SplitCellOffset)
                : o.Part.Text.Length == 0 ? c.OffCentre(SplitCellOffset)
                : Crosses(o.Part, c));

        /// <summary>
        /// Text runs across the cut: down to within a line of it and on from the top after it. A part spanning rows
        /// must also hold its text off its centre: a whole merged cell's centred text can end near its bottom too.
        /// </summary>
        private static bool Crosses(PdfGridCell before, PdfGridCell after) =>
            before.TextBox is { } a && after.TextBox is { } b && (before.RowSpan == 1 || before.OffCentre(SplitCellOffset)) &&
            before.Box.Y1 - a.Y1 <= CutMargin && b.Y0 - after.Box.Y0 <= CutMargin;

        /// <summary>How many first rows of a continued fragment repeat the table's first rows (a header printed again on each page).</summary>
        private int RepeatedHeader(List<List<PdfGridCell>> fragment)
        {
            for (int k = Math.Min(MaxRepeatedHeaderRows, Math.Min(_rows.Count, fragment.Count - 1)); k >= 1; k--)
            {
                bool same = true;
                for (int r = 0; r < k && same; r++)
                    same = _rows[r].Select(c => c.Text).SequenceEqual(fragment[r].Select(c => c.Text));
                if (same && fragment.Take(k).Any(row => row.Any(c => c.Text.Length > 0))) return k;
            }
            return 0;
        }

        public IEnumerable<IReadOnlyList<(string Text, CellLocation At)>> Rows() =>
            _rows.Select(row => (IReadOnlyList<(string, CellLocation)>)row
                .Select(c => (c.Text, new CellLocation(strategy)
                {
                    Page = c.Page, Box = boxOf(c.Page, c.Box), Table = index, Row = c.Row, Column = c.Column,
                }))
                .ToList());
    }
}
