"""Scan clean-up before OCR: red seals and rules out, small rotations straightened, specks gone.

A scanned 公文 page carries things the OCR engine reads as noise: the red seal stamped over
the signature and date (its ring and ring text cross the black characters), the red rule
under the 版头, a few tenths of a degree of skew from the feeder, and toner specks. Each
step here takes a page image and returns a grey image; each can be switched off
(:class:`Cleanup`) so its effect can be measured (README "OCR").

Red is judged by the red channel standing well above green and blue; red *text* (the
版头 organ name) is kept as dark text; in the boxes of red shapes that are a seal (a
roughly square blob as large as a seal) or a rule (a long thin horizontal run) the page
is read through its red channel, where red ink looks like paper and black text stays black.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

PAPER_SHARE = 0.7          # in a seal's box, red-channel values this close to the paper are paper
RED_MARGIN = 60            # red channel this much above both green and blue: red ink
SEAL_MIN_MM, SEAL_MAX_MM = 20, 60   # GB/T 9704 seals are 40–45 mm across; copies scale
SEAL_ASPECT = (0.6, 1.6)   # width / height of a seal's box
RULE_MIN_SHARE = 0.4       # a red rule runs across at least this share of the page width
RULE_MAX_MM = 2.5          # and is at most this thick
CELL_MM = 1.5              # coarse grid for finding red blobs: one cell ≈ a stroke gap
BRIDGE_CELLS = 2           # gaps up to ~ 6 mm (black text across a seal's ring) are bridged
MAX_SKEW_DEGREES = 3.0     # larger rotations are layout (landscape tables), not skew
SKEW_STEP = 0.1
SPECK_MAX_NEIGHBOURS = 1   # a dark pixel with at most this many dark neighbours (of 8) is a speck


@dataclass(frozen=True)
class Cleanup:
    """Which clean-up steps run (all by default)."""

    red: bool = True
    deskew: bool = True
    despeckle: bool = True


def clean_page(image: Image.Image, dpi: int, steps: Cleanup = Cleanup()) -> Image.Image:
    """The page ready for OCR: greyscale, red seal/rule removed, straightened, despeckled.

    >>> page = Image.new("RGB", (400, 400), "white")
    >>> clean_page(page, 100).mode, clean_page(page, 100).size
    ('L', (400, 400))
    """
    if steps.red and image.mode == "RGB":
        grey = without_red_shapes(image, dpi)
    else:
        grey = image.convert("L")
    if steps.despeckle:   # before deskew: rotation smears a speck over several pixels
        grey = despeckled(grey)
    if steps.deskew:
        grey = straightened(grey)
    return grey


# ---------------------------------------------------------------- red seals and rules
def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels printed in red ink.

    >>> red_mask(np.array([[[220, 30, 40], [20, 20, 20], [250, 250, 250]]], dtype=np.uint8)).tolist()
    [[True, False, False]]
    """
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    return (r - g > RED_MARGIN) & (r - b > RED_MARGIN)


def without_red_shapes(image: Image.Image, dpi: int) -> Image.Image:
    """Grey page in which red seals and red rules vanish: inside their boxes the grey value
    is the red channel (red ink reflects red as paper does, black text under the seal
    stays dark), elsewhere the usual luminance, so red text outside them stays ink."""
    rgb = np.asarray(image)
    red = red_mask(rgb)
    grey = np.asarray(image.convert("L")).copy()
    shapes = red_shapes(red, dpi)
    if shapes:
        paper = int(np.percentile(rgb[::8, ::8, 0], 90))
        for top, left, bottom, right in shapes:
            box = rgb[top:bottom, left:right, 0].copy()
            box[box >= PAPER_SHARE * paper] = paper   # the seal's faint edges are paper too
            grey[top:bottom, left:right] = box
    return Image.fromarray(grey, mode="L")


def red_shapes(red: np.ndarray, dpi: int) -> list[tuple[int, int, int, int]]:
    """Pixel boxes ``(top, left, bottom, right)`` of red seals and rules.

    Red pixels are pooled into cells of :data:`CELL_MM`, grown by :data:`BRIDGE_CELLS` so
    the ring stays one piece where black text crosses it; touching red cells form a blob
    (a seal's ring and its text touch at this scale, characters of a red title do not
    form a seal-sized square); a blob is a seal by size and aspect, a rule by length and
    thickness."""
    cell = max(2, round(CELL_MM * dpi / 25.4))
    rows, cols = red.shape[0] // cell, red.shape[1] // cell
    if rows == 0 or cols == 0:
        return []
    pooled = np.asarray(red[: rows * cell, : cols * cell].reshape(rows, cell, cols, cell).any(axis=(1, 3)))
    px_per_mm = dpi / 25.4
    shapes = []
    for r0, c0, r1, c1 in blobs(pooled):           # rules: long thin runs, as drawn
        if (r1 - r0) * cell / px_per_mm <= RULE_MAX_MM and (c1 - c0) >= RULE_MIN_SHARE * cols:
            shapes.append((r0 * cell, c0 * cell, r1 * cell, c1 * cell))
    shapes += [(r0 * cell, c0 * cell, r1 * cell, c1 * cell)
               for r0, c0, r1, c1 in seal_boxes(pooled, BRIDGE_CELLS, cell / px_per_mm)]
    return shapes


