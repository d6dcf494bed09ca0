using System.Globalization;
using System.Xml;

namespace Nianbao.Reading.Pdf;

/// <summary>
/// Words with boxes from <c>pdftotext -bbox-layout</c> (XHTML: page/flow/block/line/word with xMin/yMin/xMax/yMax,
/// points from the top left). Only pages and words are used: the grid and line steps do their own grouping.
/// </summary>
public static class PopplerWords
{
    public sealed record Page(double Width, double Height, IReadOnlyList<PdfWord> Words);

    public static IReadOnlyList<Page> Parse(TextReader xhtml)
    {
        var pages = new List<Page>();
        List<PdfWord>? words = null;
        double width = 0, height = 0;
        using var reader = XmlReader.Create(xhtml, Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "page")
            {
                Flush();
                width = Number(reader, "width");
                height = Number(reader, "height");
                words = [];
            }
            else if (reader.LocalName == "word" && words is not null)
            {
                var box = new PdfBox(Number(reader, "xMin"), Number(reader, "yMin"), Number(reader, "xMax"), Number(reader, "yMax"));
                var text = reader.ReadElementContentAsString();
                if (text.Length > 0) words.Add(new PdfWord(text, box));
            }
        }
        Flush();
        return pages;

        void Flush()
        {
            if (words is not null) pages.Add(new Page(width, height, words));
            words = null;
        }
    }

    internal static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        CheckCharacters = false,
    };

    private static double Number(XmlReader reader, string name) =>
        double.TryParse(reader.GetAttribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}

/// <summary>
/// Ruling lines from <c>pdftocairo -svg</c>. What printers actually write: Chromium draws every cell border as a
/// thin filled rectangle (0.75 pt), LibreOffice as stroked line segments under a y-flipping matrix; both are read
/// here, in page coordinates. Glyph outlines (inside <c>&lt;defs&gt;</c>), clip paths, curves, white strokes and
/// large filled areas (cell shading) are not rules.
/// </summary>
public static class SvgRules
{
    /// <summary>A filled rectangle at most this thick (points) is a rule; Chromium's 1px border is 0.75 pt, a 2.25 pt rule is 3px.</summary>
    public const double MaxRuleThickness = 2.5;

    /// <summary>Shorter segments are glyph-like marks, not table borders (the narrowest cell is wider than this).</summary>
    public const double MinRuleLength = 2.0;

    private static readonly HashSet<string> Hidden = ["defs", "symbol", "clipPath", "mask", "pattern", "marker"];

