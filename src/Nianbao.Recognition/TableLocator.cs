using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Finds the labels of one table inside its region and gathers the tokens of each row
/// (domain.md §3–§4: the template says which labels come in which order and how many numbers each row has).
/// </summary>
internal sealed class TableLocator(FragmentStream s, EditionTemplate template)
{
    private static readonly TemplateText Text = TemplateCatalog.Default.Text;

    /// <summary>How labels were found when not as the template prints them (a misprint, a row in the old edition's form).</summary>
    public List<Finding> Findings { get; } = [];

    public List<BlockReading> Locate(TableDef table, int from, int to)
    {
        var known = KnownLabels(table);
        var blocks = table.Blocks.Select(b => new BlockReading(b)).ToList();
        if (table.Number == 4) return [LocateTable4(blocks[0], from, to, known)];

        // Known labels are masked once for the whole table: rows skip them inside their own broken labels,
        // and residues leave them out.
        var mask = Residue.MaskLabels(s, from, to, known);

        // Anchors in order: block headers and row labels, each searched after the previous one found.
        var anchors = new List<(int Start, int End, BlockReading Block, RowReading? Row)>();
        int cursor = from;
        foreach (var block in blocks)
        {
            int limit = to, resume = -1, before = anchors.Count;
            if (block.Def.Header is { } header)
            {
                var label = LabelText.Label(header);
                var hm = LabelFinder.Find(s, label, cursor, to, false);
                // A converter may print a whole block ahead of an earlier one (table 2's 第二十条 items
                // as text before the table that holds the first item): look for it before the cursor,
                // in text no anchor holds, and keep its rows there.
                if (hm is null && blocks.Count > 1 && EarlierBlock(label, from, cursor, anchors) is { } early)
                {
                    (hm, limit, resume) = (early.Match, early.Limit, cursor);
                }
                if (hm is not null)
                {
                    anchors.Add((hm.Start, hm.End, block, null));
                    cursor = hm.End;
                }
            }
            foreach (var rowDef in block.Def.Rows)
            {
                var row = new RowReading(rowDef);
                block.Rows.Add(row);
                var m = FindRow(rowDef, cursor, limit, mask, from);
                if (m is null) continue;
                row.Label = m;
                row.LabelRows.Add(s.FragmentAt(m.Start).Row);
                row.LabelRows.Add(s.FragmentAt(m.End - 1).Row);
                anchors.Add((m.Start, m.End, block, row));
                cursor = m.End;
            }
            if (resume >= 0)
            {
                // A block placed early with none of its rows there is not that block.
                if (anchors.Count == before + 1) anchors.RemoveAt(before);
                cursor = resume;
            }
        }
        anchors.Sort((x, y) => x.Start.CompareTo(y.Start));

        var ordered = blocks.SelectMany(b => b.Rows.Select(r => (Block: b, Row: r))).ToList();
        FindMisprinted(table, ordered, anchors, from, to, mask);
        var oldRows = FindOldRows(table, ordered, anchors, from, to);
        anchors.Sort((a, b) => a.Start.CompareTo(b.Start));

        for (int a = 0; a < anchors.Count; a++)
        {
            var (_, end, block, row) = anchors[a];
            int next = a + 1 < anchors.Count ? anchors[a + 1].Start : to;
            var items = Residue.Scan(s, end, Math.Max(end, next), mask, from);
            if (row is null)
            {
                // Between a block header and its first row: keep the numbers after the last foreign text.
                int lastForeign = items.FindLastIndex(i => i.Token is null);
                block.PreTokens.AddRange(items.Skip(lastForeign + 1).Select(i => i.Token!).Where(t => !t.Blank));
                continue;
            }
            foreach (var (fs, fe) in row.Label!.Inside)
                row.Tokens.AddRange(Residue.Scan(s, fs, fe, mask, from).Where(i => i.Token is not null).Select(i => i.Token!));
            Collect(row, items, row.Def.Cells.Count);
            DropSpilledLabelCell(row);
        }
        SplitOldRows(table, oldRows);
        foreach (var block in blocks) DetachedGridRows.Repair(s, block, from, to, mask, from);
        return blocks;
    }

