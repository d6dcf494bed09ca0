namespace Nianbao.Reading.Ocr;

/// <summary>
/// Dust on a scan: specks of ink a pixel or two wide scattered over the page. Tesseract's Chinese model reads a
/// page sprinkled with them as Latin garbage, line after line. A speck is a connected blot of ink smaller than
/// any glyph's mark (a decimal point included) with no other ink near it: a decimal point or a dot of 氵 sits
/// beside the rest of its number or glyph, so it stays.
/// </summary>
public static class Despeckle
{
    /// <summary>A blot of at most this area (square points) can be a speck: a 10.5 pt decimal point is larger or has neighbours.</summary>
    public const double MaxArea = 1.2;

    /// <summary>No other ink within this distance (points) of a small blot: it belongs to no glyph.</summary>
    public const double Clearance = 2.5;

    /// <summary>The page with isolated specks painted white; the page itself when it has none.</summary>
    public static GrayImage Clean(GrayImage image)
    {
        int w = image.Width, h = image.Height;
        double pixelsPerPoint = image.Dpi / 72.0;
        int maxArea = Math.Max(1, (int)(MaxArea * pixelsPerPoint * pixelsPerPoint));
        int clear = Math.Max(1, (int)Math.Ceiling(Clearance * pixelsPerPoint));
        var label = new int[w * h];
        var stack = new Stack<int>();
        var blot = new List<int>();
        byte[]? cleaned = null;
        int next = 0;
        for (int start = 0; start < label.Length; start++)
        {
            if (label[start] != 0 || image.Pixels[start] >= RasterRules.Ink) continue;
            // Flood one blot (8-connected), stopping early once it is too big to be a speck.
            next++;
            blot.Clear();
            stack.Push(start);
            label[start] = next;
            bool big = false;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                blot.Add(p);
                if (blot.Count > maxArea) big = true;
                int px = p % w, py = p / w;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int x = px + dx, y = py + dy;
                        if (x < 0 || y < 0 || x >= w || y >= h) continue;
                        int q = y * w + x;
                        if (label[q] == 0 && image.Pixels[q] < RasterRules.Ink) { label[q] = next; stack.Push(q); }
                    }
            }
            if (big || !Isolated(image, label, next, blot, clear)) continue;
            cleaned ??= (byte[])image.Pixels.Clone();
            foreach (var p in blot) cleaned[p] = 255;
        }
        return cleaned is null ? image : new GrayImage(w, h, cleaned, image.Dpi);
    }

    /// <summary>No ink of another blot within <paramref name="clear"/> pixels of the blot's box.</summary>
    private static bool Isolated(GrayImage image, int[] label, int id, List<int> blot, int clear)
    {
        int w = image.Width;
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        foreach (var p in blot)
        {
            int x = p % w, y = p / w;
            (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
        }
        for (int y = Math.Max(0, y0 - clear); y <= Math.Min(image.Height - 1, y1 + clear); y++)
            for (int x = Math.Max(0, x0 - clear); x <= Math.Min(w - 1, x1 + clear); x++)
            {
                int q = y * w + x;
                // Ink not yet labelled belongs to a blot further on: it is another blot all the same.
                if (image.Pixels[q] < RasterRules.Ink && label[q] != id) return false;
            }
        return true;
    }
}
