namespace Nianbao.Template;

/// <summary>How the signed sum of an equation's terms must relate to zero.</summary>
public enum Relation
{
    /// <summary>Σ left = Σ right.</summary>
    Equal,

    /// <summary>Σ terms ≥ 0.</summary>
    AtLeastZero,
}

/// <summary>One term: +1 for the left side, −1 for the right side.</summary>
public sealed record Term(string Key, int Sign);

/// <summary>
/// A hard relation between cells, stated once for the parser's solver, the validator, the renderer
/// and summaries. <see cref="Context"/> carries the labels its message needs (column, row, block).
/// </summary>
public sealed record Equation(string RuleId, IReadOnlyList<Term> Terms, Relation Relation,
    IReadOnlyDictionary<string, string> Context)
{
    public IEnumerable<string> Keys => Terms.Select(t => t.Key);

    /// <summary>Σ of the left terms and Σ of the right terms; null when any cell is unknown.</summary>
    public (decimal Left, decimal Right)? Sides(Func<string, decimal?> value)
    {
        decimal left = 0, right = 0;
        foreach (var t in Terms)
        {
            if (value(t.Key) is not { } v) return null;
            if (t.Sign > 0) left += v; else right += v;
        }
        return (left, right);
    }

    /// <summary>True, false, or null when a cell is unknown.</summary>
    public bool? Holds(Func<string, decimal?> value) => Sides(value) switch
    {
        null => null,
        var (l, r) => Holds(l, r),
    };

    /// <summary>Whether the relation holds between sides already summed by <see cref="Sides"/>.</summary>
    public bool Holds(decimal left, decimal right) => Relation == Relation.Equal ? left == right : left - right >= 0;
}
