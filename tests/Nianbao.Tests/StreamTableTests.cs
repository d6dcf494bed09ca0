using System.Text.Json;
using System.Text.RegularExpressions;
using Nianbao.Reading;
using Nianbao.Reading.Pdf;
using Nianbao.Template;
using Nianbao.Tests.Support;

namespace Nianbao.Tests;

/// <summary>
/// Aligned text (<c>pdftotext -layout</c>): blank cells are left out and only the x-position tells a number's
/// column, so tables are read by the header words' columns (Tabula stream mode). Two real files (their expected
/// cells are the 200 truth cells of /work/shared/corpus/forms/truth, checked there with the scorer) and a
/// hand-made report of another agency with blanks in other columns, wrapped labels, group labels beside row
/// labels, a number pressed against its label and a second page printed further right.
/// </summary>
public class StreamTableTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "StreamTables");

    private static AnnualReport ParseFile(string name) =>
        Parse.Text(File.ReadAllText(Path.Combine(Dir, name)), name).Report();

    /// <summary>Table 3 of the variant by row, in template order; null = the cell is printed blank.</summary>
    private static readonly int?[][] VariantTable3 =
    [
        [12, 3, null, null, 1, null, 16],
        [2, null, null, null, null, null, 2],
        [5, 1, null, null, null, null, 6],
        [2, null, null, null, 1, null, 3],
        [null, null, null, null, null, null, 0],
        [0, null, null, null, null, null, 0],
        [null, null, null, null, null, null, 0],
        [1, null, null, null, null, null, 1],
        [0, null, null, null, null, null, 0],
        [0, null, null, null, null, null, 0],
        [null, null, null, null, null, null, 0],
        [null, null, null, null, null, null, 0],
        [3, 1, null, null, null, null, 4],
        [1, null, null, null, null, null, 1],
        [null, null, null, null, null, null, 0],
        [0, null, null, null, null, null, 0],
        [1, null, null, null, null, null, 1],
        [null, null, null, null, null, null, 0],
        [0, null, null, null, null, null, 0],
        [null, null, null, null, null, null, 0],
        [0, null, null, null, null, null, 0],
        [null, null, null, null, null, null, 0],
        [null, 1, null, null, null, null, 1],
        [13, 3, null, null, 1, null, 17],
        [1, null, null, null, null, null, 1],
    ];

    private static IReadOnlyList<RowDef> Table3Rows => TemplateCatalog.Default[Edition.E2021].Table(3).Rows;

    [Fact]
    public void Variant_blank_cells_are_blank_and_numbers_sit_in_their_header_columns()
    {
        var r = ParseFile("variant-dongshan-2024.layout.txt");
        Assert.Equal(Edition.E2021, r.Edition);
        Assert.Equal(VariantTable3.Length, Table3Rows.Count);
        for (int i = 0; i < Table3Rows.Count; i++)
            for (int j = 0; j < 7; j++)
            {
                var key = Table3Rows[i].Cells[j].Key;
                var cell = r.Cells[key];
                var want = VariantTable3[i][j];
                Assert.True((want ?? 0) == cell.Value, $"{key}: {cell.Value} ≠ {want}");
                Assert.True((want is null) == (cell.Status == CellStatus.Blank), $"{key}: status {cell.Status}");
                Assert.Contains(Table3Rows[i].Cells[j].ColumnLabel, cell.Source!.At!.Header);
            }
        // Table 2: 规章 prints only 现行有效件数.
        Assert.Equal(CellStatus.Blank, r.Cells["t2.art20_1.rules.issued"].Status);
        Assert.Equal(CellStatus.Blank, r.Cells["t2.art20_1.rules.repealed"].Status);
        Assert.Equal(2m, r.Value("t2.art20_1.rules.in_force"));
        Assert.Equal([5m, 1m, 20m], new[] { "issued", "repealed", "in_force" }.Select(c => r.Value("t2.art20_1.normative_docs." + c)));
        Assert.Equal([318m, 42m, 7m, 0m], new[] { "t2.art20_5.licensing.decisions", "t2.art20_6.penalty.decisions", "t2.art20_6.enforcement.decisions", "t2.art20_8.fees.amount_wan" }.Select(r.Value));
        var t4 = TemplateCatalog.Default[Edition.E2021].Table(4).Cells.Select(c => r.Value(c.Key)).ToList();
        Assert.Equal([1m, 0m, 0m, 1m, 2m, 0m, 0m, 0m, 1m, 1m, 0m, 0m, 0m, 0m, 0m], t4);
        Assert.Contains(r.Findings, f => f.Rule == "READ.BLANK");
        Assert.DoesNotContain(r.Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Variant_provenance_names_line_column_header_and_page_shift()
    {
        var r = ParseFile("variant-dongshan-2024.layout.txt");
        var lines = File.ReadAllText(Path.Combine(Dir, "variant-dongshan-2024.layout.txt")).Split('\n');
        // A number: its own line and column.
        var total = r.Cells["t3.total.total"].Source!;
        Assert.Equal("text-aligned", total.Method);
        Assert.Equal("17", lines[total.Line - 1].Substring(total.Column - 1, 2));
        Assert.Equal("总计", total.At!.Header);
        Assert.True(total.At.Shift > 0, total.Where); // the second page is printed further right
        // A blank: the line of its row, the column's x-range, and that it was blank.
        var blank = r.Cells["t3.new_received.research"].Source!;
        Assert.StartsWith("一、本年新收", lines[blank.Line - 1]);
        Assert.Equal("科研机构", blank.At!.Header);
        Assert.True(blank.At.Blank, blank.Where);
    }

    [Fact]
    public void A_number_between_two_columns_is_never_guessed()
    {
        var text = File.ReadAllText(Path.Combine(Dir, "variant-dongshan-2024.layout.txt"));
        // 3 moved to x 34: two columns from 自然人 (30–32) and from 商业企业 (36–37).
        var moved = text.Replace("数量              12    3 ", "数量              12  3   ", StringComparison.Ordinal);
        Assert.NotEqual(text, moved);
        var r = Parse.Text(moved, "variant-moved.txt").Report();
        var row = Table3Rows[0];
        for (int j = 0; j < 7; j++)
        {
            var cell = r.Cells[row.Cells[j].Key];
            Assert.True(cell.Value is null || cell.Value == (VariantTable3[0][j] ?? 0), $"{row.Cells[j].Key}: {cell.Value}");
            // A cell may be called blank only where the page prints nothing (the reading-order solver can prove it).
            if (cell.Status == CellStatus.Blank) Assert.Null(VariantTable3[0][j]);
        }
        // The moved number is not read as if its column were known (the arithmetic may still prove it: Resolved).
        Assert.NotEqual(CellStatus.Read, r.Cells[row.Cells[1].Key].Status);
    }

    [Fact]
    public void Text_that_is_not_aligned_is_not_read_by_columns()
    {
        var text = File.ReadAllText(Path.Combine(Dir, "variant-dongshan-2024.layout.txt"));
        var collapsed = Regex.Replace(text, "[ \f]+", " ");
        var r = Parse.Text(collapsed, "variant-collapsed.txt").Report();
        Assert.All(r.Cells.Values.Where(c => c.Source is not null), c => Assert.NotEqual("text-aligned", c.Source!.Method));
    }
    [Fact]
    public void A_pdf_page_read_by_aligned_columns_keeps_its_blank_cells()
    {
        // Page 1 has a ruled table; page 2 has none, so its -layout text is read, and its table 3 by header columns.
        var text = File.ReadAllText(Path.Combine(Dir, "variant-dongshan-2024.layout.txt")).Split('\n');
        var page2 = string.Join('\n', text.Skip(39).Take(13));
        static PdfWord W(string t, double x, double y) => new(t, new PdfBox(x, y, x + 10 * t.Length, y + 12));
        var rules = new List<PdfRule> { PdfRule.H(50, 50, 150), PdfRule.H(70, 50, 150), PdfRule.V(50, 50, 70), PdfRule.V(100, 50, 70), PdfRule.V(150, 50, 70) };
        var words = Enumerable.Range(0, 4).SelectMany(r => new[] { W("行政许可", 50, 100 + 20 * r), W("12", 300, 100 + 20 * r), W("3", 400, 100 + 20 * r) }).ToArray();
        var layout = PdfLayout.Instance.Read([new(1, 595, 842, [W("表一", 50, 50), W("1", 110, 54)], rules), new(2, 595, 842, words, [])],
            page => page == 2 ? page2 : "")!;
        var table = Assert.Single(layout.Blocks.OfType<LayoutTable>(), t => t.Rows.Any(r => r.Cells.Any(c => c.Text == "16")));
        var row = table.Rows.Single(r => r.Cells[0].Text.StartsWith("一、本年新收", StringComparison.Ordinal));
        Assert.Equal(["12", "3", "", "", "1", "", "16"], row.Cells.Skip(1).Select(c => c.Text));
    }
    [Fact]
    public void Table_4_blank_cells_are_placed_under_its_repeated_header_words_left_to_right()
    {
        var text = File.ReadAllText(Path.Combine(Dir, "variant-dongshan-2024.layout.txt"));
        const string full = "1    0    0     1     2    0    0    0    1    1      0    0    0    0    0";
        Assert.Contains(full, text, StringComparison.Ordinal);
        var r = Parse.Text(text.Replace(full, "1               1     2    0    0    0    1    1", StringComparison.Ordinal), "variant-t4.txt").Report();
        var cells = TemplateCatalog.Default[Edition.E2021].Table(4).Cells.Select(c => r.Cells[c.Key]).ToList();
        Assert.Equal([1m, 0m, 0m, 1m, 2m, 0m, 0m, 0m, 1m, 1m, 0m, 0m, 0m, 0m, 0m], cells.Select(c => c.Value));
        var blank = new[] { 1, 2, 10, 11, 12, 13, 14 };
        for (int i = 0; i < 15; i++) Assert.Equal(blank.Contains(i), cells[i].Status == CellStatus.Blank);
        Assert.Contains("其他结果", cells[2].Source!.At!.Header);
    }
}
