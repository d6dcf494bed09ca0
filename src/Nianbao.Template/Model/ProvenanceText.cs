using System.Globalization;

namespace Nianbao.Template;

/// <summary>
/// The one place provenance becomes words for people (<c>show</c>, the review page, JSON <c>where</c>): readers,
/// corrections and summaries store typed facts only.
/// </summary>
public static class ProvenanceText
{
    /// <summary>"pdf-lattice：第2页 表格1 第4行 第2列（x=80 y=60 w=120 h=20）", "表格1 第3行 第2列（源文件第12行）", a correction's reason…</summary>
    public static string? Where(Provenance p)
    {
        if (p.Reason is { } reason) return reason;
        if (p.Agencies is { } n) return string.Create(CultureInfo.InvariantCulture, $"{n}个机关合计");
        return p.At is { } at ? Where(at) : p.Stored;
    }

    public static string Where(CellLocation at)
    {
        var inv = CultureInfo.InvariantCulture;
        if (at.Strategy is ReadStrategy.TextAligned)
        {
            if (at.Uncertain) return "按列位置对齐，列不确定";
            if (at.Column is null) return $"按列位置对齐，分组标签「{at.Header}」";
            var s = string.Create(inv, $"按列位置对齐 第{at.Column}/{at.Columns}列「{at.Header}」 字符{at.From}–{at.To}");
            if (at.Shift is { } d and not 0) s += string.Create(inv, $"（本页整体{(d > 0 ? "右" : "左")}移{Math.Abs(d)}）");
            return at.Blank ? s + " 空白" : s;
        }
        var grid = string.Create(inv, $"表格{at.Table} 第{at.Row}行 第{at.Column}列");
        if (at.Page is { } page)
        {
            var box = at.Box is { } b
                ? string.Create(inv, $"（{(b.Unit == BoxUnit.Px ? "像素 " : "")}x={b.X:0} y={b.Y:0} w={b.W:0} h={b.H:0}）")
                : "";
            return string.Create(inv, $"{CellLocation.Name(at.Strategy)}：第{page}页 {grid}{box}");
        }
        return at.SourceLine is { } line ? string.Create(inv, $"{grid}（源文件第{line}行）") : grid;
    }
}
