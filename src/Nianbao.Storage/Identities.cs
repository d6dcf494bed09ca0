using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Nianbao.Storage;

/// <summary>A stored setting of a report's agency or year by a reviewer.</summary>
public sealed class IdentityCorrectionListing
{
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string NewValue { get; set; } = "";
    public string Reason { get; set; } = "";
    public string CorrectedBy { get; set; } = "";
    public string CorrectedAt { get; set; } = "";

    /// <summary>发布机关 / 报告年度, for people.</summary>
    public string FieldLabel => Field == Identities.AgencyField ? "发布机关" : "报告年度";
}

/// <summary>
/// A report's identity (agency, year) when the reader could not recognise it, and a reviewer's setting of it. The
/// report is stored all the same with NULL in place of what is unknown; setting it moves the report under that
/// agency and year (joining the report already there as its newest version(s), by the usual version rules), keeps
/// who/when/why and the old and new value in <c>identity_corrections</c>, and reruns the cross-year rules of every
/// agency concerned.
/// </summary>
public static class Identities
{
    public const string PendingAgency = "机关待确认";
    public const string PendingYear = "年度待确认";
    public const string AgencyField = "agency";
    public const string YearField = "year";

    /// <summary>Earliest year a report of this kind can be about (the 条例 took effect in 2008).</summary>
    public const int FirstYear = 2008;

    /// <summary>What an ingest says of a report stored with its identity pending.</summary>
    public static string PendingMessage(bool agency, bool year) => (agency, year) switch
    {
        (true, true) => "未能识别发布机关和报告年度：已入库，机关与年度待确认",
        (true, false) => "未能识别发布机关：已入库，机关待确认",
        _ => "未能识别报告年度：已入库，年度待确认",
    };

    private sealed class Target
    {
        public long Id { get; set; }
        public long? AgencyId { get; set; }
        public string? AgencyName { get; set; }
        public string? LooseKey { get; set; }
        public int? Year { get; set; }
        public long? ActiveVersionId { get; set; }
    }

    /// <summary>
    /// Sets the agency and/or the year of a report; returns the report it now is (another id when it joined the
    /// report that agency already had for that year).
    /// </summary>
    public static StoredReport SetIdentity(this ReportStore store, long reportId, string? agency, int? year, string reason, string user)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new StoreException("更正必须说明理由");
        if (agency is not null && string.IsNullOrWhiteSpace(agency)) throw new StoreException("发布机关名称不能为空");
        if (agency is null && year is null) throw new StoreException("请给出发布机关（--agency）或报告年度（--year）");
        if (year is { } y && (y < FirstYear || y > DateTime.UtcNow.Year))
            throw new StoreException($"报告年度 {y} 不在 {FirstYear}–{DateTime.UtcNow.Year} 之间");

