using System.Data.Common;
using System.Text;
using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>Filters of <c>list</c>, <c>export</c> and the web list; every field optional. <c>Pending</c>: only reports whose agency or year awaits a reviewer.</summary>
public sealed record ReportFilter(
    int? Year = null,
    string? Agency = null,
    string? Region = null,
    int? Edition = null,
    Severity? Severity = null,
    string? Rule = null,
    bool Pending = false)
{
    /// <summary>Only reports with a finding (error or warning) in this review status (已整改: one that was resolved).</summary>
    public ReviewStatus? Status { get; init; }

    /// <summary>Dismissed findings (不是问题) count and match filters again, as if never reviewed.</summary>
    public bool IncludeDismissed { get; init; }
}

/// <summary>One report in a listing: identity, active version and its counts (cross-year findings included).</summary>
public sealed class ReportListing
{
    public long Id { get; set; }

    /// <summary>The agency's name; null while it awaits a reviewer (<see cref="Identities.PendingAgency"/>).</summary>
    public string? AgencyName { get; set; }

    /// <summary>The agency's name, or 机关待确认.</summary>
    public string Agency => AgencyName ?? Identities.PendingAgency;

    public bool AgencyPending => AgencyName is null;
    public string? Region { get; set; }

    /// <summary>The year the report is about; null while it awaits a reviewer.</summary>
    public int? Year { get; set; }

    /// <summary>The year, or 年度待确认.</summary>
    public string YearText => Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Identities.PendingYear;

