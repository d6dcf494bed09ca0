using System.Text;
using Nianbao.Reading;
using Nianbao.Template;

namespace Nianbao.Recognition;

/// <summary>
/// What recognition saw, for a person debugging a layout (<c>nianbao debug FILE</c>): sections, the
/// edition, and for every row its label position and the tokens gathered for it.
/// </summary>
public static class RecognitionTrace
{
    public static string Describe(LayoutDocument doc)
    {
        var s = new FragmentStream(doc);
        var hits = SectionLocator.Locate(s);
        var byNumber = hits.ToDictionary(h => h.Def.Number);
        var sb = new StringBuilder();
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"读取方式 {doc.Method}，编码 {doc.Encoding}，{s.Fragments.Count} 个片段");
        foreach (var h in hits) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"第{h.Def.Numeral}部分  第{h.Line}行  “{h.PrintedHeading}”");
        var edition = EditionDetector.Detect(s, byNumber);
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"模板版本 {edition?.Code() ?? "未知"}");
        if (edition is not { } ed) return sb.ToString();
        var template = TemplateCatalog.Default[ed];
        var locator = new TableLocator(s, template);
        foreach (var table in template.Tables)
        {
            var region = TableRegions.Of(s, table.Number, byNumber, template);
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{CellNames.TableName(table.Number)}  区域 {(region is { } r ? $"第{s.LineAt(r.Start)}–{s.LineAt(r.End - 1)}行" : "未找到")}");
            if (region is not { } rr) continue;
            foreach (var block in locator.Locate(table, rr.Start, rr.End))
            {
                if (block.Def.Header is not null) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  [{block.Def.Header}]");
                if (block.PreTokens.Count > 0) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    表头与首行之间的数：{string.Join(" ", block.PreTokens.Select(Show))}");
                foreach (var row in block.Rows)
                {
                    var where = row.Label is { } l ? $"第{s.LineAt(l.Start)}行" : row.Def.Label.Length == 0 ? "" : "未找到";
                    sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    {row.Def.DisplayName}  {where}  应有{row.Def.Cells.Count}个，找到{row.Tokens.Count}个：{string.Join(" ", row.Tokens.Select(Show))}");
                }
            }
        }
        return sb.ToString();

        string Show(Token t) => (t.Blank ? "空" : t.Text + t.Unit) + "@" + s.FragmentAt(t.Index).Line;
    }
}