def seal_boxes(pooled: np.ndarray, bridge: int, cell_mm: float) -> list[tuple[int, int, int, int]]:
    """Cell boxes of the seals among red cells, their rings bridged by ``bridge`` cells.
    A blob larger than a seal may be seals stamped side by side or one above the other
    (a joint notice's signatures), which bridging joined: it is split again with less
    bridging, down to none.

    >>> cells = np.zeros((80, 40), bool)
    >>> for top in (2, 33):       # two 30 × 30-cell rings one cell apart (45 mm at 1.5 mm a cell)
    ...     cells[top:top + 30, 5:35] = True; cells[top + 2:top + 28, 7:33] = False
    >>> seal_boxes(cells, 2, 1.5)
    [(2, 5, 32, 35), (33, 5, 63, 35)]
    """
    found = []
    for r0, c0, r1, c1 in blobs(grown(pooled, bridge) if bridge else pooled):
        height_mm, width_mm = (r1 - r0) * cell_mm, (c1 - c0) * cell_mm
        if (SEAL_MIN_MM <= width_mm <= SEAL_MAX_MM and SEAL_MIN_MM <= height_mm <= SEAL_MAX_MM
                and SEAL_ASPECT[0] <= width_mm / height_mm <= SEAL_ASPECT[1]):
            found.append((r0, c0, r1, c1))
        elif bridge and (height_mm > SEAL_MAX_MM or width_mm > SEAL_MAX_MM):
            inner = np.zeros_like(pooled)
            inner[r0:r1, c0:c1] = pooled[r0:r1, c0:c1]
            found += seal_boxes(inner, bridge - 1, cell_mm)
    return sorted(found)


def grown(cells: np.ndarray, steps: int) -> np.ndarray:
    """``cells`` dilated by ``steps`` cells in every direction.

    >>> grown(np.array([[False, False, False], [False, True, False]]), 1).sum()
    np.int64(6)
    """
    out = cells.copy()
    for _ in range(steps):
        padded = np.pad(out, 1)
        out = np.zeros_like(out)
        for dr in (0, 1, 2):
            for dc in (0, 1, 2):
                out |= padded[dr:dr + cells.shape[0], dc:dc + cells.shape[1]]
    return out


def blobs(cells: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes ``(r0, c0, r1, c1)`` (end exclusive) of 8-connected True regions.

    >>> grid = np.zeros((4, 6), bool); grid[0:2, 0:2] = True; grid[3, 3:6] = True
    >>> sorted(blobs(grid))
    [(0, 0, 2, 2), (3, 3, 4, 6)]
    """
    seen = np.zeros_like(cells)
    found = []
    height, width = cells.shape
    for start in zip(*np.nonzero(cells)):
        if seen[start]:
            continue
        seen[start] = True
        stack = [start]
        r0, c0, r1, c1 = start[0], start[1], start[0] + 1, start[1] + 1
        while stack:
            r, c = stack.pop()
            r0, c0, r1, c1 = min(r0, r), min(c0, c), max(r1, r + 1), max(c1, c + 1)
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    nr, nc = r + dr, c + dc
                    if 0 <= nr < height and 0 <= nc < width and cells[nr, nc] and not seen[nr, nc]:
                        seen[nr, nc] = True
                        stack.append((nr, nc))
        found.append((int(r0), int(c0), int(r1), int(c1)))
    return found


# ---------------------------------------------------------------- deskew
def skew_angle(grey: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise positive as PIL rotates) that makes text
    lines horizontal: the angle whose row profile of dark pixels is sharpest (text
    rows and gaps alternate most clearly when lines are level). Searched on a small copy.

    >>> page = Image.new("L", (600, 600), 255)
    >>> from PIL import ImageDraw
    >>> draw = ImageDraw.Draw(page)
    >>> for y in range(60, 560, 30): _ = draw.rectangle((50, y, 550, y + 12), fill=0)
    >>> abs(skew_angle(page.rotate(1.5, fillcolor=255)) + 1.5) <= 0.2
    True
    """
    scale = min(1.0, 800 / max(grey.size))
    small = grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))))
    ink = Image.fromarray(((np.asarray(small) < 128) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, SKEW_STEP)
    return round(float(max(fine, key=sharpness)), 2)


def straightened(grey: Image.Image) -> Image.Image:
    """The page rotated level when it is turned by a small angle (≥ 0.2°), the corners
    it turns in filled with the paper's grey (a white wedge would look like a column edge)."""
    angle = skew_angle(grey)
    if abs(angle) < 0.2:
        return grey
    paper = int(np.percentile(np.asarray(grey)[::8, ::8], 90))   # corners filled with the paper's grey
    return grey.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=paper)


def paper_grey(grey: Image.Image) -> int:
    """The paper's grey: the 90th percentile of a sample of the page's pixels.

    >>> paper_grey(Image.new("L", (64, 64), 236))
    236
    """
    return int(np.percentile(np.asarray(grey)[::8, ::8], 90))


# ---------------------------------------------------------------- despeckle
def despeckled(grey: Image.Image) -> Image.Image:
    """Isolated dark pixels (and pairs) turned to paper; strokes, whose pixels have many dark
    neighbours, are left exactly as they are (a median filter would thin them too).

    >>> page = np.full((5, 7), 230, np.uint8); page[2, 1] = 20; page[1:4, 4:7] = 20
    >>> out = np.asarray(despeckled(Image.fromarray(page)))
    >>> int(out[2, 1]), int(out[2, 5])
    (230, 20)
    """
    pixels = np.asarray(grey)
    paper = int(np.percentile(pixels[::8, ::8], 90))
    dark = pixels < paper // 2
    padded = np.pad(dark, 1).astype(np.uint8)
    height, width = dark.shape
    neighbours = sum(padded[1 + dr:1 + dr + height, 1 + dc:1 + dc + width]
                     for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc)
    specks = dark & (neighbours <= SPECK_MAX_NEIGHBOURS)
    if not specks.any():
        return grey
    cleaned = pixels.copy()
    cleaned[specks] = paper
    return Image.fromarray(cleaned, mode="L")
