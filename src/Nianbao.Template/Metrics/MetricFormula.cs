namespace Nianbao.Template;

/// <summary>
/// A metric's formula for one edition: a sum of cell keys, or a sum divided by a sum. The grammar is deliberately
/// small (keys joined by <c>+</c>, optional parentheses, at most one <c>/</c>) so every formula reads as the
/// reviewer's own sentence and is checked against the template on load.
/// </summary>
public sealed record MetricFormula(IReadOnlyList<string> Numerator, IReadOnlyList<string>? Denominator, string Text)
{
    public bool IsRate => Denominator is not null;

    public IEnumerable<string> Keys => Denominator is null ? Numerator : Numerator.Concat(Denominator);

    public static MetricFormula Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length > 2) throw new InvalidDataException($"metrics.json: formula '{text}' has more than one '/'");
        return new MetricFormula(Sum(parts[0], text), parts.Length == 2 ? Sum(parts[1], text) : null, text);
    }

    private static List<string> Sum(string part, string text)
    {
        var s = part.Trim();
        if (s.StartsWith('(') && s.EndsWith(')')) s = s[1..^1];
        var keys = s.Split('+', StringSplitOptions.TrimEntries).ToList();
        if (keys.Any(k => k.Length == 0 || k.Any(ch => char.IsWhiteSpace(ch) || ch is '(' or ')' or '*' or '-')))
            throw new InvalidDataException($"metrics.json: formula '{text}' is not a sum of cell keys");
        return keys;
    }
}
