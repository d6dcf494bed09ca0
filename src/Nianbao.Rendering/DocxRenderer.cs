using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// A Word document in the official layout: centred title, the six headings, real Word tables whose merged cells
/// are gridSpan (across) and vMerge (down), the signature with agency and date, East-Asian fonts named.
/// </summary>
public sealed class DocxRenderer : IReportRenderer
{
    public static readonly DocxRenderer Instance = new();

    private DocxRenderer() { }

    public string Target => "docx";

    public string Extension => "docx";

    public string MediaType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public bool IsBinary => true;

    public byte[] Write(AnnualReport report, ReportDocument document) => Render(document);
    private const string BodyFont = "宋体";
    private const string HeadingFont = "黑体";

    public static byte[] Render(AnnualReport report) => Render(ReportDocument.Of(report));

    public static byte[] Render(ReportDocument doc)
    {
        using var ms = new MemoryStream();
        using (var word = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(doc.Title, HeadingFont, 44, JustificationValues.Center));
            foreach (var (section, paragraphs, table) in doc.Sections)
            {
                body.Append(Para(section.Heading, HeadingFont, 32));
                foreach (var p in paragraphs) body.Append(Para(p, BodyFont, 32, indent: true));
                if (table is not null) body.Append(Table(table));
            }
            if (doc.Figures.Count > 0)
            {
                // Word cannot hold SVG in every version offices use: each chart goes in as PNG (rsvg-convert).
                body.Append(Para(TemplateCatalog.Default.Text.RenderHeadings.Figures, HeadingFont, 32));
                uint id = 1;
                foreach (var f in doc.Figures)
                {
                    body.Append(Para(f.Title, BodyFont, 28, JustificationValues.Center));
                    body.Append(DocxPictures.Picture(main, ChartImages.Png(f.Svg), $"chart{id}", id));
                    id++;
                }
            }
            if (doc.Appendix.Count > 0)
            {
                body.Append(Para(TemplateCatalog.Default.Text.RenderHeadings.Appendix, HeadingFont, 32));
                foreach (var p in doc.Appendix) body.Append(Para(p, BodyFont, 32, indent: true));
            }
            body.Append(Para(doc.Agency, BodyFont, 32, JustificationValues.Right));
            if (doc.Date is { } date) body.Append(Para(date, BodyFont, 32, JustificationValues.Right));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474 }));
            main.Document = new Document(body);
        }
        return ms.ToArray();
    }

    /// <param name="halfPoints">Font size in half-points (32 = 三号 16 pt, the usual body size of official documents).</param>
    public static Paragraph Para(string text, string font = BodyFont, int halfPoints = 24, JustificationValues? align = null, bool indent = false)
    {
        var props = new ParagraphProperties();
        if (align is { } a) props.Append(new Justification { Val = a });
        if (indent) props.Append(new Indentation { FirstLineChars = 200 });
        var run = new Run(new RunProperties(new RunFonts { EastAsia = font, Ascii = font, HighAnsi = font }, new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return new Paragraph(props, run);
    }

    /// <summary>The text width of the page (A4 less the margins set in Render), in twentieths of a point.</summary>
    private const int TextWidthTwips = 11906 - 1588 - 1474;

    /// <summary>Twips per digit and per CJK character at the table's 10.5 pt (with room to spare), and the narrow left + right cell margins set on the table.</summary>
    private const int DigitTwips = 150, CellMarginTwips = 114, CjkTwips = 220;

    /// <summary>
    /// Column widths: first what the widest number of a column needs on one line (numbers must never wrap), or two
    /// characters; then the label columns up to their longest label (in proportion when the page is too narrow); what
    /// is left widens the number columns. Header text over a narrow number column wraps, as in printed reports.
    /// Without widths Word and LibreOffice make every column equal.
    /// </summary>
    private static IReadOnlyList<int> ColumnWidths(int width, Dictionary<(int Row, int Col), (GridCell Cell, bool First)> slots)
    {
        var min = Enumerable.Repeat(2 * CjkTwips + CellMarginTwips, width).ToArray();
        var label = new double[width];
        var numeric = new bool[width];
        foreach (var ((_, col), (cell, first)) in slots)
        {
            if (!first || cell.ColSpan != 1) continue;
            if (cell.IsValue)
            {
                // A number column needs its widest number, at least one character (its header wraps below it).
                if (!numeric[col]) min[col] = CjkTwips + CellMarginTwips;
                numeric[col] = true;
                min[col] = Math.Max(min[col], cell.Text.Length * DigitTwips + CellMarginTwips);
            }
            else label[col] = Math.Max(label[col], Math.Min(cell.Text.Sum(ch => ch < 0x2E80 ? 0.5 : 1.0), 16));
        }
        for (var c = 0; c < width; c++) if (numeric[c]) label[c] = 0;
        var spare = Math.Max(0, TextWidthTwips - min.Sum());
        // What each label column needs beyond its minimum to hold its longest label on one line.
        var wish = label.Select((l, c) => Math.Max(0, (int)(l * CjkTwips) + CellMarginTwips - min[c])).ToArray();
        var wanted = wish.Sum();
        if (wanted >= spare)
            return min.Select((m, c) => m + (int)((long)spare * wish[c] / Math.Max(wanted, 1))).ToList();
        // Labels fit: the rest widens the number columns (their headers then wrap less), or all when there are none.
        var numbers = numeric.Count(n => n);
        var share = (spare - wanted) / (numbers == 0 ? width : numbers);
        return min.Select((m, c) => m + wish[c] + (numbers == 0 || numeric[c] ? share : 0)).ToList();
    }

    /// <summary>Expands the spans to Word's model: gridSpan across columns, vMerge restart/continue down rows.</summary>
    public static Table Table(IReadOnlyList<IReadOnlyList<GridCell>> rows)
    {
        var single = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(new TopBorder { Val = single, Size = 4 }, new BottomBorder { Val = single, Size = 4 },
                new LeftBorder { Val = single, Size = 4 }, new RightBorder { Val = single, Size = 4 },
                new InsideHorizontalBorder { Val = single, Size = 4 }, new InsideVerticalBorder { Val = single, Size = 4 }),
            // Fixed: the widths below are kept; autofit lets a long header squeeze a number column until its digits wrap.
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TableCellLeftMargin { Width = CellMarginTwips / 2, Type = TableWidthValues.Dxa },
                new TableCellRightMargin { Width = CellMarginTwips / 2, Type = TableWidthValues.Dxa })));
        var (width, slots) = TableGrid.Expand(rows);
        table.Append(new DocumentFormat.OpenXml.Wordprocessing.TableGrid(ColumnWidths(width, slots).Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        for (var r = 0; r < rows.Count; r++)
        {
            var tr = new TableRow();
            for (var col = 0; col < width;)
            {
                if (!slots.TryGetValue((r, col), out var slot)) { col++; continue; }
                var (cell, first) = slot;
                var topRow = first || !slots.TryGetValue((r - 1, col), out var above) || !ReferenceEquals(above.Cell, cell);
                // Schema order (CT_TcPr): gridSpan, vMerge, …, noWrap, …, vAlign — LibreOffice drops a vMerge written after vAlign.
                var props = new TableCellProperties();
                if (cell.ColSpan > 1) props.Append(new GridSpan { Val = cell.ColSpan });
                if (cell.RowSpan > 1) props.Append(new VerticalMerge { Val = topRow ? MergedCellValues.Restart : MergedCellValues.Continue });
                if (cell.IsValue) props.Append(new NoWrap());
                props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
                tr.Append(new TableCell(props, Para(topRow ? cell.Text : "", BodyFont, 21, JustificationValues.Center)));
                col += cell.ColSpan;
            }
            table.Append(tr);
        }
        return table;
    }
}
