using Nianbao.Tools;
using Nianbao.Reading;
using Nianbao.Template;
using Nianbao.Reading.Pdf;

namespace Nianbao.Tests;

/// <summary>The PDF layout steps with hand-made boxes, and the PDF reader's limits.</summary>
public class PdfReaderTests
{
    /// <summary>A CJK word with a box 10 pt per character and 12 pt high, its top-left at (x, y).</summary>
    private static PdfWord W(string text, double x, double y) => new(text, new PdfBox(x, y, x + 10 * text.Length, y + 12));

    /// <summary>Every border of a grid of the given lines except the listed inner segments (merges).</summary>
    private static List<PdfRule> Borders(double[] xs, double[] ys, params (bool Horizontal, int Line, int Between)[] missing)
    {
        var rules = new List<PdfRule>();
        for (int i = 0; i < ys.Length; i++)
            for (int c = 0; c + 1 < xs.Length; c++)
                if (!missing.Contains((true, i, c))) rules.Add(PdfRule.H(ys[i], xs[c], xs[c + 1]));
        for (int i = 0; i < xs.Length; i++)
            for (int r = 0; r + 1 < ys.Length; r++)
                if (!missing.Contains((false, i, r))) rules.Add(PdfRule.V(xs[i], ys[r], ys[r + 1]));
        return rules;
    }

    private static List<List<string>> Texts(PdfGrid grid) =>
        Enumerable.Range(0, grid.Rows).Select(r => grid.Cells.Where(c => c.Row == r).Select(c => c.Text).ToList()).Where(r => r.Count > 0).ToList();

    [Fact]
    public void A_vertically_merged_label_is_one_cell_at_its_origin_and_a_narrow_column_joins_to_one_string()
    {
        // Column 0 spans rows 0–2 (no horizontal segment between them); its label is set one character per line.
        double[] xs = [0, 20, 120, 160], ys = [0, 20, 40, 60];
        var rules = Borders(xs, ys, (true, 1, 0), (true, 2, 0));
        var words = new List<PdfWord> { W("办", 5, 10), W("理", 5, 23), W("结", 5, 36), W("果", 5, 49) };
        foreach (var (label, value, row) in new[] { ("予以公开", "3", 0), ("部分公开", "0", 1), ("总计", "3", 2) })
        {
            words.Add(W(label, 25, ys[row] + 4));
            words.Add(W(value, 130, ys[row] + 4));
        }
        words.Add(W("正文", 0, 100));
        var tables = RuledGrid.Instance.Find(rules, words);
        var grid = Assert.Single(tables.Grids);
        Assert.Equal([["办理结果", "予以公开", "3"], ["部分公开", "0"], ["总计", "3"]], Texts(grid));
        var merged = grid.Cells[0];
        Assert.Equal((0, 0, 3, 1), (merged.Row, merged.Column, merged.RowSpan, merged.ColumnSpan));
        Assert.Equal("正文", Assert.Single(tables.Outside).Text);
    }

    [Fact]
    public void A_header_spanning_columns_is_one_cell_and_segments_drawn_per_cell_are_joined()
    {
        // Chromium draws each cell's border as its own 0.75 pt rectangle: segments overlap and are offset a little.
        double[] xs = [0, 100, 140, 180, 220], ys = [0, 20, 40, 60];
        var rules = Borders(xs, ys, (false, 2, 0), (false, 3, 0), (false, 3, 1))
            .Select((r, i) => r with { At = r.At + (i % 2) * 0.75, To = r.To + 0.75 }).ToList();
        var words = new List<PdfWord>
        {
            W("申请人情况", 110, 4), W("法人或其他组织", 145, 24), W("自然人", 105, 24),
            W("一、本年新收", 2, 44), W("5", 150, 44), W("7", 190, 44), W("1", 110, 44),
        };
        var grid = Assert.Single(RuledGrid.Instance.Find(rules, words).Grids);
        Assert.Equal([["", "申请人情况"], ["", "自然人", "法人或其他组织"], ["一、本年新收", "1", "5", "7"]], Texts(grid));
        Assert.Equal((0, 1, 1, 3), (grid.Cells[1].Row, grid.Cells[1].Column, grid.Cells[1].RowSpan, grid.Cells[1].ColumnSpan));
    }

    [Fact]
    public void A_word_poppler_joined_across_a_column_rule_is_cut_at_the_rule()
    {
        // Cells without padding: "行政许可" ends at the rule x=90 and "12" starts right after it, one poppler word.
        double[] xs = [50, 90, 130], ys = [0, 20, 40];
        var joined = new PdfWord("行政许可12", new PdfBox(50, 4, 100, 16));
        var grid = Assert.Single(RuledGrid.Instance.Find(Borders(xs, ys), [joined, W("总计", 52, 24), W("3", 100, 24)]).Grids);
        Assert.Equal([["行政许可", "12"], ["总计", "3"]], Texts(grid));
        Assert.Equal(["123"], RuledGrid.SplitAtRules(new PdfWord("123", new PdfBox(0, 0, 15, 10)), []).Select(w => w.Text));
    }

