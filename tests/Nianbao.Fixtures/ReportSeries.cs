using Nianbao.Template;

namespace Nianbao.Fixtures;

/// <summary>
/// One agency's reports over consecutive years that continue into each other as domain.md §9.2 requires: each
/// year's 上年结转 is the previous 结转下年度 (S1), 现行有效件数 carries on (S2, 2021 edition), 上一年项目数量 follows
/// the previous year's count and change (S3, 2019 edition). Every year still satisfies H1–H5.
/// </summary>
public static class ReportSeries
{
    public static IReadOnlyList<GeneratedReport> Continuous(int seed, string agency, int firstYear, int years, double sparse = 0.5)
    {
        var list = new List<GeneratedReport>();
        for (var i = 0; i < years; i++)
        {
            var year = firstYear + i;
            var edition = year >= 2021 ? Edition.E2021 : Edition.E2019;
            var r = ReportGenerator.Generate(seed * 100 + i, edition, sparse) with
            {
                Agency = agency, Year = year, Published = new DateOnly(year + 1, 1, 10 + i % 15),
            };
            list.Add(i == 0 || list[^1].Edition != edition ? r : Continue(list[^1], r));
        }
        return list;
    }

    private static GeneratedReport Continue(GeneratedReport previous, GeneratedReport r)
    {
        var cells = new Dictionary<string, decimal>(r.Cells);
        var t = r.Template;
        var columns = t.Table(3).Rows.First().Cells.Select(c => c.Key[(c.Key.LastIndexOf('.') + 1)..]).Where(c => c != "total").ToList();
        foreach (var col in columns)
        {
            var carried = previous.Cells[$"t3.carried_forward.{col}"];
            var received = cells[$"t3.total.{col}"] + cells[$"t3.carried_forward.{col}"] - carried;
            // Keep intake non-negative: what was carried over and concluded cannot exceed what was concluded.
            if (received < 0) { cells[$"t3.carried_forward.{col}"] -= received; received = 0; }
            cells[$"t3.carried_over.{col}"] = carried;
            cells[$"t3.new_received.{col}"] = received;
        }
        foreach (var row in new[] { "t3.carried_over", "t3.new_received", "t3.carried_forward" })
            cells[$"{row}.total"] = columns.Sum(c => cells[$"{row}.{c}"]);

        foreach (var row in t.Table(2).Rows)
        {
            string? Key(string suffix) => row.Cells.FirstOrDefault(c => c.Key.EndsWith(suffix, StringComparison.Ordinal))?.Key;
            if (Key(".in_force") is { } inForce && Key(".issued") is { } issued && Key(".repealed") is { } repealed)
            {
                var stock = previous.Cells[inForce] + cells[issued] - cells[repealed];
                if (stock < 0) { cells[repealed] += stock; stock = 0; }
                cells[inForce] = stock;
            }
            if (Key(".prev_count") is { } prev && Key(".change") is { } change)
            {
                cells[prev] = previous.Cells[prev] + previous.Cells[change];
                if (cells[prev] + cells[change] < 0) cells[change] = -cells[prev];
            }
        }
        return r with { Cells = cells };
    }
}
