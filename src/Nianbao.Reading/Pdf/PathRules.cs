namespace Nianbao.Reading.Pdf;

/// <summary>One straight stretch of a drawn path, in page points from the top left.</summary>
public readonly record struct PdfSegment(double X0, double Y0, double X1, double Y1);

/// <summary>A drawn path: its straight subpaths (curved ones are dropped: a curve is never a rule) and how it is painted.</summary>
/// <param name="Subpaths">Each subpath's points in order; <c>Closed</c> when it returns to its start.</param>
/// <param name="Filled">Filled with a visible (not white) colour.</param>
/// <param name="Stroked">Stroked with a visible colour.</param>
public sealed record PdfShape(IReadOnlyList<(IReadOnlyList<(double X, double Y)> Points, bool Closed)> Subpaths, bool Filled, bool Stroked);

/// <summary>
/// Ruling lines from the page's drawn paths. What printers write: Chromium draws every cell border as a thin filled
/// rectangle (0.75 pt), LibreOffice and WPS as stroked line segments. Thick filled areas (cell shading), curves,
/// white paint and clipping paths are not rules; glyph outlines are text, not paths, so never appear here.
/// </summary>
public static class PathRules
{
    /// <summary>A filled rectangle at most this thick (points) is a rule; Chromium's 1px border is 0.75 pt, a 2.25 pt rule is 3px.</summary>
    public const double MaxRuleThickness = 2.5;

    /// <summary>Shorter segments are marks, not table borders (the narrowest cell is wider than this).</summary>
    public const double MinRuleLength = 2.0;

    /// <summary>Rules of one page, clipped to it (<paramref name="width"/> × <paramref name="height"/>).</summary>
    public static List<PdfRule> Rules(IEnumerable<PdfShape> shapes, double width, double height)
    {
        var rules = new List<PdfRule>();
        foreach (var shape in shapes)
            foreach (var (points, closed) in shape.Subpaths)
            {
                if (points.Count < 2) continue;
                if (shape.Stroked)
                {
                    int n = closed ? points.Count : points.Count - 1;
                    for (int i = 0; i < n; i++)
                    {
                        var (a, b) = (points[i], points[(i + 1) % points.Count]);
                        if (Math.Abs(a.Y - b.Y) < 0.5 && Math.Abs(a.X - b.X) >= MinRuleLength) rules.Add(PdfRule.H((a.Y + b.Y) / 2, a.X, b.X));
                        else if (Math.Abs(a.X - b.X) < 0.5 && Math.Abs(a.Y - b.Y) >= MinRuleLength) rules.Add(PdfRule.V((a.X + b.X) / 2, a.Y, b.Y));
                    }
                }
                if (shape.Filled && Rectangle(points) is { } box)
                {
                    if (box.Height <= MaxRuleThickness && box.Width >= MinRuleLength && box.Width > box.Height) rules.Add(PdfRule.H(box.CentreY, box.X0, box.X1));
                    else if (box.Width <= MaxRuleThickness && box.Height >= MinRuleLength) rules.Add(PdfRule.V(box.CentreX, box.Y0, box.Y1));
                }
            }
        return rules.Select(r => Clip(r, width, height)).OfType<PdfRule>().ToList();
    }

    /// <summary>The part of a rule on the page, or null when it lies outside (printers draw off-page marks too).</summary>
    private static PdfRule? Clip(PdfRule r, double width, double height)
    {
        double across = r.Horizontal ? height : width, along = r.Horizontal ? width : height;
        if (r.At < 0 || r.At > across) return null;
        double from = Math.Max(0, r.From), to = Math.Min(along, r.To);
        return to - from >= MinRuleLength ? r with { From = from, To = to } : null;
    }

    /// <summary>The box of a closed axis-aligned quadrilateral (a repeated closing point is allowed), else null.</summary>
    private static PdfBox? Rectangle(IReadOnlyList<(double X, double Y)> pts)
    {
        if (pts.Count == 5 && Math.Abs(pts[0].X - pts[4].X) < 0.01 && Math.Abs(pts[0].Y - pts[4].Y) < 0.01) pts = [.. pts.Take(4)];
        if (pts.Count != 4) return null;
        for (int i = 0; i < 4; i++)
        {
            var (a, b) = (pts[i], pts[(i + 1) % 4]);
            if (Math.Abs(a.X - b.X) > 0.01 && Math.Abs(a.Y - b.Y) > 0.01) return null;
        }
        return new PdfBox(pts.Min(p => p.X), pts.Min(p => p.Y), pts.Max(p => p.X), pts.Max(p => p.Y));
    }
}
