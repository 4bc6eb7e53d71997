"""Deterministic corpus of bad inputs for the robustness tests (and for trying the CLI by hand).

    python tests/tools/bad_inputs.py OUTDIR            # every case, the long line at 20 MB
    python tests/tools/bad_inputs.py OUTDIR --long-mb 2

Each ``make_*`` function writes one file into a folder and returns its path; ``CASES`` maps
the case name to its function and ``write_all`` writes them all. Everything is derived from
fixed seeds and fixed text, so two runs give byte-identical files (the PDFs too: reportlab
runs with ``invariant=1``).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SEED = 20240607

# A small notice in the genre: a title, a numbered outline, units and a date.
NOTICE_LINES = [
    "某某市人民政府办公室关于印发某某市数字经济发展实施方案的通知",
    "各县（市、区）人民政府，市直各有关部门：",
    "现将《某某市数字经济发展实施方案》印发给你们，请认真贯彻落实。",
    "一、总体要求",
    "到2025年底，全市数字经济核心产业增加值达到500亿元以上。",
    "二、重点任务",
    "（一）加快数字基础设施建设。新建5G基站2000个。（责任单位：市工信局、市发改委）",
    "（二）推进产业数字化转型。2024年6月底前完成100家企业改造。（牵头单位：市工信局）",
    "三、保障措施",
    "（一）加强组织领导。建立工作专班，定期调度推进。",
]
NOTICE_TEXT = "\n".join(NOTICE_LINES) + "\n"

PROSE_WITHOUT_OUTLINE = (
    "本市今年以来持续优化营商环境，各部门协同配合，企业获得感明显增强。"
    "下一步将继续完善服务机制，推动政策落地见效，为经济社会发展提供有力支撑。\n"
) * 20


# --------------------------------------------------------------------------- PDFs
def _reportlab_canvas(path: Path, **kwargs):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(str(path), invariant=1, pageCompression=1, **kwargs)


def _draw_notice(c, lines: list[str]) -> None:
    """Draw ``lines`` with the built-in Adobe-GB1 CID font (real, extractable Chinese text)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        for start in range(0, len(line), 40):
            c.drawString(50, y, line[start:start + 40])
            y -= 18
            if y < 60:
                c.showPage()
                c.setFont("STSong-Light", 11)
                y = 800
    c.showPage()


def make_good_pdf(folder: Path, name: str = "good.pdf") -> Path:
    """A valid text PDF of the small notice (the base of the truncated case)."""
    path = folder / name
    c = _reportlab_canvas(path)
    _draw_notice(c, NOTICE_LINES * 3)
    c.save()
    return path


def make_pages_pdf(folder: Path, pages: int, name: str = "pages.pdf") -> Path:
    """A valid text PDF with exactly ``pages`` pages (for --max-pages)."""
    path = folder / name
    c = _reportlab_canvas(path)
    for _page in range(pages):
        _draw_notice(c, NOTICE_LINES[3:6])
    c.save()
    return path


def make_truncated_pdf(folder: Path) -> Path:
    """A valid PDF cut in half (the xref, trailer and half the content are gone)."""
    good = make_good_pdf(folder, ".truncated-source.pdf")
    data = good.read_bytes()
    good.unlink()
    path = folder / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def make_encrypted_pdf(folder: Path) -> Path:
    """A PDF that needs a user password to open."""
    path = folder / "encrypted.pdf"
    c = _reportlab_canvas(path, encrypt="planparse-secret")
    _draw_notice(c, NOTICE_LINES)
    c.save()
    return path


def make_image_only_pdf(folder: Path) -> Path:
    """Two pages of drawings and an inline image, no text operators at all (a scan, to us)."""
    path = folder / "image_only.pdf"
    c = _reportlab_canvas(path)
    rng = random.Random(SEED)
    for _page in range(2):
        for _ in range(40):  # grey "text lines" as a scanner would leave them
            c.setFillGray(rng.uniform(0.1, 0.6))
            c.rect(50, rng.uniform(60, 780), rng.uniform(200, 480), 9, stroke=0, fill=1)
        _draw_inline_image(c, rng)
        c.showPage()
    c.save()
    return path


def _draw_inline_image(c, rng: random.Random) -> None:
    try:
        from PIL import Image
    except ImportError:  # rectangles alone are still an image-only page
        return
    img = Image.new("L", (64, 64))
    img.putdata([rng.randrange(256) for _ in range(64 * 64)])
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(img), 400, 700, width=128, height=128)


def make_cid_pdf(folder: Path) -> Path:
    """A PDF whose only font is a Type0/Identity-H font with no ToUnicode and no font file.

    Nothing maps its glyph ids back to characters, so pdfminer/pdfplumber extract
    ``(cid:N)`` placeholders — the classic "garbled copy-paste" government PDF.
    """
    path = folder / "cid_fonts.pdf"
    path.write_bytes(_cid_pdf_bytes())
    return path


