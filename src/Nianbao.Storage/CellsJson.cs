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
        var buffer = new ArrayBufferWriter<byte>(Math.Max(cells.Count, 1) * 48);
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

    /// <summary>Streams the array back (a version is read for every cross-year comparison, so this is kept allocation-light).</summary>
    public static Dictionary<string, CellValue> Read(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        var cells = new Dictionary<string, CellValue>(256);
        var field = new string?[9];
        reader.Read(); // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            int line = 0, column = 0, i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (i is 5 or 6 && reader.TokenType == JsonTokenType.Number)
                {
                    if (i == 5) line = reader.GetInt32(); else column = reader.GetInt32();
                    field[i] = "";
                }
                else field[i] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                i++;
            }
            decimal? value = field[1] is { } v ? decimal.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
            var source = field[4] is { } method ? new Provenance(method, line, column, field[7], field[8]) : null;
            cells[field[0]!] = new CellValue(value, ReportJson.ParseStatus(field[2]), source, field[3]);
        }
        return cells;
    }

    private static void Nullable(Utf8JsonWriter w, string? s)
    {
        if (s is null) w.WriteNullValue(); else w.WriteStringValue(s);
    }
}
