using Nianbao.Template;
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
public sealed partial class MarkdownReader : IDocumentReader
{
    public static readonly MarkdownReader Instance = new();

    private MarkdownReader() { }

    public FileFormat Format => FileFormat.Markdown;

    public bool Accepts(DocumentInput input) => input.Text is { } t && LooksLikeMarkdown(t.Text);

    public ReadResult Read(DocumentInput input) => ReadResult.Ok(Read(input.Text!.Text));

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseSoftlineBreakAsHardlineBreak().Build();

    [GeneratedRegex(@"^#{1,6}\s+\S", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", RegexOptions.Multiline)]
    private static partial Regex TableDelimiter();

    /// <remarks>The plain-char checks first: every text file is asked this, and a multi-line regex scans all of it.</remarks>
    public static bool LooksLikeMarkdown(string text) =>
        text.Contains('#', StringComparison.Ordinal) && text.Contains("---", StringComparison.Ordinal)
        && Heading().IsMatch(text) && TableDelimiter().IsMatch(text);

    public static LayoutDocument Read(string text)
    {
        // Converter output (tables cut at page breaks) is repaired before and after Markdig parses it;
        // Markdown as the project writes it passes through unchanged.
        if (MarkdownShape.Refusal(text) is { } refusal) throw new ReadRefusedException(FileFormat.Markdown, ReadErrorCode.TooLarge, refusal);
        var source = PageFooterLines.Clean(text);
        using var body = new StringWriter();
        try
        {
            var doc = Markdig.Markdown.Parse(source, Pipeline);
            ConverterTableRepair.Apply(doc, source);
            var renderer = new HtmlRenderer(body);
            Pipeline.Setup(renderer);
            renderer.Render(doc);
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            // Markdig refuses elements nested past its limit (parsing or rendering) rather than recurse on them: that
            // file's error (a line of 2,000 unclosed '[' and '*' passes the parser and fails in the renderer).
            throw new ReadRefusedException(FileFormat.Markdown, ReadErrorCode.TooLarge, "Markdown 文本嵌套过深（如上百层引用或未闭合的括号），不是一份正常的年度报告，拒绝解析");
        }
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n" + body + "</body></html>";
        var read = HtmlReader.Instance.Read(Encoding.UTF8.GetBytes(html));
        return read with { Format = FileFormat.Markdown, Method = "markdown", Blocks = read.Blocks.Select(Markdown).ToList() };
    }

    /// <summary>A table cell read from the rendered HTML is placed in the Markdown's table; the HTML's own lines are not the file's.</summary>
    private static LayoutBlock Markdown(LayoutBlock block) => block is LayoutTable t
        ? t with { Rows = t.Rows.Select(r => r with { Cells = r.Cells.Select(c => c.At is { } at ? c with { At = at with { Strategy = ReadStrategy.Markdown, SourceLine = null } } : c).ToList() }).ToList() }
        : block;
}
