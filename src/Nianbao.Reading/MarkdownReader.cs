using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Nianbao.Reading.Markdown;

namespace Nianbao.Reading;

/// <summary>
/// Markdown (as <c>nianbao render --to md</c> writes it, or as pasted from other systems): converted to HTML by
/// Markdig (pipe tables) and read by the HTML reader, so tables become grids. Recognised by content: a heading
/// line and a pipe-table delimiter row. What PDF converters break (page footers between table pieces, delimiter
/// rows in the middle, short rows padded) is repaired in the Markdown folder (PageFooterLines, ConverterTableRepair).
/// A converter's line breaks are the page's lines (a title broken over two lines), so they are kept as lines.
/// </summary>
public static partial class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseSoftlineBreakAsHardlineBreak().Build();

    [GeneratedRegex(@"^#{1,6}\s+\S", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", RegexOptions.Multiline)]
    private static partial Regex TableDelimiter();

    public static bool LooksLikeMarkdown(string text) => Heading().IsMatch(text) && TableDelimiter().IsMatch(text);

    public static LayoutDocument Read(string text)
    {
        // Converter output (tables cut at page breaks) is repaired before and after Markdig parses it;
        // Markdown as the project writes it passes through unchanged.
        var source = PageFooterLines.Clean(text);
        var doc = Markdig.Markdown.Parse(source, Pipeline);
        ConverterTableRepair.Apply(doc, source);
        using var body = new StringWriter();
        var renderer = new HtmlRenderer(body);
        Pipeline.Setup(renderer);
        renderer.Render(doc);
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n" + body + "</body></html>";
        return HtmlReader.Instance.Read(Encoding.UTF8.GetBytes(html)) with { Format = "markdown", Method = "markdown" };
    }
}
