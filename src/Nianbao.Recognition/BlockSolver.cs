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

    /// <summary>
    /// Search nodes for a scrambled block. Blocks that resolve (mostly zeros, as real tables are) finish
    /// far below this; past it the block is ambiguous in practice, and searching longer only costs time.
    /// </summary>
    public const int MaxScrambledNodes = 40_000;

    /// <summary>Solutions kept for a scrambled block before giving up on it.</summary>
    public const int MaxSolutions = 5_000;

    public Dictionary<string, CellValue> Values { get; } = [];
    public List<Finding> Findings { get; } = [];

    public void Solve(BlockReading block)
    {
        _regrouped = ReadingOrder.Regroup(block, Index);
        bool scrambled = block.PreTokens.Count > 0 || block.Rows.Any(Overflows);
        // The scrambled search needs every number of the block and nothing else; when the counts differ it
        // could only give up on the whole block, so the rows are read one by one and only the rows whose
        // numbers are unaccounted for stay null.
        // Numbers printed before the first label say the block's numbers precede their labels: rows cannot be
        // read one by one then.
        if (scrambled && (ScrambledCountMatches(block) || block.PreTokens.Count > 0))
        {
            int findings = Findings.Count;
            // A search that gave up proves nothing anywhere; rows in order may still prove theirs.
            if (SolveScrambled(block) || block.PreTokens.Count > 0) return;
            Findings.RemoveRange(findings, Findings.Count - findings);
        }
        SolveByRows(block, scrambled ? ReadingOrder.Suspects(block, Overflows, Index) : []);
    }

    /// <summary>Rows of the current block whose numbers were taken from after a later label (reported as resolved).</summary>
    private HashSet<RowReading> _regrouped = [];

    private static bool Overflows(RowReading r) => r.Found && r.Tokens.Count > r.Def.Cells.Count;

    private static bool ScrambledCountMatches(BlockReading block) =>
        block.PreTokens.Count + block.Rows.Sum(r => r.Tokens.Count) == block.Cells.Count();

    // ---------------------------------------------------------------- rows read in order

    private sealed class RowCandidates(RowReading row)
    {
        public RowReading Row { get; } = row;
        public List<Placed[]> Candidates { get; set; } = [];
        public int LayoutCount { get; set; }
        public bool Inconsistent { get; set; }
    }

    private void SolveByRows(BlockReading block, IReadOnlySet<RowReading> suspects)
    {
        var rows = new List<RowCandidates>();
        foreach (var row in block.Rows)
        {
            if (!row.Found)
            {
                Null(row.Def.Cells, null);
                AddFinding("READ.ROW", "default", row.Def.Cells, new() { ["table"] = TableNumeral(row.Def.Table), ["row"] = row.Def.Label });
                continue;
            }
            var rc = new RowCandidates(row);
            int k = row.Def.Cells.Count;
            if (suspects.Contains(row))
            {
                // Its numbers may sit after a later label (or a later row's after its own): which are its own is unknown.
                Null(row.Def.Cells, row);
                AddFinding("READ.NULL", "count", row.Def.Cells, new()
                {
                    ["row"] = row.Def.DisplayName, ["expected"] = k.ToString(CultureInfo.InvariantCulture),
                    ["actual"] = row.Tokens.Count.ToString(CultureInfo.InvariantCulture), ["raw"] = Clip(row.Raw),
                });
                continue;
            }
            if (row.Tokens.Count == 0)
                rc.Candidates.Add(row.Def.Cells.Select(_ => new Placed(0, null, 0, true, null)).ToArray());
            else if (row.Tokens.Count == k)
            {
                rc.Candidates.Add(row.Tokens.Select(t => new Placed(t.Blank ? 0 : NumberSyntax.ParseLenient(t.Text), t, 0, t.Blank, t.Unit)).ToArray());
                // Taken from a run of numbers after several labels: chosen by the count and the equations, not the layout.
                if (_regrouped.Contains(row)) rc.LayoutCount = 2;
            }
            else if (row.Tokens.Count < k && ReadingOrder.BlanksOmitted(block, row))
            {
                // Empty cells printed as nothing: the numbers keep their order, which cells are empty is unknown.
                var placements = ReadingOrder.Placements(row, Index(row.Def.Cells), ValidForType);
                rc.LayoutCount = ReadingOrder.PlacementCount(row);
                if (placements.Count == 0)
                {
                    Null(row.Def.Cells, row);
                    AddFinding("READ.NULL", "inconsistent", row.Def.Cells, new() { ["raw"] = Clip(row.Raw) });
                    continue;
                }
                rc.Candidates = placements;
                rows.Add(rc);
                continue;
            }
            else
            {
                // Is the layout ambiguous at all? Then enumerate only the splits the row's own equations allow.
                var layout = Splits(row, null, 2);
                var splits = layout is { Count: > 1 } ? Splits(row, Index(row.Def.Cells), MaxRowCandidates) : layout;
                if (layout is { Count: > 1 } && splits is { Count: 0 })
                {
                    splits = Splits(row, null, MaxRowCandidates);
                    rc.Inconsistent = true;
                }
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
                rc.LayoutCount = layout!.Count;
            }
            if (rc.LayoutCount == 0) rc.LayoutCount = rc.Candidates.Count;
            rows.Add(rc);
        }
        FilterJointly(rows);
        foreach (var rc in rows) Settle(rc);
    }

    /// <summary>
    /// The ways to cut the row's tokens into exactly its number of cells, at most <paramref name="limit"/>
    /// (null when the search bound is hit first). With <paramref name="prune"/>, only cuts that keep the
    /// row's own equations and sign rules satisfiable.
    /// </summary>
    private static List<Placed[]>? Splits(RowReading row, EquationIndex? prune, int limit)
    {
        var cells = row.Def.Cells;
        var tokens = row.Tokens;
        var result = new List<Placed[]>();
        var acc = new Placed[cells.Count];
        var values = new decimal?[cells.Count];
        bool overflow = false, full = false;
        long nodes = 0;
        Rec(0, 0, 0);
        return overflow ? null : result;

        void Rec(int ti, int offset, int ci)
        {
            if (overflow || full) return;
            if (++nodes > MaxSearchNodes) { overflow = true; return; }
            if (ti == tokens.Count)
            {
                if (ci == cells.Count)
                {
                    result.Add((Placed[])acc.Clone());
                    full = result.Count >= limit;
                    if (full && limit >= MaxRowCandidates) overflow = true;
                }
                return;
            }
            if (ci == cells.Count) return;
            var t = tokens[ti];
            if (t.Blank)
            {
                Place(new Placed(0, t, 0, true, null), () => Rec(ti + 1, 0, ci + 1));
                return;
            }
            // Cells still needed by the tokens after this one: at least one each.
            int after = tokens.Count - ti - 1;
            if (!t.Splittable)
            {
                Place(new Placed(NumberSyntax.ParseLenient(t.Text), t, 0, false, t.Unit), () => Rec(ti + 1, 0, ci + 1));
                return;
            }
            // What is left of this token must fit in the cells left, each at most MaxPartLength long.
            if (t.Text.Length - offset > (long)MaxPartLength * (cells.Count - ci - after)) return;
            for (int end = offset + 1; end <= t.Text.Length && end - offset <= MaxPartLength; end++)
            {
                bool last = end == t.Text.Length;
                if (last && cells.Count - ci - 1 < after) continue;
                // No leading zeros: "0" can only stand alone, so a part starting with 0 ends there.
                if (end - offset > 1 && t.Text[offset] == '0' && !(end - offset > 2 && t.Text[offset + 1] == '.')) break;
                var v = NumberSyntax.ParseStrict(t.Text.AsSpan(offset, end - offset), cells[ci].Type);
                if (v is null) continue;
                int next = end;
                Place(new Placed(v, t, offset, false, last ? t.Unit : null), () =>
                {
                    if (last) Rec(ti + 1, 0, ci + 1);
                    else Rec(ti, next, ci + 1);
                });
                if (overflow || full) return;
            }

            void Place(Placed p, Action then)
            {
                acc[ci] = p;
                values[ci] = p.Value;
                if (p.Value is null) return;
                if (prune is null || (ValidForType(p.Value.Value, cells[ci].Type) && prune.Consistent(ci, values))) then();
                values[ci] = null;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, EquationIndex> IndexCache = new();

    /// <summary>The equations over exactly these cells; cached, since the same rows recur in every report.</summary>
    private EquationIndex Index(IReadOnlyList<CellDef> cells) =>
        IndexCache.GetOrAdd(template.Edition.Code() + "|" + string.Join("|", cells.Select(c => c.Key)), _ => new EquationIndex(cells, template.Equations));

    /// <summary>Equations across rows (T3 H1, H2) narrow the rows that are still ambiguous.</summary>
    private void FilterJointly(List<RowCandidates> rows)
    {
        if (!rows.Any(r => r.Candidates.Count > 1)) return;
        var cells = rows.SelectMany(r => r.Row.Def.Cells).ToList();
        var eqs = Index(cells);
        if (eqs.IsEmpty) return;
        var offset = new int[rows.Count];
        for (int r = 1; r < rows.Count; r++) offset[r] = offset[r - 1] + rows[r - 1].Row.Def.Cells.Count;
        // Totals first, so that partial sums prune the rows that follow.
        var order = Enumerable.Range(0, rows.Count)
            .OrderByDescending(r => Enumerable.Range(offset[r], rows[r].Row.Def.Cells.Count).Sum(eqs.LeftWeight))
            .ThenBy(r => r).ToArray();
        var values = new decimal?[cells.Count];
        var chosen = new int[rows.Count];
        var survivors = rows.Select(_ => new HashSet<int>()).ToList();
        long nodes = 0;
        bool any = false, overflow = false;
        Rec(0);
        if (overflow || !any) return;
        for (int r = 0; r < rows.Count; r++)
            rows[r].Candidates = survivors[r].Order().Select(i => rows[r].Candidates[i]).ToList();

        void Rec(int depth)
        {
            if (overflow) return;
            if (depth == order.Length)
            {
                any = true;
                for (int i = 0; i < rows.Count; i++) survivors[i].Add(chosen[i]);
                return;
            }
            int r = order[depth];
            var row = rows[r];
            int n = row.Row.Def.Cells.Count;
            for (int i = 0; i < row.Candidates.Count; i++)
            {
                if (++nodes > MaxSearchNodes) { overflow = true; break; }
                for (int c = 0; c < n; c++) values[offset[r] + c] = row.Candidates[i][c].Value;
                bool ok = true;
                for (int c = 0; c < n && ok; c++) ok = eqs.Consistent(offset[r] + c, values);
                chosen[r] = i;
                if (ok) Rec(depth + 1);
                if (overflow) break;
            }
            for (int c = 0; c < n; c++) values[offset[r] + c] = null;
        }
    }

    private void Settle(RowCandidates rc)
    {
        var cells = rc.Row.Def.Cells;
        var resolved = new List<CellDef>(0);
        var open = new List<CellDef>(0);
        var blanks = new List<CellDef>(0);
        var units = new List<(CellDef Cell, string Unit)>(0);
        for (int i = 0; i < cells.Count; i++)
        {
            var first = rc.Candidates[0][i];
            bool agree = first.Value is not null;
            for (int k = 1; k < rc.Candidates.Count && agree; k++) agree = rc.Candidates[k][i].Value == first.Value;
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
        if (resolved.Count == 0 && open.Count == 0 && blanks.Count == 0 && units.Count == 0) return;
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
    /// <returns>False when the search gave up before any cell was settled (a bound was hit).</returns>
    private bool SolveScrambled(BlockReading block)
    {
        var cells = block.Cells.ToList();
        var tokens = block.PreTokens.Concat(block.Rows.SelectMany(r => r.Tokens)).OrderBy(t => t.Index).ToList();
        foreach (var row in block.Rows.Where(r => !r.Found))
            AddFinding("READ.ROW", "default", row.Def.Cells, new() { ["table"] = TableNumeral(row.Def.Table), ["row"] = row.Def.Label });
        var values = tokens.Select(t => t.Blank ? 0m : NumberSyntax.ParseLenient(t.Text)).ToList();
        if (tokens.Count != cells.Count || values.Any(v => v is null))
        {
            Null(cells, null);
            AddFinding("READ.NULL", "scrambled", cells, new());
            return true;
        }

        // Anchors: the tokens that open a row's list and sit on the label's own line.
        var fixedAt = new Dictionary<int, Token>();
        var index = cells.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        // With numbers printed before the first row (sample 004's 第二十条第（八）项), the numbers on a label's
        // line need not be its first cells, so nothing is anchored.
        // A label's line is evidence only when it is a line of this row alone: on a flattened page or a
        // file joined onto one line, every number of the block shares the label's "line".
        var labelRowsOf = block.Rows.Where(r => r.Found).SelectMany(r => r.LabelRows.Select(x => (x, r))).ToLookup(p => p.x, p => p.r);
        foreach (var row in block.Rows.Where(r => r.Found && r.LabelRows.Count > 0 && block.PreTokens.Count == 0))
        {
            if (row.LabelRows.Any(x => labelRowsOf[x].Any(o => o != row))) continue;
            if (row.Label is { } l && !s.IsAtomic(s.FragmentAt(l.Start))) continue;
            var anchors = new List<(int Cell, Token Token)>();
            foreach (var t in row.Tokens)
            {
                if (anchors.Count >= row.Def.Cells.Count || !row.LabelRows.Contains(t.Row)) break;
                anchors.Add((index[row.Def.Cells[anchors.Count].Key], t));
            }
            // An anchor that breaks a sign rule shows the line's numbers are not this row's first cells.
            if (anchors.Any(a => !a.Token.Blank && (NumberSyntax.ParseLenient(a.Token.Text) is not { } v || !ValidForType(v, cells[a.Cell].Type)))) continue;
            foreach (var (ci, t) in anchors) fixedAt[ci] = t;
        }
        var pool = new Dictionary<decimal, int>();
        var anchoredTokens = fixedAt.Values.ToHashSet();
        for (int i = 0; i < tokens.Count; i++)
            if (!anchoredTokens.Contains(tokens[i])) pool[values[i]!.Value] = pool.GetValueOrDefault(values[i]!.Value) + 1;

        var assigned = new decimal?[cells.Count];
        foreach (var (ci, t) in fixedAt) assigned[ci] = t.Blank ? 0 : NumberSyntax.ParseLenient(t.Text);
        var eqs = Index(cells);
        // Totals first: partial sums then bound every cell that follows.
        var free = Enumerable.Range(0, cells.Count).Where(i => !fixedAt.ContainsKey(i))
            .OrderByDescending(eqs.LeftWeight).ThenBy(i => i).ToList();
        var position = free.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var distinct = pool.Keys.Order().ToArray();

        var solutions = new List<decimal[]>();
        long nodes = 0;
        bool overflow = false;
        Rec(0);

        if (overflow && fixedAt.Count == 0) return false;
        var resolved = new List<CellDef>();
        var open = new List<CellDef>();
        // Which tokens already gave a cell its provenance, by the token's first equal in the list (record
        // equality, as a set of tokens would have it): hashed once here, not once per cell and token.
        var canonical = new int[tokens.Count];
        var firstEqual = new Dictionary<Token, int>(tokens.Count);
        for (int j = 0; j < tokens.Count; j++) canonical[j] = firstEqual.TryAdd(tokens[j], j) ? j : firstEqual[tokens[j]];
        var used = new bool[tokens.Count];
        for (int j = 0; j < tokens.Count; j++) used[canonical[j]] |= anchoredTokens.Contains(tokens[j]);
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
                Token? source = null;
                for (int j = 0; j < tokens.Count; j++)
                    if (!used[canonical[j]] && values[j] == v) { source = tokens[j]; used[canonical[j]] = true; break; }
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
                new() { ["limit"] = (overflow && solutions.Count >= MaxSolutions ? MaxSolutions : MaxScrambledNodes).ToString(CultureInfo.InvariantCulture) });
        return true;

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
                if (++nodes > MaxScrambledNodes) { overflow = true; return; }
                assigned[ci] = v;
                pool[v]--;
                if (eqs.Consistent(ci, assigned)) Rec(p + 1);
                pool[v]++;
                assigned[ci] = null;
                if (overflow) return;
            }
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
