using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Template;

namespace Nianbao.Pipeline;

/// <summary>
/// The contract of <c>parse --json</c> (shared/spec/output.md): one object per file, every cell key of
/// the edition, null only for cells that could not be read. Extra fields: title, both agency names,
/// blank keys, units, per-cell status and provenance, sections.
/// </summary>
public static class ReportJson
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(ParsedFile file, bool includeSections = true)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options)) Write(w, file, includeSections);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>
    /// Writes one JSON Lines record (the object and a newline) as UTF-8 straight into <paramref name="output"/>:
    /// no string per report. <paramref name="w"/> is reused across records (created on <paramref name="output"/>
    /// with <see cref="Options"/>); the caller flushes <paramref name="output"/> at the end.
    /// </summary>
    public static void WriteLine(Utf8JsonWriter w, Stream output, ParsedFile file, bool includeSections = true)
    {
        Write(w, file, includeSections);
        w.Flush();
        output.WriteByte((byte)'\n');
        // Reset lets the same writer start the next top-level value; it keeps the options and the output.
        w.Reset();
    }

    /// <param name="extra">Writes more fields into the object (the store adds its id, region and history).</param>
    public static void Write(Utf8JsonWriter w, ParsedFile file, bool includeSections = true, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        w.WriteString("source", file.Source);
        w.WriteString("format", file.Format);
        if (file.Report is not { } r)
        {
            w.WriteStartObject("error");
            w.WriteString("code", file.Error?.Code ?? "unknown");
            w.WriteString("message", file.Error?.Message ?? "未知错误");
            w.WriteEndObject();
            extra?.Invoke(w);
            w.WriteEndObject();
            return;
        }
        if (r.Edition is { } e) w.WriteString("edition", e.Code()); else w.WriteNull("edition");
        WriteNullable(w, "agency", r.Agency);
        if (r.Year is { } y) w.WriteNumber("year", y); else w.WriteNull("year");
        WriteNullable(w, "published", r.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        w.WriteStartObject("cells");
        foreach (var (key, cell) in r.Cells)
        {
            if (cell.Value is { } v) w.WriteNumber(key, Canonical(v)); else w.WriteNull(key);
        }
        w.WriteEndObject();

        WriteFindings(w, "findings", r.Findings);

        w.WriteStartArray("blank");
        foreach (var (key, cell) in r.Cells) if (cell.Status == CellStatus.Blank) w.WriteStringValue(key);
        w.WriteEndArray();
        w.WriteStartObject("units");
        foreach (var (key, cell) in r.Cells) if (cell.Unit is { } u) w.WriteString(key, u);
        w.WriteEndObject();

        WriteNullable(w, "title", r.Title);
        WriteNullable(w, "titleAgency", r.TitleAgency);
        WriteNullable(w, "signatureAgency", r.SignatureAgency);
        if (file.Layout is { } layout)
        {
            w.WriteString("encoding", layout.Encoding);
            w.WriteString("method", layout.Method);
        }
        w.WriteStartObject("provenance");
        foreach (var (key, cell) in r.Cells)
        {
            w.WriteStartObject(key);
            w.WriteString("status", StatusName(cell.Status));
            if (cell.Source is { } p)
            {
                w.WriteNumber("line", p.Line);
                w.WriteNumber("column", p.Column);
                if (p.Raw is { } raw) w.WriteString("raw", raw);
                if (p.Where is { } where) w.WriteString("where", where);
                if (p.At is { } at)
                {
                    w.WritePropertyName("at");
                    at.WriteTo(w);
                }
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        if (includeSections)
        {
            w.WriteStartArray("sections");
            foreach (var s in r.Sections)
            {
                w.WriteStartObject();
                w.WriteNumber("number", s.Number);
                w.WriteString("heading", s.Heading);
                w.WriteNumber("line", s.Line);
                w.WriteString("text", s.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        extra?.Invoke(w);
        w.WriteEndObject();
    }

    public static void WriteFindings(Utf8JsonWriter w, string name, IEnumerable<Finding> findings)
    {
        w.WriteStartArray(name);
        foreach (var f in findings) WriteFinding(w, f);
        w.WriteEndArray();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("rule", f.Rule);
        w.WriteString("severity", f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" });
        w.WriteString("message", f.Message);
        w.WriteStartArray("cells");
        foreach (var c in f.Cells) w.WriteStringValue(c);
        w.WriteEndArray();
        if (f.Expected is not null) w.WriteString("expected", f.Expected);
        if (f.Actual is not null) w.WriteString("actual", f.Actual);
        if (f.Line is { } line) w.WriteNumber("line", line);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    /// <summary>The inverse of <see cref="StatusName"/>; anything unknown is unreadable.</summary>
    public static CellStatus ParseStatus(string? s) => s switch
    {
        "read" => CellStatus.Read,
        "resolved" => CellStatus.Resolved,
        "blank" => CellStatus.Blank,
        "corrected" => CellStatus.Corrected,
        _ => CellStatus.Unreadable,
    };

    public static string StatusName(CellStatus s) => s switch
    {
        CellStatus.Read => "read",
        CellStatus.Resolved => "resolved",
        CellStatus.Blank => "blank",
        CellStatus.Corrected => "corrected",
        _ => "unreadable",
    };

    /// <summary>10.0 → 10, 20.30 → 20.3: the number as printed, without trailing zeros.</summary>
    private static decimal Canonical(decimal v) => v.Scale == 0 ? v : v / 1.000000000000000000000000000000000m;
}
