"""Scan clean-up before OCR: each step on an image made for the test."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from planparse.ingest.scan import (
    Cleanup,
    clean_page,
    despeckled,
    red_mask,
    red_shapes,
    skew_angle,
)

DPI = 100
MM = DPI / 25.4
PAPER, INK, RED = (235, 235, 235), (20, 20, 20), (215, 35, 40)


def page_with_text_rows(size=(800, 1000)) -> Image.Image:
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    for y in range(100, 900, 40):
        for x in range(80, 720, 30):   # "characters": small dark blocks in rows
            draw.rectangle((x, y, x + 20, y + 20), fill=INK)
    return image


def test_seal_over_text_is_removed_and_the_text_under_it_kept():
    image = page_with_text_rows()
    cx, cy, r = 500, 500, int(21 * MM)
    # ink multiplies: red where the seal is over paper, black text stays black
    ring = Image.new("L", image.size, 0)
    ImageDraw.Draw(ring).ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=4)
    pixels = np.asarray(image, dtype=np.float32)
    alpha = np.asarray(ring, dtype=np.float32)[..., None] / 255
    stamped = pixels * (1 - alpha + alpha * np.array(RED, dtype=np.float32) / 255)
    image = Image.fromarray(stamped.astype(np.uint8))
    grey = np.asarray(clean_page(image, DPI, Cleanup(deskew=False, despeckle=False)))
    ring_pixels = np.asarray(ring) > 0
    on_paper = ring_pixels & ~(np.asarray(page_with_text_rows().convert("L")) < 128)
    assert grey[on_paper].min() > 150                       # the red ring is gone
    text = np.asarray(page_with_text_rows().convert("L")) < 128
    assert (grey[text & ring_pixels] < 100).all()             # text under the seal is still ink
    without = np.asarray(clean_page(image, DPI, Cleanup(red=False, deskew=False, despeckle=False)))
    assert without[on_paper].min() < 150                      # measured: off keeps the ring


def test_red_title_text_is_kept_as_ink_and_a_red_rule_goes():
    image = Image.new("RGB", (800, 1000), PAPER)
    draw = ImageDraw.Draw(image)
    for x in range(100, 700, 60):      # red 版头 characters: separate small blobs in a row
        draw.rectangle((x, 100, x + 40, 140), fill=RED)
    draw.rectangle((60, 170, 740, 172), fill=RED)   # the red rule under it
    shapes = red_shapes(red_mask(np.asarray(image)), DPI)
    assert len(shapes) == 1 and shapes[0][0] <= 170 <= shapes[0][2]
    grey = np.asarray(clean_page(image, DPI, Cleanup(deskew=False, despeckle=False)))
    assert grey[120, 120] < 128 and grey[171, 400] > 150


def test_small_rotation_is_measured_and_straightened():
    image = page_with_text_rows().convert("L")
    turned = image.rotate(-1.2, fillcolor=235)
    assert abs(skew_angle(turned) - 1.2) <= 0.2
    assert abs(skew_angle(clean_page(turned, DPI, Cleanup(red=False, despeckle=False)))) <= 0.2


def test_specks_go_and_strokes_stay():
    rng = np.random.default_rng(1)
    grey = np.asarray(page_with_text_rows().convert("L")).copy()
    blank = grey > 128
    ys, xs = rng.integers(0, grey.shape[0], 3000), rng.integers(0, grey.shape[1], 3000)
    keep = blank[ys, xs]
    grey[ys[keep], xs[keep]] = 30
    cleaned = np.asarray(despeckled(Image.fromarray(grey)))
    assert (cleaned[ys[keep], xs[keep]] > 128).mean() > 0.9    # specks turned to paper (not those touching a stroke)
    assert (cleaned[~blank] < 128).all()                        # every stroke pixel kept
