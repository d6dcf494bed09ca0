using System.Data.Common;
using Dapper;
using Nianbao.Template;
using Nianbao.Validation.CrossYear;

namespace Nianbao.Storage;

/// <summary>
/// Keeps the cross-year findings (S1–S3, W11) current. A report whose active version changes is marked stale in
/// the same transaction; <see cref="Refresh"/> then compares, per agency, each stale report with the year before and
/// the year after with it (a report whose agency or year is pending has none until a reviewer sets them). Agencies are worked on in parallel: versions are read and compared outside any
/// transaction, and the result is written under the agency lock only if no active version changed meanwhile
/// (otherwise it is computed again), so concurrent ingests neither lose nor duplicate a finding.
/// </summary>
internal static class CrossYearFindings
{
    private const int OptimisticAttempts = 3;

    private sealed class ActiveReport
    {
        public long Id { get; set; }
        public int Year { get; set; }
        public long VersionId { get; set; }
        public int CrossYearStale { get; set; }
    }

    private sealed record Comparison(long ReportId, long PreviousId, IReadOnlyList<Finding> Findings);

    /// <summary>Refreshes every agency with a stale report; returns how many agencies were refreshed.</summary>
    public static int Refresh(ReportStore store, int? parallelism = null)
    {
        List<long> agencies;
        using (var c = store.Connect())
            agencies = c.Query<long>("SELECT DISTINCT agency_id FROM reports WHERE cross_year_stale = 1 AND agency_id IS NOT NULL AND year IS NOT NULL").ToList();
        if (agencies.Count == 0) return 0;
        Parallel.ForEach(agencies, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
            store.Connect, (agency, _, c) => { RefreshAgency(store, c, agency); return c; }, c => c.Dispose());
        return agencies.Count;
    }

    private static void RefreshAgency(ReportStore store, DbConnection c, long agencyId)
    {
        var looseKey = c.ExecuteScalar<string>("SELECT loose_key FROM agencies WHERE id = @agencyId", new { agencyId })!;
        for (var attempt = 1; ; attempt++)
        {
            var seen = Active(c, null, agencyId);
            var plan = Compare(c, null, seen);
            using var tx = store.Dialect.BeginWrite(c);
            store.Dialect.LockAgency(c, tx, looseKey);
            var now = Active(c, tx, agencyId);
            if (!Same(seen, now))
            {
                if (attempt < OptimisticAttempts) { tx.Rollback(); continue; }
                // Busy agency: compare under the lock instead.
                (seen, plan) = (now, Compare(c, tx, now));
            }
            Write(c, tx, store.Dialect, seen, plan);
            tx.Commit();
            return;
        }
    }

    private static List<ActiveReport> Active(DbConnection c, DbTransaction? tx, long agencyId) =>
        c.Query<ActiveReport>("""
            SELECT id, year, active_version_id AS version_id, cross_year_stale FROM reports
            WHERE agency_id = @agencyId AND active_version_id IS NOT NULL AND year IS NOT NULL ORDER BY year
            """, new { agencyId }, tx).ToList();

    private static bool Same(List<ActiveReport> a, List<ActiveReport> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Id == p.Second.Id && p.First.VersionId == p.Second.VersionId);

    /// <summary>The reports to compare again: each stale one, and the one of the following year.</summary>
    private static List<ActiveReport> Targets(List<ActiveReport> reports)
    {
        var stale = reports.Where(r => r.CrossYearStale == 1).Select(r => r.Year).ToHashSet();
        return reports.Where(r => stale.Contains(r.Year) || stale.Contains(r.Year - 1)).ToList();
    }

    private static List<Comparison> Compare(DbConnection c, DbTransaction? tx, List<ActiveReport> reports)
    {
        var byYear = reports.ToDictionary(r => r.Year);
        var loaded = new Dictionary<long, AnnualReport>();
        AnnualReport Load(ActiveReport r)
        {
            if (!loaded.TryGetValue(r.VersionId, out var report))
                loaded[r.VersionId] = report = Versions.Load(c, tx, r.VersionId, r.Year, withFindings: false).Report;
            return report;
        }
        var list = new List<Comparison>();
        foreach (var r in Targets(reports))
            if (byYear.TryGetValue(r.Year - 1, out var previous))
                list.Add(new Comparison(r.Id, previous.Id, CrossYearRules.Check(Load(previous), Load(r)).ToList()));
        return list;
    }

    private static void Write(DbConnection c, DbTransaction tx, Dialect dialect, List<ActiveReport> reports, List<Comparison> plan)
    {
        var targets = Targets(reports).Select(r => r.Id).ToList();
        c.Execute($"DELETE FROM cross_year_findings WHERE {dialect.InList("report_id", "@targets")}", new { targets }, tx);
        c.Execute("""
            INSERT INTO cross_year_findings (report_id, previous_report_id, rule, severity, message, cells, expected, actual, finding_key)
            VALUES (@ReportId, @PreviousId, @Rule, @Severity, @Message, @Cells, @Expected, @Actual, @Key)
            """,
            plan.SelectMany(p => p.Findings.Select(f => new
            {
                p.ReportId, p.PreviousId, f.Rule, Severity = SeverityNames.Name(f.Severity), f.Message,
                Cells = string.Join(',', f.Cells), f.Expected, f.Actual, Key = FindingKeys.Of(f),
            })), tx);
        // A confirmed cross-year finding no longer raised is 已整改 now (and one raised again is open again).
        foreach (var id in targets) FindingReviews.Sync(c, tx, id);
        var stale = reports.Where(r => r.CrossYearStale == 1).Select(r => r.Id).ToList();
        c.Execute($"UPDATE reports SET cross_year_stale = 0 WHERE {dialect.InList("id", "@stale")}", new { stale }, tx);
    }
}
