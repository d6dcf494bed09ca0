using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Rendering;
using Nianbao.Storage;
using Nianbao.Summary;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Nianbao.Export.Review;

/// <summary>The review report in Word (as DocxRenderer: OpenXml, East-Asian fonts, charts as PNG), Excel (one sheet per
/// table, first a 概况 sheet) and HTML (self-contained, charts as inline SVG, no script).</summary>
public static class ReviewRenderers
{
    public static byte[] Render(ReviewReportData data, string format) => format switch
    {
        "docx" => Docx(data),
        "xlsx" => Xlsx(data),
        "html" => Encoding.UTF8.GetBytes(Html(data)),
        _ => throw new ArgumentException($"unknown format {format}", nameof(format)),
    };

    public static string Html(ReviewReportData data)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var title = ReviewDocument.Title(data);
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append($"<title>{E(title)}</title>\n<style>\nbody{{font-family:SimSun,'Noto Serif CJK SC',serif;max-width:60em;margin:2em auto;line-height:1.6}}" +
                  "table{border-collapse:collapse;margin:1em 0;width:100%}td,th{border:1px solid #444;padding:2px 6px;font-size:0.9em;vertical-align:top}" +
                  "th{background:#eee}h1{text-align:center}\n</style>\n</head>\n<body>\n");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>\n");
        foreach (var b in ReviewDocument.Of(data))
        {
            switch (b)
            {
                case ReviewHeading h: sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h2>{E(h.Text)}</h2>\n"); break;
                case ReviewParagraph p: sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p>{E(p.Text)}</p>\n"); break;
                case ReviewFigure f: sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<figure><figcaption>{E(f.Figure.Title)}</figcaption>\n{f.Figure.Svg}\n</figure>\n"); break;
                case ReviewTableBlock t:
                    sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<table data-sheet=\"{E(t.Table.Sheet)}\">\n<caption>{E(t.Table.Heading)}</caption>\n<tr>");
                    foreach (var h in t.Table.Header) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
                    sb.Append("</tr>\n");
                    foreach (var row in t.Table.Rows)
                    {
                        sb.Append("<tr>");
                        foreach (var cell in row) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<td>{E(cell)}</td>");
                        sb.Append("</tr>\n");
                    }
                    sb.Append("</table>\n");
                    break;
            }
        }
        return sb.Append("</body>\n</html>\n").ToString();
    }

    public static byte[] Docx(ReviewReportData data)
    {
        using var ms = new MemoryStream();
        using (var word = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            body.Append(DocxRenderer.Para(ReviewDocument.Title(data), "黑体", 44, JustificationValues.Center));
            uint picture = 1;
            foreach (var b in ReviewDocument.Of(data))
            {
                switch (b)
                {
                    case ReviewHeading h: body.Append(DocxRenderer.Para(h.Text, "黑体", 32)); break;
                    case ReviewParagraph p: body.Append(DocxRenderer.Para(p.Text, "仿宋", 28, indent: true)); break;
                    case ReviewFigure f:
                        body.Append(DocxRenderer.Para(f.Figure.Title, "宋体", 24, JustificationValues.Center));
                        body.Append(DocxPictures.Picture(main, ChartImages.Png(f.Figure.Svg), $"chart{picture}", picture));
                        picture++;
                        break;
                    case ReviewTableBlock t:
                        body.Append(DocxRenderer.Para(t.Table.Heading, "黑体", 24));
                        var rows = new List<IReadOnlyList<GridCell>> { t.Table.Header.Select(h => new GridCell(h)).ToList() };
                        rows.AddRange(t.Table.Rows.Select(r => (IReadOnlyList<GridCell>)r.Select(c => new GridCell(c)).ToList()));
                        body.Append(DocxRenderer.Table(rows));
                        break;
                }
            }
            body.Append(new SectionProperties(new W.PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474 }));
            main.Document = new W.Document(body);
        }
        return ms.ToArray();
    }

    public static byte[] Xlsx(ReviewReportData data)
    {
        var blocks = ReviewDocument.Of(data);
        var overview = new ReviewTable("概况", "概况", ["项目", "内容"],
            new List<IReadOnlyList<string>> { new[] { "标题", ReviewDocument.Title(data) } }
                .Concat(blocks.OfType<ReviewParagraph>().Select((p, i) => (IReadOnlyList<string>)[$"说明{i + 1}", p.Text])).ToList());
        var tables = new[] { overview }.Concat(ReviewDocument.Tables(blocks)).ToList();
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            var sheets = new Sheets();
            uint id = 1;
            foreach (var t in tables)
            {
                var part = book.AddNewPart<WorksheetPart>();
                var sheetData = new SheetData();
                sheetData.Append(Row(t.Header));
                foreach (var r in t.Rows) sheetData.Append(Row(r));
                part.Worksheet = new Worksheet(sheetData);
                sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = t.Sheet });
            }
            book.Workbook = new Workbook(sheets);
        }
        return ms.ToArray();
    }

    /// <summary>Numbers as numbers (so a reviewer can sort and sum), everything else as inline text.</summary>
    private static X.Row Row(IEnumerable<string> cells)
    {
        var row = new X.Row();
        foreach (var text in cells)
        {
            row.Append(decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
                    && !text.Contains(',', StringComparison.Ordinal) && text.Length < 16
                ? new X.Cell { DataType = CellValues.Number, CellValue = new X.CellValue(text) }
                : new X.Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new X.Text(text) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        return row;
    }
}
