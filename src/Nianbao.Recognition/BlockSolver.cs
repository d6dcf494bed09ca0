using System.Globalization;
using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>One cell's value in one candidate reading, and the token it came from.</summary>
internal sealed record Placed(decimal? Value, Token? Source, int Offset, bool Blank, string? Unit);

/// <summary>
/// Places the numbers of one block into its cells (design.md "Recognition as alignment, then solving").
/// When the layout gives exactly one reading, it is taken as printed, right or wrong: validation judges it.
/// When it gives several (digits run together, columns scrambled), the template's equations and sign
/// rules choose: a cell on which every surviving reading agrees gets that value, marked resolved; any
/// other cell is null with a finding. Every search is bounded; hitting a bound gives null, never a guess.
/// </summary>
internal sealed class BlockSolver(FragmentStream s, EditionTemplate template)
{
    /// <summary>Most ways to split one row's digit runs that are enumerated (a 7-cell row of 9 digits has 28).</summary>
    public const int MaxRowCandidates = 20_000;

    /// <summary>Longest number a cell holds when cut from a run of digits (amounts with decimals: 999999999.99).</summary>
    public const int MaxPartLength = 14;

    /// <summary>Search nodes for joint (cross-row) filtering and for scrambled blocks.</summary>
    public const int MaxSearchNodes = 150_000;

    /// <summary>Solutions kept for a scrambled block before giving up on it.</summary>
    public const int MaxSolutions = 5_000;

    public Dictionary<string, CellValue> Values { get; } = [];
    public List<Finding> Findings { get; } = [];

    public void Solve(BlockReading block)
    {
        bool scrambled = block.PreTokens.Count > 0 || block.Rows.Any(r => r.Found && r.Tokens.Count > r.Def.Cells.Count);
        if (scrambled) SolveScrambled(block);
        else SolveByRows(block);
    }

    // ---------------------------------------------------------------- rows read in order

    private sealed class RowCandidates(RowReading row)
    {
        public RowReading Row { get; } = row;
        public List<Placed[]> Candidates { get; set; } = [];
        public int LayoutCount { get; set; }
        public bool Inconsistent { get; set; }
    }

    private void SolveByRows(BlockReading block)
    {
        var rows = new List<RowCandidates>();
        foreach (var row in block.Rows)
        {
            if (!row.Found)
            {
                Null(row.Def.Cells, null);
                AddFinding("DOC.H6", "row_missing", row.Def.Cells, new() { ["table"] = TableNumeral(row.Def.Table), ["row"] = row.Def.Label });
                continue;
            }
            var rc = new RowCandidates(row);
            int k = row.Def.Cells.Count;
            if (row.Tokens.Count == 0)
                rc.Candidates.Add(row.Def.Cells.Select(_ => new Placed(0, null, 0, true, null)).ToArray());
            else if (row.Tokens.Count == k)
                rc.Candidates.Add(row.Tokens.Select(t => new Placed(t.Blank ? 0 : NumberSyntax.ParseLenient(t.Text), t, 0, t.Blank, t.Unit)).ToArray());
            else
            {
                var splits = Splits(row);
                if (splits is null)
                {
                    Null(row.Def.Cells, row);
                    AddFinding("READ.NULL", "too_many", row.Def.Cells, new() { ["limit"] = MaxRowCandidates.ToString(CultureInfo.InvariantCulture) });
                    continue;
                }
                if (splits.Count == 0)
                {
                    Null(row.Def.Cells, row);
                    AddFinding("READ.NULL", "count", row.Def.Cells, new()
                    {
                        ["row"] = row.Def.DisplayName, ["expected"] = k.ToString(CultureInfo.InvariantCulture),
                        ["actual"] = row.Tokens.Count.ToString(CultureInfo.InvariantCulture), ["raw"] = Clip(row.Raw),
                    });
                    continue;
                }
                rc.Candidates = splits;
            }
            rc.LayoutCount = rc.Candidates.Count;
            if (rc.LayoutCount > 1) FilterLocally(rc);
            rows.Add(rc);
        }
        FilterJointly(rows);
        foreach (var rc in rows) Settle(rc);
    }

