using System.Globalization;
using System.Text.Json;
using Nianbao.Template;

namespace Nianbao.Pipeline;

/// <summary>
/// Reads a report back from Nianbao's JSON (one object as <c>parse --json</c> prints it, or as written by hand):
/// edition, agency, year, date, title, cells (with units and blank/read status when present) and sections.
/// </summary>
public static class ReportJsonReader
{
    /// <exception cref="FormatException">Not a report object, with a message in 简体中文.</exception>
    public static AnnualReport Read(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException($"不是有效的 JSON：{e.Message}", e); }
        using (doc)
        {
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) throw new FormatException("JSON 顶层应为一个报告对象");
            if (o.TryGetProperty("error", out var error))
                throw new FormatException($"该对象是一个读取失败的文件：{error.GetProperty("message").GetString()}");
            var code = String(o, "edition");
            var edition = TemplateCatalog.Default.ParseEdition(code) ?? throw new FormatException(
                $"edition 应为 {string.Join(" 或 ", TemplateCatalog.Default.EditionCodes.Select(c => $"\"{c}\""))}，实际为 {code ?? "null"}");
            var template = TemplateCatalog.Default[edition];
            var units = Map(o, "units");
            var statuses = o.TryGetProperty("provenance", out var prov) && prov.ValueKind == JsonValueKind.Object
                ? prov.EnumerateObject().ToDictionary(p => p.Name, p => String(p.Value, "status"))
                : [];
            if (!o.TryGetProperty("cells", out var cellsJson) || cellsJson.ValueKind != JsonValueKind.Object)
                throw new FormatException("缺少 cells 对象");
            var cells = new Dictionary<string, CellValue>();
            foreach (var p in cellsJson.EnumerateObject())
            {
                if (!template.HasCell(p.Name)) throw new FormatException($"单元格 {p.Name} 不属于{edition.Code()}年版格式");
                decimal? value = p.Value.ValueKind switch
                {
                    JsonValueKind.Number => p.Value.GetDecimal(),
                    JsonValueKind.Null => null,
                    JsonValueKind.String when decimal.TryParse(p.Value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
                    _ => throw new FormatException($"单元格 {p.Name} 的值应为数字或 null"),
                };
                var status = value is null ? CellStatus.Unreadable
                    : statuses.GetValueOrDefault(p.Name) is { } named ? ReportJson.ParseStatus(named) : CellStatus.Read;
                cells[p.Name] = new CellValue(value, status, null, units.GetValueOrDefault(p.Name));
            }
            var ordered = template.Cells.Where(c => cells.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => cells[c.Key]);
            var sections = o.TryGetProperty("sections", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().Select(x => new SectionText(x.GetProperty("number").GetInt32(), String(x, "heading") ?? "",
                    x.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 0, String(x, "text") ?? "")).ToList()
                : [];
            return new AnnualReport
            {
                Edition = edition,
                Title = String(o, "title"),
                TitleAgency = String(o, "titleAgency") ?? String(o, "agency"),
                SignatureAgency = String(o, "signatureAgency") ?? String(o, "agency"),
                Year = o.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
                Published = String(o, "published") is { } date && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
                Sections = sections,
                Cells = ordered,
                FullText = string.Join("\n", sections.Select(x => x.Heading + "\n" + x.Text)),
            };
        }
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Dictionary<string, string> Map(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
}
