using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Nianbao.Rendering;

/// <summary>A PNG as an inline Word picture (the DrawingML shape Word itself writes for an inserted picture).</summary>
public static class DocxPictures
{
    /// <summary>English Metric Units per pixel at 96 dpi.</summary>
    private const long EmuPerPixel = 9525;

    /// <summary>The text width of an A4 page with the margins DocxRenderer sets (about 15.5 cm).</summary>
    private const long MaxWidthEmu = 5_580_000;

    public static Paragraph Picture(MainDocumentPart main, byte[] png, string name, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var s = new MemoryStream(png)) part.FeedData(s);
        var (w, h) = ChartImages.Size(png);
        long cx = w * EmuPerPixel / ChartImages.Zoom, cy = h * EmuPerPixel / ChartImages.Zoom;
        if (cx > MaxWidthEmu) (cx, cy) = (MaxWidthEmu, cy * MaxWidthEmu / cx);
        var relId = main.GetIdOfPart(part);
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name + ".png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        };
        return new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new Drawing(inline)));
    }
}
