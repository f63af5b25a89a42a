#!/usr/bin/env python3
"""Render test of the charts fundround writes (ctest charts_render, label charts).

Runs chart_gallery to write every example chart as SVG, renders each with rsvg-convert into a
PNG and checks it: exit code 0, a PNG of the SVG's width and height, more than 8 KB, at least 3%
of its pixels drawn (not white) in at least 4 colours. Then runs `chart_gallery --docs` and
checks that docs/images/ holds byte for byte the same SVG files (the charts are deterministic;
regenerate with `./build/dev/tests/chart_gallery docs/images --docs` from the source root).

Exits 77 (ctest SKIP_RETURN_CODE) with a message when rsvg-convert is not installed (Debian:
apt-get install librsvg2-bin, or scripts/setup.sh). Standard library only.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

SKIP = 77
MIN_PNG_BYTES = 8000
MIN_DRAWN = 0.03
MIN_COLOURS = 4


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    """(width, height, rows of bytes, bytes per pixel) of an 8-bit non-interlaced PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (bad signature)")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if ihdr is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour_type, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError("unexpected PNG format: depth %d, colour type %d, interlace %d"
                         % (depth, colour_type, interlace))
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], (prev[x - channels] if x >= channels else 0)
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                line[x] = (line[x] + paeth(a, b, c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows, channels


def check_png(png, svg):
    problems = []
    size = os.path.getsize(png)
    if size < MIN_PNG_BYTES:
        problems.append("PNG is only %d bytes (expected more than %d)" % (size, MIN_PNG_BYTES))
    text = open(svg, encoding="utf-8").read()
    m = re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', text)
    if not m:
        return problems + ["no width/height on the <svg> element"]
    want = (int(m.group(1)), int(m.group(2)))
    width, height, rows, channels = read_png(png)
    if (width, height) != want:
        problems.append("PNG is %dx%d, the SVG says %dx%d" % (width, height, want[0], want[1]))
    drawn, colours = 0, set()
    for row in rows:
        for x in range(0, len(row), channels):
            px = row[x:x + channels]
            rgb = px[:3] if channels >= 3 else px[:1] * 3
            alpha = px[3] if channels == 4 else 255
            if alpha > 0 and rgb != b"\xff\xff\xff":
                drawn += 1
                colours.add(bytes(rgb))
    share = drawn / float(width * height)
    if share < MIN_DRAWN:
        problems.append("only %.2f%% of the pixels are drawn (expected at least %.0f%%)"
                        % (100 * share, 100 * MIN_DRAWN))
    if len(colours) < MIN_COLOURS:
        problems.append("only %d colours drawn (expected at least %d)" % (len(colours), MIN_COLOURS))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gallery", required=True, help="the chart_gallery executable")
    ap.add_argument("--work", required=True, help="a scratch directory")
    ap.add_argument("--docs", required=True, help="docs/images/ of the source tree")
    args = ap.parse_args()

    renderer = shutil.which("rsvg-convert")
    if renderer is None:
        print("SKIPPED: rsvg-convert not found; install librsvg2-bin (Debian) or run scripts/setup.sh "
              "to render the charts")
        return SKIP

    out_dir = os.path.join(args.work, "all")
    docs_dir = os.path.join(args.work, "docs")
    for d in (out_dir, docs_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    subprocess.run([args.gallery, out_dir], check=True, stdout=subprocess.DEVNULL)
    svgs = sorted(f for f in os.listdir(out_dir) if f.endswith(".svg"))
    failures = []
    if len(svgs) < 9:
        failures.append("chart_gallery wrote %d charts, expected at least 9" % len(svgs))
    for name in svgs:
        svg = os.path.join(out_dir, name)
        png = svg[:-4] + ".png"
        r = subprocess.run([renderer, "--format", "png", "--output", png, svg],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            failures.append("%s: rsvg-convert exited %d: %s"
                            % (name, r.returncode, r.stdout.decode(errors="replace").strip()))
            continue
        try:
            problems = check_png(png, svg)
        except (ValueError, zlib.error) as e:
            problems = [str(e)]
        failures += ["%s: %s" % (name, p) for p in problems]
        print("rendered %s -> %s (%d bytes)%s" % (name, os.path.basename(png), os.path.getsize(png),
                                                  "" if not problems else " FAILED"))

    subprocess.run([args.gallery, docs_dir, "--docs"], check=True, stdout=subprocess.DEVNULL)
    for name in sorted(f for f in os.listdir(docs_dir) if f.endswith(".svg")):
        committed = os.path.join(args.docs, name)
        fresh = open(os.path.join(docs_dir, name), "rb").read()
        if not os.path.exists(committed):
            failures.append("docs/images/%s is missing" % name)
        elif open(committed, "rb").read() != fresh:
            failures.append("docs/images/%s differs from what the library writes today" % name)
    if any(f.startswith("docs/images/") for f in failures):
        failures.append("regenerate from the source root: ./build/dev/tests/chart_gallery docs/images --docs")

    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        return 1
    print("charts_render: %d charts rendered and checked; docs/images/ is up to date" % len(svgs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
