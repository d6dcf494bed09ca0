using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Nianbao.Storage;
using Nianbao.Template;

namespace Nianbao.Export;

/// <summary>
/// An Excel workbook a person can read: 报告 (one row per report), 表二/表三/表四 (one row per report, one column
/// per cell under its row and column labels and key), 问题 (every finding) and 指标 (the metric dictionary's values). Written with OpenXml's streaming
/// writer into temporary files, then zipped as a stream, so memory stays flat however many reports there are.
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
        var names = new[] { "报告", "表二", "表三", "表四", "问题", "指标" };
        // Each sheet is written to a temporary file as the reports stream past, then copied into the zip: nothing of
        // the size of the export is ever held in memory.
        var temps = names.Select(_ => Path.GetTempFileName()).ToArray();
        try
        {
            var count = WriteSheets(reports, temps);
            // The SDK writes the small parts (workbook, styles, relationships, content types) into a skeleton with
            // empty sheets; the skeleton is then copied entry by entry into a zip written as a stream, each sheet's
            // entry taken from its temporary file.
            using var skeleton = new MemoryStream();
            var sheetEntries = new Dictionary<string, string>();
            using (var doc = SpreadsheetDocument.Create(skeleton, SpreadsheetDocumentType.Workbook))
            {
                var book = doc.AddWorkbookPart();
                AddStyles(book);
                var sheets = new Sheets();
                for (var i = 0; i < names.Length; i++)
                {
                    var part = book.AddNewPart<WorksheetPart>();
                    part.Worksheet = new Worksheet(new SheetData());
                    part.Worksheet.Save();
                    sheetEntries[part.Uri.OriginalString.TrimStart('/')] = temps[i];
                    sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = names[i] });
                }
                book.Workbook = new Workbook(sheets);
                book.Workbook.Save();
            }
            skeleton.Position = 0;
            using var source = new ZipArchive(skeleton, ZipArchiveMode.Read);
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in source.Entries)
            {
                using var target = zip.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                using var content = sheetEntries.TryGetValue(entry.FullName, out var temp) ? File.OpenRead(temp) : entry.Open();
                content.CopyTo(target);
            }
            return count;
        }
        finally
        {
            foreach (var t in temps) File.Delete(t);
        }
    }

    private static int WriteSheets(IEnumerable<StoredReport> reports, string[] paths)
    {
        var streams = paths.Select(path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)).ToArray();
        var writers = streams.Select((stream, i) =>
        {
            var w = OpenXmlWriter.Create(stream);
            var table = i is >= 1 and <= 3;
            w.WriteStartElement(new Worksheet());
            w.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = table ? 3 : 1, HorizontalSplit = table ? 2 : 0,
                TopLeftCell = table ? "C4" : "A2", State = PaneStateValues.Frozen,
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
        WriteRow(writers[5], [.. IdentityHeader.Select(Text), .. MetricCatalog.Default.Metrics.Select(m => Text($"{m.Name}（{m.Unit}）"))], Bold);

        var count = 0;
        foreach (var s in reports)
        {
            count++;
            var l = s.Listing;
            WriteRow(writers[0], [Number(l.Id), Text(l.Agency), Text(l.Region), Year(l), Text(l.Edition?.ToString(CultureInfo.InvariantCulture)),
                Text(s.Report.Title), Text(s.Report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Number(l.Errors), Number(l.Warnings),
                Number(l.CrossErrors), Number(l.CrossWarnings), Number(l.Version), Text(l.SourcePath)]);
            for (var t = 2; t <= 4; t++)
                WriteRow(writers[t - 1], [Number(l.Id), Text(l.Agency), Text(l.Region), Year(l), Text(l.Edition?.ToString(CultureInfo.InvariantCulture)),
                    .. ExportColumns.OfTable(t).Select(c => Value(s.Report, c.Key))]);
            foreach (var (scope, f) in ExportFindings.Of(s))
                WriteRow(writers[4], [Number(l.Id), Text(l.Agency), Text(l.Region), Year(l), Text(scope == "report" ? "本年" : "跨年"),
                    Text(f.Rule), Text(SeverityNames.Chinese(f.Severity)), Text(f.Message), Text(string.Join(' ', f.Cells))]);
            // A metric without a value says why (不适用 / 无法计算), never a 0.
            WriteRow(writers[5], [Number(l.Id), Text(l.Agency), Text(l.Region), Year(l), Text(l.Edition?.ToString(CultureInfo.InvariantCulture)),
                .. s.Metrics.Select(m => m.Value is { } v ? Number(v) : Text(MetricValue.Missing(m.Reason)))]);
        }
        foreach (var w in writers)
        {
            w.WriteEndElement(); // sheetData
            w.WriteEndElement(); // worksheet
            w.Close();
        }
        foreach (var stream in streams) stream.Dispose(); // OpenXmlWriter.Close leaves its stream open
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

    /// <summary>The year as a number, or 年度待确认 as text while a reviewer has not set it.</summary>
    private static Cell Year(ReportListing l) => l.Year is { } y ? Number(y) : Text(l.YearText);

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
