namespace Nianbao.Reading.Ocr;

/// <summary>
/// A page laid on the scanner a little askew: its text lines and ruling lines slope. The rule finder looks for
/// long runs of ink along one pixel row, which a slope of half a degree already breaks into short steps, so the
/// tables would be lost. The angle is found as the one at which the page's ink falls into the sharpest rows (the
/// projection profile's sum of squares is largest), and the page turned back by it.
/// </summary>
public static class Deskew
{
    /// <summary>Steeper than this (degrees) is not a page laid askew but a page turned on purpose; it is left as it is.</summary>
    public const double MaxAngle = 3;

    /// <summary>The search step (degrees); at 300 dpi a 0.05° error moves a rule's end about 2 pixels over a page's width.</summary>
    public const double Step = 0.05;

    /// <summary>Smaller than this (degrees) is not worth turning: the rule finder tolerates it.</summary>
    public const double MinAngle = 0.1;

    /// <summary>The page turned level, or the page itself when it is level already.</summary>
    public static GrayImage Level(GrayImage image)
    {
        double angle = Angle(image);
        return Math.Abs(angle) < MinAngle ? image : Rotate(image, angle);
    }

    /// <summary>The slope of the page's lines in degrees (positive: a line falls to the right, y grows with x).</summary>
    public static double Angle(GrayImage image)
    {
        // Every other pixel is enough to see the lines; ink pixels are collected once.
        const int sample = 2;
        var ink = new List<(int X, int Y)>();
        for (int y = 0; y < image.Height; y += sample)
            for (int x = 0; x < image.Width; x += sample)
                if (image[x, y] < RasterRules.Ink) ink.Add((x, y));
        if (ink.Count == 0) return 0;
        double best = 0, bestScore = -1;
        int steps = (int)Math.Round(MaxAngle / Step);
        var rows = new int[image.Height + 2 * image.Width];
        for (int i = -steps; i <= steps; i++)
        {
            double angle = i * Step, slope = Math.Tan(angle * Math.PI / 180);
            Array.Clear(rows);
            // Each ink pixel goes to the row its line would have on a level page.
            foreach (var (x, y) in ink)
            {
                int r = (int)Math.Round(y - x * slope) + image.Width;
                if (r >= 0 && r < rows.Length) rows[r]++;
            }
            double score = 0;
            foreach (var n in rows) score += (double)n * n;
            if (score > bestScore) (bestScore, best) = (score, angle);
        }
        return best;
    }

    /// <summary>The page turned by <paramref name="degrees"/> about its centre, against the slope; bilinear, white outside.</summary>
    public static GrayImage Rotate(GrayImage image, double degrees)
    {
        double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        double cx = image.Width / 2.0, cy = image.Height / 2.0;
        var pixels = new byte[image.Pixels.Length];
        for (int y = 0; y < image.Height; y++)
        {
            double dy = y - cy;
            for (int x = 0; x < image.Width; x++)
            {
                double dx = x - cx;
                // Where the level pixel (x, y) lies on the sloping page.
                double sx = c * dx - s * dy + cx, sy = s * dx + c * dy + cy;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                double fx = sx - x0, fy = sy - y0;
                double v = Px(x0, y0) * (1 - fx) * (1 - fy) + Px(x0 + 1, y0) * fx * (1 - fy) + Px(x0, y0 + 1) * (1 - fx) * fy + Px(x0 + 1, y0 + 1) * fx * fy;
                pixels[y * image.Width + x] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
            }
        }
        return new GrayImage(image.Width, image.Height, pixels, image.Dpi);

        int Px(int x, int y) => x < 0 || y < 0 || x >= image.Width || y >= image.Height ? 255 : image[x, y];
    }
}