    /// <summary>Rules per page, in page order (a single-page SVG without &lt;pageSet&gt; is one page).</summary>
    public static IReadOnlyList<IReadOnlyList<PdfRule>> Parse(TextReader svg)
    {
        var pages = new List<List<PdfRule>>();
        List<PdfRule>? current = null;
        var transforms = new Stack<Matrix>();
        transforms.Push(Matrix.Identity);
        int hidden = 0;
        using var reader = XmlReader.Create(svg, PopplerWords.Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (Hidden.Contains(reader.LocalName)) hidden--;
                else if (reader.LocalName is "g" or "svg" or "page" && transforms.Count > 1) transforms.Pop();
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element) continue;
            var name = reader.LocalName;
            bool empty = reader.IsEmptyElement;
            if (Hidden.Contains(name))
            {
                if (!empty) hidden++;
                continue;
            }
            if (name == "page")
            {
                current = [];
                pages.Add(current);
            }
            if (name is "g" or "svg" or "page")
            {
                if (!empty) transforms.Push(transforms.Peek().Then(Matrix.Parse(reader.GetAttribute("transform"))));
                continue;
            }
            if (hidden > 0 || name is not ("path" or "rect" or "line")) continue;
            if (current is null)
            {
                current = [];
                pages.Add(current);
            }
            var m = Matrix.Parse(reader.GetAttribute("transform")).Then(transforms.Peek());
            var paint = Paint.Of(reader);
            switch (name)
            {
                case "path":
                    AddPath(current, PathData.Parse(reader.GetAttribute("d") ?? ""), m, paint);
                    break;
                case "rect":
                    double x = Attr(reader, "x"), y = Attr(reader, "y"), w = Attr(reader, "width"), h = Attr(reader, "height");
                    AddPath(current, [new([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], true, false)], m, paint);
                    break;
                case "line":
                    AddPath(current, [new([(Attr(reader, "x1"), Attr(reader, "y1")), (Attr(reader, "x2"), Attr(reader, "y2"))], false, false)], m, paint with { Fill = false });
                    break;
            }
        }
        return pages;
    }

    private static double Attr(XmlReader r, string name) =>
        double.TryParse(r.GetAttribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static void AddPath(List<PdfRule> rules, IReadOnlyList<PathData.SubPath> subpaths, Matrix m, Paint paint)
    {
        foreach (var sp in subpaths)
        {
            if (sp.Curved || sp.Points.Count < 2) continue;
            var pts = sp.Points.Select(p => m.Apply(p)).ToList();
            if (paint.Stroke)
            {
                int n = sp.Closed ? pts.Count : pts.Count - 1;
                for (int i = 0; i < n; i++)
                {
                    var (a, b) = (pts[i], pts[(i + 1) % pts.Count]);
                    if (Math.Abs(a.Y - b.Y) < 0.5 && Math.Abs(a.X - b.X) >= MinRuleLength) rules.Add(PdfRule.H((a.Y + b.Y) / 2, a.X, b.X));
                    else if (Math.Abs(a.X - b.X) < 0.5 && Math.Abs(a.Y - b.Y) >= MinRuleLength) rules.Add(PdfRule.V((a.X + b.X) / 2, a.Y, b.Y));
                }
            }
            if (paint.Fill && IsRectangle(pts) is { } box)
            {
                if (box.Height <= MaxRuleThickness && box.Width >= MinRuleLength && box.Width > box.Height) rules.Add(PdfRule.H(box.CentreY, box.X0, box.X1));
                else if (box.Width <= MaxRuleThickness && box.Height >= MinRuleLength) rules.Add(PdfRule.V(box.CentreX, box.Y0, box.Y1));
            }
        }
    }

    /// <summary>The box of a closed axis-aligned quadrilateral (a repeated closing point is allowed), else null.</summary>
    private static PdfBox? IsRectangle(List<(double X, double Y)> pts)
    {
        if (pts.Count == 5 && Math.Abs(pts[0].X - pts[4].X) < 0.01 && Math.Abs(pts[0].Y - pts[4].Y) < 0.01) pts = pts[..4];
        if (pts.Count != 4) return null;
        for (int i = 0; i < 4; i++)
        {
            var (a, b) = (pts[i], pts[(i + 1) % 4]);
            if (Math.Abs(a.X - b.X) > 0.01 && Math.Abs(a.Y - b.Y) > 0.01) return null;
        }
        return new PdfBox(pts.Min(p => p.X), pts.Min(p => p.Y), pts.Max(p => p.X), pts.Max(p => p.Y));
    }

    /// <summary>Whether the element is stroked and/or filled with a visible (non-white, non-transparent) colour.</summary>
    private readonly record struct Paint(bool Fill, bool Stroke)
    {
        public static Paint Of(XmlReader r)
        {
            var style = (r.GetAttribute("style") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Split(':', 2)).Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0].Trim()).ToDictionary(g => g.Key, g => g.Last()[1].Trim());
            string? Get(string key) => style.TryGetValue(key, out var v) ? v : r.GetAttribute(key);
            bool Visible(string? colour, string? opacity) =>
                colour is not null && colour != "none" && !IsWhite(colour) && opacity is not ("0" or "0.0");
            // SVG's default fill is black; its default stroke is none.
            var fill = Get("fill") ?? "rgb(0%,0%,0%)";
            return new Paint(Visible(fill, Get("fill-opacity")), Visible(Get("stroke"), Get("stroke-opacity")));
        }

        private static bool IsWhite(string c) =>
            c.Replace(" ", "") is "rgb(100%,100%,100%)" or "#ffffff" or "#fff" or "white" or "rgb(255,255,255)";
    }

    /// <summary>An SVG affine matrix (a b c d e f): x' = a x + c y + e, y' = b x + d y + f.</summary>
    private readonly record struct Matrix(double A, double B, double C, double D, double E, double F)
    {
        public static readonly Matrix Identity = new(1, 0, 0, 1, 0, 0);

        public (double X, double Y) Apply((double X, double Y) p) => (A * p.X + C * p.Y + E, B * p.X + D * p.Y + F);

        /// <summary>This transform followed by <paramref name="outer"/> (a child's transform inside its parent's).</summary>
        public Matrix Then(Matrix outer) => new(
            outer.A * A + outer.C * B, outer.B * A + outer.D * B,
            outer.A * C + outer.C * D, outer.B * C + outer.D * D,
            outer.A * E + outer.C * F + outer.E, outer.B * E + outer.D * F + outer.F);

        public static Matrix Parse(string? transform)
        {
            var m = Identity;
            if (string.IsNullOrWhiteSpace(transform)) return m;
            foreach (System.Text.RegularExpressions.Match t in System.Text.RegularExpressions.Regex.Matches(transform, @"(matrix|translate|scale)\s*\(([^)]*)\)"))
            {
                var v = t.Groups[2].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                var next = t.Groups[1].Value switch
                {
                    "matrix" when v.Length == 6 => new Matrix(v[0], v[1], v[2], v[3], v[4], v[5]),
                    "translate" when v.Length >= 1 => new Matrix(1, 0, 0, 1, v[0], v.Length > 1 ? v[1] : 0),
                    "scale" when v.Length >= 1 => new Matrix(v[0], 0, 0, v.Length > 1 ? v[1] : v[0], 0, 0),
                    _ => Identity,
                };
                // In a transform list the rightmost applies first.
                m = next.Then(m);
            }
            return m;
        }
    }

    /// <summary>SVG path data: straight subpaths kept as points, any curve marks its subpath as not a rule.</summary>
    private static class PathData
    {
        public sealed record SubPath(List<(double X, double Y)> Points, bool Closed, bool Curved);

        public static List<SubPath> Parse(string d)
        {
            var result = new List<SubPath>();
            var tokens = Tokenise(d);
            List<(double X, double Y)> pts = [];
            bool curved = false;
            double x = 0, y = 0, sx = 0, sy = 0;
            char cmd = 'M';
            int i = 0;
            while (i < tokens.Count)
            {
                if (tokens[i] is string s) { cmd = s[0]; i++; if (char.ToUpperInvariant(cmd) == 'Z') { Close(); continue; } }
                bool rel = char.IsLower(cmd);
                double N()
                {
                    if (i < tokens.Count && tokens[i] is double v) { i++; return v; }
                    throw new FormatException();
                }
                try
                {
                    switch (char.ToUpperInvariant(cmd))
                    {
                        case 'M':
                            End();
                            x = N() + (rel ? x : 0); y = N() + (rel ? y : 0);
                            (sx, sy) = (x, y);
                            pts.Add((x, y));
                            cmd = rel ? 'l' : 'L';
                            break;
                        case 'L': x = N() + (rel ? x : 0); y = N() + (rel ? y : 0); pts.Add((x, y)); break;
                        case 'H': x = N() + (rel ? x : 0); pts.Add((x, y)); break;
                        case 'V': y = N() + (rel ? y : 0); pts.Add((x, y)); break;
                        case 'C': N(); N(); N(); N(); x = N() + (rel ? x : 0); y = N() + (rel ? y : 0); curved = true; pts.Add((x, y)); break;
                        case 'S' or 'Q': N(); N(); x = N() + (rel ? x : 0); y = N() + (rel ? y : 0); curved = true; pts.Add((x, y)); break;
                        case 'T': x = N() + (rel ? x : 0); y = N() + (rel ? y : 0); curved = true; pts.Add((x, y)); break;
                        case 'A': N(); N(); N(); N(); N(); x = N() + (rel ? x : 0); y = N() + (rel ? y : 0); curved = true; pts.Add((x, y)); break;
                        default: i++; break;
                    }
                }
                catch (FormatException)
                {
                    i++;
                }
            }
            End();
            return result;

            void Close()
            {
                if (pts.Count > 0) result.Add(new SubPath(pts, true, curved));
                pts = [];
                curved = false;
                (x, y) = (sx, sy);
            }

            void End()
            {
                if (pts.Count > 1) result.Add(new SubPath(pts, false, curved));
                pts = [];
                curved = false;
            }
        }

        private static List<object> Tokenise(string d)
        {
            var tokens = new List<object>();
            int i = 0;
            while (i < d.Length)
            {
                char c = d[i];
                if (char.IsLetter(c) && c is not ('e' or 'E')) { tokens.Add(c.ToString()); i++; continue; }
                if (char.IsDigit(c) || c is '-' or '+' or '.')
                {
                    int start = i++;
                    bool dot = c == '.';
                    while (i < d.Length)
                    {
                        char k = d[i];
                        if (char.IsDigit(k)) { i++; continue; }
                        if (k == '.' && !dot) { dot = true; i++; continue; }
                        if (k is 'e' or 'E') { i++; if (i < d.Length && d[i] is '-' or '+') i++; continue; }
                        break;
                    }
                    if (double.TryParse(d.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) tokens.Add(v);
                    continue;
                }
                i++;
            }
            return tokens;
        }
    }
}
