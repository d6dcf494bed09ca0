using System.Globalization;
using System.Text;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Rendering;
using Nianbao.Template;

namespace Nianbao.Tests;

/// <summary>The renderer extension point: a format is one <see cref="IReportRenderer"/> and one registration.</summary>
public class RendererRegistryTests
{
    /// <summary>A test-only format: one <c>key=value</c> line per read cell, in the document's table order.</summary>
    private sealed class CellLinesRenderer : IReportRenderer
    {
        public string Target => "cells";
        public string Extension => "txt";
        public string MediaType => "text/plain; charset=utf-8";
        public bool IsBinary => false;

        public byte[] Write(AnnualReport report, ReportDocument document) => Encoding.UTF8.GetBytes(string.Join("\n",
            report.Cells.Where(c => c.Value.Value is not null)
                .Select(c => $"{c.Key}={c.Value.Value!.Value.ToString(CultureInfo.InvariantCulture)}")));
    }

    [Fact]
    public void The_shipped_targets_are_registered_once()
    {
        Assert.Equal(["html", "md", "docx", "pdf"], ReportRenderers.Default.Targets);
        Assert.Null(ReportRenderers.Default.Find("cells"));
    }

    [Fact]
    public void A_registered_renderer_is_found_by_its_target_and_writes_the_report()
    {
        var report = ReportGenerator.Generate(11, Edition.E2021, 0.5).ToReport();
        var registry = ReportRenderers.Default.With(new CellLinesRenderer());
        var renderer = registry.Find("cells")!;
        var lines = Encoding.UTF8.GetString(renderer.Write(report, ReportDocument.Of(report))).Split('\n');
        var expected = report.Cells.Where(c => c.Value.Value is not null).ToDictionary(c => c.Key, c => c.Value.Value!.Value);
        Assert.Equal(expected.Count, lines.Length);
        foreach (var line in lines)
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.Equal(expected[key], decimal.Parse(value, CultureInfo.InvariantCulture));
        }
        // The shipped ones are still there, and write what their own entry points write.
        Assert.Equal(HtmlRenderer.Render(report), Encoding.UTF8.GetString(registry.Find("html")!.Write(report, ReportDocument.Of(report))));
    }

    [Theory]
    [InlineData("html", "html")]
    [InlineData("md", "markdown")]
    [InlineData("docx", "docx")]
    public void Every_text_renderer_writes_a_file_the_reader_reads_back(string target, string format)
    {
        var generated = ReportGenerator.Generate(5, Edition.E2019, 0.6);
        var report = generated.ToReport();
        var bytes = ReportRenderers.Default.Find(target)!.Write(report, ReportDocument.Of(report));
        var parsed = ReportPipeline.ParseBytes(bytes, "x." + target);
        Assert.Equal(format, parsed.Format);
        foreach (var (key, value) in generated.Cells)
            Assert.Equal(value, parsed.Report!.Value(key));
    }
}
