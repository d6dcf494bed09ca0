using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Numbers read by OCR are checked by the template's sum equations before they are reported. When equations
/// fail and exactly one OCR-read cell among them can be changed to a value that makes every equation it is in
/// hold, that value is taken (status Resolved, READ.OCR_FIXED, the OCR text kept as raw). Otherwise the OCR-read
/// cells of the failing equation are set to null (READ.OCR_CONFLICT): a misread digit is never passed on silently.
/// Cells read from a text layer are never changed here; the arithmetic rules report those.
/// A number no equation checks (a cell in no equation, or only in equations with an unknown term) is kept only when
/// a second, independent reading of its cell (the OCR reader's digits-only pass)
/// agrees; otherwise it is null (READ.OCR_UNVERIFIED): one reading alone is a guess.
/// </summary>
public static class OcrArithmetic
{
    /// <summary>Enough for every equation of a report to be fixed or given up once.</summary>
    private const int MaxRounds = 500;

    /// <summary>The convention shared with the review page: an OCR reading's method names "ocr".</summary>
    public static bool IsOcr(CellValue c) => c.Source?.Method.Contains("ocr", StringComparison.OrdinalIgnoreCase) == true;

    /// <param name="digitChecks">Per cell location, the second reading of a number cell (empty: none was made).</param>
    public static AnnualReport Check(AnnualReport report, IReadOnlyDictionary<CellLocation, string>? digitChecks = null)
    {
        if (report.Edition is not { } edition || !report.Cells.Values.Any(IsOcr)) return report;
        var t = TemplateCatalog.Default[edition];
        var equations = t.Equations.Where(e => e.Relation == Relation.Equal && e.Keys.All(report.Cells.ContainsKey)).ToList();
        var byCell = equations.SelectMany(e => e.Keys.Distinct().Select(k => (Key: k, Equation: e))).ToLookup(x => x.Key, x => x.Equation);
        var cells = report.Cells.ToDictionary(kv => kv.Key, kv => kv.Value);
        var findings = new List<Finding>();
        decimal? Value(string key) => cells[key].Value;
        // A cell OCR saw as empty may be ink it missed, so it is as suspect as a number it read.
        bool Suspect(string key) => cells[key] is { Status: CellStatus.Read or CellStatus.Blank, Value: not null } c && IsOcr(c);

        for (int round = 0; round < MaxRounds; round++)
        {
            var broken = equations.Where(e => e.Holds(Value) == false).ToList();
            if (broken.Count == 0) break;
            // Per OCR-read cell of a failing equation: the one value the equation asks for, kept when it is a valid
            // value of the cell and every other equation through the cell holds with it too.
            var fixes = new Dictionary<string, decimal>();
            foreach (var key in broken.SelectMany(e => e.Keys).Distinct().Where(Suspect))
            {
                var e = broken.First(b => b.Keys.Contains(key));
                var (left, right) = e.Sides(Value)!.Value;
                int sign = e.Terms.Where(x => x.Key == key).Sum(x => x.Sign);
                if (sign == 0) continue;
                decimal v = Value(key)!.Value - (left - right) / sign;
                if (!Valid(v, t.Cell(key).Type)) continue;
                if (byCell[key].All(eq => eq.Holds(k => k == key ? v : Value(k)) != false)) fixes[key] = v;
            }
            var unique = broken.Select(e => e.Keys.Distinct().Where(fixes.ContainsKey).ToList()).FirstOrDefault(own => own.Count == 1);
            if (unique is [var fixedKey])
            {
                var old = cells[fixedKey];
                var raw = old.Source?.Raw ?? Args.Format(old.Value);
                cells[fixedKey] = new CellValue(fixes[fixedKey], CellStatus.Resolved, old.Source! with { Raw = raw }, old.Unit);
                findings.Add(Finding.Create("READ.OCR_FIXED", "default", new Dictionary<string, string>
                {
                    ["cells"] = CellNames.Describe(t, [fixedKey]), ["raw"] = raw, ["value"] = Args.Format(fixes[fixedKey]),
                }, [fixedKey], Args.Format(fixes[fixedKey]), raw, old.Source?.Line));
                continue;
            }
            // No failing equation has a single way out: its OCR numbers are not reported. Nulled cells make the
            // equation unknown, so the next round looks only at what is left.
            bool changed = false;
            foreach (var e in broken)
            {
                if (e.Holds(Value) != false) continue;
                var keys = e.Keys.Distinct().Where(Suspect).ToList();
                if (keys.Count == 0) continue;
                var (left, right) = e.Sides(Value)!.Value;
                var args = new Dictionary<string, string>(e.Context) { ["lhs"] = Args.Format(left), ["rhs"] = Args.Format(right), ["actual"] = Args.Format(left), ["expected"] = Args.Format(right) };
                var equation = TemplateCatalog.Default.Rules.Format(e.RuleId, "default", args);
                foreach (var k in keys) cells[k] = CellValue.Unreadable(cells[k].Source);
                findings.Add(Finding.Create("READ.OCR_CONFLICT", "default", new Dictionary<string, string>
                {
                    ["cells"] = CellNames.Describe(t, keys), ["equation"] = equation,
                }, keys, line: keys.Select(k => cells[k].Source?.Line).FirstOrDefault(l => l is not null)));
                changed = true;
            }
            if (!changed) break;
        }
        Unverified(t, equations, byCell, cells, digitChecks ?? new Dictionary<CellLocation, string>(), findings);
        return findings.Count == 0 ? report : report with { Cells = t.Cells.ToDictionary(c => c.Key, c => cells[c.Key]), Findings = [.. report.Findings, .. findings] };
    }

