using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>
/// A version's cells as stored: a JSON array of <c>[key, value, status, unit, method, line, column, raw, where, facts]</c>,
/// the value an exact decimal as text (or null when unreadable), the status as in <c>parse --json</c>'s provenance.
/// <c>where</c> is the sentence for people (the <c>cells</c> view's <c>locator</c>), the only place facts were kept before
/// locations were typed: a version stored then is read back with it as <see cref="Provenance.Stored"/>;
/// <c>facts</c> is an object <c>{at, reason, agencies}</c> (<see cref="CellLocation"/>, a correction's reason, a summary's agency count).
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
                Nullable(w, cell.Source?.Where); // the sentence, for SQL readers of the cells view; never read back when facts follow
                if (cell.Source is { At: not null } or { Reason: not null } or { Agencies: not null })
                {
                    var p2 = cell.Source;
                    w.WriteStartObject();
                    if (p2.At is { } at) { w.WritePropertyName("at"); at.WriteTo(w); }
                    if (p2.Reason is { } reason) w.WriteString("reason", reason);
                    if (p2.Agencies is { } n) w.WriteNumber("agencies", n);
                    w.WriteEndObject();
                }
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
        var field = new string?[10];
        reader.Read(); // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            int line = 0, column = 0, i = 0;
            CellLocation? at = null;
            string? reason = null;
            int? agencies = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (i == 9 && reader.TokenType == JsonTokenType.StartObject)
                {
                    (at, reason, agencies) = Facts(ref reader);
                    i++;
                    continue;
                }
                if (i is 5 or 6 && reader.TokenType == JsonTokenType.Number)
                {
                    if (i == 5) line = reader.GetInt32(); else column = reader.GetInt32();
                    field[i] = "";
                }
                else field[i] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                i++;
            }
            decimal? value = field[1] is { } v ? decimal.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
            var source = field[4] is { } method
                ? new Provenance(method, line, column, field[7], at) { Reason = reason, Agencies = agencies, Stored = at is null && reason is null && agencies is null ? field[8] : null }
                : null;
            cells[field[0]!] = new CellValue(value, ReportJson.ParseStatus(field[2]), source, field[3]);
            Array.Clear(field);
        }
        return cells;
    }

    /// <summary>
    /// Only what the cross-year rules read (value, status, unit), without provenance: the refresh decodes every
    /// version of a touched agency, and the provenance's strings and typed locations were most of that cost.
    /// </summary>
    public static Dictionary<string, CellValue> ReadValues(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        var cells = new Dictionary<string, CellValue>(256);
        reader.Read(); // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            string? key = null, unit = null;
            decimal? value = null;
            var status = CellStatus.Read;
            var i = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // The facts object (field 9) and any nesting are skipped whole; scalars past the unit are not decoded.
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) { reader.Skip(); i++; continue; }
                var isNull = reader.TokenType == JsonTokenType.Null;
                switch (i)
                {
                    case 0: key = reader.GetString(); break;
                    case 1: value = isNull ? null : decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture); break;
                    case 2: status = ReportJson.ParseStatus(isNull ? null : reader.GetString()); break;
                    case 3: unit = isNull ? null : reader.GetString(); break;
                }
                i++;
            }
            cells[key!] = new CellValue(value, status, null, unit);
        }
        return cells;
    }

    private static (CellLocation? At, string? Reason, int? Agencies) Facts(ref Utf8JsonReader reader)
    {
        (CellLocation? at, string? reason, int? agencies) = (null, null, null);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "at": at = JsonSerializer.Deserialize<CellLocation>(ref reader, CellLocation.Json); break;
                case "reason": reason = reader.GetString(); break;
                case "agencies": agencies = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }
        return (at, reason, agencies);
    }

    private static void Nullable(Utf8JsonWriter w, string? s)
    {
        if (s is null) w.WriteNullValue(); else w.WriteStringValue(s);
    }
}
