using System.Text;

namespace Nianbao.Reading;

/// <summary>Decides a file's format from its bytes, never its name.</summary>
public static partial class FormatSniffer
{
    public static FileFormat Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF-"u8)) return FileFormat.Pdf;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            return Contains(b, "word/"u8) ? FileFormat.Docx : Contains(b, "xl/"u8) ? FileFormat.Xlsx : FileFormat.Zip;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return FileFormat.Doc;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return FileFormat.Image;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return FileFormat.Image;
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8) || b.StartsWith("GIF8"u8)) return FileFormat.Image;
        if (b.StartsWith("{\\rtf"u8)) return FileFormat.Rtf;
        if (LooksLikeHtml(b)) return FileFormat.Html;
        return FileFormat.Text;
    }

    /// <summary>
    /// The WHATWG MIME Sniffing standard's HTML rule (§7.1, "identifying a resource with an unknown MIME type"):
    /// after white space, the first tag is one of its HTML tag names followed by a space or <c>&gt;</c>. Comments
    /// and an XML declaration before it are skipped, and a few more article-body tags are accepted, because a CMS
    /// stores an article as a fragment that can start with any of them.
    /// </summary>
    private static bool LooksLikeHtml(ReadOnlySpan<byte> b)
    {
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 4096)]).TrimStart('\uFEFF');
        int i = 0;
        while (true)
        {
            while (i < head.Length && head[i] is ' ' or '\t' or '\n' or '\r' or '\f') i++;
            if (Skip(head, ref i, "<!--", "-->") || Skip(head, ref i, "<?", "?>")) continue;
            break;
        }
        if (i >= head.Length || head[i] != '<') return false;
        var rest = head.AsSpan(i + 1);
        if (rest.StartsWith("!doctype html", StringComparison.OrdinalIgnoreCase)) return true;
        int n = 0;
        while (n < rest.Length && char.IsAsciiLetterOrDigit(rest[n])) n++;
        if (n == 0 || n >= rest.Length || rest[n] is not (' ' or '>' or '\t' or '\n' or '\r' or '/')) return false;
        return HtmlTags.Contains(rest[..n].ToString().ToLowerInvariant());
    }

    /// <summary>WHATWG's list (html … p), then tags an article body commonly starts with.</summary>
    private static readonly HashSet<string> HtmlTags =
    [
        "html", "head", "script", "iframe", "h1", "div", "font", "table", "a", "style", "title", "b", "body", "br", "p",
        "h2", "h3", "h4", "h5", "h6", "span", "section", "article", "meta", "link", "center", "strong", "ul", "ol", "img",
    ];

    /// <summary>
    /// Markup further down a file that did not start with a tag (a line of text, then an article's HTML): read as HTML,
    /// so that no reader ever takes a number out of a tag or an attribute (<c>line-height: 2</c>).
    /// </summary>
    public static bool ContainsMarkup(string text) =>
        text.Contains("</", StringComparison.Ordinal) && MarkupTag().Count(text) >= MinMarkupTags;

    private const int MinMarkupTags = 3;

    [System.Text.RegularExpressions.GeneratedRegex(@"</?(?:p|div|span|font|table|tbody|tr|td|th|br|h[1-6]|strong|b|a|img|section|article)(?:\s[^<>]*)?/?>",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MarkupTag();

    private static bool Skip(string s, ref int i, string open, string close)
    {
        if (!s.AsSpan(i).StartsWith(open, StringComparison.Ordinal)) return false;
        int end = s.IndexOf(close, i + open.Length, StringComparison.Ordinal);
        i = end < 0 ? s.Length : end + close.Length;
        return true;
    }

    private static bool Contains(ReadOnlySpan<byte> b, ReadOnlySpan<byte> needle) =>
        b[..Math.Min(b.Length, 1 << 16)].IndexOf(needle) >= 0;
}
