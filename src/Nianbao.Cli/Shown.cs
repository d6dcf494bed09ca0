using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Nianbao.Cli;

/// <summary>
/// File names and messages as people read them on a terminal (issue 13 item 16): a name may hold a newline (which
/// would split the line and could forge one), other control characters (which a terminal acts on) or bidirectional
/// controls (U+202E shows the rest of the line backwards). Each is written visibly instead — <c>\n</c>, <c>\r</c>,
/// <c>\t</c>, <c>&lt;U+202E&gt;</c> — and the result is escaped for Spectre's markup. JSON output escapes them already.
/// </summary>
internal static class Shown
{
    /// <summary>For <c>AnsiConsole.MarkupLine</c>.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(Plain(text));

    /// <summary>The text with every control and bidirectional control made visible.</summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(Hidden)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (Hidden(c)) sb.Append("<U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('>');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, and the marks and embeddings that reorder a line (LRM, RLM, ALM, LRE…RLO, LRI…PDI).</summary>
    private static bool Hidden(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\u200E' or '\u200F' or '\u061C' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
