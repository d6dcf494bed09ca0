using Dapper;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>A cell whose value (or unit) differs between two versions, with its labels as the template prints them.</summary>
public sealed record CellChange(string Key, string Label, decimal? Old, decimal? New, string? OldUnit, string? NewUnit, CellStatus? OldStatus, CellStatus? NewStatus);

/// <summary>What differs between two versions of one report: cells, and findings raised by one and not the other.</summary>
public sealed record VersionComparison(long ReportId, int From, int To, IReadOnlyList<CellChange> Cells,
    IReadOnlyList<Finding> FindingsAdded, IReadOnlyList<Finding> FindingsRemoved);

public static class VersionDiff
{
    /// <summary>
    /// Compares two versions (by number) of a report; by default the version before the active one with the active one.
    /// A cell differs when its value or unit does (a value read and the same value corrected is not a change); findings
    /// are matched by their key (<see cref="FindingKeys"/>), so a message whose numbers changed is not counted twice.
    /// </summary>
    public static VersionComparison Diff(this ReportStore store, long reportId, int? from = null, int? to = null)
    {
        using var c = store.Connect();
        var versions = c.Query<(long Id, int Number)>("SELECT id, number FROM report_versions WHERE report_id = @reportId ORDER BY number",
            new { reportId }).ToList();
        if (versions.Count == 0) throw new StoreException($"报告 {reportId} 不存在");
        var (activeId, year) = c.QuerySingle<(long? Active, int? Year)>("SELECT active_version_id, year FROM reports WHERE id = @reportId", new { reportId });
        var toNumber = to ?? versions.FirstOrDefault(v => v.Id == activeId).Number;
        if (toNumber == 0) toNumber = versions[^1].Number;
        var fromNumber = from ?? versions.Where(v => v.Number < toNumber).Select(v => v.Number).DefaultIfEmpty(0).Max();
        if (fromNumber == 0) throw new StoreException($"报告 {reportId} 只有一个版本，没有可比较的版本");
        long Id(int n) => versions.FirstOrDefault(v => v.Number == n).Id is var id and > 0 ? id
            : throw new StoreException($"报告 {reportId} 没有第{n}版（共 {versions.Count} 个版本）");
        var (oldR, _, _) = Versions.Load(c, null, Id(fromNumber), year);
        var (newR, _, _) = Versions.Load(c, null, Id(toNumber), year);

        var template = (newR.Edition ?? oldR.Edition) is { } e ? TemplateCatalog.Default[e] : null;
        var keys = template?.Cells.Select(d => d.Key).Where(k => oldR.Cells.ContainsKey(k) || newR.Cells.ContainsKey(k)).ToList()
                   ?? oldR.Cells.Keys.Union(newR.Cells.Keys).Order(StringComparer.Ordinal).ToList();
        var cells = new List<CellChange>();
        foreach (var key in keys)
        {
            oldR.Cells.TryGetValue(key, out var o);
            newR.Cells.TryGetValue(key, out var n);
            if (o?.Value == n?.Value && o?.Unit == n?.Unit && (o is null) == (n is null)) continue;
            var label = template is not null && template.HasCell(key) ? CellNames.Describe(template, [key]) : key;
            cells.Add(new CellChange(key, label, o?.Value, n?.Value, o?.Unit, n?.Unit, o?.Status, n?.Status));
        }
        var oldKeys = oldR.Findings.Select(FindingKeys.Of).ToHashSet();
        var newKeys = newR.Findings.Select(FindingKeys.Of).ToHashSet();
        return new VersionComparison(reportId, fromNumber, toNumber, cells,
            newR.Findings.Where(f => !oldKeys.Contains(FindingKeys.Of(f))).DistinctBy(FindingKeys.Of).ToList(),
            oldR.Findings.Where(f => !newKeys.Contains(FindingKeys.Of(f))).DistinctBy(FindingKeys.Of).ToList());
    }
}
