using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace Nianbao.Reading;

/// <summary>
/// Markdown (as <c>nianbao render --to md</c> writes it, or as pasted from other systems): converted to HTML by
/// Markdig (pipe tables) and read by the HTML reader, so tables become grids. Recognised by content: a heading
/// line and a pipe-table delimiter row.
/// </summary>
public static partial class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [GeneratedRegex(@"^#{1,6}\s+\S", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", RegexOptions.Multiline)]
    private static partial Regex TableDelimiter();

    public static bool LooksLikeMarkdown(string text) => Heading().IsMatch(text) && TableDelimiter().IsMatch(text);

    public static LayoutDocument Read(string text)
    {
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n" + Markdown.ToHtml(text, Pipeline) + "</body></html>";
        return HtmlReader.Instance.Read(Encoding.UTF8.GetBytes(html)) with { Format = "markdown", Method = "markdown" };
    }
}
