using System.Text.Json.Serialization;

namespace Nianbao.Template;

public enum Severity { Info, Warning, Error }

/// <summary>One rule of Data/rules.json.</summary>
public sealed record RuleDef(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("severity")] string SeverityName,
    [property: JsonPropertyName("basis")] string Basis,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("messages")] IReadOnlyDictionary<string, string> Messages)
{
    [JsonIgnore]
    public Severity Severity => SeverityName switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "info" => Severity.Info,
        _ => throw new InvalidDataException($"rules.json: rule {Id} has unknown severity '{SeverityName}'"),
    };
}

/// <summary>Every finding id with its severity and 简体中文 message templates.</summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, RuleDef> _rules;

    internal RuleCatalog(IReadOnlyList<RuleDef> rules)
    {
        Rules = rules;
        _rules = new Dictionary<string, RuleDef>(StringComparer.Ordinal);
        foreach (var r in rules)
        {
            if (!_rules.TryAdd(r.Id, r)) throw new InvalidDataException($"rules.json: duplicate rule id {r.Id}");
            _ = r.Severity;
            if (r.Messages.Count == 0) throw new InvalidDataException($"rules.json: rule {r.Id} has no message");
        }
    }

    public IReadOnlyList<RuleDef> Rules { get; }

    /// <summary>Fails at load when code can emit an id the catalogue lacks, rather than on the first report that trips it.</summary>
    /// <exception cref="InvalidDataException">An id of <paramref name="owner"/> is not in rules.json.</exception>
    public void Require(IEnumerable<string> ids, string owner)
    {
        var missing = ids.Where(id => !_rules.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0) throw new InvalidDataException($"rules.json lacks ids {string.Join(", ", missing)} that {owner} emits");
    }

    public RuleDef this[string id] => _rules.TryGetValue(id, out var r) ? r
        : throw new KeyNotFoundException($"rule '{id}' is not in rules.json");

    /// <summary>Fills the named placeholders <c>{name}</c> of a rule's message.</summary>
    public string Format(string ruleId, string messageId, IReadOnlyDictionary<string, string> args)
    {
        var rule = this[ruleId];
        if (!rule.Messages.TryGetValue(messageId, out var template))
            throw new KeyNotFoundException($"rule '{ruleId}' has no message '{messageId}'");
        foreach (var (name, value) in args) template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return template;
    }
}
