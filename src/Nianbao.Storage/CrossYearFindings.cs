using System.Data.Common;
using System.Globalization;
using System.Text;
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

    /// <summary>Refreshes every agency with a stale report, or only those of <paramref name="reports"/>; returns how many agencies were refreshed.</summary>
    /// <param name="reports">
    /// The reports an ingest wrote: another process ingesting at the same time refreshes its own agencies, and a
    /// killed one's are refreshed by the next run's first <see cref="Refresh"/> (all stale agencies). Two processes
    /// refreshing each other's agencies waited on each other's agency locks (measured: docs/benchmarks.md).
    /// </param>
    public static int Refresh(ReportStore store, int? parallelism = null, IReadOnlyCollection<long>? reports = null)
    {
        var agencies = new List<(long Id, string LooseKey)>();
        const string select = """
            SELECT DISTINCT r.agency_id, a.loose_key FROM reports r JOIN agencies a ON a.id = r.agency_id
            WHERE r.cross_year_stale = 1 AND r.year IS NOT NULL
            """;
        using (var c = store.Connect())
        {
            if (reports is null) agencies.AddRange(c.Query<(long, string)>(select));
            else
                foreach (var chunk in reports.Distinct().Order().Chunk(500))
                    agencies.AddRange(c.Query<(long, string)>($"{select} AND {store.Dialect.InList("r.id", "@ids")}", new { ids = chunk.ToList() }));
            agencies = agencies.Distinct().ToList();
        }
        if (agencies.Count == 0) return 0;
        Parallel.ForEach(agencies, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount },
            store.Connect, (agency, _, c) => { RefreshAgency(store, c, agency.Id, agency.LooseKey); return c; }, c => c.Dispose());
        return agencies.Count;
    }

    private static void RefreshAgency(ReportStore store, DbConnection c, long agencyId, string looseKey)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = Active(c, null, agencyId);
            var plan = Compare(c, null, store.Dialect, seen);
            using var tx = store.Dialect.BeginWrite(c);
            store.Dialect.LockAgency(c, tx, looseKey);
            var now = Active(c, tx, agencyId);
            if (!Same(seen, now))
            {
                if (attempt < OptimisticAttempts) { tx.Rollback(); continue; }
                // Busy agency: compare under the lock instead.
                (seen, plan) = (now, Compare(c, tx, store.Dialect, now));
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

    private static List<Comparison> Compare(DbConnection c, DbTransaction? tx, Dialect dialect, List<ActiveReport> reports)
    {
        var byYear = reports.ToDictionary(r => r.Year);
        var pairs = Targets(reports).Where(r => byYear.ContainsKey(r.Year - 1)).Select(r => (Previous: byYear[r.Year - 1], Current: r)).ToList();
        if (pairs.Count == 0) return [];
        // Every version the comparisons need in one query, decoded to what the rules read (values, units, prose).
        var ids = pairs.SelectMany(p => new[] { p.Previous.VersionId, p.Current.VersionId }).Distinct().ToList();
        var year = reports.ToDictionary(r => r.VersionId, r => r.Year);
        var loaded = c.Query<(long Id, int? Edition, string Cells, string Sections)>(
                $"SELECT id, edition, cells_json, sections_json FROM report_versions WHERE {dialect.InList("id", "@ids")}", new { ids }, tx)
            .ToDictionary(v => v.Id, v => Versions.ForComparison(v.Edition, year[v.Id], v.Cells, v.Sections));
        return pairs.Select(p => new Comparison(p.Current.Id, p.Previous.Id, CrossYearRules.Check(loaded[p.Previous.VersionId], loaded[p.Current.VersionId]).ToList())).ToList();
    }

    private static void Write(DbConnection c, DbTransaction tx, Dialect dialect, List<ActiveReport> reports, List<Comparison> plan)
    {
        var targets = Targets(reports).Select(r => r.Id).ToList();
        c.Execute($"DELETE FROM cross_year_findings WHERE {dialect.InList("report_id", "@targets")}", new { targets }, tx);
        var rows = plan.SelectMany(p => p.Findings.Select(f => (p.ReportId, p.PreviousId, Finding: f))).ToList();
        if (rows.Count > 0)
        {
            // One multi-row statement per agency, not one per finding.
            var sql = new StringBuilder("INSERT INTO cross_year_findings (report_id, previous_report_id, rule, severity, message, cells, expected, actual, finding_key) VALUES ");
            var args = new DynamicParameters();
            for (var i = 0; i < rows.Count; i++)
            {
                var (reportId, previousId, f) = rows[i];
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@r{i}, @p{i}, @u{i}, @s{i}, @m{i}, @c{i}, @e{i}, @a{i}, @k{i})");
                args.Add($"r{i}", reportId);
                args.Add($"p{i}", previousId);
                args.Add($"u{i}", f.Rule);
                args.Add($"s{i}", SeverityNames.Name(f.Severity));
                args.Add($"m{i}", f.Message);
                args.Add($"c{i}", string.Join(',', f.Cells));
                args.Add($"e{i}", f.Expected);
                args.Add($"a{i}", f.Actual);
                args.Add($"k{i}", FindingKeys.Of(f));
            }
            c.Execute(sql.ToString(), args, tx);
        }
        // A confirmed cross-year finding no longer raised is 已整改 now (and one raised again is open again); only
        // reports with a confirmed or resolved review have anything to sync, found in one query.
        var reviewed = c.Query<long>($"""
            SELECT DISTINCT report_id FROM finding_reviews WHERE {dialect.InList("report_id", "@targets")} AND status IN ('confirmed', 'resolved')
            """, new { targets }, tx).ToHashSet();
        foreach (var id in targets.Where(reviewed.Contains)) FindingReviews.Sync(c, tx, id);
        var stale = reports.Where(r => r.CrossYearStale == 1).Select(r => r.Id).ToList();
        c.Execute($"UPDATE reports SET cross_year_stale = 0 WHERE {dialect.InList("id", "@stale")}", new { stale }, tx);
    }
}
