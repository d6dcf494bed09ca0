using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>
/// A version's cells as stored: a JSON array of <c>[key, value, status, unit, method, line, column, raw, locator]</c>,
/// the value an exact decimal as text (or null when unreadable), the status as in <c>parse --json</c>'s provenance.
/// </summary>
internal static class CellsJson
{
    public static string Write(IReadOnlyDictionary<string, CellValue> cells)
    {
        var buffer = new ArrayBufferWriter<byte>(cells.Count * 48);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var (key, cell) in cells)
            {
                w.WriteStartArray();
                w.WriteStringValue(key);
                Nullable(w, cell.Value?.ToString(CultureInfo.InvariantCulture));
                w.WriteStringValue(ReportJson.StatusName(cell.Status));
                Nullable(w, cell.Unit);
                Nullable(w, cell.Source?.Method);
                if (cell.Source is { } p) { w.WriteNumberValue(p.Line); w.WriteNumberValue(p.Column); }
                else { w.WriteNullValue(); w.WriteNullValue(); }
                Nullable(w, cell.Source?.Raw);
                Nullable(w, cell.Source?.Locator);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Dictionary<string, CellValue> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var cells = new Dictionary<string, CellValue>(doc.RootElement.GetArrayLength());
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            string? S(int i) => row[i].ValueKind == JsonValueKind.Null ? null : row[i].GetString();
            var value = S(1) is { } v ? decimal.Parse(v, CultureInfo.InvariantCulture) : (decimal?)null;
            var method = S(4);
            var source = method is null ? null
                : new Provenance(method, row[5].ValueKind == JsonValueKind.Number ? row[5].GetInt32() : 0,
                    row[6].ValueKind == JsonValueKind.Number ? row[6].GetInt32() : 0, S(7), S(8));
            cells[S(0)!] = new CellValue(value, ParseStatus(S(2)!), source, S(3));
        }
        return cells;
    }

    private static CellStatus ParseStatus(string s) => s switch
    {
        "read" => CellStatus.Read,
        "resolved" => CellStatus.Resolved,
        "blank" => CellStatus.Blank,
        "corrected" => CellStatus.Corrected,
        _ => CellStatus.Unreadable,
    };

    private static void Nullable(Utf8JsonWriter w, string? s)
    {
        if (s is null) w.WriteNullValue(); else w.WriteStringValue(s);
    }
}