    [Fact]
    public void A_row_cut_by_the_page_break_without_a_rule_at_the_cut_is_bounded_by_the_column_rules_ends()
    {
        // Page top: the column rules start at the cut (y=40), the first row rule is at y=60; the row above it is the
        // rest of a row cut by the break. A single rule running on, or a run shorter than a row, makes no row.
        double[] xs = [50, 150, 200];
        var rules = Borders(xs, [60, 80]).Concat(xs.Select(x => PdfRule.V(x, 40, 60))).ToList();
        var grid = Assert.Single(RuledGrid.Instance.Find(rules, [W("出版物", 60, 44), W("3", 160, 44), W("重复", 60, 64), W("0", 160, 64)]).Grids);
        Assert.Equal([["出版物", "3"], ["重复", "0"]], Texts(grid));
        var lone = Borders(xs, [60, 80]).Append(PdfRule.V(50, 40, 60)).ToList();
        Assert.Equal(1, Assert.Single(RuledGrid.Instance.Find(lone, [W("正文", 60, 44)]).Grids).Rows);
    }

    [Fact]
    public void A_frame_around_one_paragraph_and_a_lone_rule_are_not_tables()
    {
        List<PdfRule> rules = [.. Borders([0, 300], [0, 40]), PdfRule.H(100, 0, 300)];
        var tables = RuledGrid.Instance.Find(rules, [W("说明", 10, 10)]);
        Assert.Empty(tables.Grids);
        Assert.Single(tables.Outside);
    }

    [Fact]
    public void A_table_split_over_two_pages_continues_as_rows_and_a_merged_cell_cut_by_the_break_appears_once()
    {
        // Page 1: header row + first data row; the label column's merged cell runs on to page 2, its text centred on
        // the whole cell (so low in the page-1 part). Page 2 repeats nothing and ends with a page number.
        double[] xs = [50, 80, 200, 260];
        var page1Rules = Borders(xs, [700, 720, 740, 760], (false, 1, 0), (false, 2, 0), (true, 2, 0));
        var page1Words = new List<PdfWord>
        {
            W("表头", 120, 704),
            W("三", 55, 745), W("一", 90, 724), W("9", 220, 724), W("二", 90, 744), W("8", 220, 744),
            W("正文在前", 50, 600),
        };
        var page2Rules = Borders(xs, [60, 80, 100], (true, 1, 0));
        var page2Words = new List<PdfWord> { W("三", 90, 64), W("7", 220, 64), W("四", 90, 84), W("6", 220, 84), W("- 2 -", 280, 800), W("结束", 50, 200) };
        var pages = new List<PdfPage>
        {
            new(1, 595, 842, page1Words, page1Rules),
            new(2, 595, 842, page2Words, page2Rules),
        };
        var layout = PdfLayout.Instance.Read(pages, _ => throw new InvalidOperationException("no page is read as columns"))!;
        Assert.Equal("pdf-lattice", layout.Method);
        var table = Assert.Single(layout.Blocks.OfType<LayoutTable>());
        Assert.Equal([["表头"], ["三", "一", "9"], ["二", "8"], ["三", "7"], ["四", "6"]],
            table.Rows.Select(r => r.Cells.Select(c => c.Text).ToList()).ToList());
        var at = table.Rows[3].Cells[0].At!;
        Assert.Equal(new CellLocation(ReadStrategy.PdfLattice) { Page = 2, Box = new CellBox(80, 60, 120, 20, BoxUnit.Pt), Table = 1, Row = 4, Column = 2 }, at);
        Assert.Equal("pdf-lattice：第2页 表格1 第4行 第2列（x=80 y=60 w=120 h=20）", ProvenanceText.Where(at));
        Assert.Equal(["正文在前", "结束"], layout.Blocks.OfType<LayoutLine>().Select(l => l.Text));
    }

    [Fact]
    public void A_row_cut_by_the_page_break_is_one_row_but_a_new_row_after_the_break_is_not_joined()
    {
        // Word and LibreOffice let a tall row run on: the label wraps across the break, its number stays on page 1.
        double[] xs = [50, 150, 200];
        var page1 = new PdfPage(1, 595, 842,
            [W("4.保护", 55, 704), W("2", 160, 704), W("5.属于", 55, 742), W("三类内", 55, 756), W("11", 160, 732)],
            Borders(xs, [700, 730, 770]));
        var page2 = new PdfPage(2, 595, 842,
            [W("部事务信息", 55, 62), W("6.属于四类", 55, 92), W("10", 160, 92)],
            Borders(xs, [60, 90, 110]));
        var table = Assert.Single(PdfLayout.Instance.Read([page1, page2], _ => "")!.Blocks.OfType<LayoutTable>());
        Assert.Equal([["4.保护", "2"], ["5.属于三类内部事务信息", "11"], ["6.属于四类", "10"]],
            table.Rows.Select(r => r.Cells.Select(c => c.Text).ToList()).ToList());
    }

