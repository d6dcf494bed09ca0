using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>A finding with where it came from: reading ('read') or the rules ('check', rerun after a correction).</summary>
internal sealed record StoredFinding(Finding Finding, string Origin)
{
    public const string Reading = "read";
    public const string Rules = "check";
}

/// <summary>A version's cells and sections as stored, encoded where it is cheap (on the parsing threads of an ingest).</summary>
internal sealed record EncodedVersion(string CellsJson, string SectionsJson);

/// <summary>Writes and reads whole report versions: header, cells, findings.</summary>
internal static class Versions
{
    private sealed record SectionDto(int Number, string Heading, int Line, string Text);

    public static EncodedVersion Encode(AnnualReport report) => new(
        CellsJson.Write(report.Cells),
        JsonSerializer.Serialize(report.Sections.Select(s => new SectionDto(s.Number, s.Heading, s.Line, s.Text))));

    public static long Insert(DbConnection c, DbTransaction tx, long reportId, string kind, long? sourceId,
        long? basedOnId, AnnualReport report, EncodedVersion encoded, IReadOnlyList<StoredFinding> findings, string? createdBy, string? reason)
    {
        // Numbered under the agency lock, so the next number cannot be taken concurrently.
        var id = c.ExecuteScalar<long>("""
            INSERT INTO report_versions (report_id, number, kind, source_id, based_on_id, edition, title, title_agency,
              signature_agency, title_year, period_year, published, sections_json, cells_json, errors, warnings, created_at, created_by, reason)
            VALUES (@reportId, (SELECT COALESCE(MAX(number), 0) + 1 FROM report_versions WHERE report_id = @reportId), @kind, @sourceId, @basedOnId, @edition, @Title, @TitleAgency, @SignatureAgency,
              @TitleYear, @PeriodYear, @published, @sections, @cells, @errors, @warnings, @now, @createdBy, @reason)
            RETURNING id
            """,
            new
            {
                reportId, kind, sourceId, basedOnId, edition = (int?)report.Edition, report.Title, report.TitleAgency,
                report.SignatureAgency, report.TitleYear, report.PeriodYear,
                published = report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                sections = encoded.SectionsJson, cells = encoded.CellsJson,
                errors = findings.Count(f => f.Finding.Severity == Severity.Error),
                warnings = findings.Count(f => f.Finding.Severity == Severity.Warning),
                now = Clock.Now(), createdBy, reason,
            }, tx);
        InsertFindings(c, tx, id, findings);
        MetricRows.Insert(c, tx, id, report);
        return id;
    }

    /// <summary>All of a version's findings in one multi-row statement (one round trip, not one per finding).</summary>
    private static void InsertFindings(DbConnection c, DbTransaction tx, long versionId, IReadOnlyList<StoredFinding> findings)
    {
        if (findings.Count == 0) return;
        var sql = new StringBuilder();
        var args = new DynamicParameters();
        args.Add("v", versionId);
        AppendFindings(sql, args, "@v", findings);
        c.Execute(sql.ToString(), args, tx);
    }

    /// <summary>
    /// Appends the statement inserting <paramref name="findings"/> (at least one) for the version <paramref name="version"/>
    /// (a parameter name or an SQL expression), its parameters named f…, so it can share a command with other statements.
    /// </summary>
    internal static void AppendFindings(StringBuilder sql, DynamicParameters args, string version, IReadOnlyList<StoredFinding> findings)
    {
        sql.Append("INSERT INTO findings (version_id, origin, rule, severity, message, cells, expected, actual, line, finding_key) VALUES ");
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({version}, @fo{i}, @fr{i}, @fs{i}, @fm{i}, @fc{i}, @fe{i}, @fa{i}, @fl{i}, @fk{i})");
            args.Add($"fo{i}", f.Origin);
            args.Add($"fr{i}", f.Finding.Rule);
            args.Add($"fs{i}", SeverityNames.Name(f.Finding.Severity));
            args.Add($"fm{i}", f.Finding.Message);
            args.Add($"fc{i}", string.Join(',', f.Finding.Cells));
            args.Add($"fe{i}", f.Finding.Expected);
            args.Add($"fa{i}", f.Finding.Actual);
            args.Add($"fl{i}", f.Finding.Line, System.Data.DbType.Int32);
            args.Add($"fk{i}", FindingKeys.Of(f.Finding));
        }
        sql.Append(";\n");
    }

    /// <summary>
    /// A stored version as the cross-year rules read it: edition, year, cell values and units, and the sections'
    /// prose; no provenance, findings or header (<see cref="Load"/> has those).
    /// </summary>
    public static AnnualReport ForComparison(int? edition, int year, string cellsJson, string sectionsJson)
    {
        var cells = CellsJson.ReadValues(cellsJson);
        // As in Load: a key the edition's template does not have is not one of the report's cells.
        if (edition is { } e && cells.Keys.Any(k => !TemplateCatalog.Default[(Edition)e].HasCell(k)))
            foreach (var key in cells.Keys.Where(k => !TemplateCatalog.Default[(Edition)e].HasCell(k)).ToList()) cells.Remove(key);
        return new AnnualReport
        {
            Edition = edition is { } ed ? (Edition)ed : null,
            Year = year,
            Cells = cells,
            Sections = JsonSerializer.Deserialize<List<SectionDto>>(sectionsJson)!.Select(s => new SectionText(s.Number, s.Heading, s.Line, s.Text)).ToList(),
        };
    }

    /// <summary>A stored version as the model the rules work on (the year is the report's key; null while 年度待确认).</summary>
    /// <param name="withFindings">False when only the cells and prose matter (cross-year rules, summaries).</param>
    public static (AnnualReport Report, VersionRow Header, IReadOnlyList<StoredFinding> Findings) Load(
        DbConnection c, DbTransaction? tx, long versionId, int? year, bool withFindings = true)
    {
        var header = c.QuerySingle<VersionRow>("SELECT * FROM report_versions WHERE id = @versionId", new { versionId }, tx);
        var cells = CellsJson.Read(header.CellsJson);
        var findings = !withFindings ? [] : c.Query<FindingRow>("SELECT * FROM findings WHERE version_id = @versionId ORDER BY id", new { versionId }, tx)
            .Select(f => new StoredFinding(f.ToFinding(), f.Origin)).ToList();
        var edition = header.Edition is { } e ? (Edition?)e : null;
        // Cells back in template order, as the reader produced them.
        var ordered = edition is { } ed
            ? TemplateCatalog.Default[ed].Cells.Where(d => cells.ContainsKey(d.Key)).ToDictionary(d => d.Key, d => cells[d.Key])
            : cells;
        var sections = JsonSerializer.Deserialize<List<SectionDto>>(header.SectionsJson)!
            .Select(s => new SectionText(s.Number, s.Heading, s.Line, s.Text)).ToList();
        var report = new AnnualReport
        {
            Edition = edition,
            Title = header.Title,
            TitleAgency = header.TitleAgency,
            SignatureAgency = header.SignatureAgency,
            Year = year,
            TitleYear = header.TitleYear,
            PeriodYear = header.PeriodYear,
            Published = header.Published is { } p ? DateOnly.ParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Sections = sections,
            Cells = ordered,
            FullText = string.Join("\n", sections.Select(s => s.Heading + "\n" + s.Text)),
            Findings = findings.Select(f => f.Finding).ToList(),
        };
        return (report, header, findings);
    }
}
