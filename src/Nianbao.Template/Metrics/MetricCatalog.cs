using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nianbao.Template;

/// <summary>One indicator of Data/metrics.json: its formula per edition it exists in.</summary>
public sealed record MetricDef(string Key, string Name, string Unit, IReadOnlyDictionary<Edition, MetricFormula> Formulas, string? Note)
{
    public bool IsRate => Formulas.Values.First().IsRate;
    public IEnumerable<Edition> Editions => Formulas.Keys.Order();
}

/// <summary>A year-on-year jump worth a warning (X.W14), as data.</summary>
/// <param name="Test"><c>factor</c>: one year ≥ Factor × the other, the larger at least AtLeast;
/// <c>to_zero</c>: from ≥ From to 0; <c>points</c>: a rate moving ≥ Points percentage points.</param>
public sealed record ChangeRule(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("factor")] decimal? Factor,
    [property: JsonPropertyName("atLeast")] decimal? AtLeast,
    [property: JsonPropertyName("from")] decimal? From,
    [property: JsonPropertyName("points")] decimal? Points,
    [property: JsonPropertyName("note")] string? Note);

/// <summary>
/// The metric dictionary (Data/metrics.json): one definition per indicator, the cells it is computed from in each
/// edition, and the year-on-year jump thresholds. Every key of every formula must be a cell of that edition.
/// </summary>
public sealed class MetricCatalog
{
    private static readonly Lazy<MetricCatalog> DefaultInstance = new(Load);
    private readonly Dictionary<string, MetricDef> _byKey;

    private MetricCatalog(IReadOnlyList<MetricDef> metrics, IReadOnlyList<ChangeRule> changes)
    {
        Metrics = metrics;
        Changes = changes;
        _byKey = metrics.ToDictionary(m => m.Key, StringComparer.Ordinal);
    }

    public static MetricCatalog Default => DefaultInstance.Value;

    public IReadOnlyList<MetricDef> Metrics { get; }
    public IReadOnlyList<ChangeRule> Changes { get; }

    public MetricDef this[string key] => _byKey.TryGetValue(key, out var m) ? m
        : throw new KeyNotFoundException($"metric '{key}' is not in metrics.json");

    public bool Contains(string key) => _byKey.ContainsKey(key);

    internal sealed record MetricDto(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("unit")] string Unit,
        [property: JsonPropertyName("formula")] Dictionary<string, string> Formula,
        [property: JsonPropertyName("note")] string? Note);

    internal sealed record FileDto(
        [property: JsonPropertyName("metrics")] List<MetricDto> Metrics,
        [property: JsonPropertyName("changes")] List<ChangeRule> Changes);

    private static MetricCatalog Load()
    {
        using var s = typeof(MetricCatalog).Assembly.GetManifestResourceStream("Nianbao.Template.Data.metrics.json")
                      ?? throw new InvalidDataException("embedded resource metrics.json missing");
        var file = JsonSerializer.Deserialize(s, TemplateJsonContext.Default.MetricsFile) ?? throw new InvalidDataException("metrics.json is empty");
        var metrics = new List<MetricDef>();
        foreach (var m in file.Metrics)
        {
            if (m.Formula.Count == 0) throw new InvalidDataException($"metrics.json: metric {m.Key} has no formula");
            var formulas = new Dictionary<Edition, MetricFormula>();
            foreach (var (code, text) in m.Formula)
            {
                var edition = Enum.GetValues<Edition>().FirstOrDefault(e => e.Code() == code);
                if (edition.Code() != code) throw new InvalidDataException($"metrics.json: metric {m.Key} names unknown edition {code}");
                var f = MetricFormula.Parse(text);
                var cells = TemplateCatalog.Default[edition];
                foreach (var key in f.Keys)
                    if (!cells.HasCell(key))
                        throw new InvalidDataException($"metrics.json: metric {m.Key} uses {key}, not a cell of edition {code}");
                formulas[edition] = f;
            }
            if (formulas.Values.Select(f => f.IsRate).Distinct().Count() > 1)
                throw new InvalidDataException($"metrics.json: metric {m.Key} is a rate in one edition and a count in another");
            if (formulas.Values.First().IsRate != (m.Unit == "%"))
                throw new InvalidDataException($"metrics.json: metric {m.Key}: unit % if and only if the formula divides");
            metrics.Add(new MetricDef(m.Key, m.Name, m.Unit, formulas, m.Note));
        }
        var catalog = new MetricCatalog(metrics, file.Changes);
        if (metrics.Select(m => m.Key).Distinct().Count() != metrics.Count) throw new InvalidDataException("metrics.json: duplicate metric key");
        foreach (var c in file.Changes)
        {
            var def = catalog[c.Metric];
            var ok = c.Test switch
            {
                "factor" => c.Factor > 1 && c.AtLeast is not null && !def.IsRate,
                "to_zero" => c.From > 0 && !def.IsRate,
                "points" => c.Points > 0 && def.IsRate,
                _ => false,
            };
            if (!ok) throw new InvalidDataException($"metrics.json: change rule '{c.Test}' on {c.Metric} is incomplete or does not fit the metric");
        }
        return catalog;
    }
}