    public bool YearPending => Year is null;
    public int? Edition { get; set; }
    public long VersionId { get; set; }
    public int Version { get; set; }
    public string Kind { get; set; } = "";
    public string? Published { get; set; }
    public string? Title { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public int CrossErrors { get; set; }
    public int CrossWarnings { get; set; }
    public string? SourcePath { get; set; }
    public string? Format { get; set; }
}

/// <summary>A version in a report's history.</summary>
public sealed class VersionListing
{
    public long Id { get; set; }
    public int Number { get; set; }
    public string Kind { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string? CreatedBy { get; set; }
    public string? Reason { get; set; }
    public string? SourcePath { get; set; }
    public string? Sha256 { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public int ActiveFlag { get; set; }
    public bool Active => ActiveFlag == 1;

    /// <summary>The batch whose rollback withdrew this version, or null.</summary>
    public long? WithdrawnByBatch { get; set; }
}

/// <summary>A stored correction of one cell.</summary>
public sealed class CorrectionListing
{
    public int Version { get; set; }
    public string CellKey { get; set; } = "";
    public object? OldValue { get; set; }
    public object? NewValue { get; set; }
    public string Reason { get; set; } = "";
    public string CorrectedBy { get; set; } = "";
    public string CorrectedAt { get; set; } = "";

    public decimal? Old => Dialect.ReadDecimal(OldValue);
    public decimal? New => Dialect.ReadDecimal(NewValue);
}

/// <summary>A report with its active version, its cross-year findings and its whole history.</summary>
public sealed record StoredReport(
    ReportListing Listing,
    AnnualReport Report,
    IReadOnlyList<Finding> CrossYearFindings,
    IReadOnlyList<VersionListing> Versions,
    IReadOnlyList<CorrectionListing> Corrections,
    IReadOnlyList<IdentityCorrectionListing> IdentityCorrections)
{
    /// <summary>The active version's metrics as stored (version_metrics), in dictionary order.</summary>
    public IReadOnlyList<MetricValue> Metrics { get; init; } = [];

    /// <summary>Each error and warning raised with its review status (dismissed ones included), then those 已整改.</summary>
    public IReadOnlyList<ReviewedFinding> Reviews { get; init; } = [];

    /// <summary>How many findings a reviewer dismissed (left out of <see cref="AnnualReport.Findings"/> unless asked for).</summary>
    public int Dismissed => Reviews.Count(r => r.Index is not null && r.Status == ReviewStatus.Dismissed);
}

/// <summary>A file the store could not file as a report, with its reason.</summary>
public sealed class FailedSource
{
    public string Path { get; set; } = "";
    public string Format { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? ErrorMessage { get; set; }
    public string IngestedAt { get; set; } = "";
}

/// <summary>Read side of the store: listings, one report in full, failed sources.</summary>
public static class ReportQueries
{
    /// <summary>
    /// The listing's columns; counts leave out findings a reviewer dismissed (不是问题) unless
    /// <paramref name="includeDismissed"/>.
    /// </summary>
    private static string ListingSelect(bool includeDismissed = false)
    {
        string Less(string table, string alias, string where, string severity) => includeDismissed ? "" :
            $" - (SELECT COUNT(*) FROM {table} {alias} WHERE {where} AND {alias}.severity = '{severity}' AND {FindingReviews.DismissedSql(alias, "r.id")})";
        return $"""
        SELECT r.id, a.name AS agency_name, g.path AS region, r.year, v.edition, v.id AS version_id, v.number AS version, v.kind,
               v.published, v.title,
               v.errors{Less("findings", "f", "f.version_id = v.id", "error")} AS errors,
               v.warnings{Less("findings", "f", "f.version_id = v.id", "warning")} AS warnings,
               (SELECT COUNT(*) FROM cross_year_findings x WHERE x.report_id = r.id AND x.severity = 'error'){Less("cross_year_findings", "x", "x.report_id = r.id", "error")} AS cross_errors,
               (SELECT COUNT(*) FROM cross_year_findings x WHERE x.report_id = r.id AND x.severity = 'warning'){Less("cross_year_findings", "x", "x.report_id = r.id", "warning")} AS cross_warnings,
               s.path AS source_path, s.format
        FROM reports r
        LEFT JOIN agencies a ON a.id = r.agency_id
        JOIN report_versions v ON v.id = r.active_version_id
        LEFT JOIN regions g ON g.id = a.region_id
        LEFT JOIN sources s ON s.id = (SELECT COALESCE(v.source_id, (SELECT MAX(v2.source_id) FROM report_versions v2 WHERE v2.report_id = r.id)))
        """;
    }

    /// <summary>Reports awaiting a reviewer come first (NULLs sort differently in SQLite and PostgreSQL).</summary>
    private const string PendingFirst = "CASE WHEN r.agency_id IS NULL OR r.year IS NULL THEN 0 ELSE 1 END";

    public static IReadOnlyList<ReportListing> List(this ReportStore store, ReportFilter filter)
    {
        var (where, args) = Where(filter);
        using var c = store.Connect();
        return c.Query<ReportListing>($"{ListingSelect(filter.IncludeDismissed)} {where} ORDER BY {PendingFirst}, g.path, a.name, r.year, r.id", args).ToList();
    }

    private static (string Sql, DynamicParameters Args) Where(ReportFilter f)
    {
        var sql = new StringBuilder("WHERE 1 = 1");
        var args = new DynamicParameters();
        if (f.Year is { } year) { sql.Append(" AND r.year = @year"); args.Add("year", year); }
        if (f.Pending) sql.Append(" AND (r.agency_id IS NULL OR r.year IS NULL)");
        if (f.Edition is { } edition) { sql.Append(" AND v.edition = @edition"); args.Add("edition", edition); }
        if (f.Agency is { Length: > 0 } agency)
        {
            // Any spelling the agency has been seen under, by its normalised form.
            sql.Append(" AND r.agency_id IN (SELECT agency_id FROM agency_names WHERE name_key LIKE @agency)");
            args.Add("agency", "%" + AgencyNames.Normalize(agency) + "%");
        }
        if (f.Region is { Length: > 0 } region)
        {
            sql.Append($" AND a.region_id IN ({Regions.SubtreeSql})");
            args.Add("region", region);
        }
        var severities = f.Severity switch
        {
            Severity.Error => "'error'",
            Severity.Warning => "'error', 'warning'",
            Severity.Info => "'error', 'warning', 'info'",
            _ => null,
        };
        if (severities is not null || f.Rule is not null)
        {
            var cond = new List<string>();
            if (severities is not null) cond.Add($"severity IN ({severities})");
            if (f.Rule is { } rule) { cond.Add("rule = @rule"); args.Add("rule", rule); }
            var c = string.Join(" AND ", cond);
            var (fd, xd) = f.IncludeDismissed ? ("", "") : ($" AND NOT {FindingReviews.DismissedSql("f", "r.id")}", $" AND NOT {FindingReviews.DismissedSql("x", "r.id")}");
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND (EXISTS (SELECT 1 FROM findings f WHERE f.version_id = v.id AND {c}{fd})" +
                       $" OR EXISTS (SELECT 1 FROM cross_year_findings x WHERE x.report_id = r.id AND {c}{xd}))");
        }
        if (f.Status is { } status)
        {
            if (status == ReviewStatus.Resolved)
                sql.Append(" AND EXISTS (SELECT 1 FROM finding_reviews d WHERE d.report_id = r.id AND d.status = 'resolved')");
            else
            {
                // A finding without a review row is 待复核.
                string Raised(string alias) => status == ReviewStatus.Pending
                    ? $"NOT EXISTS (SELECT 1 FROM finding_reviews d WHERE d.report_id = r.id AND d.finding_key = {alias}.finding_key AND d.status <> 'pending')"
                    : $"EXISTS (SELECT 1 FROM finding_reviews d WHERE d.report_id = r.id AND d.finding_key = {alias}.finding_key AND d.status = '{ReviewStatuses.Name(status)}')";
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND (EXISTS (SELECT 1 FROM findings f WHERE f.version_id = v.id AND f.{FindingReviews.Reviewed} AND {Raised("f")})" +
                           $" OR EXISTS (SELECT 1 FROM cross_year_findings x WHERE x.report_id = r.id AND x.{FindingReviews.Reviewed} AND {Raised("x")}))");
            }
        }
        return (sql.ToString(), args);
    }

    /// <summary>Every report the filter selects, loaded one at a time (exports of any size in flat memory).</summary>
    public static IEnumerable<StoredReport> Stream(this ReportStore store, ReportFilter filter)
    {
        var listings = store.List(filter);
        using var c = store.Connect();
        foreach (var l in listings)
            if (Get(c, l.Id, filter.IncludeDismissed) is { } report) yield return report;
    }

    /// <summary>The report with this id, or null.</summary>
    /// <param name="includeDismissed">Keep the findings a reviewer dismissed in the report's findings (the page's 显示已排除).</param>
    public static StoredReport? Get(this ReportStore store, long reportId, bool includeDismissed = false)
    {
        using var c = store.Connect();
        return Get(c, reportId, includeDismissed);
    }

    /// <summary>The report of an agency (any spelling seen, or one differing only by the administrative marker) for a year, or null.</summary>
    public static StoredReport? Find(this ReportStore store, string agency, int year)
    {
        using var c = store.Connect();
        var name = AgencyNames.Analyse(agency);
        var id = c.ExecuteScalar<long?>("""
            SELECT r.id FROM reports r JOIN agency_names n ON n.agency_id = r.agency_id
            WHERE n.name_key = @Key AND r.year = @year
            """, new { name.Key, year });
        // A spelling not seen yet (鹤岗科学技术局 for 鹤岗市科学技术局): the loose key, when it names one report.
        id ??= c.Query<long>("""
            SELECT r.id FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE a.loose_key = @LooseKey AND r.year = @year
            """, new { name.LooseKey, year }).ToList() is [var only] ? only : null;
        return id is { } found ? Get(c, found) : null;
    }

    internal static StoredReport? Get(DbConnection c, long reportId, bool includeDismissed = false)
    {
        var listing = c.QuerySingleOrDefault<ReportListing>($"{ListingSelect(includeDismissed)} WHERE r.id = @reportId", new { reportId });
        if (listing is null) return null;
        var (report, _, _) = Versions.Load(c, null, listing.VersionId, listing.Year);
        var cross = c.Query<FindingRow>("SELECT * FROM cross_year_findings WHERE report_id = @reportId ORDER BY id", new { reportId })
            .Select(f => f.ToFinding()).ToList();
        var reviews = FindingReviews.Reviews(c, null, reportId);
        if (!includeDismissed)
        {
            // Dismissed findings leave the report as every reader (page, show, exports) sees it.
            var dismissed = reviews.Where(r => r.Status == ReviewStatus.Dismissed).Select(r => r.Key).ToHashSet();
            if (dismissed.Count > 0)
            {
                report = report with { Findings = report.Findings.Where(f => !dismissed.Contains(FindingKeys.Of(f))).ToList() };
                cross = cross.Where(f => !dismissed.Contains(FindingKeys.Of(f))).ToList();
            }
        }
        var versions = c.Query<VersionListing>("""
            SELECT v.id, v.number, v.kind, v.created_at, v.created_by, v.reason, s.path AS source_path, s.sha256, v.errors, v.warnings, v.withdrawn_by_batch,
                   CASE WHEN r.active_version_id = v.id THEN 1 ELSE 0 END AS active_flag
            FROM report_versions v JOIN reports r ON r.id = v.report_id LEFT JOIN sources s ON s.id = v.source_id
            WHERE v.report_id = @reportId ORDER BY v.number
            """, new { reportId }).ToList();
        var corrections = c.Query<CorrectionListing>("""
            SELECT v.number AS version, k.cell_key, k.old_value, k.new_value, k.reason, k.corrected_by, k.corrected_at
            FROM corrections k JOIN report_versions v ON v.id = k.version_id
            WHERE v.report_id = @reportId ORDER BY k.id
            """, new { reportId }).ToList();
        return new StoredReport(listing, report, cross, versions, corrections, Identities.History(c, reportId))
        {
            Metrics = MetricRows.Read(c, [listing.VersionId]).GetValueOrDefault(listing.VersionId) ?? [],
            Reviews = reviews,
        };
    }

    /// <summary>Sources that are not reports (unreadable or without agency/year), newest first.</summary>
    public static IReadOnlyList<FailedSource> Failures(this ReportStore store)
    {
        using var c = store.Connect();
        return c.Query<FailedSource>("SELECT path, format, outcome, error_message, ingested_at FROM sources WHERE outcome <> 'report' ORDER BY id DESC").ToList();
    }
}
