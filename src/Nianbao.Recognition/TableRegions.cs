using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// Where each table lies: from its section heading to the next one. When a heading is missing or
/// renamed beyond recognition, the table's own first label stands in for it.
/// </summary>
internal static class TableRegions
{
    public static (int Start, int End)? Of(FragmentStream s, int table, IReadOnlyDictionary<int, SectionHit> sec, EditionTemplate t)
    {
        int end5 = sec.TryGetValue(5, out var h5) ? h5.Start : sec.TryGetValue(6, out var h6) ? h6.Start : s.Length;
        int? p2 = sec.TryGetValue(2, out var h2) ? h2.End : Find(s, t.Table(2).Blocks[0].Header!, 0, end5);
        int? p3 = sec.TryGetValue(3, out var h3) ? h3.End : Find(s, "本列数据的勾稽关系", p2 ?? 0, end5) ?? Find(s, t.Table(3).Rows.First().Core, p2 ?? 0, end5);
        int? p4 = sec.TryGetValue(4, out var h4) ? h4.End : Find(s, t.Table(4).Cells.First().ColumnPath.Split('/')[0], p3 ?? p2 ?? 0, end5);
        int? s3 = sec.TryGetValue(3, out var a3) ? a3.Start : p3;
        int? s4 = sec.TryGetValue(4, out var a4) ? a4.Start : p4;
        (int, int)? Range(int? start, int? end) => start is { } a && (end ?? end5) is var b && b > a ? (a, b) : null;
        return table switch
        {
            2 => Range(p2, s3 ?? s4),
            3 => Range(p3, s4),
            _ => Range(p4, end5),
        };
    }

    private static int? Find(FragmentStream s, string label, int from, int to)
    {
        var m = LabelFinder.Find(s, LabelText.Label(label), from, to, false);
        return m?.Start;
    }
}
