using Dapper;
using Nianbao.Template;
using Nianbao.Validation;

namespace Nianbao.Storage;

/// <summary>
/// A reviewer's correction of one cell: a new active version with the cell replaced, the rules rerun on it,
/// cross-year findings refreshed, and who/when/why kept in <c>corrections</c>. Earlier versions stay as they were.
/// </summary>
public static class Corrections
{
    public const string Method = "correction";

    public static StoredReport Apply(this ReportStore store, long reportId, string cellKey, decimal value, string reason, string user)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new StoreException("更正必须说明理由");
        using var c = store.Connect();
        using var tx = store.Dialect.BeginWrite(c);
        var target = c.QuerySingleOrDefault<(long? AgencyId, string? LooseKey, int? Year, long VersionId)>("""
            SELECT r.agency_id, a.loose_key, r.year, r.active_version_id FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id
            WHERE r.id = @reportId
            """, new { reportId }, tx);
        if (target.VersionId == 0) throw new StoreException($"报告 {reportId} 不存在");
        // A report whose agency is pending belongs to no agency yet: nothing else writes it.
        if (target.LooseKey is { } looseKey) store.Dialect.LockAgency(c, tx, looseKey);
        var (report, _, findings) = Versions.Load(c, tx, target.VersionId, target.Year);
        if (!report.Cells.TryGetValue(cellKey, out var old))
            throw new StoreException($"单元格 {cellKey} 不属于该报告的{(report.Edition is { } e ? e.Code() + "年版" : "")}格式");
        if (value < 0) throw new StoreException($"更正值 {value} 不能为负数");

        var cells = report.Cells.ToDictionary(kv => kv.Key, kv => kv.Key == cellKey
            ? new CellValue(value, CellStatus.Corrected, new Provenance(Method, 0, 0, old.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Reason = reason }, old.Unit)
            : kv.Value);
        // Reading findings stay unless they concern the corrected cell; the rules run again on the new values.
        var kept = findings.Where(f => f.Origin == StoredFinding.Reading && !f.Finding.Cells.Contains(cellKey)).ToList();
        var checkedReport = Validator.Validate(report with { Cells = cells, Findings = [] });
        var all = kept.Concat(checkedReport.Findings.Select(f => new StoredFinding(f, StoredFinding.Rules))).ToList();
        var corrected = checkedReport with { Findings = all.Select(f => f.Finding).ToList() };

        var versionId = IngestWriter.AddVersion(c, tx, reportId, corrected, Versions.Encode(corrected), all,
            "corrected", sourceId: null, basedOnId: target.VersionId, createdBy: user, reason: reason);
        c.Execute("""
            INSERT INTO corrections (version_id, cell_key, old_value, new_value, reason, corrected_by, corrected_at)
            VALUES (@versionId, @cellKey, @old, @new, @reason, @user, @now)
            """, new { versionId, cellKey, old = store.Dialect.WriteDecimal(old.Value), @new = store.Dialect.WriteDecimal(value), reason, user, now = Clock.Now() }, tx);
        tx.Commit();
        CrossYearFindings.Refresh(store);
        return ReportQueries.Get(c, reportId)!;
    }
}