    /// <summary>Every way to cut the row's tokens into exactly its number of cells; null past the bound.</summary>
    private List<Placed[]>? Splits(RowReading row)
    {
        var cells = row.Def.Cells;
        var tokens = row.Tokens;
        var result = new List<Placed[]>();
        var acc = new Placed[cells.Count];
        bool overflow = false;
        long nodes = 0;
        Rec(0, 0, 0);
        return overflow ? null : result;

        void Rec(int ti, int offset, int ci)
        {
            if (overflow) return;
            if (++nodes > MaxSearchNodes) { overflow = true; return; }
            if (ti == tokens.Count)
            {
                if (ci == cells.Count)
                {
                    if (result.Count >= MaxRowCandidates) { overflow = true; return; }
                    result.Add((Placed[])acc.Clone());
                }
                return;
            }
            if (ci == cells.Count) return;
            var t = tokens[ti];
            if (t.Blank)
            {
                acc[ci] = new Placed(0, t, 0, true, null);
                Rec(ti + 1, 0, ci + 1);
                return;
            }
            // Cells still needed by the tokens after this one: at least one each.
            int after = tokens.Count - ti - 1;
            // What is left of this token must fit in the cells left, each at most MaxPartLength long.
            if (t.Text.Length - offset > (long)MaxPartLength * (cells.Count - ci - after)) return;
            for (int end = offset + 1; end <= t.Text.Length && end - offset <= MaxPartLength; end++)
            {
                bool last = end == t.Text.Length;
                if (last && cells.Count - ci - 1 < after) continue;
                var part = t.Text[offset..end];
                var v = NumberSyntax.ParseStrict(part, cells[ci].Type);
                if (v is null) continue;
                acc[ci] = new Placed(v, t, offset, false, last ? t.Unit : null);
                if (last) Rec(ti + 1, 0, ci + 1);
                else Rec(ti, end, ci + 1);
            }
        }
    }

    private void FilterLocally(RowCandidates rc)
    {
        var keys = rc.Row.Def.Cells.Select(c => c.Key).ToList();
        var local = template.Equations.Where(e => e.Keys.All(keys.Contains)).ToList();
        if (local.Count == 0) return;
        var index = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var kept = rc.Candidates.Where(c => local.All(e => e.Holds(k => c[index[k]].Value) != false) && SignsHold(rc.Row.Def.Cells, c)).ToList();
        if (kept.Count > 0) rc.Candidates = kept;
        else rc.Inconsistent = true;
    }

    private static bool SignsHold(IReadOnlyList<CellDef> cells, Placed[] c)
    {
        for (int i = 0; i < cells.Count; i++)
            if (c[i].Value is { } v && !ValidForType(v, cells[i].Type)) return false;
        return true;
    }

    /// <summary>Equations across rows (T3 H1, H2) narrow the rows that are still ambiguous.</summary>
    private void FilterJointly(List<RowCandidates> rows)
    {
        if (!rows.Any(r => r.Candidates.Count > 1)) return;
        var owner = new Dictionary<string, (int Row, int Cell)>();
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < rows[r].Row.Def.Cells.Count; c++) owner[rows[r].Row.Def.Cells[c].Key] = (r, c);
        var spanning = template.Equations
            .Where(e => e.Keys.All(owner.ContainsKey) && e.Keys.Select(k => owner[k].Row).Distinct().Count() > 1).ToList();
        if (spanning.Count == 0) return;
        // Check each equation at the row where its last key becomes known.
        var dueAt = spanning.GroupBy(e => e.Keys.Max(k => owner[k].Row)).ToDictionary(g => g.Key, g => g.ToList());
        var chosen = new int[rows.Count];
        var survivors = rows.Select(_ => new HashSet<int>()).ToList();
        long nodes = 0;
        bool any = false, overflow = false;
        Rec(0);
        if (overflow || !any) return;
        for (int r = 0; r < rows.Count; r++)
            rows[r].Candidates = survivors[r].Order().Select(i => rows[r].Candidates[i]).ToList();

        void Rec(int r)
        {
            if (overflow) return;
            if (r == rows.Count)
            {
                any = true;
                for (int i = 0; i < rows.Count; i++) survivors[i].Add(chosen[i]);
                return;
            }
            for (int i = 0; i < rows[r].Candidates.Count; i++)
            {
                if (++nodes > MaxSearchNodes) { overflow = true; return; }
                chosen[r] = i;
                if (dueAt.TryGetValue(r, out var eqs) && eqs.Any(e => e.Holds(Lookup) == false)) continue;
                Rec(r + 1);
            }
        }