        long resultId;
        using var c = store.Connect();
        using (var tx = store.Dialect.BeginWrite(c))
        {
            var t = Load(c, tx, reportId) ?? throw new StoreException($"报告 {reportId} 不存在");
            if (t.LooseKey is { } oldKey) store.Dialect.LockAgency(c, tx, oldKey);
            var agencyId = agency is null ? t.AgencyId : IngestWriter.ResolveAgency(c, tx, store.Dialect, agency.Trim(), null);
            var newYear = year ?? t.Year;
            if (agencyId == t.AgencyId && newYear == t.Year)
                throw new StoreException($"报告 {reportId} 已属于{t.AgencyName}{(t.Year is { } ty ? $" {ty} 年度" : "")}，无需更正");

            // The old agency's following year compared itself with this report: compare it again (with whatever
            // precedes it now). The findings about this report are recomputed wherever it lands.
            if (t.AgencyId is { } oldAgency && t.Year is { } oldYear)
                c.Execute("UPDATE reports SET cross_year_stale = 1 WHERE agency_id = @oldAgency AND year = @next",
                    new { oldAgency, next = oldYear + 1 }, tx);
            c.Execute("DELETE FROM cross_year_findings WHERE report_id = @reportId OR previous_report_id = @reportId", new { reportId }, tx);

            var existing = agencyId is null || newYear is null ? null
                : c.ExecuteScalar<long?>("SELECT id FROM reports WHERE agency_id = @agencyId AND year = @newYear AND id <> @reportId",
                    new { agencyId, newYear, reportId }, tx);
            resultId = existing is { } into ? Merge(c, tx, reportId, into) : reportId;
            if (existing is null)
                c.Execute("UPDATE reports SET agency_id = @agencyId, year = @newYear, cross_year_stale = 1 WHERE id = @reportId",
                    new { agencyId, newYear, reportId }, tx);

            var now = Clock.Now();
            void Audit(string field, string? old, string @new) => c.Execute("""
                INSERT INTO identity_corrections (report_id, field, old_value, new_value, reason, corrected_by, corrected_at)
                VALUES (@resultId, @field, @old, @new, @reason, @user, @now)
                """, new { resultId, field, old, @new, reason, user, now }, tx);
            if (agencyId != t.AgencyId)
                Audit(AgencyField, t.AgencyName, c.ExecuteScalar<string>("SELECT name FROM agencies WHERE id = @agencyId", new { agencyId }, tx)!);
            if (newYear != t.Year)
                Audit(YearField, t.Year?.ToString(CultureInfo.InvariantCulture), newYear!.Value.ToString(CultureInfo.InvariantCulture));
            tx.Commit();
        }
        CrossYearFindings.Refresh(store);
        return ReportQueries.Get(c, resultId)!;
    }

    private static Target? Load(DbConnection c, DbTransaction tx, long reportId) =>
        c.QuerySingleOrDefault<Target>("""
            SELECT r.id, r.agency_id, a.name AS agency_name, a.loose_key, r.year, r.active_version_id
            FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.id = @reportId
            """, new { reportId }, tx);

    /// <summary>
    /// Moves every version of <paramref name="from"/> into <paramref name="into"/>, numbered after its own, and
    /// deletes the emptied report. Its active version becomes the active one as a newly stored version would: unless
    /// the report already has a reviewer's correction active and this one is only a reading.
    /// </summary>
    private static long Merge(DbConnection c, DbTransaction tx, long from, long into)
    {
        var moving = c.Query<(long Id, int Number)>("SELECT id, number FROM report_versions WHERE report_id = @from ORDER BY number",
            new { from }, tx).ToList();
        var next = c.ExecuteScalar<int>("SELECT COALESCE(MAX(number), 0) FROM report_versions WHERE report_id = @into", new { into }, tx);
        foreach (var v in moving)
            c.Execute("UPDATE report_versions SET report_id = @into, number = @number WHERE id = @Id",
                new { into, number = ++next, v.Id }, tx);
        var active = c.ExecuteScalar<long?>("SELECT active_version_id FROM reports WHERE id = @from", new { from }, tx);
        c.Execute("""
            UPDATE reports SET active_version_id = @active, cross_year_stale = 1
            WHERE id = @into AND (active_version_id IS NULL
              OR (SELECT v.kind FROM report_versions v WHERE v.id = reports.active_version_id) = 'parsed'
              OR (SELECT v.kind FROM report_versions v WHERE v.id = @active) = 'corrected')
            """, new { active, into }, tx);
        c.Execute("UPDATE reports SET cross_year_stale = 1 WHERE id = @into", new { into }, tx);
        c.Execute("UPDATE identity_corrections SET report_id = @into WHERE report_id = @from", new { into, from }, tx);
        FindingReviews.Move(c, tx, from, into);
        c.Execute("UPDATE batch_files SET report_id = @into WHERE report_id = @from", new { into, from }, tx);
        c.Execute("DELETE FROM reports WHERE id = @from", new { from }, tx);
        FindingReviews.Sync(c, tx, into);
        return into;
    }

    internal static IReadOnlyList<IdentityCorrectionListing> History(DbConnection c, long reportId) =>
        c.Query<IdentityCorrectionListing>("""
            SELECT field, old_value, new_value, reason, corrected_by, corrected_at FROM identity_corrections
            WHERE report_id = @reportId ORDER BY id
            """, new { reportId }).ToList();
}
