using System.Text;

namespace Nianbao.Reading;

/// <summary>
/// A linear look at HTML's shape before AngleSharp parses it (issue 13 item 5): AngleSharp's tree building costs
/// time in proportion to the depth of open elements for every tag, so 100,000 nested <c>&lt;div&gt;</c> (1.1 MB) took
/// 86 s. Tags are counted and nesting followed as the HTML parser would build it, closely enough to tell a report
/// (a few thousand elements, fewer than 40 deep) from a bomb: comments and <c>&lt;!…&gt;</c> skipped, the contents of
/// script, style and the other raw-text elements skipped, void elements and <c>/&gt;</c> in SVG not opened, an end tag
/// closing what it closes, and the elements HTML closes by themselves (<c>p</c> before a block, <c>li</c>, table
/// cells and rows) closed. Depth is only ever searched down to the limit, so the scan is linear in the bytes.
/// </summary>
public static class MarkupShape
{
    /// <summary>Deeper than this is not a page (real reports nest fewer than 40); a reader ignores past 200 anyway.</summary>
    public const int MaxDepth = 512;

    /// <summary>More elements than this is not one report (real report pages have 600–1,700; Word's HTML a few times more).</summary>
    public const int MaxElements = 50_000;

    private static readonly HashSet<string> Void =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound"];

    /// <summary>Their content is text up to their own end tag.</summary>
    private static readonly HashSet<string> RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

    /// <summary>Merged into the one document element whatever their number.</summary>
    private static readonly HashSet<string> Singletons = ["html", "head", "body"];

    /// <summary>A start tag of these closes an open <c>p</c> (HTML's "close a p element in button scope").</summary>
    private static readonly HashSet<string> ClosesP =
    [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "ul", "li", "dd", "dt", "listing", "plaintext",
    ];

    /// <summary>Elements an open one of the same group is closed by, and where the search for it stops.</summary>
    private static (string[] Group, string[] Scope)? ImpliedEnd(string name) => name switch
    {
        "li" => (["li"], ["ul", "ol", "table", "td", "th"]),
        "dt" or "dd" => (["dt", "dd"], ["dl", "table", "td", "th"]),
        "td" or "th" => (["td", "th"], ["table"]),
        "tr" => (["tr", "td", "th"], ["table"]),
        "tbody" or "thead" or "tfoot" => (["tbody", "thead", "tfoot", "tr", "td", "th"], ["table"]),
        "option" => (["option"], ["select", "datalist"]),
        _ => null,
    };

    private static readonly string[] PScope = ["table", "td", "th", "caption", "button", "object", "marquee", "applet", "template", "html"];

    /// <summary>Null when the page may be parsed, else why not (简体中文).</summary>
    public static string? Refusal(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            // UTF-16: the tags are looked at in UTF-8 (every other encoding a page uses keeps ASCII bytes as they are).
            var utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return Refusal(Encoding.UTF8.GetBytes(utf16.GetString(bytes[2..])));
        }
        var stack = new List<string>();
        int elements = 0, foreign = 0, i = 0;
        while (i < bytes.Length)
        {
            int lt = bytes[i..].IndexOf((byte)'<');
            if (lt < 0) break;
            i += lt + 1;
            if (i >= bytes.Length) break;
            var rest = bytes[i..];
            if (rest.StartsWith("!--"u8))
            {
                int end = rest[3..].IndexOf("-->"u8);
                if (end < 0) break;
                i += 3 + end + 3;
                continue;
            }
            if (rest[0] is (byte)'!' or (byte)'?')
            {
                int end = rest.IndexOf((byte)'>');
                if (end < 0) break;
                i += end + 1;
                continue;
            }
            bool close = rest[0] == '/';
            int n = close ? 1 : 0;
            if (n >= rest.Length || !IsAsciiLetter(rest[n])) continue; // a '<' in text
            int start = n;
            while (n < rest.Length && (IsAsciiLetter(rest[n]) || rest[n] is >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)':')) n++;
            var name = Encoding.ASCII.GetString(rest[start..n]).ToLowerInvariant();
            int tagEnd = TagEnd(rest, n);
            if (tagEnd < 0) break;
            bool selfClosing = tagEnd > 0 && rest[tagEnd - 1] == '/';
            i += tagEnd + 1;
            if (Singletons.Contains(name)) continue;
            if (close)
            {
                int at = stack.LastIndexOf(name);
                if (at >= 0) PopTo(at);
                continue;
            }
            if (++elements > MaxElements)
                return $"网页元素过多（超过 {MaxElements:N0} 个），不是一份年度报告，拒绝解析";
            if (RawText.Contains(name))
            {
                // Skipped to its end tag, which the scan then reads as an end tag of nothing open.
                int end = IndexOfIgnoreCase(bytes[i..], Encoding.ASCII.GetBytes("</" + name));
                if (end < 0) break;
                i += end;
                continue;
            }
            if (Void.Contains(name) || (selfClosing && foreign > 0)) continue;
            if (ClosesP.Contains(name) && Find(["p"], PScope) is { } p) PopTo(p);
            if (ImpliedEnd(name) is { } implied && Find(implied.Group, implied.Scope) is { } same) PopTo(same);
            stack.Add(name);
            if (name is "svg" or "math") foreign++;
            if (stack.Count > MaxDepth)
                return $"网页标签嵌套过深（超过 {MaxDepth} 层），不是一份正常的年度报告，拒绝解析";
        }
        return null;

        int? Find(string[] group, string[] scope)
        {
            for (int k = stack.Count - 1; k >= 0; k--)
            {
                if (Array.IndexOf(group, stack[k]) >= 0) return k;
                if (Array.IndexOf(scope, stack[k]) >= 0) return null;
            }
            return null;
        }

        void PopTo(int at)
        {
            for (int k = at; k < stack.Count; k++) if (stack[k] is "svg" or "math") foreign--;
            stack.RemoveRange(at, stack.Count - at);
        }
    }

    /// <summary>The index of the tag's closing '&gt;' from <paramref name="n"/>; quoted attribute values may hold one.</summary>
    private static int TagEnd(ReadOnlySpan<byte> s, int n)
    {
        bool afterEquals = false;
        for (int k = n; k < s.Length; k++)
        {
            byte c = s[k];
            if (c == '>') return k;
            if (c == '=') { afterEquals = true; continue; }
            if (afterEquals && c is (byte)'"' or (byte)'\'')
            {
                int close = s[(k + 1)..].IndexOf(c);
                if (close < 0) return -1;
                k += close + 1;
            }
            if (c is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f')) afterEquals = false;
        }
        return -1;
    }

    private static bool IsAsciiLetter(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> s, byte[] needle)
    {
        int from = 0;
        while (true)
        {
            int at = s[from..].IndexOf(needle[0]);
            if (at < 0) return -1;
            at += from;
            if (at + needle.Length > s.Length) return -1;
            if (Ascii.EqualsIgnoreCase(s.Slice(at, needle.Length), needle)) return at;
            from = at + 1;
        }
    }
}
