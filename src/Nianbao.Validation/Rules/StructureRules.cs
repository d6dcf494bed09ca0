using Nianbao.Template;

namespace Nianbao.Validation.Rules;

/// <summary>H6: the six sections are present and in the template's order (tables and rows are checked while reading).</summary>
public sealed class StructureRules : IRule
{
    public IReadOnlyList<string> Ids { get; } = ["DOC.H6"];

    public IEnumerable<Finding> Check(AnnualReport report)
    {
        int lastLine = 0;
        foreach (var def in TemplateCatalog.Default.Text.Sections)
        {
            var args = Args.Of(("numeral", def.Numeral), ("title", def.Title));
            var found = report.Section(def.Number);
            if (found is null) yield return Finding.Create("DOC.H6", "section_missing", args);
            else
            {
                if (found.Line < lastLine) yield return Finding.Create("DOC.H6", "section_order", args, line: found.Line);
                lastLine = found.Line;
            }
        }
    }
}
