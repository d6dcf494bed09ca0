using System.Text;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading;

namespace Nianbao.Tests;

/// <summary>The reader extension point: a reader is one <see cref="IDocumentReader"/> and one registration.</summary>
public class ReaderRegistryTests
{
    /// <summary>
    /// A test-only reader for RTF, a format the sniffer knows and no shipped reader reads: its text runs are taken
    /// between the control words, one paragraph (<c>\par</c>) a line.
    /// </summary>
    private sealed class RtfTextReader : IDocumentReader
    {
        public FileFormat Format => FileFormat.Rtf;

        public bool Accepts(DocumentInput input) => input.Sniffed == FileFormat.Rtf;

        public ReadResult Read(DocumentInput input)
        {
            var rtf = Encoding.ASCII.GetString(input.Bytes);
            var text = System.Text.RegularExpressions.Regex.Replace(rtf.Replace("\\par", "\n", StringComparison.Ordinal), @"\\[a-z]+\d* ?|[{}]", "");
            var layout = PlainTextReader.Instance.Read(text.Trim(), "ascii", EncodingConfidence.Certain);
            return ReadResult.Ok(layout with { Format = Format, Method = "test-rtf" });
        }
    }

    private static readonly byte[] Rtf = Encoding.ASCII.GetBytes(@"{\rtf1\ansi first line\par second line\par}");

    [Fact]
    public void A_registered_reader_is_picked_for_its_format()
    {
        Assert.Equal(ReadErrorCode.UnsupportedFormat, DocumentReader.Read(Rtf).Error?.Kind);

        var registry = DocumentReader.Default.With(new RtfTextReader());
        var read = registry.ReadBytes(Rtf);
        Assert.Null(read.Error);
        Assert.Equal(FileFormat.Rtf, read.Format);
        Assert.Equal("test-rtf", read.Document!.Method);
        Assert.Equal(["first line", "second line"], read.Document.Blocks.OfType<LayoutLine>().Select(l => l.Text.Trim()));

        // The other formats still go to their own readers.
        Assert.Equal(FileFormat.Text, registry.ReadBytes(Encoding.UTF8.GetBytes("一行文字\n")).Format);
        Assert.Equal(FileFormat.Html, registry.ReadBytes(Encoding.UTF8.GetBytes("<p>一段</p>")).Format);
    }

    [Fact]
    public void Every_shipped_format_keeps_its_contract_string()
    {
        // output.md: the strings of `format` in parse --json.
        string[] expected = ["text", "markdown", "html", "docx", "doc", "pdf", "image"];
        Assert.Equal(["doc", "docx", "html", "image", "markdown", "pdf", "text"],
            DocumentReader.Default.Readers.Select(r => r.Format.Name()).Order(StringComparer.Ordinal));
        Assert.All(expected, name => Assert.Equal(name, FileFormats.Parse(name).Name()));
        Assert.Equal(FileFormat.Unknown, FileFormats.Parse("made-up"));
    }

    [Fact]
    public void Error_codes_round_trip_through_their_strings()
    {
        foreach (var code in ReadErrors.All)
        {
            Assert.Equal(code, ReadErrors.Parse(code.Name()));
            Assert.False(string.IsNullOrWhiteSpace(code.Message()));
        }
        Assert.Equal(Enum.GetValues<ReadErrorCode>().Length, ReadErrors.All.Count());
        Assert.Equal("too_large", new ReadError(ReadErrorCode.TooLarge).Code);
    }

    [Fact]
    public void An_html_pages_meta_title_is_metadata_not_a_line()
    {
        var truth = ReportGenerator.Generate(7, Nianbao.Template.Edition.E2021, 0.6);
        var read = DocumentReader.Read(Encoding.UTF8.GetBytes(PublishedFormats.Html(truth, 7)));
        Assert.Equal($"{truth.Agency}{truth.Year}年度政府信息公开工作年度报告", read.Document!.Metadata.Title);
        Assert.DoesNotContain("标题:", read.Document.Text, StringComparison.Ordinal);

        var parsed = ReportPipeline.ParseBytes(Encoding.UTF8.GetBytes(PublishedFormats.Html(truth, 7)), "g.html");
        Assert.Equal((truth.Agency, truth.Year), (parsed.Report!.Agency, parsed.Report.Year));
    }
}
