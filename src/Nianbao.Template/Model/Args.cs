namespace Nianbao.Template;

/// <summary>Finding arguments as rules.json messages show them: invariant digits, ISO dates.</summary>
public static class Args
{
    public static Dictionary<string, string> Of(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => Format(p.Value));

    public static string Format(object? v) => v switch
    {
        null => "",
        decimal d => d.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture),
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
