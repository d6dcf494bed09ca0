using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nianbao.Template;

/// <summary>An agency's kind (人民政府 / 局 / 委员会 / 街道 / 乡镇 …) from its name, by the suffix list of Data/agency_kinds.json.</summary>
public static class AgencyKinds
{
    internal sealed record KindDto([property: JsonPropertyName("kind")] string Kind, [property: JsonPropertyName("suffixes")] List<string> Suffixes);

    internal sealed record FileDto([property: JsonPropertyName("kinds")] List<KindDto> Kinds, [property: JsonPropertyName("other")] string Other);

    private static readonly Lazy<FileDto> Data = new(() =>
    {
        using var s = typeof(AgencyKinds).Assembly.GetManifestResourceStream("Nianbao.Template.Data.agency_kinds.json")
                      ?? throw new InvalidDataException("embedded resource agency_kinds.json missing");
        return JsonSerializer.Deserialize(s, TemplateJsonContext.Default.AgencyKindsFile) ?? throw new InvalidDataException("agency_kinds.json is empty");
    });

    /// <summary>Every kind, in the order of the data, then the catch-all.</summary>
    public static IReadOnlyList<string> All => Data.Value.Kinds.Select(k => k.Kind).Append(Data.Value.Other).ToList();

    public static string Infer(string name)
    {
        var n = name.Trim();
        // 上海市科学技术委员会（市科委）: the note in brackets is a short name, not the kind.
        var open = n.LastIndexOfAny(['（', '(']);
        if (open > 0 && (n.EndsWith('）') || n.EndsWith(')'))) n = n[..open].TrimEnd();
        foreach (var k in Data.Value.Kinds)
            if (k.Suffixes.Any(s => n.EndsWith(s, StringComparison.Ordinal))) return k.Kind;
        return Data.Value.Other;
    }
}