    /// <summary>A block header before <paramref name="cursor"/> outside every anchor, and where its rows must end (the next anchor).</summary>
    private (LabelMatch Match, int Limit)? EarlierBlock(string label, int from, int cursor, List<(int Start, int End, BlockReading Block, RowReading? Row)> anchors)
    {
        int at = from;
        while (at < cursor && LabelFinder.Find(s, label, at, cursor, false) is { } m)
        {
            if (!anchors.Any(a => m.Start < a.End && a.Start < m.End))
            {
                int limit = anchors.Where(a => a.Start >= m.End).Select(a => a.Start).DefaultIfEmpty(cursor).Min();
                return (m, limit);
            }
            at = m.Start + 1;
        }
        return null;
    }

    /// <summary>
    /// Rows not found as printed in the template, looked for approximately (<see cref="LabelFinder.FindApproximate"/>)
    /// between the neighbouring rows that were found: a misprint such as <c>其他法律行政止公开</c> for
    /// <c>其他法律行政法规禁止公开</c>.
    /// </summary>
    private void FindMisprinted(TableDef table, List<(BlockReading Block, RowReading Row)> ordered,
        List<(int Start, int End, BlockReading Block, RowReading? Row)> anchors, int from, int to, bool[] mask)
    {
        for (int i = 0; i < ordered.Count; i++)
        {
            var (block, row) = ordered[i];
            if (row.Found) continue;
            var (lo, hi) = Window(ordered, i, i, from, to);
            var core = LabelText.Label(row.Def.Core);
            var others = table.Rows.Where(r => r != row.Def).Select(r => LabelText.Label(r.Core)).ToList();
            if (LabelFinder.FindApproximate(s, core, lo, hi, others, mask, from) is not { } hit) continue;
            var m = hit.Match with { Start = PrefixStart(row.Def, hit.Match.Start) };
            row.Label = m;
            row.LabelRows.Add(s.FragmentAt(m.Start).Row);
            row.LabelRows.Add(s.FragmentAt(m.End - 1).Row);
            anchors.Add((m.Start, m.End, block, row));
            Findings.Add(Finding.Create("READ.LABEL", "default",
                new Dictionary<string, string> { ["table"] = SectionDef.NumeralOf(table.Number), ["row"] = row.Def.Label, ["printed"] = hit.Printed },
                row.Def.Cells.Select(c => c.Key).ToList()));
        }
    }

    /// <summary>A group of rows printed as the older edition's single row: its label, the reading that collects its numbers, and the rows it stands for.</summary>
    private sealed record OldRow(string Group, LabelMatch Label, RowReading Reading, List<RowReading> Rows);

    /// <summary>
    /// A group none of whose rows was found (2021's three rows under （六）其他处理) whose own label stands where they
    /// should be: the report prints the group as one row, as the 2019 edition did. Its label becomes an anchor so
    /// that its numbers are not taken for the row before it.
    /// </summary>
    private List<OldRow> FindOldRows(TableDef table, List<(BlockReading Block, RowReading Row)> ordered,
        List<(int Start, int End, BlockReading Block, RowReading? Row)> anchors, int from, int to)
    {
        var result = new List<OldRow>();
        foreach (var group in table.Rows.Where(r => r.Groups.Count > 0).GroupBy(r => r.Groups[^1]))
        {
            var members = ordered.Select((x, i) => (x.Block, x.Row, Index: i)).Where(x => group.Contains(x.Row.Def)).ToList();
            if (members.Count < 2 || members.Any(x => x.Row.Found)) continue;
            var (lo, hi) = Window(ordered, members[0].Index, members[^1].Index, from, to);
            if (LabelFinder.Find(s, LabelText.Label(group.Key), lo, hi, false) is not { } m) continue;
            var reading = new RowReading(members[0].Row.Def) { Label = m };
            result.Add(new OldRow(group.Key, m, reading, members.Select(x => x.Row).ToList()));
            anchors.Add((m.Start, m.End, members[0].Block, reading));
        }
        return result;
    }

