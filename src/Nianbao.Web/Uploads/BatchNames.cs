namespace Nianbao.Web.Uploads;

/// <summary>
/// Progress is reported by name, so two files of one name in a batch (from two folders of a zip) get a number:
/// <c>a.txt</c>, <c>a.txt (2)</c>, <c>a.txt (3)</c>. Each name remembers the next number to try, so a batch of
/// thousands of same-named entries costs linear time, not a scan of every earlier name per file.
/// </summary>
public sealed class BatchNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

    public string Unique(string name)
    {
        if (_used.Add(name)) return name;
        var i = _next.GetValueOrDefault(name, 2);
        while (!_used.Add($"{name} ({i})")) i++;
        _next[name] = i + 1;
        return $"{name} ({i})";
    }
}
