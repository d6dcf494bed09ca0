using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Grid rows whose label the converter printed elsewhere (PDF-to-Markdown/HTML converters put a label
/// cell spanning several lines into running text and leave its numbers as a row of their own).
/// Between two rows whose label and numbers share one grid row, the template rows in between and the
/// label-less number rows in between are matched in order — only when the counts are equal, every
/// grid row in between is either all numbers or has no numbers at all, and each number row holds
/// exactly one row's cells. Anything else is left as it was (the solver then nulls what it cannot prove).
/// </summary>
internal static class DetachedGridRows
{
    /// <summary>One physical grid row in the table's region.</summary>
    private sealed record GridRow(int Key, int Start, int End, bool HasText, bool HasNumber);

    public static void Repair(FragmentStream s, BlockReading block, int from, int to, bool[] mask, int maskStart)
    {
        var grid = GridRows(s, from, to);
        if (grid.Count == 0) return;
        var index = new Dictionary<int, int>();
        for (int g = 0; g < grid.Count; g++) index[grid[g].Key] = g;

        // Rows whose label sits in a grid row together with exactly their own cells.
        var anchored = new List<(int RowIndex, int Grid, List<Token> Tokens)>();
        for (int r = 0; r < block.Rows.Count; r++)
        {
            var row = block.Rows[r];
            if (row.Label is not { } label || label.Inside.Count > 0 || label.End <= label.Start) continue;
            var first = s.FragmentAt(label.Start);
            if (first.Row >= 0 || s.FragmentAt(label.End - 1).Row != first.Row || !index.TryGetValue(first.Row, out int g)) continue;
            var own = Tokens(s, label.End, grid[g].End, mask, maskStart);
            if (own is null) continue;
            own = WithoutPhantomBlank(own, row.Def.Cells.Count);
            if (own.Count != row.Def.Cells.Count) continue;
            anchored.Add((r, g, own));
        }

        var matched = new HashSet<int>();
        for (int a = 0; a + 1 < anchored.Count; a++)
        {
            var (ra, ga, ta) = anchored[a];
            var (rb, gb, tb) = anchored[a + 1];
            if (rb - ra < 2) continue;
            var between = grid.Skip(ga + 1).Take(gb - ga - 1).ToList();
            // A grid row in between that mixes text and numbers is a row we cannot place: leave the gap alone.
            if (between.Any(g => g.HasText && g.HasNumber)) continue;
            var numberRows = between.Where(g => g.HasNumber).ToList();
            var gap = block.Rows.Skip(ra + 1).Take(rb - ra - 1).ToList();
            if (numberRows.Count != gap.Count) continue;
            var values = numberRows.Select(g => Tokens(s, g.Start, g.End, mask, maskStart)).ToList();
            if (values.Any(v => v is null)) continue;
            bool fits = true;
            for (int i = 0; i < gap.Count; i++)
            {
                values[i] = WithoutLabelColumns(values[i]!, gap[i].Def.Cells.Count);
                fits &= values[i]!.Count == gap[i].Def.Cells.Count;
            }
            if (!fits) continue;

            Assign(block.Rows[ra], ta, null);
            Assign(block.Rows[rb], tb, null);
            for (int i = 0; i < gap.Count; i++) Assign(gap[i], values[i]!, numberRows[i]);
            matched.UnionWith(numberRows.Select(g => g.Key));
        }

        // A row anchored in the grid with more tokens than cells took the next rows' numbers; its own grid row
        // is exact — unless label-less number rows that no row took follow it: then which rows they belong to
        // is open, and the solver must see them (they are not dropped, or the rows they belong to would read as blank).
        for (int a = 0; a < anchored.Count; a++)
        {
            var (r, g, own) = anchored[a];
            int next = a + 1 < anchored.Count ? anchored[a + 1].Grid : grid.Count;
            bool open = grid.Skip(g + 1).Take(next - g - 1).Any(x => x.HasNumber && !x.HasText && !matched.Contains(x.Key));
            if (!open && block.Rows[r].Tokens.Count != own.Count) Assign(block.Rows[r], own, null);
        }
    }

    /// <summary>One finding per table naming the rows read this way, at the first such number.</summary>
    public static Finding? Describe(FragmentStream s, EditionTemplate template, IEnumerable<BlockReading> blocks, IReadOnlyDictionary<string, CellValue> values)
    {
        // Only rows whose numbers the solver kept: a block it gave up on has its own finding.
        var rows = blocks.SelectMany(b => b.Rows)
            .Where(r => r.Detached && r.Def.Cells.All(c => values.TryGetValue(c.Key, out var v) && v.Value is not null)).ToList();
        if (rows.Count == 0) return null;
        var keys = rows.SelectMany(r => r.Def.Cells).Select(c => c.Key).ToList();
        int? line = rows[0].Tokens.Count > 0 ? s.ProvenanceAt(rows[0].Tokens[0].Index).Line : null;
        return Nianbao.Template.Finding.Create("READ.DETACHED", "default",
            new Dictionary<string, string> { ["cells"] = CellNames.Describe(template, keys) }, keys, line: line);
    }

    private static void Assign(RowReading row, List<Token> tokens, GridRow? detached)
    {
        row.Tokens.Clear();
        row.Tokens.AddRange(tokens);
        if (detached is null) return;
        row.Detached = true;
        // The label was printed away from the numbers (or not recognisably at all): the number row stands for it.
        row.Label ??= new LabelMatch(detached.Start, detached.Start, []);
        row.LabelRows.Clear();
        row.LabelRows.Add(detached.Key);
    }

    /// <summary>
    /// Empty cells past a row's cells when its first value is printed: columns the converter added at the
    /// end (a header wider than its rows, a one-value row in a four-column table), not blank values —
    /// the row's cells start at its first value and a row holds no more cells than the template gives it.
    /// </summary>
    private static List<Token> WithoutPhantomBlank(List<Token> tokens, int cells)
    {
        if (tokens.Count <= cells || tokens[0].Blank) return tokens;
        return tokens.Skip(cells).All(t => t.Blank && t.Raw.Length == 0) ? tokens[..cells] : tokens;
    }

    /// <summary>Empty cells before the numbers of a label-less row wider than its cells: the label column(s), left empty.</summary>
    private static List<Token> WithoutLabelColumns(List<Token> tokens, int cells)
    {
        int skip = 0;
        while (tokens.Count - skip > cells && tokens[skip].Blank && tokens[skip].Raw.Length == 0) skip++;
        return tokens[skip..];
    }

    /// <summary>The tokens of [from, to), or null when foreign text sits among them.</summary>
    private static List<Token>? Tokens(FragmentStream s, int from, int to, bool[] mask, int maskStart)
    {
        var items = Residue.Scan(s, from, to, mask, maskStart);
        if (items.Any(i => i.Token is null)) return null;
        return items.Select(i => i.Token!).ToList();
    }

    private static List<GridRow> GridRows(FragmentStream s, int from, int to)
    {
        var rows = new List<GridRow>();
        if (from >= to) return rows;
        int fi = s.Owner[from], last = s.Owner[Math.Min(to, s.Length) - 1];
        while (fi <= last)
        {
            var f = s.Fragments[fi];
            if (f.Row >= 0) { fi++; continue; }
            int key = f.Row, start = f.Start, end = f.End;
            bool text = false, number = false;
            while (fi <= last && s.Fragments[fi].Row == key)
            {
                var g = s.Fragments[fi];
                if (g.Numeric && !g.IsEmptyCell && !NumberSyntax.IsBlankMarker(g.Norm)) number = true;
                else if (!g.Numeric) text = true;
                end = g.End;
                fi++;
            }
            rows.Add(new GridRow(key, Math.Max(start, from), Math.Min(end, to), text, number));
        }
        return rows;
    }
}
