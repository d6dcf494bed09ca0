using System.Text;

namespace Nianbao.Template;

/// <summary>docs/metrics.md as generated from Data/metrics.json (a test keeps the file equal to this text).</summary>
public static class MetricDocument
{
    public static string Markdown()
    {
        var catalog = MetricCatalog.Default;
        var sb = new StringBuilder();
        sb.Append("# Metric dictionary\n\n");
        sb.Append("Generated from `src/Nianbao.Template/Data/metrics.json` — do not edit by hand; a test fails when this file differs ")
          .Append("from what the data generates (regenerate with `NIANBAO_WRITE_DOCS=1 dotnet test tests/Nianbao.Tests --filter MetricDocumentationTests`).\n\n");
        sb.Append("Every metric is computed per report version from its cells, stored with the version (table `version_metrics`), ")
          .Append("exported and compared across peers (`nianbao compare`). Rules:\n\n");
        sb.Append("* A formula is a sum of cell keys (see `cells.tsv`), or a sum divided by a sum; a rate is that quotient × 100, ")
          .Append(System.Globalization.CultureInfo.InvariantCulture, $"rounded half away from zero to {MetricCalculator.RateDecimals} decimals.\n");
        sb.Append("* **不适用** (null with a reason), never 0 and never 100 %: a 0 denominator; the report's edition has no such cells; ")
          .Append("the edition was not recognised. Unknown (null with a reason): a cell of the formula could not be read, or a 万元 amount printed in another unit (never converted).\n");
        sb.Append("* Peer percentiles (P25/P50/P75 and an agency's percentile rank) use linear interpolation between closest ranks, ")
          .Append("as Excel `PERCENTILE.INC` / `PERCENTRANK.INC`; null values are left out of the group.\n\n");
        sb.Append("| key | 名称 | 单位 | 2019年版 | 2021年版 | 说明 |\n|---|---|---|---|---|---|\n");
        foreach (var m in catalog.Metrics)
        {
            string F(Edition e) => m.Formulas.TryGetValue(e, out var f) ? "`" + f.Text + "`" : "不适用（无此项）";
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{m.Key}` | {m.Name} | {m.Unit} | {F(Edition.E2019)} | {F(Edition.E2021)} | {m.Note ?? ""} |\n");
        }
        sb.Append("\n## Year-on-year jumps (`X.W14`, warning)\n\n");
        sb.Append("Checked between an agency's reports of consecutive years wherever the cross-year rules run; a metric null in either year is skipped.\n\n");
        sb.Append("| metric | test | threshold |\n|---|---|---|\n");
        foreach (var c in catalog.Changes)
        {
            var name = catalog[c.Metric].Name;
            var threshold = c.Test switch
            {
                "factor" => $"one year ≥ {c.Factor} × the other (both > 0, the larger ≥ {c.AtLeast})",
                "to_zero" => $"from ≥ {c.From} to 0",
                _ => $"moves by ≥ {c.Points} percentage points",
            };
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {name} (`{c.Metric}`) | `{c.Test}` | {threshold} |\n");
        }
        return sb.ToString();
    }
}