    [Fact]
    public void A_header_row_repeated_on_the_next_page_is_read_once()
    {
        double[] xs = [50, 150, 250];
        var header = new[] { W("项目", 60, 64), W("数量", 160, 64) };
        PdfPage Page(int n, double top, params PdfWord[] rows) =>
            new(n, 595, 842, [.. header.Select(w => w with { Box = w.Box with { Y0 = top + 4, Y1 = top + 16 } }), .. rows], Borders(xs, [top, top + 20, top + 40]));
        var pages = new List<PdfPage> { Page(1, 760, W("甲", 60, 784), W("1", 160, 784)), Page(2, 60, W("乙", 60, 84), W("2", 160, 84)) };
        var table = Assert.Single(PdfLayout.Instance.Read(pages, _ => "")!.Blocks.OfType<LayoutTable>());
        Assert.Equal([["项目", "数量"], ["甲", "1"], ["乙", "2"]], table.Rows.Select(r => r.Cells.Select(c => c.Text).ToList()).ToList());
    }

    [Fact]
    public void Running_headers_and_page_numbers_at_the_page_edge_are_dropped_but_not_the_same_text_in_the_body()
    {
        PdfPage Page(int n) => new(n, 595, 842,
            [W("某某局信息公开年报", 200, 20), W($"第 {n} 页", 280, 810), W("3/5", 280, 400), W($"正文{n}", 50, 300)],
            n == 1 ? Borders([50, 100, 150], [500, 520]) : []);
        var layout = PdfLayout.Instance.Read([Page(1), Page(2)], _ => "")!;
        Assert.Equal(["正文1", "3/5", "正文2", "3/5"], layout.Blocks.OfType<LayoutLine>().Select(l => l.Text));
    }

    [Fact]
    public void A_page_without_rules_whose_words_stand_in_columns_is_read_by_the_aligned_columns_strategy()
    {
        var columns = Enumerable.Range(0, 4).SelectMany(r => new[] { W("行政许可", 50, 100 + 20 * r), W("12", 300, 100 + 20 * r), W("3", 400, 100 + 20 * r) }).ToArray();
        var pages = new List<PdfPage>
        {
            new(1, 595, 842, [W("表一", 50, 50), W("1", 110, 54)], Borders([50, 100, 150], [50, 70])),
            new(2, 595, 842, columns, []),
        };
        var layout = PdfLayout.Instance.Read(pages, page => page == 2 ? "行政许可      12      3\n" : "")!;
        Assert.Equal("pdf-lattice+pdftotext-layout", layout.Method);
        Assert.Contains(layout.Blocks, b => b is LayoutLine { Text: "行政许可 12 3" });
        Assert.Equal(PdfPageStrategy.Prose, TableStrategyDecision.Instance.Decide(new PdfTables([], []), WordLines.Instance.Lines([W("一是", 50, 50), W("二是", 80, 50)])));
        Assert.Null(PdfLayout.Instance.Read([pages[1]], _ => ""));
    }

    [Fact]
    public void Rules_are_read_from_chromium_rectangles_and_libreoffice_strokes_but_not_from_curves_shading_or_off_page()
    {
        static PdfShape Rect(double x0, double y0, double x1, double y1, bool fill = true, bool stroke = false) =>
            new([([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], true)], fill, stroke);
        var shapes = new List<PdfShape>
        {
            Rect(57, 57, 57.75, 80.25),                          // Chromium: a 0.75 pt filled rectangle, a vertical rule
            Rect(60, 60, 200, 80),                               // cell shading: too thick
            new([([(73.75, 72.28), (516.45, 72.28)], false)], false, true), // LibreOffice / WPS: a stroked segment
            new([([(10, 10), (11.5, 10)], false)], false, true),  // too short
            new([([(-50, 300), (100, 300)], false)], false, true), // runs off the page: clipped
            new([([(700, 300), (800, 300)], false)], false, true), // wholly off the page
        };
        var rules = PathRules.Rules(shapes, 595, 842);
        Assert.Equal(3, rules.Count);
        Assert.Equal((false, 57.375, 57.0, 80.25), (rules[0].Horizontal, rules[0].At, rules[0].From, rules[0].To));
        Assert.Equal((true, 72.28, 73.75, 516.45), (rules[1].Horizontal, rules[1].At, rules[1].From, rules[1].To));
        Assert.Equal((true, 300.0, 0.0, 100.0), (rules[2].Horizontal, rules[2].At, rules[2].From, rules[2].To));
    }

