using Nianbao.Template;

namespace Nianbao.Fixtures;

/// <summary>A random report that satisfies every hard relation of its edition (H1–H5), with the truth of each cell.</summary>
public sealed record GeneratedReport(
    Edition Edition,
    string Agency,
    int Year,
    DateOnly Published,
    IReadOnlyDictionary<string, decimal> Cells,
    IReadOnlySet<string> Blank)
{
    public EditionTemplate Template => TemplateCatalog.Default[Edition];

    /// <summary>The value as a report prints it: no trailing zeros, sign only when negative (or + for 本年增/减 sometimes).</summary>
    public static string Print(decimal v) => (v / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Builds consistent reports from a seed: leaves first, then every total from the template's equations,
/// so that H1–H4 and the sign rules hold by construction.
/// </summary>
public static class ReportGenerator
{
    private static readonly string[] Places = ["鹤岗市", "长子县", "绥棱县", "平潭综合实验区", "杭州市西湖区", "成都市"];
    private static readonly string[] Offices = ["科学技术局", "营商环境建设监督局", "中小企业服务中心", "交通运输局", "自然资源和规划局", "人民政府办公室", "市场监督管理局"];

    /// <param name="sparse">Probability that a table-3 leaf is zero (real reports are mostly zeros).</param>
    public static GeneratedReport Generate(int seed, Edition edition, double sparse = 0.8, double blankRate = 0.0)
    {
        var rng = new Random(seed);
        var t = TemplateCatalog.Default[edition];
        var cells = new Dictionary<string, decimal>();
        int Small(int max) => rng.NextDouble() < sparse ? 0 : rng.Next(1, max + 1);

        foreach (var cell in t.Table(2).Cells)
        {
            cells[cell.Key] = cell.Type switch
            {
                CellType.Amount => rng.NextDouble() < 0.4 ? 0 : Math.Round((decimal)rng.Next(1, 900000) / (rng.Next(2) == 0 ? 1 : 100), 2),
                _ => rng.NextDouble() < 0.5 ? 0 : rng.Next(1, 400),
            };
        }
        // 本年新公开数量 ≤ 对外公开总数量 (W8).
        foreach (var row in t.Table(2).Rows)
        {
            var newly = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".new_published", StringComparison.Ordinal));
            var total = row.Cells.FirstOrDefault(c => c.Key.EndsWith(".total_published", StringComparison.Ordinal));
            if (newly is not null && total is not null) cells[total.Key] = Math.Max(cells[total.Key], cells[newly.Key] + rng.Next(0, 50));
        }
        // 本年增/减 may be negative, but never below minus the previous count (H5 list rule).
        foreach (var eq in t.Equations.Where(e => e.RuleId == "T2.H5"))
        {
            var prev = cells[eq.Terms[0].Key];
            cells[eq.Terms[1].Key] = rng.Next(3) switch { 0 => 0, 1 => -rng.Next(0, (int)prev + 1), _ => rng.Next(1, 60) };
        }

        var t3 = t.Table(3);
        var columns = t3.Rows.First().Cells.Select(c => c.Key[(c.Key.LastIndexOf('.') + 1)..]).ToList();
        var applicantColumns = columns.Where(c => c != "total").ToList();
        var leafRows = t3.Rows.Where(r => r.Groups.Count > 0 && r.Id != "t3.total").ToList();
        foreach (var row in leafRows)
            foreach (var col in applicantColumns) cells[$"{row.Id}.{col}"] = Small(col == "natural_person" ? 40 : 6);
        foreach (var col in applicantColumns)
        {
            cells[$"t3.total.{col}"] = leafRows.Sum(r => cells[$"{r.Id}.{col}"]);
            var forward = (decimal)Small(5);
            // Carried over ≤ concluded keeps carry-forward ≤ intake (W4) as real reports have it.
            var carried = (decimal)rng.Next(0, (int)cells[$"t3.total.{col}"] + 1);
            if (rng.NextDouble() < sparse) carried = Math.Min(carried, 0);
            cells[$"t3.carried_forward.{col}"] = forward;
            cells[$"t3.carried_over.{col}"] = carried;
            cells[$"t3.new_received.{col}"] = cells[$"t3.total.{col}"] + forward - carried;
        }
        foreach (var row in t3.Rows)
            cells[$"{row.Id}.total"] = applicantColumns.Sum(c => cells[$"{row.Id}.{c}"]);

        foreach (var block in t.Table(4).Cells.GroupBy(c => c.Key.Split('.')[1]))
        {
            decimal sum = 0;
            foreach (var cell in block.Where(c => !c.Key.EndsWith(".total", StringComparison.Ordinal)))
                sum += cells[cell.Key] = rng.NextDouble() < sparse ? 0 : rng.Next(1, 9);
            cells[block.Single(c => c.Key.EndsWith(".total", StringComparison.Ordinal)).Key] = sum;
        }

        var blank = new HashSet<string>();
        if (blankRate > 0)
            foreach (var (key, v) in cells)
                if (v == 0 && rng.NextDouble() < blankRate) blank.Add(key);

        int year = edition == Edition.E2019 ? rng.Next(2019, 2021) : rng.Next(2021, 2026);
        var published = new DateOnly(year + 1, 1, rng.Next(2, 29));
        var agency = Places[rng.Next(Places.Length)] + Offices[rng.Next(Offices.Length)];
        return new GeneratedReport(edition, agency, year, published, cells, blank);
    }
}
