using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Nianbao.Reading;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using V = DocumentFormat.OpenXml.Vml;
using Wps = DocumentFormat.OpenXml.Office2010.Word.DrawingShape;

namespace Nianbao.Tests;

/// <summary>Word markup whose raw text is not what the page shows: text boxes, tracked deletions, tabs, field codes.</summary>
public sealed class DocxTextTests
{
    private static byte[] Document(params Paragraph[] paragraphs)
    {
        using var ms = new MemoryStream();
        using (var word = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs));
        }
        return ms.ToArray();
    }

    private static TextBoxContent Box(string text) => new(new Paragraph(new Run(new Text(text))));

    [Fact]
    public void Lines_carry_the_visible_text_once()
    {
        // A text box as Word writes it: the DrawingML shape, and the same text again in the VML fallback.
        var textBox = new Run(new AlternateContent(
            new AlternateContentChoice(new Drawing(new DW.Anchor(new A.Graphic(new A.GraphicData(
                    new Wps.WordprocessingShape(new Wps.TextBoxInfo2(Box("本机关2023年度报告"))))
                { Uri = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape" }))))
            { Requires = "wps" },
            new AlternateContentFallback(new Picture(new V.Shape(new V.TextBox(Box("本机关2023年度报告")))))));
        var bytes = Document(
            new Paragraph(new Run(new Text("规章")), new Run(new TabChar(), new Text("5")), new Run(new TabChar(), new Text("3"))),
            new Paragraph(new DeletedRun(new Run(new DeletedText("12"))), new Run(new Text("行政许可 7"))),
            new Paragraph(new Run(new FieldCode(" PAGE ")), new Run(new Text("第1页"))),
            new Paragraph(textBox));
        var read = DocumentReader.Read(bytes);
        Assert.Null(read.Error);
        var lines = read.Document!.Blocks.OfType<LayoutLine>().Select(l => l.Text).ToList();
        Assert.Equal(["规章 5 3", "行政许可 7", "第1页", "本机关2023年度报告"], lines);
    }

    /// <summary>A package written by hand, so that nesting no SDK writer would produce (or survive) can be tried.</summary>
    private static byte[] Package(string bodyXml)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            void Add(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            Add("word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{bodyXml}</w:body></w:document>""");
        }
        return ms.ToArray();
    }

    private static string P(string text) => $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>";

    [Fact]
    public void Text_in_links_insertions_content_controls_and_math_is_read_and_deleted_text_is_not()
    {
        var bytes = Document(new Paragraph(
            new Hyperlink(new Run(new Text("链接"))),
            new InsertedRun(new Run(new Text("插入"))),
            new DeletedRun(new Run(new DeletedText("删除"))),
            new SdtRun(new SdtContentRun(new Run(new Text("控件")))),
            new DocumentFormat.OpenXml.Math.OfficeMath(new DocumentFormat.OpenXml.Math.Run(new Text("12"))),
            new Run(new RunProperties(new Bold()), new Break(), new Text("完"))));
        var read = DocumentReader.Read(bytes);
        Assert.Null(read.Error);
        Assert.Equal(["链接插入控件12 完"], read.Document!.Blocks.OfType<LayoutLine>().Select(l => l.Text));
    }

    [Fact]
    public void Page_frames_nested_deeper_than_the_bound_are_read_down_to_it_and_the_rest_of_the_body_still_is()
    {
        // 300 frames (single-cell tables), each cell "F{k}" then the next frame: frame k (0 outermost) has its cell
        // walked at depth k + 1, so F0…F199 are lines and deeper ones are not (DocxReader.MaxDepth = 200).
        var body = "";
        for (int k = 299; k >= 0; k--) body = $"<w:tbl><w:tr><w:tc>{P($"F{k}")}{body}</w:tc></w:tr></w:tbl>";
        var read = DocumentReader.Read(Package(body + P("正文")));
        Assert.Null(read.Error);
        var lines = read.Document!.Blocks.OfType<LayoutLine>().Select(l => l.Text).ToList();
        Assert.Equal(Enumerable.Range(0, DocxReader.MaxDepth).Select(k => $"F{k}").Append("正文"), lines);
    }

    [Fact]
    public void Inline_markup_nested_50000_deep_is_read_without_recursion()
    {
        var run = "<w:r><w:t>深处</w:t></w:r>";
        var nested = string.Concat(Enumerable.Repeat("<w:hyperlink>", 50_000)) + run + string.Concat(Enumerable.Repeat("</w:hyperlink>", 50_000));
        var read = DocumentReader.Read(Package($"<w:p>{nested}</w:p>{P("后")}"));
        Assert.Null(read.Error);
        Assert.Equal(["深处", "后"], read.Document!.Blocks.OfType<LayoutLine>().Select(l => l.Text));
    }
}