    /// <summary>A character 10 pt wide (CJK) or 5 pt (Latin) on the baseline y, 12 pt high.</summary>
    private static IEnumerable<PdfGlyph> G(string text, double x, double y, double spacing = 0)
    {
        foreach (var ch in text)
        {
            double w = PdfText.IsCjk(ch) ? 10 : 5;
            yield return new PdfGlyph(ch.ToString(), new PdfBox(x, y - 10, x + w, y + 2), y, x, x + w, 12);
            x += w + spacing;
        }
    }

    [Fact]
    public void Words_are_built_from_letters_across_font_changes_broken_at_spaces_and_gaps_and_an_overprint_is_one_letter()
    {
        // "1." and "属于" in two fonts, set close: one word; a space glyph and a wide gap break; fake bold draws "国" twice.
        var glyphs = G("1.属于", 50, 100).Concat(G(" ", 80, 100)).Concat(G("国家", 85, 100))
            .Concat(G("国", 85.5, 100)).Concat(G("12", 200, 100)).Concat(G("下一行", 50, 120, spacing: 1)).ToList();
        var words = LetterWords.Words(glyphs);
        Assert.Equal(["1.属于", "国家", "12", "下一行"], words.Select(w => w.Text));
        Assert.Equal(new PdfBox(50, 90, 80, 102), words[0].Box);
        // Letter spacing in a narrow cell stays one word; spacing of a third of a character breaks.
        Assert.Equal(["本年新收"], LetterWords.Words(G("本年新收", 0, 50, spacing: 1)).Select(w => w.Text));
        Assert.Equal(4, LetterWords.Words(G("本年新收", 0, 50, spacing: 4)).Count);
    }

    [Fact]
    public void Radicals_that_chromium_maps_glyphs_to_read_as_the_ideographs_and_full_width_forms_stay()
    {
        Assert.Equal("长子县人民政府一行", PdfPigPages.Ideographs("\u2ED3子县人\u2EA0政府\u2F00\u2F8F"));
        Assert.Equal("（一）１２", PdfPigPages.Ideographs("（\u2F00）１２"));
        Assert.Equal("file", PdfPigPages.Ideographs("\uFB01le"));
    }

    [Fact]
    public void Columns_text_places_column_words_at_proportional_columns_like_pdftotext_layout()
    {
        var words = new List<PdfWord>();
        foreach (var (label, y) in new[] { ("信息内容", 100.0), ("规章", 120.0), ("行政规范性文件", 140.0) })
            words.Add(W(label, 50, y));
        words.AddRange([W("本年制发件数", 200, 100), W("0", 200, 120), W("3", 200, 140), W("现行有效件数", 350, 100), W("12", 350, 120), W("8", 350, 140)]);
        words.Add(W("说明文字", 50, 200));
        var lines = ColumnsText.Text(words).Split('\n');
        Assert.Equal(["信息内容", "本年制发件数", "现行有效件数"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // Every row's values start at the same columns as the header's.
        Assert.Equal(lines[0].IndexOf("本年", StringComparison.Ordinal), lines[1].IndexOf('0', StringComparison.Ordinal));
        Assert.Equal(lines[0].IndexOf("现行", StringComparison.Ordinal), lines[2].IndexOf('8', StringComparison.Ordinal));
        Assert.Equal("", lines[3]);
        Assert.Equal("说明文字", lines[4]);
    }

    [Fact]
    public void A_500_page_pdf_is_refused_before_any_page_is_read()
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-500-").FullName;
        try
        {
            var one = Path.Combine(dir, "one.pdf");
            File.WriteAllBytes(one, Nianbao.Rendering.PdfRenderer.Render("<html><body><p>某某局2023年政府信息公开工作年度报告</p></body></html>"));
            var many = Path.Combine(dir, "many.pdf");
            var unite = ExternalTool.Run(["pdfunite"], "poppler-utils", [.. Enumerable.Repeat(one, 500), many], TimeSpan.FromSeconds(120));
            Assert.True(unite.ExitCode == 0, unite.StdErr);
            // With a zero time budget, reaching the first page would end in 'timeout': 'too_large' shows the file was
            // refused from its page count, before any page was read (the time it takes is in docs/benchmarks.md).
            var result = Nianbao.Pipeline.ReportPipeline.ParseBytes(File.ReadAllBytes(many), "many.pdf", TimeSpan.Zero);
            Assert.Equal((FileFormat.Pdf.Name(), "too_large"), (result.Format, result.Error?.Code));
            Assert.StartsWith("PDF 页数过多（500 页）", result.Error!.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
