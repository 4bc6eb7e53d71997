"""Image-only "scans" of text PDFs, the damage real scanned notices show, made deterministically.

``scan_pdf(src, out, dpi=200, rotate=0.0, speckle=0.0, seal=False, grey=True, pages=None, seed=0)``
renders each page of ``src`` with pypdfium2 and writes an image-only PDF (no text layer):

* ``rotate``  – degrees the page is turned (a sheet fed slightly crooked);
* ``speckle`` – share of pixels flipped to dark specks (toner dust, a dirty glass);
* ``seal``    – a red seal (ring, star, ring text) stamped over the signature date (the first
  date line right of the middle, else the foot of the last page), and a red rule under the
  first page's 版头 area, as on a signed paper copy;
* ``grey``    – the page's white turned light grey (recycled paper, auto-exposure).

CLI: ``python tests/tools/scan_pdf.py SRC.pdf OUT.pdf [--rotate 0.8 --speckle 0.002 --seal]``
or ``python tests/tools/scan_pdf.py --folder SRC_DIR OUT_DIR [...]`` for every ``*.pdf``.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

SEAL_RED = (220, 30, 40)


def scan_pdf(src: Path, out: Path, *, dpi: int = 200, rotate: float = 0.0, speckle: float = 0.0,
             seal: bool = False, grey: bool = True, pages: list[int] | None = None, seed: int = 0) -> Path:
    """Write the image-only copy of ``src`` (``pages``: 1-based page numbers, default all)."""
    import pypdfium2

    rng = random.Random(f"{src.name}:{seed}")
    document = pypdfium2.PdfDocument(str(src))
    numbers = pages or list(range(1, len(document) + 1))
    seal_at = signature_date(src, numbers) if seal else None
    images = []
    for n, number in enumerate(numbers):
        page = document[number - 1]
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        page.close()
        if seal and n == 0:
            red_rule(image, dpi)
        if seal_at and seal_at[0] == number:
            stamp_seal(image, dpi, rng, seal_at[1] * dpi / 72, seal_at[2] * dpi / 72)
        if grey:
            image = Image.fromarray((np.asarray(image, dtype=np.float32) * 0.93).astype(np.uint8))
        if rotate:
            image = image.rotate(rotate, resample=Image.Resampling.BILINEAR, fillcolor=(237, 237, 237))
        if speckle:
            image = speckled(image, speckle, rng)
        images.append(image if seal else image.convert("L"))
    document.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


def text_pages(src: Path, pages: list[int], out: Path) -> Path:
    """The text PDF ``src`` cut to ``pages`` (1-based): what a scan of those pages is compared with."""
    from pypdf import PdfReader, PdfWriter

    reader, writer = PdfReader(str(src)), PdfWriter()
    for number in pages:
        writer.add_page(reader.pages[number - 1])
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def red_rule(image: Image.Image, dpi: int) -> None:
    """The red rule a 版头 prints under the organ name (GB/T 9704: about 35 mm from the top edge)."""
    px = dpi / 25.4
    draw = ImageDraw.Draw(image)
    y = int(32 * px)
    draw.rectangle((int(26 * px), y, image.width - int(26 * px), y + max(2, int(0.6 * px))), fill=SEAL_RED)


def signature_date(src: Path, numbers: list[int]) -> tuple[int, float, float]:
    """``(page, x, y)`` in points of the first full date printed right of the middle (the
    signature's 成文日期), else the foot of the last page."""
    import re

    import pdfplumber

    date = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
    with pdfplumber.open(src) as pdf:
        for number in numbers:
            page = pdf.pages[number - 1]
            for line in page.extract_text_lines():
                if date.match(line["text"]) and line["x0"] > page.width / 2:
                    return number, (line["x0"] + line["x1"]) / 2, line["top"]
        last = pdf.pages[numbers[-1] - 1]
        return numbers[-1], last.width * 0.68, last.height * 0.8


def stamp_seal(image: Image.Image, dpi: int, rng: random.Random, cx: float, cy: float) -> None:
    """A 42 mm red seal centred at pixel ``(cx, cy)`` (over the signature and its date)."""
    px = dpi / 25.4
    cx, cy = int(cx), int(cy)
    radius = int(21 * px)
    overlay = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(overlay)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=max(2, int(1.2 * px)))
    star = [(cx + (radius * (0.35 if i % 2 else 0.14)) * math.sin(i * math.pi / 5),
             cy - (radius * (0.35 if i % 2 else 0.14)) * math.cos(i * math.pi / 5)) for i in range(10)]
    draw.polygon([star[(i + 1) % 10] for i in range(10)], fill=255)
    for i in range(14):   # ring text: short strokes standing for the seal's characters
        angle = math.pi * (0.8 + 1.4 * i / 13)
        x, y = cx + 0.75 * radius * math.cos(angle), cy + 0.75 * radius * math.sin(angle)
        size = 2.2 * px
        draw.rectangle((x - size, y - size, x + size, y + size), outline=255, width=max(1, int(0.5 * px)))
    alpha = np.asarray(overlay, dtype=np.float32)[..., None] / 255 * (0.75 + 0.2 * rng.random())
    ink = np.array(SEAL_RED, dtype=np.float32) / 255
    pixels = np.asarray(image, dtype=np.float32)
    stamped = pixels * (1 - alpha + alpha * ink)   # ink multiplies: black text under the seal stays black
    image.paste(Image.fromarray(stamped.astype(np.uint8)))


def speckled(image: Image.Image, share: float, rng: random.Random) -> Image.Image:
    """``share`` of the pixels turned into dark specks of 1–2 px."""
    pixels = np.asarray(image).copy()
    noise = np.random.default_rng(rng.randrange(2**32))
    count = int(share * pixels.shape[0] * pixels.shape[1])
    ys = noise.integers(0, pixels.shape[0] - 1, count)
    xs = noise.integers(0, pixels.shape[1] - 1, count)
    pixels[ys, xs] = 40
    big = noise.random(count) < 0.3
    pixels[ys[big] + 1, xs[big]] = 40
    return Image.fromarray(pixels)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--folder", action="store_true", help="src and out are folders: every *.pdf")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--rotate", type=float, default=0.0)
    parser.add_argument("--speckle", type=float, default=0.0)
    parser.add_argument("--seal", action="store_true")
    args = parser.parse_args(argv)
    sources = sorted(args.src.glob("*.pdf")) if args.folder else [args.src]
    for src in sources:
        out = args.out / src.name if args.folder else args.out
        scan_pdf(src, out, dpi=args.dpi, rotate=args.rotate, speckle=args.speckle, seal=args.seal)
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
