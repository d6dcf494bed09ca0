using Nianbao.Storage;
using Nianbao.Template;
using Nianbao.Validation;

namespace Nianbao.Summary;

/// <summary>An agency counted in a summary, or missing from it.</summary>
public sealed record SummaryMember(long AgencyId, string Agency, string? Region, long? ReportId);

/// <summary>A region's summary report for a year and what went into it.</summary>
public sealed record RegionSummaryResult(
    string Region,
    int Year,
    AnnualReport Report,
    IReadOnlyList<SummaryMember> Included,
    IReadOnlyList<SummaryMember> Missing,
    IReadOnlyList<SummaryMember> Excluded);

/// <summary>
/// Sums the active reports of a region (and its sub-regions) for a year, cell by cell (every table cell is
/// additive, domain.md §12), and validates the sum with the same table rules. A cell unreadable in any report
/// makes the sum unknown (null, with a finding naming the agencies). Reports of the other edition are left out
/// and named; so is a cell whose unit differs between reports (元 / 万元). Agencies of the region that have no report for the year (known from other years or the mapping
/// file) are listed as missing.
/// </summary>
public static class RegionSummary
{
    public static RegionSummaryResult Compute(this ReportStore store, string region, int year)
    {
        var agencies = store.RegionAgencies(region);
        if (agencies.Count == 0)
            throw new StoreException($"数据库中没有属于“{region}”的机关（可用 regions import 导入机关与地区的对应表）");
        var reports = store.ActiveReports(region, year).ToDictionary(r => r.AgencyId);
        SummaryMember Member(RegionAgency a) => new(a.Id, a.Name, a.Region, reports.TryGetValue(a.Id, out var r) ? r.Id : null);
        var missing = agencies.Where(a => !reports.ContainsKey(a.Id)).Select(Member).ToList();

        // The edition most reports use; the others cannot be summed cell by cell.
        var edition = reports.Values.Where(r => r.Edition is not null).GroupBy(r => (Edition)r.Edition!.Value)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).Select(g => (Edition?)g.Key).FirstOrDefault()
            ?? TemplateCatalog.Default.EditionFor(year) ?? TemplateCatalog.Default.EditionInfos[0].Edition;
        var included = agencies.Where(a => reports.TryGetValue(a.Id, out var r) && r.Edition == (int)edition).Select(Member).ToList();
        var excluded = agencies.Where(a => reports.TryGetValue(a.Id, out var r) && r.Edition != (int)edition).Select(Member).ToList();
        // A sum over no report would print zeros for a year nobody reported: refuse instead of inventing them.
        if (included.Count == 0)
            throw new StoreException($"“{region}”没有{year}年的报告可以汇总（该地区的 {agencies.Count} 个机关均未报送）");

        // Streamed: one version's cells in memory at a time, however large the region.
        var t = TemplateCatalog.Default[edition];
        var sums = t.Cells.ToDictionary(d => d.Key, _ => 0m);
        var unknown = t.Cells.ToDictionary(d => d.Key, _ => new List<string>());
        // Unit as printed in the cell ("" when none) → the agencies that printed it.
        var units = t.Cells.ToDictionary(d => d.Key, _ => new Dictionary<string, List<string>>());
        var names = agencies.ToDictionary(a => a.Id, a => a.Name);
        foreach (var (agencyId, cells) in store.ActiveCells(region, year, edition))
        {
            foreach (var def in t.Cells)
            {
                if (!cells.TryGetValue(def.Key, out var cell) || cell.Value is not { } v) { unknown[def.Key].Add(names[agencyId]); continue; }
                sums[def.Key] += v;
                if (v == 0) continue; // nothing is nothing in any unit
                var unit = cell.Unit ?? "";
                if (!units[def.Key].TryGetValue(unit, out var who)) units[def.Key][unit] = who = [];
                who.Add(names[agencyId]);
            }
        }

        var findings = new List<Finding>();
        var summed = new Dictionary<string, CellValue>();
        foreach (var def in t.Cells)
        {
            if (unknown[def.Key].Count > 0)
            {
                summed[def.Key] = CellValue.Unreadable();
                findings.Add(Finding.Create("SUM.NULL", "default",
                    new Dictionary<string, string> { ["label"] = CellNames.Describe(t, [def.Key]), ["agencies"] = string.Join("、", unknown[def.Key]) },
                    [def.Key]));
                continue;
            }
            if (units[def.Key].Count > 1)
            {
                // 251000元 and 25.1万元 cannot be added as printed; converting would be a guess about what was meant.
                summed[def.Key] = CellValue.Unreadable();
                findings.Add(Finding.Create("SUM.UNIT", "default", new Dictionary<string, string>
                {
                    ["label"] = CellNames.Describe(t, [def.Key]),
                    ["units"] = string.Join("；", units[def.Key].Select(u => $"{(u.Key.Length == 0 ? "未注明单位" : u.Key)}：{string.Join("、", u.Value)}")),
                }, [def.Key]));
                continue;
            }
            summed[def.Key] = new CellValue(sums[def.Key], CellStatus.Read,
                new Provenance("summary", 0, 0) { Agencies = included.Count }, units[def.Key].Keys.SingleOrDefault() is { Length: > 0 } u ? u : null);
        }
        if (excluded.Count > 0)
            findings.Add(Finding.Create("SUM.EDITION", "default", new Dictionary<string, string>
            {
                ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["editions"] = string.Join("、", reports.Values.Select(r => r.Edition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "未知").Distinct()),
                ["edition"] = edition.Code(),
                ["agencies"] = string.Join("、", excluded.Select(e => e.Agency)),
            }));
        if (missing.Count > 0)
            findings.Add(Finding.Create("SUM.MISSING", "default", new Dictionary<string, string>
            {
                ["region"] = region, ["count"] = missing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["agencies"] = string.Join("、", missing.Select(m => m.Agency)),
            }));

        var name = region.Split('/')[^1];
        var report = Validator.ValidateTables(new AnnualReport
        {
            Edition = edition,
            Title = $"{name}{year}年政府信息公开工作年度报告（汇总）",
            TitleAgency = name,
            Year = year,
            TitleYear = year,
            Cells = summed,
            Findings = findings,
        });
        return new RegionSummaryResult(region, year, report, included, missing, excluded);
    }

    /// <summary>W12: each cell where a published summary report differs from the computed sum.</summary>
    public static IReadOnlyList<Finding> Compare(RegionSummaryResult computed, AnnualReport published)
    {
        var sum = computed.Report;
        if (published.Edition != sum.Edition)
            return [Finding.Create("X.W12", "edition", new Dictionary<string, string>
            {
                ["actual"] = published.Edition?.Code() ?? "未知", ["expected"] = sum.Edition?.Code() ?? "未知",
            })];
        var t = TemplateCatalog.Default[sum.Edition!.Value];
        var list = new List<Finding>();
        foreach (var (key, cell) in sum.Cells)
        {
            if (cell.Value is not { } expected || published.Value(key) is not { } actual || actual == expected) continue;
            string Show(decimal d) => d.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
            list.Add(Finding.Create("X.W12", "cell", new Dictionary<string, string>
            {
                ["label"] = CellNames.Describe(t, [key]), ["actual"] = Show(actual), ["expected"] = Show(expected),
            }, [key], Show(expected), Show(actual)));
        }
        return list;
    }
}
