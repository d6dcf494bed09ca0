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
}
