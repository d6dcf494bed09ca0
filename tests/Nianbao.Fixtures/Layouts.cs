using System.Text;
using Nianbao.Template;

namespace Nianbao.Fixtures;

/// <summary>The text layouts that other tools produce from real reports (the five samples and the web archive).</summary>
public enum Layout
{
    /// <summary>Word's export: one cell per tab-indented line, a blank line between rows (samples 001, 003).</summary>
    TabGrid,

    /// <summary>PDF text in reading order: labels broken over lines, numbers in runs (samples 000, 002).</summary>
    PdfReadingOrder,

    /// <summary>PDF text with rows' numbers displaced and stacked vertically (sample 004).</summary>
    Scrambled,

    /// <summary>A web archiver's text: every cell run together, no separators (corpus/real).</summary>
    Collapsed,
}

/// <summary>Writes a <see cref="GeneratedReport"/> as text in one of the <see cref="Layout"/>s, from the template's own labels.</summary>
public static class Layouts
{
    private static readonly TemplateText Text = TemplateCatalog.Default.Text;

    public static string Render(GeneratedReport r, Layout layout, int seed)
    {
        var rng = new Random(seed);
        var t = r.Template;
        var sb = new StringBuilder();
        bool flat = layout == Layout.Collapsed;
        string nl = flat ? "" : "\n";
        if (flat)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"标题: {r.Agency}{r.Year}年度政府信息公开工作年度报告\n发布时间: {r.Published:yyyy-MM-dd} 09:30\n==================== 正文 ====================\n");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"本报告中所列数据的统计期限自{r.Year}年1月1日起至{r.Year}年12月31日止。");
        }
        else
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{r.Agency}\n{r.Year}{(rng.Next(2) == 0 ? " " : "")}年政府信息公开工作年度报告\n\n");
            if (rng.Next(2) == 0) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"本报告中所列数据的统计期限自 {r.Year} 年 1 月 1 日起至 {r.Year} 年 12 月 31 日止。\n");
        }
        Heading(1);
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{r.Year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息{rng.Next(20, 900)}条，持续提升政务公开质效。{nl}");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"（一）主动公开情况。依法依规做好主动公开工作。{nl}（二）依申请公开情况。严格按照法定时限答复。{nl}");
        Heading(2);
        sb.Append(layout switch
        {
            Layout.TabGrid => TabGridTable2(r),
            Layout.PdfReadingOrder => PdfTable2(r, rng),
            Layout.Scrambled => ScrambledTable2(r, rng),
            _ => CollapsedTable(r, 2, rng),
        });
        Heading(3);
        sb.Append(layout switch
        {
            Layout.TabGrid => TabGridTable3(r),
            Layout.PdfReadingOrder => PdfTable3(r, rng),
            Layout.Scrambled => ScrambledTable3(r, rng),
            _ => CollapsedTable(r, 3, rng),
        });
        Heading(4);
        sb.Append(layout switch
        {
            Layout.TabGrid => TabGridTable4(r),
            Layout.Collapsed => CollapsedTable(r, 4, rng),
            _ => PdfTable4(r, rng),
        });
        Heading(5);
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"一是信息公开的及时性有待提高；二是公开内容还不够丰富。下一步将加强培训，提升工作水平。{nl}");
        Heading(6);
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"本年度未收取信息处理费。{nl}");
        sb.Append(flat ? $" {r.Agency} {r.Published.Year}年{r.Published.Month}月{r.Published.Day}日 附件下载\n"
            : $"\n{r.Agency}\n{r.Published.Year} 年 {r.Published.Month} 月 {r.Published.Day} 日\n");
        return sb.ToString();

        void Heading(int n)
        {
            var heading = Text.Section(n).Heading;
            if (flat) sb.Append(heading);
            else sb.Append('\n').Append(heading).Append('\n');
        }
    }

    private static string V(GeneratedReport r, string key) => r.Blank.Contains(key) ? "" : GeneratedReport.Print(r.Cells[key]);

    /// <summary>Blank cells printed as a marker where a layout has no empty cell.</summary>
    private static string Marked(GeneratedReport r, string key, Random rng) =>
        r.Blank.Contains(key) ? (rng.Next(2) == 0 ? "-" : "/") : GeneratedReport.Print(r.Cells[key]);

    // ------------------------------------------------------------------ tab grid (001)

    private static string TabGridTable2(GeneratedReport r)
    {
        var sb = new StringBuilder();
        foreach (var block in r.Template.Table(2).Blocks)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{block.Header}\n\n\t信息内容\n");
            foreach (var c in block.ColumnLabels) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{c}\n");
            sb.Append('\n');
            foreach (var row in block.Rows)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{row.Label}\n");
                foreach (var cell in row.Cells) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{V(r, cell.Key)}\n");
                sb.Append('\n');
            }
        }
        return sb.Append('\n').ToString();
    }

    private static string TabGridTable3(GeneratedReport r)
    {
        var sb = new StringBuilder();
        var t3 = r.Template.Table(3);
        var cols = t3.Rows.First().Cells;
        sb.Append("\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\t申请人情况\n\n");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t\n\t{cols[0].ColumnLabel}\n\t法人或其他组织\n\t{cols[^1].ColumnLabel}\n\n\t\n\t\n");
        foreach (var c in cols.Skip(1).Take(5)) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{c.ColumnLabel}\n");
        sb.Append("\t\n\n");
        var seenGroups = new HashSet<string>();
        foreach (var row in t3.Rows)
        {
            foreach (var g in row.Groups)
            {
                if (seenGroups.Add(g)) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{g}\n");
                else sb.Append("\t\n");
            }
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{row.Label}\n");
            foreach (var cell in row.Cells) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{V(r, cell.Key)}\n");
            sb.Append('\n');
        }
        return sb.Append('\n').ToString();
    }

    private static string TabGridTable4(GeneratedReport r)
    {
        var sb = new StringBuilder("\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\t未经复议直接起诉\n\t复议后起诉\n\n");
        for (int i = 0; i < 5; i++) sb.Append("\t\n");
        for (int i = 0; i < 2; i++) sb.Append("\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n");
        sb.Append('\n');
        foreach (var cell in r.Template.Table(4).Cells) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{V(r, cell.Key)}\n");
        return sb.Append("\n\n").ToString();
    }

    // ------------------------------------------------------------------ PDF reading order (000, 002)

    /// <summary>Breaks a label into lines of a few chars, as a narrow PDF cell does.</summary>
    private static List<string> Broken(string label, Random rng, int min = 4, int max = 9)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < label.Length)
        {
            int w = Math.Min(label.Length - i, rng.Next(min, max + 1));
            parts.Add(label.Substring(i, w));
            i += w;
        }
        return parts;
    }

    private static string Numbers(GeneratedReport r, IEnumerable<CellDef> cells, Random rng) =>
        string.Join(" ", cells.Select(c => Marked(r, c.Key, rng)));

    /// <summary>A row as PDF text: the label broken over lines, its numbers after the first or last piece, or on their own line.</summary>
    private static string PdfRow(GeneratedReport r, RowDef row, Random rng)
    {
        var parts = Broken(row.Label, rng);
        var numbers = Numbers(r, row.Cells, rng);
        return rng.Next(3) switch
        {
            0 => string.Join("\n", parts) + " " + numbers + "\n",
            1 => string.Join("\n", parts) + "\n" + numbers + "\n",
            _ => parts[0] + " " + numbers + "\n" + string.Join("\n", parts.Skip(1)) + (parts.Count > 1 ? "\n" : ""),
        };
    }

    private static string PdfTable2(GeneratedReport r, Random rng)
    {
        var sb = new StringBuilder();
        foreach (var block in r.Template.Table(2).Blocks)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{block.Header}\n信息内容\n");
            foreach (var c in block.ColumnLabels) sb.Append(string.Join("\n", Broken(c, rng, 2, 5))).Append('\n');
            foreach (var row in block.Rows) sb.Append(PdfRow(r, row, rng));
        }
        return sb.ToString();
    }

    private static string PdfTable3(GeneratedReport r, Random rng)
    {
        var sb = new StringBuilder();
        var t3 = r.Template.Table(3);
        sb.Append(string.Join("\n", Broken("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rng, 10, 14))).Append("\n申请人情况\n");
        foreach (var c in t3.Rows.First().Cells) sb.Append(string.Join("\n", Broken(c.ColumnLabel, rng, 1, 2))).Append('\n');
        var seen = new HashSet<string>();
        foreach (var row in t3.Rows)
        {
            var groups = row.Groups.Where(seen.Add).ToList();
            var parts = Broken(row.Label, rng);
            if (groups.Count > 0 && parts.Count >= 2 && rng.Next(2) == 0)
            {
                // pdftotext -layout: the merged left column's text shares the line of the label's second piece.
                sb.Append(parts[0]).Append('\n').Append(string.Join(" ", groups)).Append(' ')
                  .Append(string.Join("\n", parts.Skip(1))).Append(' ').Append(Numbers(r, row.Cells, rng)).Append('\n');
                continue;
            }
            foreach (var g in groups) sb.Append(string.Join("\n", Broken(g, rng, 2, 4))).Append('\n');
            sb.Append(PdfRow(r, row, rng));
        }
        return sb.ToString();
    }

    private static string PdfTable4(GeneratedReport r, Random rng)
    {
        var sb = new StringBuilder("行政复议 行政诉讼\n");
        foreach (var part in new[] { "结果维持", "结果纠正", "其他结果", "尚未审结", "总计" })
            foreach (var ch in part) sb.Append(ch).Append('\n');
        sb.Append("未经复议直接起诉 复议后起诉\n");
        for (int i = 0; i < 2; i++)
            foreach (var part in new[] { "结果维持", "结果纠正", "其他结果", "尚未审结", "总计" })
                foreach (var ch in part) sb.Append(ch).Append('\n');
        sb.Append(Numbers(r, r.Template.Table(4).Cells, rng)).Append('\n');
        return sb.ToString();
    }

    // ------------------------------------------------------------------ scrambled (004)

    /// <summary>
    /// Sample 004's table 2: a two-row block prints "L1 a1 b1 / b2 / c1 / c2 / L2 a2"; a one-row block
    /// prints its first number between the headers.
    /// </summary>
    private static string ScrambledTable2(GeneratedReport r, Random rng)
    {
        var sb = new StringBuilder();
        string P(CellDef c) => GeneratedReport.Print(r.Cells[c.Key]);
        foreach (var block in r.Template.Table(2).Blocks)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{block.Header}\n");
            var rows = block.Rows;
            if (rows.Count == 2 && rows[0].Cells.Count == 3)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"信息内容 {string.Join(" ", block.ColumnLabels)}\n");
                var (a, b) = (rows[0].Cells, rows[1].Cells);
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{rows[0].Label} {P(a[0])} {P(a[1])}\n{P(b[1])}\n{P(a[2])}\n{P(b[2])}\n{rows[1].Label} {P(b[0])}\n");
            }
            else if (rows.Count == 1 && rows[0].Cells.Count == 2)
            {
                var c = rows[0].Cells;
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{block.ColumnLabels[0]}\n{P(c[0])}\n信息内容 {block.ColumnLabels[1]}\n{rows[0].Label} {P(c[1])}\n");
            }
            else
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"信息内容 {string.Join(" ", block.ColumnLabels)}\n");
                foreach (var row in rows) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{row.Label} {string.Join(" ", row.Cells.Select(P))}\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Sample 004's table 3: some rows print their label together with the next row's label and the
    /// numbers of both follow on later lines; runs of numbers are stacked one per line.
    /// </summary>
    private static string ScrambledTable3(GeneratedReport r, Random rng)
    {
        var sb = new StringBuilder("申请人情况\n（本列数据的勾稽关系为：第一项\n加第二项之和，等于第三项加第四 法人或其他组织自然 总\n项之和） 人 社会\n公益\n组织\n计\n商业\n企业\n科研\n机构\n法律服\n务机构\n其他\n");
        var rows = r.Template.Table(3).Rows.ToList();
        string Run(RowDef row, bool vertical) => string.Join(vertical ? "\n" : " ", row.Cells.Select(c => GeneratedReport.Print(r.Cells[c.Key])));
        int i = 0;
        while (i < rows.Count)
        {
            if (i + 1 < rows.Count && rng.Next(3) == 0)
            {
                // Two labels first, then both rows' numbers on their own lines.
                sb.Append(string.Join("\n", Broken(rows[i].Label, rng))).Append('\n');
                sb.Append(string.Join("\n", Broken(rows[i + 1].Label, rng))).Append('\n');
                sb.Append(Run(rows[i], rng.Next(2) == 0)).Append('\n').Append(Run(rows[i + 1], rng.Next(2) == 0)).Append('\n');
                i += 2;
                continue;
            }
            sb.Append(string.Join("\n", Broken(rows[i].Label, rng))).Append('\n').Append(Run(rows[i], rng.Next(2) == 0)).Append('\n');
            i++;
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ collapsed (web archive)

    /// <summary>Labels and cells run together; now and then a space survives at a cell border.</summary>
    private static string CollapsedTable(GeneratedReport r, int table, Random rng)
    {
        var sb = new StringBuilder(" ");
        var def = r.Template.Table(table);
        string Cells(IEnumerable<CellDef> cells) => string.Concat(cells.Select(c => GeneratedReport.Print(r.Cells[c.Key]) + (rng.Next(6) == 0 ? " " : "")));
        if (table == 4)
        {
            sb.Append("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计");
            return sb.Append(Cells(def.Cells)).ToString();
        }
        if (table == 3)
        {
            sb.Append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他");
            var seen = new HashSet<string>();
            foreach (var row in def.Rows)
            {
                foreach (var g in row.Groups) if (seen.Add(g)) sb.Append(g);
                sb.Append(row.Label).Append(Cells(row.Cells));
            }
            return sb.ToString();
        }
        foreach (var block in def.Blocks)
        {
            sb.Append(block.Header).Append("信息内容").Append(string.Concat(block.ColumnLabels));
            foreach (var row in block.Rows) sb.Append(row.Label).Append(Cells(row.Cells));
        }
        return sb.ToString();
    }
}
