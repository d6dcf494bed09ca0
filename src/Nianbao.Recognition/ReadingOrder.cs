using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Tables in reading-order text (pdftotext without -layout, copied PDF text): each cell on its own line,
/// several row labels sometimes first and their numbers after, empty cells sometimes printed as nothing.
/// The rules here decide which rows can still be read locally and how, so that one misplaced row does
/// not cost the whole block.
/// </summary>
internal static class ReadingOrder
{
    /// <summary>
    /// Labels first, numbers after: rows whose labels are followed by no number at all, then a row with
    /// more numbers than cells. When those numbers fill the rows' cells exactly, taking them in order is
    /// the only reading that gives every row its count; it is kept only if every row's own equations
    /// hold with it (a wrong cut moves numbers across a row total and breaks it).
    /// </summary>
    /// <returns>The rows given numbers that followed a later label.</returns>
    public static HashSet<RowReading> Regroup(BlockReading block, Func<IReadOnlyList<CellDef>, EquationIndex> index)
    {
        var regrouped = new HashSet<RowReading>();
        var rows = block.Rows;
        for (int j = 0; j < rows.Count; j++)
        {
            var last = rows[j];
            if (!last.Found || last.Tokens.Count <= last.Def.Cells.Count || !AllStandalone(last)) continue;
            // Numbers on the last label's own line would say the labels were not all printed first.
            if (last.Tokens.Any(t => last.LabelRows.Contains(t.Row))) continue;
            // Every label printed first belongs to the run: a shorter run that happens to fit would leave the
            // numbers of the labels before it unaccounted for (they may be what is missing here).
            int need = last.Def.Cells.Count, i = j;
            while (i > 0 && rows[i - 1].Found && rows[i - 1].Tokens.Count == 0)
                need += rows[--i].Def.Cells.Count;
            if (need != last.Tokens.Count || i == j) continue;
            var group = rows.GetRange(i, j - i + 1);
            var parts = new List<List<Token>>();
            int at = 0;
            foreach (var row in group)
            {
                parts.Add(last.Tokens.GetRange(at, row.Def.Cells.Count));
                at += row.Def.Cells.Count;
            }
            bool holds = true;
            for (int g = 0; g < group.Count && holds; g++)
            {
                var eqs = index(group[g].Def.Cells);
                var values = parts[g].Select(t => NumberSyntax.ParseLenient(t.Text)).ToArray();
                for (int c = 0; c < values.Length && holds; c++) holds = values[c] is not null && eqs.Consistent(c, values);
            }
            if (!holds) continue;
            for (int g = 0; g < group.Count; g++)
            {
                group[g].Tokens.Clear();
                group[g].Tokens.AddRange(parts[g]);
                regrouped.Add(group[g]);
            }
        }
        return regrouped;
    }

    /// <summary>
    /// Rows whose numbers cannot be told from their neighbours' in a block where some row has more numbers
    /// than cells (the surplus is some other row's): that row; every row followed by no number at all
    /// (labels first: its numbers are somewhere later); a row of exactly its count whose own equations fail
    /// (it holds a neighbour's numbers); and a row with too few numbers before a row already suspect (the
    /// rest of its numbers may be what that row holds). Decided from the last row back, so that suspicion
    /// runs backwards as numbers run forwards.
    /// </summary>
    public static HashSet<RowReading> Suspects(BlockReading block, Func<RowReading, bool> overflows,
        Func<IReadOnlyList<CellDef>, EquationIndex> index)
    {
        var suspects = new HashSet<RowReading>();
        var rows = block.Rows;
        bool nextSuspect = false;
        for (int j = rows.Count - 1; j >= 0; j--)
        {
            var row = rows[j];
            if (!row.Found) { nextSuspect = true; continue; }
            int n = row.Tokens.Count, k = row.Def.Cells.Count;
            bool suspect = overflows(row) || n == 0 || (n < k && nextSuspect) || (n == k && !OwnEquationsHold(row, index));
            if (suspect) suspects.Add(row);
            nextSuspect = suspect;
        }
        return suspects;
    }

