namespace Nianbao.Template;

/// <summary>
/// Percentiles of a peer group, by linear interpolation between closest ranks — the method of Excel
/// <c>PERCENTILE.INC</c> and <c>PERCENTRANK.INC</c> (without PERCENTRANK's truncation to 3 digits), so a
/// reviewer can check any number with a spreadsheet.
/// </summary>
public static class Percentiles
{
    /// <summary>The p-th percentile (0 ≤ p ≤ 1) of the values; null for an empty group.</summary>
    public static decimal? Inclusive(IReadOnlyList<decimal> values, decimal p)
    {
        if (values.Count == 0) return null;
        var x = values.Order().ToArray();
        var h = (x.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        if (lo >= x.Length - 1) return x[^1];
        return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
    }

    /// <summary>
    /// Where a value stands in the group, 0–100: the share of the other values below it, interpolated between
    /// neighbours for a value not in the group; null when the group has fewer than 2 values or the value lies outside.
    /// </summary>
    public static decimal? Rank(IReadOnlyList<decimal> values, decimal v)
    {
        if (values.Count < 2) return null;
        var x = values.Order().ToArray();
        if (v < x[0] || v > x[^1]) return null;
        var below = x.Count(e => e < v);
        decimal rank;
        if (x.Contains(v)) rank = (decimal)below / (x.Length - 1);
        else
        {
            // Between x[below-1] and x[below].
            var lower = x[below - 1];
            var upper = x[below];
            rank = (below - 1 + (v - lower) / (upper - lower)) / (x.Length - 1);
        }
        return Math.Round(rank * 100, 1, MidpointRounding.AwayFromZero);
    }
}
