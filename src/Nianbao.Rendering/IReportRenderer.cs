using Nianbao.Template;

namespace Nianbao.Rendering;

/// <summary>
/// One output format of a report in the official layout. <c>render</c>, <c>summary --render</c> and the web pick
/// a renderer by its <see cref="Target"/> from <see cref="ReportRenderers"/>; none of them names a format.
/// </summary>
public interface IReportRenderer
{
    /// <summary>The name users give (<c>--to html</c>): lower case, unique in the registry.</summary>
    string Target { get; }

    /// <summary>The file name extension (without a dot) and the media type of the bytes.</summary>
    string Extension { get; }

    string MediaType { get; }

    /// <summary>Bytes that make no sense on a terminal (DOCX, PDF): the commands ask for an output file.</summary>
    bool IsBinary { get; }

    /// <summary>
    /// The report as a file. <paramref name="document"/> is what to print (<see cref="ReportDocument.Of"/> for one
    /// report, <see cref="SummaryDocument.Of"/> for a region's sum); <paramref name="report"/> its cells.
    /// </summary>
    /// <exception cref="ExternalToolException">A program the format needs is missing or failed.</exception>
    byte[] Write(AnnualReport report, ReportDocument document);
}

/// <summary>The registry of renderers. Adding a format is one <see cref="IReportRenderer"/> and one line in <see cref="Default"/>.</summary>
public sealed class ReportRenderers(IReadOnlyList<IReportRenderer> renderers)
{
    public static readonly ReportRenderers Default = new(
    [
        HtmlRenderer.Instance,
        MarkdownRenderer.Instance,
        DocxRenderer.Instance,
        PdfRenderer.Instance,
    ]);

    public IReadOnlyList<IReportRenderer> All { get; } = renderers;

    /// <summary>The targets, for option lists and messages.</summary>
    public IReadOnlyList<string> Targets => All.Select(r => r.Target).ToList();

    /// <summary>The renderer of <paramref name="target"/>, or null when none has that name.</summary>
    public IReportRenderer? Find(string target) => All.FirstOrDefault(r => r.Target == target);

    /// <summary>A registry with <paramref name="renderer"/> added (a test's own format).</summary>
    public ReportRenderers With(IReportRenderer renderer) => new([.. All, renderer]);
}