    /// <summary>True when the row's tokens, one per cell, satisfy the equations within the row (a count's total).</summary>
    private static bool OwnEquationsHold(RowReading row, Func<IReadOnlyList<CellDef>, EquationIndex> index)
    {
        if (row.Tokens.Any(t => t.Splittable && !t.Blank)) return true; // a run of digits is cut later, under the equations
        var values = row.Tokens.Select(t => t.Blank ? 0m : NumberSyntax.ParseLenient(t.Text)).ToArray();
        var eqs = index(row.Def.Cells);
        for (int c = 0; c < values.Length; c++)
            if (values[c] is null || !eqs.Consistent(c, values)) return false;
        return true;
    }

    /// <summary>
    /// True when a row with fewer numbers than cells is read as "empty cells printed as nothing": every
    /// number stands alone (no run of digits to cut, no blank marker — a document that marks blanks
    /// marks them all), the row has a label where its numbers begin, and the rows on both sides are found with numbers of their own, so that nothing
    /// of this row can have gone to them or come from a row whose label was missed.
    /// </summary>
    public static bool BlanksOmitted(BlockReading block, RowReading row)
    {
        // Without a label of its own (表四's data row) nothing says where the row's numbers begin.
        if (row.Label is null || !AllStandalone(row)) return false;
        // A grid prints every cell: one it shows without a number holds something unreadable ("？"), not nothing.
        if (row.Tokens.Any(t => t.Row < 0)) return false;
        int i = block.Rows.IndexOf(row);
        if (i + 1 < block.Rows.Count && !block.Rows[i + 1].Found) return false;
        if (i > 0 && (!block.Rows[i - 1].Found || block.Rows[i - 1].Tokens.Count == 0)) return false;
        if (i == 0 && block.PreTokens.Count > 0) return false;
        return true;
    }

    private static bool AllStandalone(RowReading row) => row.Tokens.All(t => !t.Blank && !t.Splittable);

    /// <summary>How many ways the row's numbers can sit in its cells in order, the rest empty.</summary>
    public static int PlacementCount(RowReading row) => (int)Choose(row.Def.Cells.Count, row.Tokens.Count);

    /// <summary>
    /// Every placement of the row's numbers in order into its cells, the other cells empty (0), that the
    /// sign rules and (with <paramref name="prune"/>) the row's own equations allow; placements giving the
    /// same values are merged (a cell is blank only if it is empty in all of them).
    /// </summary>
    public static List<Placed[]> Placements(RowReading row, EquationIndex? prune, Func<decimal, CellType, bool> valid)
    {
        var cells = row.Def.Cells;
        var tokens = row.Tokens;
        var values = tokens.Select(t => NumberSyntax.ParseLenient(t.Text)).ToArray();
        var merged = new Dictionary<string, Placed[]>();
        var order = new List<string>();
        if (values.Any(v => v is null)) return [];
        var acc = new Placed[cells.Count];
        Rec(0, 0);
        return order.Select(k => merged[k]).ToList();

        void Rec(int ci, int ti)
        {
            if (ci == cells.Count)
            {
                if (ti < tokens.Count) return;
                var full = acc.Select(p => (decimal?)p.Value).ToArray();
                if (prune is not null)
                    for (int c = 0; c < cells.Count; c++)
                        if (!prune.Consistent(c, full)) return;
                var key = string.Join("|", full);
                if (!merged.TryGetValue(key, out var seen))
                {
                    merged[key] = (Placed[])acc.Clone();
                    order.Add(key);
                }
                else
                    for (int c = 0; c < cells.Count; c++)
                        if (seen[c].Blank && !acc[c].Blank) seen[c] = acc[c];
                return;
            }
            // Cells left must hold the numbers left.
            if (cells.Count - ci > tokens.Count - ti)
            {
                acc[ci] = new Placed(0, null, 0, true, null);
                Rec(ci + 1, ti);
            }
            if (ti < tokens.Count && valid(values[ti]!.Value, cells[ci].Type))
            {
                var t = tokens[ti];
                acc[ci] = new Placed(values[ti], t, 0, false, t.Unit);
                Rec(ci + 1, ti + 1);
            }
        }
    }

    private static long Choose(int n, int k)
    {
        long r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
