using Nianbao.Reading;
using System.Text.Json;
using Nianbao.Pipeline;
using Nianbao.Storage;

namespace Nianbao.Export;

/// <summary>JSON Lines: the <c>parse --json</c> object of each report's active version, plus the store's id, region and history.</summary>
public static class JsonExport
{
    public static int Write(IEnumerable<StoredReport> reports, Stream output, bool includeSections = false)
    {
        var count = 0;
        foreach (var s in reports)
        {
            count++;
            using (var w = new Utf8JsonWriter(output, ReportJson.Options)) WriteReport(w, s, includeSections);
            output.WriteByte((byte)'\n');
        }
        output.Flush();
        return count;
    }

    /// <summary>One stored report as the <c>parse --json</c> object with the store's id, region, version and history.</summary>
    public static void WriteReport(Utf8JsonWriter w, StoredReport s, bool includeSections = false)
    {
        var file = new ParsedFile(s.Listing.SourcePath ?? "", s.Listing.Format ?? Nianbao.Reading.FileFormat.Unknown.Name(), s.Report, null, null);
        ReportJson.Write(w, file, includeSections, extra =>
        {
            extra.WriteNumber("id", s.Listing.Id);
            // The agency the store files it under ("agency" is what the text names): null while 机关待确认, or a reviewer's setting.
            if (s.Listing.AgencyName is { } filed) extra.WriteString("storeAgency", filed); else extra.WriteNull("storeAgency");
            if (s.Listing.Region is { } region) extra.WriteString("region", region); else extra.WriteNull("region");
            extra.WriteNumber("version", s.Listing.Version);
            extra.WriteString("versionKind", s.Listing.Kind);
            ReportJson.WriteFindings(extra, "crossYearFindings", s.CrossYearFindings);
            // The metric dictionary's values (docs/metrics.md): null with the reason when 不适用 or unknown.
            extra.WriteStartObject("metrics");
            foreach (var m in s.Metrics)
            {
                extra.WriteStartObject(m.Key);
                if (m.Value is { } v) extra.WriteNumber("value", v); else extra.WriteNull("value");
                if (m.Reason is { } why) extra.WriteString("reason", why); else extra.WriteNull("reason");
                extra.WriteEndObject();
            }
            extra.WriteEndObject();
            extra.WriteStartArray("corrections");
            foreach (var c in s.Corrections)
            {
                extra.WriteStartObject();
                extra.WriteNumber("version", c.Version);
                extra.WriteString("cell", c.CellKey);
                if (c.Old is { } o) extra.WriteNumber("old", o); else extra.WriteNull("old");
                if (c.New is { } n) extra.WriteNumber("new", n); else extra.WriteNull("new");
                extra.WriteString("reason", c.Reason);
                extra.WriteString("by", c.CorrectedBy);
                extra.WriteString("at", c.CorrectedAt);
                extra.WriteEndObject();
            }
            extra.WriteEndArray();
            extra.WriteStartArray("identityCorrections");
            foreach (var c in s.IdentityCorrections)
            {
                extra.WriteStartObject();
                extra.WriteString("field", c.Field);
                if (c.OldValue is { } o) extra.WriteString("old", o); else extra.WriteNull("old");
                extra.WriteString("new", c.NewValue);
                extra.WriteString("reason", c.Reason);
                extra.WriteString("by", c.CorrectedBy);
                extra.WriteString("at", c.CorrectedAt);
                extra.WriteEndObject();
            }
            extra.WriteEndArray();
        });
    }
}
