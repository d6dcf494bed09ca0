using Nianbao.Reading;
using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>A recognised report, or why the text is not a report at all.</summary>
public sealed record RecognitionResult(AnnualReport? Report, ReadError? Error);

/// <summary>
/// Layout → <see cref="AnnualReport"/>: finds the six sections, decides the edition by its
/// fingerprints, reads every table cell of that edition, and reads the agency, year and date.
/// </summary>
public static class ReportRecognizer
{
    private static readonly TemplateCatalog Catalog = TemplateCatalog.Default;

    public static RecognitionResult Recognize(LayoutDocument doc)
    {
        var s = new FragmentStream(doc);
        var lines = s.Lines;

        var hits = SectionLocator.Locate(s);
        var byNumber = hits.ToDictionary(h => h.Def.Number);
        var edition = EditionDetector.Detect(s, byNumber);
        var findings = new List<Finding>();

        var sections = BuildSections(s, hits);
        var overview = byNumber.ContainsKey(1) ? sections.First(x => x.Number == 1).Text : "";
        int headEnd = hits.Count > 0 ? hits[0].Line : Math.Min(lines.Length, 40);
        int tailStart = hits.Count > 0 ? hits[^1].Line : Math.Max(1, lines.Length - 20);
        var meta = MetadataReader.Read(lines, headEnd, tailStart, overview, doc.Metadata);

        if (hits.Count == 0 && edition is null && meta.Title is null)
            return new RecognitionResult(null, new ReadError(ReadErrorCode.NotAReport));

        if (edition is null && PreTemplate(s, meta.Year))
            return new RecognitionResult(null, new ReadError(ReadErrorCode.OldTemplate,
                $"这是{(meta.Year is { } y ? y + "年度的" : "")}2019年以前格式的年度报告（《条例》修订前的格式：只有一张“政府信息公开情况统计表”，没有表二、表三、表四），" +
                "本系统读取2019年版和2021年版模板的报告，无法读取这份报告的统计数据"));

        var cells = new Dictionary<string, CellValue>();
        if (edition is { } ed)
        {
            var template = Catalog[ed];
            var solver = new BlockSolver(s, template);
            var locator = new TableLocator(s, template);
            foreach (var table in template.Tables)
            {
                var region = TableRegions.Of(s, table.Number, byNumber, template);
                if (region is not { } r)
                {
                    foreach (var c in table.Cells) cells[c.Key] = CellValue.Unreadable();
                    findings.Add(Finding.Create("DOC.H6", "table_missing",
                        new Dictionary<string, string> { ["table"] = SectionDef.NumeralOf(table.Number), ["title"] = table.Title },
                        table.Cells.Select(c => c.Key).ToList()));
                    continue;
                }
                var blocks = locator.Locate(table, r.Start, r.End);
                foreach (var block in blocks) solver.Solve(block);
                if (DetachedGridRows.Describe(s, template, blocks, solver.Values) is { } detached) findings.Add(detached);
                if (doc.Images > 0 && !HasDigits(s, r.Start, r.End))
                    findings.Add(Finding.Create("READ.IMAGE", "default",
                        new Dictionary<string, string> { ["table"] = SectionDef.NumeralOf(table.Number) }, table.Cells.Select(c => c.Key).ToList()));
            }
            foreach (var c in template.Cells) cells[c.Key] = solver.Values.GetValueOrDefault(c.Key) ?? CellValue.Unreadable();
            findings.AddRange(solver.Findings);
            findings.AddRange(locator.Findings);
        }
        else if (doc.Images > 0 && byNumber.ContainsKey(2))
        {
            // Headings with pictures where the tables should be (domain.md §11.1: S14b, S15b).
            foreach (var n in new[] { 2, 3, 4 })
                findings.Add(Finding.Create("READ.IMAGE", "default", new Dictionary<string, string> { ["table"] = SectionDef.NumeralOf(n) }));
        }
        else
        {
            findings.Add(Finding.Create("READ.EDITION", "default", new Dictionary<string, string>()));
        }

        if (DamagedLines(doc.Text) is { Count: > 0 } damaged)
            findings.Add(Finding.Create("READ.DAMAGED", "default", new Dictionary<string, string> { ["lines"] = string.Join("、", damaged) }, line: damaged[0]));
        findings.AddRange(HeadingFindings(hits));
        findings.AddRange(SubsectionNumbering.Check(s, hits));

        var report = new AnnualReport
        {
            Edition = edition,
            Title = meta.Title,
            TitleAgency = meta.TitleAgency,
            SignatureAgency = meta.SignatureAgency,
            Year = meta.Year,
            TitleYear = meta.TitleYear,
            PeriodYear = meta.PeriodYear,
            Published = meta.Published,
            Sections = sections,
            Cells = cells,
            FullText = doc.Text,
            Findings = findings,
        };
        return new RecognitionResult(report, null);
    }

    /// <summary>The first reports in the 2019 template are those for 2019.</summary>
    private const int FirstTemplateYear = 2019;

    /// <summary>A report whose tables fit no edition and which is dated before the template or has its old headings.</summary>
    private static bool PreTemplate(FragmentStream s, int? year)
    {
        if (year < FirstTemplateYear) return true;
        var text = s.Chars;
        return Catalog.Text.PreTemplateMarkers.Count(m => text.Contains(LabelText.Label(m), StringComparison.Ordinal)) >= 2;
    }

    /// <summary>Lines holding U+FFFD, the decoder's mark for bytes it could not decode (at most ten are named).</summary>
    private static List<int> DamagedLines(string text)
    {
        var lines = new List<int>();
        if (!text.Contains('\uFFFD', StringComparison.Ordinal)) return lines;
        int line = 1;
        foreach (var c in text)
        {
            if (c == '\n') line++;
            else if (c == '\uFFFD' && (lines.Count == 0 || lines[^1] != line) && lines.Count < 10) lines.Add(line);
        }
        return lines;
    }

    private static bool HasDigits(FragmentStream s, int from, int to)
    {
        for (int i = from; i < to; i++) if (LabelText.IsDigit(s.Chars[i])) return true;
        return false;
    }

    private static List<SectionText> BuildSections(FragmentStream s, IReadOnlyList<SectionHit> hits)
    {
        var list = new List<SectionText>();
        for (int i = 0; i < hits.Count; i++)
        {
            int end = i + 1 < hits.Count ? hits[i + 1].Start : s.Length;
            list.Add(new SectionText(hits[i].Def.Number, hits[i].PrintedHeading, hits[i].Line, s.TextBetween(hits[i].End, end)));
        }
        return list;
    }

    /// <summary>domain.md §10.3 E3: a heading renumbered (<c>2、</c>) or reworded (<c>一、概述</c>).</summary>
    private static IEnumerable<Finding> HeadingFindings(IReadOnlyList<SectionHit> hits)
    {
        foreach (var h in hits)
        {
            var args = new Dictionary<string, string>
            {
                ["numeral"] = h.Def.Numeral, ["heading"] = h.PrintedHeading, ["canonical"] = h.Def.Heading,
            };
            if (!h.CanonicalNumber) yield return Finding.Create("DOC.E3", "numbering", args, line: h.Line);
            else if (!h.CanonicalWording) yield return Finding.Create("DOC.E3", "wording", args, line: h.Line);
        }
    }
}