def _cid_pdf_bytes() -> bytes:
    lines = []
    rng = random.Random(SEED)
    for row in range(30):
        glyphs = "".join(f"{rng.randrange(1, 7000):04X}" for _ in range(25))
        lines.append(f"BT /F1 12 Tf 50 {780 - row * 22} Td <{glyphs}> Tj ET")
    content = "\n".join(lines).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /FontBBox [0 -141 1000 859] "
        b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>",
    ]
    return _assemble_pdf(objects)


def _assemble_pdf(objects: list[bytes]) -> bytes:
    """Serialise numbered objects with a correct xref table (object ``i`` is ``objects[i-1]``)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_random_pdf(folder: Path) -> Path:
    """Random bytes with a .pdf name (no PDF header)."""
    path = folder / "random.pdf"
    path.write_bytes(random.Random(SEED).randbytes(64 * 1024))
    return path


def make_empty(folder: Path) -> Path:
    """A 0-byte file."""
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


# --------------------------------------------------------------------------- text & HTML
def make_legacy_gb18030(folder: Path) -> Path:
    """The notice in GB18030 bytes, no BOM, no declaration (.txt)."""
    path = folder / "legacy_gb18030.txt"
    path.write_bytes(NOTICE_TEXT.encode("gb18030"))
    return path


def make_legacy_big5(folder: Path) -> Path:
    """The notice in traditional script, Big5 bytes, no declaration (.txt)."""
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert(NOTICE_TEXT)
    path = folder / "legacy_big5.txt"
    path.write_bytes(traditional.encode("big5", errors="replace"))
    return path


def make_script_html(folder: Path) -> Path:
    """HTML whose notice is buried between many large <script>/<style> blocks."""
    numbers = ",".join(str(n) for n in range(500))
    junk_js = f"var a=[{numbers}];function f(){{for(var i=0;i<a.length;i++){{document.write('一、' + a[i]);}}}}\n"
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>通知</title>"]
    parts += [f"<script>{junk_js}</script>" for _ in range(50)]
    parts.append("<style>body{font:14px sans-serif} .x:before{content:'（一）'}</style></head><body>")
    for line in NOTICE_LINES:
        parts.append(f"<p>{line}</p><script>track('{line[:4]}');</script>")
    parts.append("<noscript>请启用JavaScript</noscript></body></html>")
    path = folder / "scripts.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def make_no_outline(folder: Path) -> Path:
    """Prose with no numbered outline at all."""
    path = folder / "no_outline.txt"
    path.write_text(PROSE_WITHOUT_OUTLINE, encoding="utf-8")
    return path


def make_long_line(folder: Path, megabytes: float = 20) -> Path:
    """One line of ``megabytes`` MB (UTF-8) with no newline: notice sentences run together."""
    unit = "".join(NOTICE_LINES).encode("utf-8")
    size = int(megabytes * 1024 * 1024)
    path = folder / "long_line.txt"
    with path.open("wb") as handle:
        written = 0
        while written + len(unit) <= size:
            handle.write(unit)
            written += len(unit)
    return path


def make_nul_bytes(folder: Path) -> Path:
    """The notice with NUL characters before it and between its characters (valid UTF-8).

    Office tools and broken converters leave these; a text reader must not take the file
    for binary nor let NULs reach the output.
    """
    rng = random.Random(SEED)
    chars = list(NOTICE_TEXT)
    for _ in range(40):
        chars.insert(rng.randrange(len(chars)), "\x00")
    path = folder / "nul_bytes.txt"
    path.write_bytes(b"\x00" * 16 + "".join(chars).encode("utf-8"))
    return path


def make_nested_brackets(folder: Path, depth: int = 100_000) -> Path:
    """``depth`` opening full-width brackets (and a few closings) around a numbered line."""
    path = folder / "nested_brackets.txt"
    body = "（" * depth + "一）加强组织领导" + "）" * 10 + "\n" + "一、" + "（" * depth + "\n"
    path.write_text(NOTICE_TEXT + body, encoding="utf-8")
    return path


CASES = {
    "empty": make_empty,
    "random": make_random_pdf,
    "truncated": make_truncated_pdf,
    "encrypted": make_encrypted_pdf,
    "image_only": make_image_only_pdf,
    "cid_fonts": make_cid_pdf,
    "legacy_gb18030": make_legacy_gb18030,
    "legacy_big5": make_legacy_big5,
    "scripts_html": make_script_html,
    "no_outline": make_no_outline,
    "long_line": make_long_line,
    "nul_bytes": make_nul_bytes,
    "nested_brackets": make_nested_brackets,
}


def write_all(folder: Path, *, long_mb: float = 20, only: list[str] | None = None) -> dict[str, Path]:
    """Write every case (or ``only`` these) into ``folder``; ``{case: path}``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for case, make in CASES.items():
        if only is not None and case not in only:
            continue
        written[case] = make(folder, long_mb) if case == "long_line" else make(folder)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--long-mb", type=float, default=20, help="size of the single-line file (default 20)")
    args = parser.parse_args(argv)
    for case, path in write_all(args.outdir, long_mb=args.long_mb).items():
        print(f"{case:16} {path}  ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
