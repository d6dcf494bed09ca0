using Markdig;
using Markdig.Syntax;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Nianbao.Fixtures;
using Nianbao.Pipeline;
using Nianbao.Reading.Pdf;
using Nianbao.Rendering;
using Nianbao.Template;
using OpenXmlTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using OpenXmlRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace Nianbao.Tests;

/// <summary>
/// Every reader's cells point inside their source (issue 14): the line within the decoded text, the page within
/// the document and the box within the page, the table, row and column within the file's tables. The location is
/// typed; the sentence for people is made from it and the JSON carries both.
/// </summary>
public class ProvenanceTests
{
    private static string Dir(string name) => Path.Combine(AppContext.BaseDirectory, name);

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var g in new[] { "text-tabgrid", "text-reading-order", "html", "docx", "markdown", "pdf-chromium" })
            foreach (var edition in new[] { Edition.E2019, Edition.E2021 }) data.Add($"generated:{g}:{edition}");
        foreach (var f in Directory.GetFiles(Path.Combine(Dir("RealForms"), "raw")).Order()) data.Add("RealForms/raw/" + Path.GetFileName(f));
        data.Add("StreamTables/variant-dongshan-2024.layout.txt");
        return data;
    }

    private static (byte[] Bytes, string Name) Source(string id)
    {
        if (!id.StartsWith("generated:", StringComparison.Ordinal)) return (File.ReadAllBytes(Dir(id)), Path.GetFileName(id));
        var parts = id.Split(':');
        var edition = Enum.Parse<Edition>(parts[2]);
        int seed = 7 + (int)edition;
        var truth = ReportGenerator.Generate(seed, edition, 0.6, blankRate: 0.1);
        return parts[1] switch
        {
            "text-tabgrid" => (Encoding.UTF8.GetBytes(Layouts.Render(truth, Layout.TabGrid, seed)), "g.txt"),
            "text-reading-order" => (Encoding.UTF8.GetBytes(Layouts.Render(truth, Layout.PdfReadingOrder, seed)), "g.txt"),
            "html" => (Encoding.UTF8.GetBytes(PublishedFormats.Html(truth, seed)), "g.html"),
            "docx" => (PublishedFormats.Docx(truth, seed), "g.docx"),
            "markdown" => (Encoding.UTF8.GetBytes(MarkdownRenderer.Render(truth.ToReport())), "g.md"),
            _ => (PdfRenderer.Render(HtmlRenderer.Render(truth.ToReport())), "g.pdf"),
        };
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_cell_points_inside_its_source(string id)
    {
        var (bytes, name) = Source(id);
        var parsed = ReportPipeline.ParseBytes(bytes, name);
        if (parsed.Report is not { } report || parsed.Layout is not { } layout) return; // a file no reader can read has no cells
        var lines = layout.Text.Split('\n');
        var grid = Grid(parsed.Format, bytes);
        int located = 0;
        foreach (var (key, cell) in report.Cells)
        {
            if (cell.Source is not { } p || p.Line == 0) continue; // unreadable, or computed from other cells
            string Say() => $"{id} {key}: {p.Method} line {p.Line} col {p.Column} at {p.At?.ToJson()}";
            Assert.True(p.Line >= 1 && p.Line <= lines.Length, Say());
            Assert.True(p.Column >= 1 && p.Column <= lines[p.Line - 1].Length + 1, Say());
            if (p.At is not { } at) continue;
            located++;
            Assert.Equal(at, CellLocation.FromJson(at.ToJson())); // the JSON form carries everything
            Assert.False(string.IsNullOrEmpty(ProvenanceText.Where(at)), Say());
            if (at.Strategy is ReadStrategy.TextAligned)
            {
                Assert.True(at.Uncertain || at.Column is null || (at.Column >= 1 && at.Column <= at.Columns), Say());
                continue;
            }
            Assert.True(at.Table >= 1 && at.Row >= 1 && at.Column >= 1, Say());
            if (grid is { } g)
            {
                Assert.True(at.Table <= g.Tables, Say());
                Assert.True(at.Row <= g.Rows && at.Column <= g.Columns, Say() + $" (grid {g.Rows}×{g.Columns})");
                if (at.SourceLine is { } sl) Assert.True(sl >= 1 && sl <= g.SourceLines, Say());
            }
            if (at.Page is { } page)
            {
                Assert.NotNull(grid?.Pages);
                var size = grid!.Value.Pages![page - 1];
                var b = at.Box!;
                Assert.Equal(BoxUnit.Pt, b.Unit);
                Assert.True(b.W > 0 && b.H > 0 && b.X >= -1 && b.Y >= -1 && b.X + b.W <= size.W + 1 && b.Y + b.H <= size.H + 1,
                    Say() + $" (page {size.W}×{size.H})");
            }
        }
        // The formats with a grid in the file locate their cells in it.
        if (parsed.Format is "html" or "docx" or "markdown" || layout.Method.StartsWith("pdf-lattice", StringComparison.Ordinal))
            Assert.True(located > 0, $"{id}: no cell located ({layout.Method})");

        // parse --json keeps the sentence and adds the typed location.
        using var json = JsonDocument.Parse(ReportJson.Serialize(parsed));
        foreach (var prov in json.RootElement.GetProperty("provenance").EnumerateObject())
        {
            var p = report.Cells[prov.Name].Source;
            if (p?.At is not { } at) continue;
            Assert.Equal(ProvenanceText.Where(at), prov.Value.GetProperty("where").GetString());
            Assert.Equal(at, JsonSerializer.Deserialize<CellLocation>(prov.Value.GetProperty("at").GetRawText(), CellLocation.Json));
        }
    }

    /// <summary>The file's own tables (counted independently of the readers) and, for a PDF, its pages' sizes in points.</summary>
    private static (int Tables, int Rows, int Columns, int SourceLines, IReadOnlyList<(double W, double H)>? Pages)? Grid(string format, byte[] bytes)
    {
        switch (format)
        {
            case "html":
            {
                var text = Encoding.UTF8.GetString(bytes);
                var doc = new HtmlParser().ParseDocument(text);
                var tables = doc.QuerySelectorAll("table").OfType<AngleSharp.Html.Dom.IHtmlTableElement>().ToList();
                int rows = tables.Select(t => t.Rows.Length).DefaultIfEmpty().Max();
                int cols = tables.SelectMany(t => t.Rows).Select(r => r.Cells.Sum(c => Math.Max(1, c.ColumnSpan))).DefaultIfEmpty().Max();
                return (tables.Count, rows, cols, text.Split('\n').Length, null);
            }
            case "docx":
            {
                using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
                var tables = doc.MainDocumentPart!.Document!.Body!.Descendants<OpenXmlTable>().ToList();
                int rows = tables.Select(t => t.Elements<OpenXmlRow>().Count()).DefaultIfEmpty().Max();
                int cols = tables.SelectMany(t => t.Elements<OpenXmlRow>())
                    .Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>()
                        .Sum(c => (int?)c.TableCellProperties?.GridSpan?.Val?.Value ?? 1)).DefaultIfEmpty().Max();
                return (tables.Count, rows, cols, int.MaxValue, null);
            }
            case "markdown":
            {
                var md = Markdig.Markdown.Parse(Encoding.UTF8.GetString(bytes), new Markdig.MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
                var tables = md.Descendants<Markdig.Extensions.Tables.Table>().ToList();
                // The reader joins converter tables cut at page breaks: a joined table has at most all the rows.
                int rows = tables.Sum(t => t.Count);
                int cols = tables.SelectMany(t => t.OfType<Markdig.Extensions.Tables.TableRow>()).Select(r => r.Count).DefaultIfEmpty().Max();
                return (tables.Count, rows, cols, int.MaxValue, null);
            }
            case "pdf":
            {
                using var pdf = PdfPigPages.Open(bytes);
                var pages = Enumerable.Range(1, pdf.PageCount).Select(n => pdf.Page(n)).Select(p => (p.Width, p.Height)).ToList();
                return (int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, pages);
            }
            default:
                return null;
        }
    }
}
