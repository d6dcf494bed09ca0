using System.Data.Common;
using Dapper;
using Nianbao.Template;
using Nianbao.Validation.CrossYear;

namespace Nianbao.Storage;

/// <summary>
/// Keeps the cross-year findings (S1–S3, W11) current: whenever a report's active version changes, the pairs
/// (year−1, year) and (year, year+1) of that agency are compared again. Runs inside the writer's transaction,
/// under the agency lock, so two processes adding neighbouring years cannot both miss each other.
/// </summary>
internal static class CrossYearFindings
{
    private sealed class ActiveReport
    {
        public long Id { get; set; }
        public int Year { get; set; }
        public long VersionId { get; set; }
    }

    /// <param name="known">The version just written, already in memory: not read back.</param>
    public static void Recompute(DbConnection c, DbTransaction tx, long agencyId, int year, (long VersionId, AnnualReport Report) known)
    {
        AnnualReport Load(ActiveReport r) =>
            r.VersionId == known.VersionId ? known.Report with { Year = r.Year } : Versions.Load(c, tx, r.VersionId, r.Year, withFindings: false).Report;
        var reports = c.Query<ActiveReport>("""
            SELECT id, year, active_version_id AS version_id FROM reports
            WHERE agency_id = @agencyId AND year BETWEEN @from AND @to AND active_version_id IS NOT NULL
            """, new { agencyId, from = year - 1, to = year + 1 }, tx).ToDictionary(r => r.Year);
        foreach (var later in new[] { year, year + 1 })
        {
            if (!reports.TryGetValue(later, out var current)) continue;
            c.Execute("DELETE FROM cross_year_findings WHERE report_id = @Id", new { current.Id }, tx);
            if (!reports.TryGetValue(later - 1, out var previous)) continue;
            var findings = CrossYearRules.Check(Load(previous), Load(current)).ToList();
            if (findings.Count == 0) continue;
            c.Execute("""
                INSERT INTO cross_year_findings (report_id, previous_report_id, rule, severity, message, cells, expected, actual)
                VALUES (@reportId, @previousId, @Rule, @Severity, @Message, @Cells, @Expected, @Actual)
                """,
                findings.Select(f => new
                {
                    reportId = current.Id, previousId = previous.Id, f.Rule, Severity = SeverityNames.Name(f.Severity), f.Message,
                    Cells = string.Join(',', f.Cells), f.Expected, f.Actual,
                }), tx);
        }
    }
}
