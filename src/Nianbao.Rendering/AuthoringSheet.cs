using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Nianbao.Template;
using Nianbao.Validation;
using CellValue = Nianbao.Template.CellValue;

namespace Nianbao.Rendering;

/// <summary>
/// The Excel form of <c>nianbao new</c> for a clerk: one sheet, the report's identity and prose at the top, then one
/// row per cell (table, row, column, key, value) with totals marked 自动计算. <see cref="Read"/> takes the filled
/// workbook back (as Excel saves it: shared or inline strings, numbers or numeric text).
/// </summary>
public static class AuthoringSheet
{
    private static readonly string[] Fields = ["机关", "年度", "格式版本", "成文日期", "第一部分正文", "第五部分正文", "第六部分正文"];
    private const string CellHeader = "键";
    private const string Computed = "自动计算";

    public static byte[] Write(Edition edition, string agency, int year)
    {
        var t = TemplateCatalog.Default[edition];
        var totals = TotalsCompleter.TotalKeys(t);
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            var sheet = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            void Row(params string?[] values) => data.Append(new Row(values.Select(v => Text(v ?? ""))));
            Row(Fields[0], agency);
            Row(Fields[1], year.ToString(CultureInfo.InvariantCulture));
            Row(Fields[2], edition.Code());
            Row(Fields[3], "", "格式：2025-01-20");
            Row(Fields[4], "");
            Row(Fields[5], "");
            Row(Fields[6], "");
            Row();
            Row("表", "行", "列", CellHeader, "数值", "说明");
            foreach (var c in t.Cells)
            {
                var computed = totals.Contains(c.Key);
                Row(CellNames.TableName(c.Table), t.Row(c.RowId).DisplayName, CellNames.ColumnName(c), c.Key,
                    computed ? "" : "0", computed ? Computed : null);
            }
            sheet.Worksheet = new Worksheet(new Columns(
                new Column { Min = 1, Max = 1, Width = 14, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 48, CustomWidth = true },
                new Column { Min = 3, Max = 3, Width = 22, CustomWidth = true }, new Column { Min = 4, Max = 4, Width = 36, CustomWidth = true },
                new Column { Min = 5, Max = 6, Width = 14, CustomWidth = true }), data);
            book.Workbook = new Workbook(new Sheets(new Sheet { Id = book.GetIdOfPart(sheet), SheetId = 1, Name = "年度报告" }));
            book.Workbook.Save();
        }
        return ms.ToArray();
    }

    /// <exception cref="FormatException">Not a filled form, with a message in 简体中文 naming the row.</exception>
    public static AnnualReport Read(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var book = doc.WorkbookPart ?? throw new FormatException("不是 Excel 工作簿");
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var part = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = part.Worksheet.Descendants<Row>().Select(r => Cells(r, shared)).ToList();
        string? Field(string name) => rows.FirstOrDefault(r => r.GetValueOrDefault(0) == name)?.GetValueOrDefault(1);

        var edition = TemplateCatalog.Default.ParseEdition(Field(Fields[2]))
            ?? throw new FormatException($"格式版本应为 {string.Join(" 或 ", TemplateCatalog.Default.EditionCodes)}，实际为“{Field(Fields[2])}”");
        if (!int.TryParse(Field(Fields[1]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)) throw new FormatException("年度应为整数");
        DateOnly? date = Field(Fields[3]) is { Length: > 0 } d
            ? DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed
              : double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) ? DateOnly.FromDateTime(DateTime.FromOADate(serial)) // Excel date cell
              : throw new FormatException($"成文日期“{d}”应写成 2025-01-20")
            : null;
        var t = TemplateCatalog.Default[edition];
        var cells = new Dictionary<string, CellValue>();
        foreach (var r in rows.Where(r => r.GetValueOrDefault(3) is { } k && t.HasCell(k)))
        {
            var key = r[3];
            var text = r.GetValueOrDefault(4)?.Trim();
            if (string.IsNullOrEmpty(text)) { cells[key] = CellValue.Unreadable(); continue; }
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
                throw new FormatException($"{CellNames.Describe(t, [key])}的数值“{text}”不是数字");
            cells[key] = new CellValue(v, CellStatus.Read);
        }
        var missing = t.Cells.Where(c => !cells.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        if (missing.Count > 0) throw new FormatException($"表格缺少 {missing.Count} 个单元格的行（如 {missing[0]}），请使用 nianbao new 生成的表格");
        var text2 = TemplateCatalog.Default.Text;
        var sections = new[] { (1, Fields[4]), (5, Fields[5]), (6, Fields[6]) }
            .Select(s => new SectionText(s.Item1, text2.Section(s.Item1).Heading, s.Item1, Field(s.Item2) ?? "")).ToList();
        var agency = Field(Fields[0]) ?? throw new FormatException("缺少机关名称");
        return new AnnualReport
        {
            Edition = edition, TitleAgency = agency, SignatureAgency = agency, Year = year, Published = date,
            Cells = t.Cells.ToDictionary(c => c.Key, c => cells[c.Key]), Sections = sections,
        };
    }

    /// <summary>A row's cells by column index, text as Excel stores it.</summary>
    private static Dictionary<int, string> Cells(Row row, List<string> shared)
    {
        var result = new Dictionary<int, string>();
        var next = 0;
        foreach (var c in row.Elements<Cell>())
        {
            var col = c.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            next = col + 1;
            result[col] = c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? ""
                : c.CellValue?.Text ?? "";
        }
        return result;
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return n - 1;
    }

    private static Cell Text(string s) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) };
}
