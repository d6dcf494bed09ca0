using System.Text.Encodings.Web;
using System.Text.Json;
using Nianbao.Template;
using Nianbao.Validation;

namespace Nianbao.Rendering;

/// <summary>
/// The editable starting point of <c>nianbao new</c>: a report JSON with every leaf cell at 0, every total null
/// (the renderer computes them), the six sections with empty text, and the agency and year filled in.
/// </summary>
public static class AuthoringTemplate
{
    public static string Json(Edition edition, string agency, int year)
    {
        var t = TemplateCatalog.Default[edition];
        var totals = TotalsCompleter.TotalKeys(t);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("说明", "填写 cells 中各分项的数值（件数为整数）；值为 null 的总计由 nianbao render 按分项计算，若填写了总计则必须与分项之和一致。" +
                                  "published 填成文日期（YYYY-MM-DD）。sections 填写第一、五、六部分正文，第二至四部分为表格，无需填写。");
            w.WriteString("edition", edition.Code());
            w.WriteString("agency", agency);
            w.WriteNumber("year", year);
            w.WriteNull("published");
            w.WriteString("title", TemplateCatalog.Default.Text.RenderHeadings.Title(agency, year));
            w.WriteStartObject("cells");
            foreach (var c in t.Cells)
            {
                if (totals.Contains(c.Key)) w.WriteNull(c.Key); else w.WriteNumber(c.Key, 0);
            }
            w.WriteEndObject();
            w.WriteStartArray("sections");
            foreach (var s in TemplateCatalog.Default.Text.Sections.Where(s => s.Number is 1 or 5 or 6))
            {
                w.WriteStartObject();
                w.WriteNumber("number", s.Number);
                w.WriteString("heading", s.Heading);
                w.WriteString("text", "");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
