using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Export;

/// <summary>
/// An Excel workbook a person can read: 报告 (one row per report), 表二/表三/表四 (one row per report, one column
/// per cell under its row and column labels and key) and 问题 (every finding). Written with OpenXml's streaming
/// writer, so memory stays flat however many reports there are.
/// </summary>
public static class XlsxExport
{
    /// <summary>What a person sees for a cell the program could not read (never a guessed number).</summary>
    public const string Unreadable = "无法读取";

    private const uint Bold = 1;

    private static readonly string[] ReportHeader = ["编号", "机关", "地区", "年度", "版本", "标题", "日期", "错误", "警告", "跨年错误", "跨年警告", "版次", "来源文件"];
    private static readonly string[] IdentityHeader = ["编号", "机关", "地区", "年度", "版本"];
    private static readonly string[] FindingHeader = ["编号", "机关", "地区", "年度", "范围", "规则", "级别", "说明", "单元格"];

    public static int Write(IEnumerable<StoredReport> reports, Stream output)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = doc.AddWorkbookPart();
        book.Workbook = new Workbook();
        AddStyles(book);
        var sheets = book.Workbook.AppendChild(new Sheets());
        var names = new[] { "报告", "表二", "表三", "表四", "问题" };
        var writers = names.Select((name, i) =>
        {
            var part = book.AddNewPart<WorksheetPart>();
            sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = name });
            var w = OpenXmlWriter.Create(part);
            w.WriteStartElement(new Worksheet());
            w.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = i is >= 1 and <= 3 ? 3 : 1, HorizontalSplit = i is >= 1 and <= 3 ? 2 : 0,
                TopLeftCell = i is >= 1 and <= 3 ? "C4" : "A2", State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }));
            w.WriteStartElement(new SheetData());
            return w;
        }).ToArray();

        WriteRow(writers[0], ReportHeader.Select(Text), Bold);
        for (var t = 2; t <= 4; t++)
        {
            var cols = ExportColumns.OfTable(t).ToList();
            WriteRow(writers[t - 1], [.. IdentityHeader.Select(Text), .. cols.Select(c => Text(c.Row))], Bold);
            WriteRow(writers[t - 1], [.. IdentityHeader.Select(_ => Text("")), .. cols.Select(c => Text(c.Column))], Bold);
            WriteRow(writers[t - 1], [.. IdentityHeader.Select(_ => Text("")), .. cols.Select(c => Text(c.Key))]);
        }
        WriteRow(writers[4], FindingHeader.Select(Text), Bold);

        var count = 0;
        foreach (var s in reports)
        {
            count++;
            var l = s.Listing;
            WriteRow(writers[0], [Number(l.Id), Text(l.Agency), Text(l.Region), Number(l.Year), Text(l.Edition?.ToString(CultureInfo.InvariantCulture)),
                Text(s.Report.Title), Text(s.Report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Number(l.Errors), Number(l.Warnings),
                Number(l.CrossErrors), Number(l.CrossWarnings), Number(l.Version), Text(l.SourcePath)]);
            Cell[] identity = [Number(l.Id), Text(l.Agency), Text(l.Region), Number(l.Year), Text(l.Edition?.ToString(CultureInfo.InvariantCulture))];
            for (var t = 2; t <= 4; t++)
                WriteRow(writers[t - 1], [.. identity.Select(c => (Cell)c.CloneNode(true)), .. ExportColumns.OfTable(t).Select(c => Value(s.Report, c.Key))]);
            foreach (var (scope, f) in ExportFindings.Of(s))
                WriteRow(writers[4], [Number(l.Id), Text(l.Agency), Text(l.Region), Number(l.Year), Text(scope == "report" ? "本年" : "跨年"),
                    Text(f.Rule), Text(SeverityNames.Chinese(f.Severity)), Text(f.Message), Text(string.Join(' ', f.Cells))]);
        }
        foreach (var w in writers)
        {
            w.WriteEndElement(); // sheetData
            w.WriteEndElement(); // worksheet
            w.Close();
        }
        book.Workbook.Save();
        return count;
    }

    /// <summary>A number, an empty cell for a key the report's edition does not have, or 无法读取.</summary>
    private static Cell Value(AnnualReport report, string key) =>
        !report.Cells.TryGetValue(key, out var cell) ? Text("")
        : cell.Value is { } v ? Number(v)
        : Text(Unreadable);

    private static void WriteRow(OpenXmlWriter w, IEnumerable<Cell> cells, uint? style = null)
    {
        var row = new Row();
        foreach (var c in cells)
        {
            if (style is { } s) c.StyleIndex = s;
            row.Append(c);
        }
        w.WriteElement(row);
    }

    private static Cell Text(string? s) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s ?? "")) };

    private static Cell Number(decimal v) => new() { DataType = CellValues.Number, CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(v.ToString(CultureInfo.InvariantCulture)) };

    private static Cell Number(long v) => Number((decimal)v);

    private static void AddStyles(WorkbookPart book)
    {
        var styles = book.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
        styles.Stylesheet.Save();
    }
}
