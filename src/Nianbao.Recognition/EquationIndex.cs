using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// The template equations over one block's cells, indexed for search: which equations touch a cell,
/// and a check that prunes as soon as a partial assignment can no longer satisfy an equation (all
/// cells but 本年增/减 are non-negative, so a partial sum bounds what the rest can still add).
/// </summary>
internal sealed class EquationIndex
{
    private readonly (int[] Cells, int[] Signs, bool Equal)[] _equations;
    private readonly List<int>[] _byCell;
    private readonly bool[] _nonNegative;

    public EquationIndex(IReadOnlyList<CellDef> cells, IEnumerable<Equation> equations)
    {
        var index = new Dictionary<string, int>();
        for (int i = 0; i < cells.Count; i++) index[cells[i].Key] = i;
        _equations = equations.Where(e => e.Keys.All(index.ContainsKey))
            .Select(e => (e.Terms.Select(t => index[t.Key]).ToArray(), e.Terms.Select(t => t.Sign).ToArray(), e.Relation == Relation.Equal))
            .ToArray();
        _byCell = cells.Select(_ => new List<int>()).ToArray();
        for (int e = 0; e < _equations.Length; e++)
            foreach (var c in _equations[e].Cells) _byCell[c].Add(e);
        _nonNegative = cells.Select(c => c.Type != CellType.Signed).ToArray();
    }

    public bool IsEmpty => _equations.Length == 0;

    /// <summary>How often the cell is on the left of an equation (a total): such cells are best assigned first.</summary>
    public int LeftWeight(int cell) => _byCell[cell].Count(e => Array.IndexOf(_equations[e].Cells, cell) is var k && _equations[e].Signs[k] > 0);

    /// <summary>False when some equation touching <paramref name="cell"/> can no longer hold.</summary>
    public bool Consistent(int cell, decimal?[] values)
    {
        foreach (var e in _byCell[cell])
            if (!Consistent(_equations[e], values)) return false;
        return true;
    }

    private bool Consistent((int[] Cells, int[] Signs, bool Equal) eq, decimal?[] values)
    {
        decimal sum = 0;
        bool openLeft = false, openRight = false, unbounded = false;
        for (int k = 0; k < eq.Cells.Length; k++)
        {
            if (values[eq.Cells[k]] is { } v) { sum += eq.Signs[k] * v; continue; }
            unbounded |= !_nonNegative[eq.Cells[k]];
            if (eq.Signs[k] > 0) openLeft = true; else openRight = true;
        }
        if (!openLeft && !openRight) return eq.Equal ? sum == 0 : sum >= 0;
        if (unbounded) return true;
        // What is still open can only add (left) or subtract (right) non-negative amounts.
        if (!openLeft && sum < 0) return false;
        if (eq.Equal && !openRight && sum > 0) return false;
        return true;
    }
}
