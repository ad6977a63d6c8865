#!/usr/bin/env python3
"""Draws the app's PNG icons (public/icons/) from the favicon's design: a red rounded square
with a yellow star (public/favicon.svg). Standard library only (zlib, struct).

    python3 scripts/make-icons.py

icon-192.png and icon-512.png keep the favicon's rounded corners (purpose "any");
maskable-512.png fills the whole square, the star inside the maskable safe zone.
"""
import struct
import zlib
from pathlib import Path

RED = (0xB3, 0x26, 0x1E)
STAR_FILL = (0xFF, 0xD5, 0x4F)
# The favicon's star path, in its 64 × 64 view box.
STAR = [(32, 12), (37.9, 24), (51, 25.9), (41.5, 35.2), (43.7, 48.3), (32, 42.1),
        (20.3, 48.3), (22.5, 35.2), (13, 25.9), (26.1, 24)]
SUB = 8  # sample rows per pixel; coverage along a row is exact


def add_span(cover, a, b, weight):
    """Adds the coverage of [a, b) (in pixels) on one sample row to `cover`."""
    a, b = max(a, 0.0), min(b, float(len(cover)))
    if b <= a:
        return
    i, j = int(a), int(b)
    if i == j:
        cover[i] += (b - a) * weight
        return
    cover[i] += (i + 1 - a) * weight
    for k in range(i + 1, min(j, len(cover))):
        cover[k] += weight
    if j < len(cover):
        cover[j] += (b - j) * weight


def star_spans(y, scale):
    """The x-intervals inside the star on the horizontal line y (even-odd rule)."""
    pts = [(x * scale, yy * scale) for x, yy in STAR]
    xs = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        if (y0 <= y < y1) or (y1 <= y < y0):
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    return list(zip(xs[0::2], xs[1::2]))


def square_span(y, size, radius):
    """The x-interval inside the rounded square on line y."""
    if radius == 0:
        return (0.0, float(size))
    dy = max(radius - y, y - (size - radius), 0.0)
    if dy >= radius:
        return (0.0, 0.0)
    dx = radius - (radius * radius - dy * dy) ** 0.5
    return (dx, size - dx)


def draw(size, rounded):
    scale = size / 64
    radius = 12 * scale if rounded else 0
    rows = []
    for py in range(size):
        square = [0.0] * size
        star = [0.0] * size
        for s in range(SUB):
            y = py + (s + 0.5) / SUB
            add_span(square, *square_span(y, size, radius), 1 / SUB)
            for a, b in star_spans(y, scale):
                add_span(star, a, b, 1 / SUB)
        row = bytearray([0])  # filter: none
        for sq, st in zip(square, star):
            sq, st = min(sq, 1.0), min(st, 1.0)
            if sq <= 0:
                row += b"\0\0\0\0"
                continue
            rgb = (round((c0 * (sq - st) + c1 * st) / sq) for c0, c1 in zip(RED, STAR_FILL))
            row += bytes(rgb) + bytes([round(sq * 255)])
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for name, size, rounded in [("icon-192.png", 192, True), ("icon-512.png", 512, True),
                                ("maskable-512.png", 512, False)]:
        (out / name).write_bytes(draw(size, rounded))
        print(out / name)