        decimal? Lookup(string key)
        {
            var (row, cell) = owner[key];
            return rows[row].Candidates[chosen[row]][cell].Value;
        }
    }

    private void Settle(RowCandidates rc)
    {
        var cells = rc.Row.Def.Cells;
        var resolved = new List<CellDef>();
        var open = new List<CellDef>();
        var blanks = new List<CellDef>();
        var units = new List<(CellDef Cell, string Unit)>();
        for (int i = 0; i < cells.Count; i++)
        {
            var first = rc.Candidates[0][i];
            bool agree = first.Value is not null && rc.Candidates.All(c => c[i].Value == first.Value);
            if (!agree)
            {
                open.Add(cells[i]);
                Values[cells[i].Key] = CellValue.Unreadable(ProvenanceOf(first, rc.Row));
                continue;
            }
            var status = first.Blank ? CellStatus.Blank : rc.LayoutCount > 1 ? CellStatus.Resolved : CellStatus.Read;
            Values[cells[i].Key] = new CellValue(first.Value, status, ProvenanceOf(first, rc.Row), first.Unit);
            if (status == CellStatus.Resolved) resolved.Add(cells[i]);
            if (first.Blank) blanks.Add(cells[i]);
            if (first.Unit is { } u) units.Add((cells[i], u));
        }
        var raw = Clip(rc.Row.Raw);
        if (resolved.Count > 0) AddFinding("READ.RESOLVED", "default", resolved, new() { ["raw"] = raw });
        if (open.Count > 0)
        {
            bool unparsable = rc.LayoutCount == 1;
            AddFinding("READ.NULL", unparsable ? "unparsable" : rc.Inconsistent ? "inconsistent" : "ambiguous", open, new()
            {
                ["raw"] = raw, ["count"] = rc.Candidates.Count.ToString(CultureInfo.InvariantCulture),
            });
        }
        if (blanks.Count > 0)
        {
            var marker = rc.Row.Tokens.FirstOrDefault(t => t.Blank && t.Raw.Length > 0)?.Raw;
            AddFinding("READ.BLANK", marker is null ? "default" : "marker", blanks, new() { ["raw"] = marker ?? "" });
        }
        foreach (var group in units.GroupBy(u => u.Unit))
            AddFinding("READ.UNIT", "default", group.Select(g => g.Cell).ToList(), new() { ["unit"] = group.Key });
    }

    // ---------------------------------------------------------------- scrambled blocks

    /// <summary>
    /// The block's numbers are all there but not in row order (sample 004). Tokens on a label's own line
    /// stay with that row, in order; the rest are placed by search under the sign rules and equations.
    /// </summary>
    private void SolveScrambled(BlockReading block)
    {
        var cells = block.Cells.ToList();
        var tokens = block.PreTokens.Concat(block.Rows.SelectMany(r => r.Tokens)).OrderBy(t => t.Index).ToList();
        foreach (var row in block.Rows.Where(r => !r.Found))
            AddFinding("DOC.H6", "row_missing", row.Def.Cells, new() { ["table"] = TableNumeral(row.Def.Table), ["row"] = row.Def.Label });
        var values = tokens.Select(t => t.Blank ? 0m : NumberSyntax.ParseLenient(t.Text)).ToList();
        if (tokens.Count != cells.Count || values.Any(v => v is null))
        {
            Null(cells, null);
            AddFinding("READ.NULL", "scrambled", cells, new());
            return;
        }

        // Anchors: the tokens that open a row's list and sit on the label's own line.
        var fixedAt = new Dictionary<int, Token>();
        var index = cells.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        // With numbers printed before the first row (sample 004's 第二十条第（八）项), the numbers on a label's
        // line need not be its first cells, so nothing is anchored.
        foreach (var row in block.Rows.Where(r => r.Found && r.LabelRows.Count > 0 && block.PreTokens.Count == 0))
        {
            int n = 0;
            foreach (var t in row.Tokens)
            {
                if (n >= row.Def.Cells.Count || !row.LabelRows.Contains(t.Row)) break;
                fixedAt[index[row.Def.Cells[n].Key]] = t;
                n++;
            }
        }
        var pool = new Dictionary<decimal, int>();
        var anchoredTokens = fixedAt.Values.ToHashSet();
        for (int i = 0; i < tokens.Count; i++)
            if (!anchoredTokens.Contains(tokens[i])) pool[values[i]!.Value] = pool.GetValueOrDefault(values[i]!.Value) + 1;

        var assigned = new decimal?[cells.Count];
        foreach (var (ci, t) in fixedAt) assigned[ci] = t.Blank ? 0 : NumberSyntax.ParseLenient(t.Text);
        var free = Enumerable.Range(0, cells.Count).Where(i => !fixedAt.ContainsKey(i)).ToList();
        var position = free.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        // Each equation that involves a free cell is checked when its last free cell is assigned,
        // as arrays of (cell index, sign): this loop runs up to MaxSearchNodes times.
        var dueAt = new List<(int[] Cells, int[] Signs, bool Equal)>[free.Count];
        foreach (var e in template.Equations.Where(e => e.Keys.All(index.ContainsKey) && e.Keys.Any(k => position.ContainsKey(index[k]))))
        {
            int last = e.Keys.Where(k => position.ContainsKey(index[k])).Max(k => position[index[k]]);
            (dueAt[last] ??= []).Add((e.Terms.Select(t => index[t.Key]).ToArray(), e.Terms.Select(t => t.Sign).ToArray(), e.Relation == Relation.Equal));
        }
        var distinct = pool.Keys.Order().ToArray();

        var solutions = new List<decimal[]>();
        long nodes = 0;
        bool overflow = false;
        Rec(0);

        var resolved = new List<CellDef>();
        var open = new List<CellDef>();
        var used = new HashSet<Token>(anchoredTokens);
        for (int i = 0; i < cells.Count; i++)
        {
            if (fixedAt.TryGetValue(i, out var anchor))
            {
                Values[cells[i].Key] = new CellValue(assigned[i], anchor.Blank ? CellStatus.Blank : CellStatus.Read,
                    s.ProvenanceAt(anchor.Index, anchor.Raw), anchor.Unit);
                continue;
            }
            int p = position[i];
            if (!overflow && solutions.Count > 0 && solutions.All(sol => sol[p] == solutions[0][p]))
            {
                var v = solutions[0][p];
                var source = tokens.FirstOrDefault(t => !used.Contains(t) && (t.Blank ? 0 : NumberSyntax.ParseLenient(t.Text)) == v);
                if (source is not null) used.Add(source);
                Values[cells[i].Key] = new CellValue(v, CellStatus.Resolved, source is null ? null : s.ProvenanceAt(source.Index, source.Raw), source?.Unit);
                resolved.Add(cells[i]);
            }
            else
            {
                Values[cells[i].Key] = CellValue.Unreadable();
                open.Add(cells[i]);
            }
        }
        var raw = Clip(string.Join(" ", tokens.Select(t => t.Blank ? "空" : t.Text)));
        if (resolved.Count > 0) AddFinding("READ.RESOLVED", "default", resolved, new() { ["raw"] = raw });
        if (open.Count > 0)
            AddFinding("READ.NULL", overflow ? "too_many" : "scrambled", open,
                new() { ["limit"] = (overflow && solutions.Count >= MaxSolutions ? MaxSolutions : MaxSearchNodes).ToString(CultureInfo.InvariantCulture) });

        void Rec(int p)
        {
            if (overflow) return;
            if (p == free.Count)
            {
                if (solutions.Count >= MaxSolutions) { overflow = true; return; }
                solutions.Add(free.Select(i => assigned[i]!.Value).ToArray());
                return;
            }
            int ci = free[p];
            foreach (var v in distinct)
            {
                if (pool[v] == 0 || !ValidForType(v, cells[ci].Type)) continue;
                if (++nodes > MaxSearchNodes) { overflow = true; return; }
                assigned[ci] = v;
                pool[v]--;
                if (Holds(dueAt[p])) Rec(p + 1);
                pool[v]++;
                assigned[ci] = null;
                if (overflow) return;
            }
        }

        bool Holds(List<(int[] Cells, int[] Signs, bool Equal)>? equations)
        {
            if (equations is null) return true;
            foreach (var (eqCells, signs, equal) in equations)
            {
                decimal sum = 0;
                for (int k = 0; k < eqCells.Length; k++) sum += signs[k] * assigned[eqCells[k]]!.Value;
                if (equal ? sum != 0 : sum < 0) return false;
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The sign and integer rules of domain.md §9.1 H5, used to choose among readings.</summary>
    private static bool ValidForType(decimal v, CellType type) => type switch
    {
        CellType.Count => v >= 0 && v == decimal.Truncate(v),
        CellType.Signed => v == decimal.Truncate(v),
        _ => v >= 0,
    };

    private Provenance? ProvenanceOf(Placed p, RowReading row)
    {
        if (p.Source is { } t) return s.ProvenanceAt(t.Index + p.Offset, t.Raw.Length > 0 ? t.Raw : null);
        return row.Label is { } l ? s.ProvenanceAt(l.Start) : null;
    }

    private void Null(IEnumerable<CellDef> cells, RowReading? row)
    {
        var at = row?.Label is { } l ? s.ProvenanceAt(l.Start) : null;
        foreach (var c in cells) Values[c.Key] = CellValue.Unreadable(at);
    }

    private void AddFinding(string rule, string message, IReadOnlyCollection<CellDef> cells, Dictionary<string, string> args)
    {
        var keys = cells.Select(c => c.Key).ToList();
        args["cells"] = CellNames.Describe(template, keys);
        int? line = cells.Select(c => Values.TryGetValue(c.Key, out var v) ? v.Source?.Line : null).FirstOrDefault(l => l is not null);
        Findings.Add(Finding.Create(rule, message, args, keys, line: line));
    }

    private static string TableNumeral(int table) => SectionDef.NumeralOf(table);

    private static string Clip(string raw) => raw.Length <= 60 ? raw : raw[..57] + "…";
}