    /// <summary>
    /// The old single row's numbers for the new rows: counts are never negative, so a row of zeros makes every new row
    /// zero (provenance: the old row's numbers); any other value cannot be split and the new rows stay unknown.
    /// </summary>
    private void SplitOldRows(TableDef table, List<OldRow> oldRows)
    {
        foreach (var old in oldRows)
        {
            var values = old.Reading.Tokens.Where(t => !t.Blank).ToList();
            bool zero = old.Rows.All(r => r.Def.Cells.Count == values.Count) &&
                values.All(t => decimal.TryParse(t.Text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) && v == 0);
            if (zero)
                foreach (var row in old.Rows)
                {
                    row.Label = old.Label;
                    row.LabelRows.Add(s.FragmentAt(old.Label.Start).Row);
                    row.Tokens.AddRange(values);
                }
            Findings.Add(Finding.Create("READ.OLD_ROW", zero ? "zero" : "unknown",
                new Dictionary<string, string>
                {
                    ["table"] = SectionDef.NumeralOf(table.Number), ["group"] = old.Group, ["raw"] = old.Reading.Raw,
                    ["rows"] = string.Concat(old.Rows.Select(r => $"“{r.Def.Label}”")),
                },
                old.Rows.SelectMany(r => r.Def.Cells.Select(c => c.Key)).ToList()));
        }
    }

    /// <summary>The stream between the found rows before row <paramref name="first"/> and after row <paramref name="last"/>.</summary>
    private static (int From, int To) Window(List<(BlockReading Block, RowReading Row)> ordered, int first, int last, int from, int to)
    {
        int lo = from, hi = to;
        for (int i = first - 1; i >= 0; i--)
            if (ordered[i].Row.Label is { } m) { lo = m.End; break; }
        for (int i = last + 1; i < ordered.Count; i++)
            if (ordered[i].Row.Label is { } m) { hi = m.Start; break; }
        return (lo, hi);
    }

    /// <summary>Table 4 has no row label: its numbers follow the last of its header labels.</summary>
    private BlockReading LocateTable4(BlockReading block, int from, int to, IReadOnlyList<string> known)
    {
        var row = new RowReading(block.Def.Rows[0]);
        block.Rows.Add(row);
        int start = from;
        foreach (var label in known)
            foreach (var at in LabelFinder.AllExact(s, label, from, to))
                start = Math.Max(start, at + label.Length);
        Collect(row, Residue.Scan(s, start, to, known), row.Def.Cells.Count);
        return block;
    }

    /// <summary>
    /// Takes a row's tokens in order. Foreign text (narrative, notes) after the row already has its
    /// numbers ends the row: numbers after it belong to the text, not the table.
    /// </summary>
    private static void Collect(RowReading row, List<Residue.Item> items, int expected)
    {
        foreach (var item in items)
        {
            if (item.Token is { } t) row.Tokens.Add(t);
            else if (Capacity(row.Tokens) >= expected) break;
        }
    }

    /// <summary>
    /// An empty grid cell right after the label, in a row with one token too many: the label's cell is cut by a column
    /// rule of the rows above (WPS draws the group column's rule through （七）总计), so the label stands in two cells and
    /// the second is empty. The numbers are the row's last cells; a printed value is never dropped, and a blank marker
    /// ("-", "/") is not an empty cell.
    /// </summary>
    private static void DropSpilledLabelCell(RowReading row)
    {
        if (row.Tokens.Count == row.Def.Cells.Count + 1 && row.Tokens[0] is { Blank: true, Raw.Length: 0 } first &&
            row.LabelRows.Contains(first.Row) && row.Tokens.Skip(1).All(t => !t.Blank))
            row.Tokens.RemoveAt(0);
    }