    /// <summary>
    /// OCR numbers not checked by every equation through them (each holding with all its terms known), and whose
    /// second reading is missing or differs, set to null. A value the arithmetic fixed (READ.OCR_FIXED) is proved by it, and an empty cell read
    /// as blank has no digits to misread.
    /// </summary>
    private static void Unverified(EditionTemplate t, List<Equation> equations, ILookup<string, Equation> byCell,
        Dictionary<string, CellValue> cells, IReadOnlyDictionary<CellLocation, string> digitChecks, List<Finding> findings)
    {
        decimal? Value(string key) => cells[key].Value;
        var fixedKeys = findings.Where(f => f.Rule == "READ.OCR_FIXED").SelectMany(f => f.Cells).ToHashSet();
        var disagree = new List<(string Key, string First, string Second)>();
        var unchecked_ = new List<string>();
        foreach (var key in t.Cells.Select(c => c.Key))
        {
            var c = cells[key];
            if (c is not { Status: CellStatus.Read or CellStatus.Resolved, Value: { } value } || !IsOcr(c) || fixedKeys.Contains(key)) continue;
            // One equation can hold by two equal misreads (a rule's remnant read as 1 in a row's cell and in its
            // total): the arithmetic vouches for a cell only when every equation through it holds, all terms known.
            if (byCell[key].Any() && byCell[key].All(e => e.Holds(Value) == true)) continue;
            string? second = c.Source?.At is { } at ? digitChecks.GetValueOrDefault(at) : null;
            if (second is not null && Number(second) == value) continue;
            cells[key] = CellValue.Unreadable(c.Source);
            if (second is null) unchecked_.Add(key);
            else disagree.Add((key, c.Source?.Raw ?? Args.Format(value), second.Length == 0 ? "空" : second));
        }
        foreach (var (key, first, second) in disagree)
            findings.Add(Finding.Create("READ.OCR_UNVERIFIED", "default", new Dictionary<string, string>
            {
                ["cells"] = CellNames.Describe(t, [key]), ["raw"] = first, ["second"] = second,
            }, [key], actual: first, line: cells[key].Source?.Line));
        if (unchecked_.Count > 0)
            findings.Add(Finding.Create("READ.OCR_UNVERIFIED", "single", new Dictionary<string, string>
            {
                ["cells"] = CellNames.Describe(t, unchecked_),
            }, unchecked_, line: unchecked_.Select(k => cells[k].Source?.Line).FirstOrDefault(l => l is not null)));
    }

    private static decimal? Number(string text)
    {
        var s = text.Replace(",", "", StringComparison.Ordinal).Trim();
        return s.Length > 0 && decimal.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static bool Valid(decimal v, CellType type) => type switch
    {
        CellType.Count => v >= 0 && v == decimal.Truncate(v),
        CellType.Signed => v == decimal.Truncate(v),
        _ => v >= 0,
    };
}
