using System.Text;
using Nianbao.Template;

namespace Nianbao.Storage;

/// <summary>An agency name taken apart: its matching keys and the place names it starts with.</summary>
/// <param name="Key">NFKC (full-width → half-width), no whitespace, one kind of bracket: equal keys are one agency.</param>
/// <param name="LooseKey">The key without its last administrative marker: <c>鹤岗市营商…</c> and <c>鹤岗营商…</c> share it.</param>
/// <param name="Places">Leading place names, outermost first (<c>北京市</c>, <c>朝阳区</c>); empty when none is recognisable.</param>
public sealed record AgencyName(string Name, string Key, string LooseKey, IReadOnlyList<string> Places);

/// <summary>Normalises agency names so that variants of one name meet (domain.md §9.3 W13, §11.3).</summary>
public static class AgencyNames
{
    /// <summary>A place name has at least this many characters before its marker (东山区, not 城区).</summary>
    private const int MinPlaceLength = 2;

    private const int MaxPlaceLength = 7;

    public static AgencyName Analyse(string name)
    {
        var key = Normalize(name);
        var places = new List<string>();
        var pos = 0;
        var lastMarker = (Start: -1, Length: 0);
        while (NextPlace(key, pos) is { } place)
        {
            places.Add(key.Substring(pos, place.End - pos));
            lastMarker = (place.End - place.MarkerLength, place.MarkerLength);
            pos = place.End;
        }
        var loose = lastMarker.Start < 0 ? key : key.Remove(lastMarker.Start, lastMarker.Length);
        return new AgencyName(name.Trim(), key, loose, places);
    }

    public static string Normalize(string name)
    {
        var s = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch)) continue;
            sb.Append(ch switch { '〔' or '[' or '【' or '｛' or '{' => '(', '〕' or ']' or '】' or '｝' or '}' => ')', _ => ch });
        }
        return sb.ToString();
    }

    /// <summary>The place name starting at <paramref name="pos"/>: 2–7 characters then a marker, with a name left after it.</summary>
    private static (int End, int MarkerLength)? NextPlace(string key, int pos)
    {
        var markers = TemplateCatalog.Default.Text.RegionMarkers;
        for (var len = MinPlaceLength; len <= MaxPlaceLength && pos + len < key.Length; len++)
        {
            foreach (var marker in markers)
            {
                var at = pos + len;
                if (string.CompareOrdinal(key, at, marker, 0, marker.Length) != 0) continue;
                var end = at + marker.Length;
                return end < key.Length ? (end, marker.Length) : null;
            }
        }
        return null;
    }
}