    /// <summary>How many cells the tokens could fill at most: a run of digits can be that many one-digit numbers.</summary>
    private static int Capacity(List<Token> tokens) => tokens.Sum(t => t.Blank ? 1 : t.Text.Count(LabelText.IsDigit));

    /// <summary>Finds a row label by its core text (across line breaks and numbers), then takes its numbering.</summary>
    private LabelMatch? FindRow(RowDef row, int from, int to, bool[] mask, int maskStart)
    {
        foreach (var core in Cores(row))
        {
            int at = from;
            while (at < to)
            {
                var m = LabelFinder.Find(s, core, at, to, true, mask, maskStart);
                if (m is null) break;
                int prefixStart = PrefixStart(row, m.Start);
                bool shortCore = core.Length <= 2 && row.Prefix.Length > 0;
                if (!shortCore || prefixStart < m.Start) return m with { Start = prefixStart };
                at = m.Start + 1;
            }
        }
        return null;
    }

    private static IEnumerable<string> Cores(RowDef row)
    {
        yield return LabelText.Label(row.Core);
        if (Text.RowVariants.TryGetValue(row.Core, out var v1)) foreach (var v in v1) yield return LabelText.Label(v);
        if (Text.RowVariants.TryGetValue(row.Label, out var v2)) foreach (var v in v2) yield return LabelText.Label(v);
        // An explanation in brackets is sometimes left out: （二）部分公开 for （二）部分公开（区分处理的，…）.
        var core = LabelText.Label(row.Core);
        int bracket = core.IndexOf('(', StringComparison.Ordinal);
        if (bracket >= 4) yield return core[..bracket];
    }

    /// <summary>Where the row's numbering starts before its core (<c>2.</c>, <c>2,</c>, <c>(七)</c>, <c>一,</c>), or the core start.</summary>
    private int PrefixStart(RowDef row, int coreStart)
    {
        if (row.Prefix.Length == 0) return coreStart;
        var numeral = LabelText.Label(row.Prefix).Trim('(', ')', '.', ',');
        var chars = s.Chars;
        int p = coreStart;
        if (p > 0 && chars[p - 1] is '.' or ',' or ')' or ':') p--;
        if (p - numeral.Length < 0 || string.CompareOrdinal(chars, p - numeral.Length, numeral, 0, numeral.Length) != 0) return coreStart;
        p -= numeral.Length;
        // A number standing alone is the previous row's value, not this row's numbering.
        if (s.FragmentAt(p).Numeric && s.FragmentAt(p).Start == p) return coreStart;
        if (p > 0 && chars[p - 1] == '(' && chars[coreStart - 1] == ')') p--;
        return p;
    }

    /// <summary>Column headers, group labels, block headers and notes of the table: text that is neither a row nor a number.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Edition, int), IReadOnlyList<string>> KnownLabelCache = new();

    private IReadOnlyList<string> KnownLabels(TableDef table) =>
        KnownLabelCache.GetOrAdd((template.Edition, table.Number), _ => BuildKnownLabels(table));

    private IReadOnlyList<string> BuildKnownLabels(TableDef table)
    {
        var labels = new HashSet<string>();
        foreach (var cell in table.Cells)
            foreach (var part in TemplateCatalog.ColumnParts(cell.Table, cell.ColumnPath)) labels.Add(part);
        foreach (var row in table.Rows) foreach (var g in row.Groups) labels.Add(g);
        foreach (var b in table.Blocks) if (b.Header is not null) labels.Add(b.Header);
        if (Text.TableNotes.TryGetValue(table.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), out var notes))
            foreach (var n in notes) labels.Add(n);
        foreach (var (canonical, variants) in Text.ColumnVariants)
            if (labels.Contains(canonical)) foreach (var v in variants) labels.Add(v);
        // Group labels of the other edition's rows too (e.g. 2021's （六）其他处理 group).
        foreach (var row in template.Table(table.Number).Rows) labels.Add(row.Groups.LastOrDefault() ?? "");
        labels.Remove("");
        return labels.Select(LabelText.Label).Distinct().OrderByDescending(l => l.Length).ToList();
    }
}
