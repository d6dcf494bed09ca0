using Nianbao.Pipeline;
using Nianbao.Template;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary>What people read: one line per report, then its findings grouped by severity.</summary>
internal static class HumanOutput
{
    public static Verdict WriteCheck(ParsedFile file, bool showInfo)
    {
        if (file.Report is not { } r)
        {
            AnsiConsole.MarkupLine($"[red]✗ 无法读取[/]  {Shown.Markup(file.Source)}：{Shown.Markup(file.Error?.Message)}");
            return Verdict.Unreadable;
        }
        var errors = r.Findings.Count(f => f.Severity == Severity.Error);
        var warnings = r.Findings.Count(f => f.Severity == Severity.Warning);
        var verdict = errors > 0 ? Verdict.Errors : warnings > 0 ? Verdict.Warnings : Verdict.Clean;
        var mark = verdict switch
        {
            Verdict.Errors => "[red]✗ 有错误[/]",
            Verdict.Warnings => "[yellow]! 有警告[/]",
            _ => "[green]✓ 通过[/]",
        };
        var nulls = r.Cells.Count(c => c.Value.Value is null);
        AnsiConsole.MarkupLine($"{mark}  {Shown.Markup(Identity(r))}  [grey]{Shown.Markup(file.Source)}[/]" +
                               $"  错误 {errors}，警告 {warnings}" + (nulls > 0 ? $"，{nulls} 个单元格无法读取" : ""));
        WriteFindings(r.Findings, showInfo);
        return verdict;
    }

    /// <summary>Findings grouped by severity, errors first.</summary>
    public static void WriteFindings(IEnumerable<Finding> findings, bool showInfo)
    {
        var list = findings.ToList();
        foreach (var (severity, label, color) in new[] { (Severity.Error, "错误", "red"), (Severity.Warning, "警告", "yellow"), (Severity.Info, "提示", "grey") })
        {
            if (severity == Severity.Info && !showInfo) continue;
            foreach (var f in list.Where(f => f.Severity == severity))
            {
                var where = f.Line is { } line ? $"（第{line}行）" : "";
                AnsiConsole.MarkupLine($"    [{color}]{label}[/] [grey]{f.Rule}[/] {Shown.Markup(f.Message)}{where}");
            }
        }
    }

    public static void WriteParse(ParsedFile file)
    {
        if (file.Report is not { } r)
        {
            AnsiConsole.MarkupLine($"[red]✗[/] {Shown.Markup(file.Source)}：{Shown.Markup(file.Error?.Message)}");
            return;
        }
        AnsiConsole.MarkupLine($"[bold]{Shown.Markup(Identity(r))}[/]  [grey]{Shown.Markup(file.Source)}[/]");
        WriteTables(r);
    }

    /// <summary>The edition's tables as grids; blanks grey, resolved blue, corrected magenta, unreadable a red ？.</summary>
    public static void WriteTables(AnnualReport r)
    {
        if (r.Edition is not { } edition) return;
        var t = TemplateCatalog.Default[edition];
        foreach (var table in t.Tables)
        {
            // Table 2's blocks have columns of their own; tables 3 and 4 are one block each.
            foreach (var block in table.Blocks)
            {
                var title = CellNames.TableName(table.Number) + " " + (block.Header ?? table.Title);
                var grid = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
                grid.AddColumn(table.Number == 4 ? "" : "信息内容");
                var columns = table.Number == 4 ? block.Cells.Select(CellNames.ColumnName).ToList() : block.ColumnLabels.ToList();
                foreach (var c in columns) grid.AddColumn(Markup.Escape(c));
                foreach (var row in block.Rows)
                    grid.AddRow([Markup.Escape(row.DisplayName), .. row.Cells.Select(c => Show(r.Cells[c.Key]))]);
                AnsiConsole.Write(grid);
            }
        }
    }

    private static string Show(CellValue v) => v.Value is not { } x ? "[red]？[/]"
        : v.Status switch
        {
            CellStatus.Resolved => $"[blue]{x}[/]",
            CellStatus.Blank => $"[grey]{x}[/]",
            CellStatus.Corrected => $"[magenta]{x}[/]",
            _ => x.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    public static string Identity(AnnualReport r) =>
        $"{r.Agency ?? "（机关不明）"} {(r.Year is { } y ? y + "年度" : "（年度不明）")} {(r.Edition is { } e ? e.Code() + "年版" : "（版本不明）")}";
}
