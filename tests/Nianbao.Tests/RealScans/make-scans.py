#!/usr/bin/env python3
"""Makes the scans in this folder from a text PDF: pages rasterised by pdftoppm in grey, optionally turned by a
small angle and sprinkled with specks (a flatbed scan of a printout), written into an image-only PDF (one Flate
grey image per page, no text layer). Standard library only; deterministic (seeded).

usage: make-scans.py IN.pdf OUT.pdf DPI [ANGLE_DEGREES] [SPECKS_PER_MILLE]
"""
import math, os, random, subprocess, sys, tempfile, zlib

def read_pgm(path):
    data = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos+1].isspace(): pos += 1
        start = pos
        while not data[pos:pos+1].isspace(): pos += 1
        parts.append(data[start:pos])
    pos += 1
    w, h = int(parts[1]), int(parts[2])
    return w, h, bytearray(data[pos:pos + w * h])

def rotate(w, h, px, degrees):
    # Nearest neighbour about the centre; what leaves the page is white paper.
    if degrees == 0: return px
    a = math.radians(degrees); c, s = math.cos(a), math.sin(a)
    cx, cy = w / 2, h / 2
    out = bytearray(b'\xff' * (w * h))
    for y in range(h):
        dy = y - cy
        sx0 = c * (-cx) + s * dy + cx; sy0 = -s * (-cx) + c * dy + cy
        row = y * w
        for x in range(w):
            sx = int(sx0 + c * x); sy = int(sy0 - s * x)
            if 0 <= sx < w and 0 <= sy < h: out[row + x] = px[sy * w + sx]
    return out

def specks(w, h, px, per_mille, rng):
    # Dust: small dark dots (1-2 px) and paper grain (a few light-grey pixels), at random.
    n = w * h * per_mille // 1000
    for _ in range(n):
        x, y = rng.randrange(w - 2), rng.randrange(h - 2)
        v = rng.randrange(0, 120) if rng.random() < 0.5 else rng.randrange(180, 230)
        size = 2 if rng.random() < 0.3 else 1
        for yy in range(y, y + size):
            for xx in range(x, x + size): px[yy * w + xx] = min(px[yy * w + xx], v)
    return px

def pdf(pages, dpi, out):
    objs = []
    def add(b): objs.append(b); return len(objs)
    kids = []
    catalog = add(None); tree = add(None)
    for w, h, px in pages:
        pw, ph = w * 72 / dpi, h * 72 / dpi
        img = zlib.compress(bytes(px), 9)
        im = add(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n' % (w, h, len(img)) + img + b'\nendstream')
        content = b'q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q' % (pw, ph)
        cs = add(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
        kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>' % (tree, pw, ph, im, cs)))
    objs[catalog - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % tree
    objs[tree - 1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(b'%d 0 R' % k for k in kids), len(kids))
    body, offsets = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(body)); body += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    xref = len(body)
    body += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offsets)
    body += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, catalog, xref)
    open(out, 'wb').write(body)

def main():
    src, out, dpi = sys.argv[1], sys.argv[2], int(sys.argv[3])
    angle = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    noise = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    rng = random.Random(20241)
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(['pdftoppm', '-r', str(dpi), '-gray', src, os.path.join(d, 'p')], check=True)
        files = sorted(os.listdir(d), key=lambda f: (len(f), f))
        pages = []
        for f in files:
            w, h, px = read_pgm(os.path.join(d, f))
            px = rotate(w, h, px, angle)
            if noise: px = specks(w, h, px, noise, rng)
            pages.append((w, h, px))
    pdf(pages, dpi, out)

main()
