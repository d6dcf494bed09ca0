namespace Nianbao.Reading.Markdown;

/// <summary>
/// A linear look at Markdown's block nesting before Markdig parses it (issue 13 item 5): container markers at the
/// start of one line ("- - - - …", "&gt; &gt; …", "1. 1. …") each open a level, and Markdig's cost grows faster than
/// their number (100,000 list markers on one line took 19 s, 400,000 took 51 s) before its own depth limit refuses
/// them. A report's lines carry at most a few.
/// </summary>
public static class MarkdownShape
{
    /// <summary>Container markers one line may open (Markdig itself gives up at 128 levels).</summary>
    public const int MaxLineNesting = 100;

    /// <summary>Null when the text may be parsed, else why not (简体中文).</summary>
    public static string? Refusal(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            int markers = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c is ' ' or '\t') { i++; continue; }
                if (c == '>') { markers++; i++; continue; }
                if (c is '-' or '*' or '+' && i + 1 < text.Length && text[i + 1] is ' ' or '\t') { markers++; i += 2; continue; }
                if (char.IsAsciiDigit(c))
                {
                    int j = i;
                    while (j < text.Length && j - i < 9 && char.IsAsciiDigit(text[j])) j++;
                    if (j + 1 < text.Length && text[j] is '.' or ')' && text[j + 1] is ' ' or '\t') { markers++; i = j + 2; continue; }
                }
                break;
            }
            if (markers > MaxLineNesting)
                return $"Markdown 文本嵌套过深（一行开头有 {markers} 层引用或列表标记），不是一份正常的年度报告，拒绝解析";
            int end = text.IndexOf('\n', i);
            i = end < 0 ? text.Length : end + 1;
        }
        return null;
    }
}
