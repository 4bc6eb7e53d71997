"""PDF ingestion: small PDFs drawn here with reportlab, plus whole-corpus acceptance."""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from planparse.ingest.pdf import page_list, page_number_of, read_pdf
from planparse.model import PlanparseError

from ..helpers import load_renderer, misplaced_lines, similarity

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

W, H = A4
LEFT, TOP, BLOCK_W = 28 * mm, 37 * mm, 156 * mm
CELL = BLOCK_W / 28
PITCH = 225 * mm / 22
HAN_SPACE_HAN = re.compile(r"[\u3400-\u9fff] +[\u3400-\u9fff]")


# ---------------------------------------------------------------- drawing helpers
class Doc:
    """A tiny GB/T-like page writer: ``line(row, text)`` puts text on body line ``row``."""

    def __init__(self, **kwargs):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1, **kwargs)

    def text(self, x: float, y_from_top: float, text: str, size: float = 16, step: float | None = None,
             font: str = FONT) -> None:
        """Draw ``text`` with its baseline ``y_from_top`` pt below the page top; ``step``
        places every char on a fixed advance (a justified/grid line)."""
        t = self.c.beginText()
        t.setFont(font, size)
        if step is None:
            t.setTextOrigin(x, H - y_from_top)
            t.textOut(text)
        else:  # full-width chars on the grid step, half-width ones at their own width
            for ch in text:
                t.setTextOrigin(x, H - y_from_top)
                t.textOut(ch)
                width = pdfmetrics.stringWidth(ch, font, size)
                x += step if width > 0.75 * size else width
        self.c.drawText(t)

    def line(self, row: int, text: str, indent: int = 0, size: float = 16, justify: bool = False) -> None:
        """Body line ``row`` (0-based) of the GB/T text block."""
        x = LEFT + indent * CELL
        step = (LEFT + BLOCK_W - x - size) / (len(text) - 1) if justify and len(text) > 1 else CELL
        self.text(x, TOP + (row + 1) * PITCH - 6, text, size, step)

    def footer(self, text: str, size: float = 14) -> None:
        """Centred 7 mm below the text block, where GB/T 9704 puts the page number."""
        self.c.setFont(FONT, size)
        self.c.drawCentredString(LEFT + BLOCK_W / 2, H - (TOP + 225 * mm + 7 * mm + size), text)

    def page(self) -> None:
        self.c.showPage()

    def bytes(self) -> bytes:
        self.c.save()
        return self.buf.getvalue()


def read(data: bytes, **kwargs):
    from planparse.ingest.ocr import OcrSettings

    return read_pdf("t.pdf", data, hashlib.sha256(data).hexdigest(), max_pages=kwargs.get("max_pages"),
                    ocr=OcrSettings(mode=kwargs.get("ocr", "auto")))


def texts(source) -> list[str]:
    return [line.text for line in source.lines]


FULL = "为深入推进依法行政加快建设法治政府持续推进政府治理体系和能力"  # 30 chars: >= a full line


# ---------------------------------------------------------------- page furniture
@pytest.mark.parametrize("style", ["— {n} —", "- {n} -", "第{n}页", "{n}/3", "{n}", "第 {n} 页 共 3 页"])
def test_page_numbers_are_removed_in_every_style(style):
    doc = Doc()
    for n in (1, 2, 3):
        doc.line(0, f"第{n}页的正文内容。", indent=2)
        doc.line(1, "各地各部门要抓好落实。", indent=2)
        doc.footer(style.format(n=n))
        doc.page()
    src = read(doc.bytes())
    assert src.repairs["page_furniture"] == 3
    assert not any(page_number_of(t) for t in texts(src))
    assert texts(src)[0] == "第1页的正文内容。"


def test_page_number_patterns():
    assert page_number_of("— 12 —") == (12, True)
    assert page_number_of("-3-") == (3, True)
    assert page_number_of("第 4 页") == (4, True)
    assert page_number_of("5/10") == (5, True)
    assert page_number_of("7") == (7, False)
    assert page_number_of("2024年工作要点") is None
    assert page_number_of("一、总体要求") is None


def test_numbers_inside_the_text_block_are_kept():
    """A bare number that is a body line (no gap, inside the block, off-sequence) is text."""
    doc = Doc()
    doc.line(0, "指标数量如下。", indent=2)
    doc.line(1, "15")
    doc.footer("— 1 —")
    doc.page()
    doc.line(0, "第二页正文。", indent=2)
    doc.line(1, "27")
    doc.footer("— 2 —")
    doc.page()
    src = read(doc.bytes())
    assert texts(src) == ["指标数量如下。", "15", "第二页正文。", "27"]
    assert src.repairs["page_furniture"] == 2


def test_title_printed_high_on_the_page_is_kept():
    """Above the GB/T block but neither a page number nor repeated: a real title stays."""
    doc = Doc()
    doc.text(LEFT + 60, 20 * mm, "2023年法治政府建设工作要点", size=22)
    doc.line(0, "为全面推进依法行政，制定本要点。", indent=2)
    doc.footer("— 1 —")
    doc.page()
    doc.line(0, "第二页正文。", indent=2)
    doc.footer("— 2 —")
    src = read(doc.bytes())
    assert texts(src)[0] == "2023年法治政府建设工作要点"
    assert src.lines[0].font_size == 22


def test_running_header_and_footer_are_removed():
    doc = Doc()
    for n in (1, 2, 3, 4):
        doc.text(LEFT, 15 * mm, "宁夏回族自治区人民政府公报", size=10)
        doc.line(0, f"正文第{n}页，内容不同。", indent=2)
        doc.line(1, "配合单位：各有关部门")
        doc.text(LEFT, H - 12 * mm, f"2024年第{n}期", size=10)
        doc.page()
    src = read(doc.bytes())
    assert "宁夏回族自治区人民政府公报" not in texts(src)
    assert not any(t.endswith("期") for t in texts(src))
    assert src.repairs["page_furniture"] == 8
    assert texts(src).count("配合单位：各有关部门") == 4


def test_line_repeated_at_the_top_of_the_text_block_is_kept():
    doc = Doc()
    for n in (1, 2, 3):
        doc.line(0, "配合单位：各有关部门")
        doc.line(1, f"第{n}项任务已经完成。", indent=2)
        doc.footer(f"— {n} —")
        doc.page()
    src = read(doc.bytes())
    assert texts(src).count("配合单位：各有关部门") == 3


# ---------------------------------------------------------------- joins and spaces
def test_layout_line_joins_across_a_page_break():
    doc = Doc()
    for row in range(20):
        doc.line(row, FULL[:25] + "。", indent=2) if row % 2 == 0 else doc.line(row, "短行。", indent=2)
    doc.line(20, "最后一段开始于此处并且一直写到右边", indent=2, justify=True)
    doc.line(21, FULL[:28], justify=True)
    doc.footer("— 1 —")
    doc.page()
    doc.line(0, "继续到下一页结束。")
    doc.line(1, "新的一段。", indent=2)
    doc.footer("— 2 —")
    src = read(doc.bytes())
    last = next(line for line in src.lines if line.text.startswith("最后一段"))
    assert last.text == "最后一段开始于此处并且一直写到右边" + FULL[:28] + "继续到下一页结束。"
    assert last.page == 1
    assert last.page_breaks == [(len("最后一段开始于此处并且一直写到右边" + FULL[:28]), 2)]
    assert texts(src)[-1] == "新的一段。"
    assert src.repairs["joined_line"] == 2


def test_short_lines_and_headings_stay_their_own_lines():
    doc = Doc()
    doc.line(0, "一、总体要求", indent=2)
    doc.line(1, "坚持以人民为中心。", indent=2)
    doc.line(2, "（一）基本原则", indent=2)
    doc.line(3, "责任单位：市司法局")
    src = read(doc.bytes())
    assert texts(src) == ["一、总体要求", "坚持以人民为中心。", "（一）基本原则", "责任单位：市司法局"]


def test_full_line_ending_a_sentence_stays_apart_without_indents():
    """No first-line indents to go by: a sentence end at the right edge ends the paragraph."""
    doc = Doc()
    rows = [FULL[:27] + "。", "第二段从左边开始。", FULL[:28], "接着写完。", "另一段。"] * 2
    for row, text in enumerate(rows):
        doc.line(row, text, justify=len(text) >= 28)
    src = read(doc.bytes())
    assert texts(src)[:3] == [FULL[:27] + "。", "第二段从左边开始。", FULL[:28] + "接着写完。"]


def test_sentence_end_at_the_edge_joins_in_indented_text_unless_a_block_opens():
    """With first-line indents, a left-edge line after a full line is a continuation even
    after 。 — but not when it opens a block (责任单位, an outline marker)."""
    doc = Doc()
    rows = [(FULL[:26], 2), (FULL[:27] + "。", 0), ("继续写完这一段。", 0),
            (FULL[1:27], 2), (FULL[:27] + "。", 0), ("责任单位：市司法局", 0),
            (FULL[2:28], 2), (FULL[:27] + "。", 0), ("2. 完善执法程序。", 0)]
    for row, (text, indent) in enumerate(rows):
        doc.line(row, text, indent=indent, justify=len(text) + indent >= 28)
    src = read(doc.bytes())
    assert texts(src) == [rows[0][0] + rows[1][0] + rows[2][0], rows[3][0] + rows[4][0], "责任单位：市司法局",
                          rows[6][0] + rows[7][0], "2. 完善执法程序。"]


def test_centred_title_lines_join_into_one_title():
    doc = Doc()
    for row, text in enumerate(["吴忠市人民政府办公室关于印发", "《法治政府建设工作要点》的通知"]):
        width = len(text) * 22
        doc.text(LEFT + (BLOCK_W - width) / 2, TOP + 36 * (row + 1), text, size=22, step=22)
    doc.text(LEFT, TOP + 36 * 3, "各县（市、区）人民政府：")
    doc.text(LEFT + 2 * CELL, TOP + 36 * 3 + PITCH, "现将要点印发给你们，请认真贯彻落实。")
    src = read(doc.bytes())
    assert texts(src)[0] == "吴忠市人民政府办公室关于印发《法治政府建设工作要点》的通知"
    assert src.lines[0].font_size == 22 and src.repairs["joined_line"] == 1


def test_running_footer_with_page_number_is_removed():
    doc = Doc()
    for n in (1, 2, 3):
        doc.line(0, f"正文第{n}页。", indent=2)
        doc.line(1, "各地各部门要结合实际认真抓好贯彻落实。", indent=2)
        doc.text(LEFT, H - 15 * mm, f"宁夏回族自治区人民政府公报    — {n} —", size=10)
        doc.page()
    src = read(doc.bytes())
    assert texts(src)[:2] == ["正文第1页。", "各地各部门要结合实际认真抓好贯彻落实。"]
    assert len(texts(src)) == 6 and src.repairs["page_furniture"] == 3


def test_no_space_between_han_but_kept_around_latin():
    doc = Doc()
    doc.text(LEFT, 100, "关于 印发 工作要点", step=22)           # wide, even gaps + explicit spaces
    doc.text(LEFT, 140, "方针政策 and 法律法规")
    doc.text(LEFT, 180, "附件 1")
    src = read(doc.bytes())
    assert texts(src) == ["关于印发工作要点", "方针政策 and 法律法规", "附件 1"]
    assert not HAN_SPACE_HAN.search(src.raw_text())


def test_fake_bold_is_deduplicated_and_flagged():
    doc = Doc()
    doc.line(0, "二、目标任务", indent=2)
    doc.text(LEFT + 2 * CELL + 0.3, TOP + PITCH - 6, "二、目标任务", step=CELL)
    doc.line(1, "全面完成各项任务。", indent=2)
    src = read(doc.bytes())
    assert texts(src) == ["二、目标任务", "全面完成各项任务。"]
    assert src.lines[0].bold and not src.lines[1].bold
    assert src.lines[0].font_size == 16 and "STSong" in src.lines[0].font_name


# ---------------------------------------------------------------- tables
def draw_table(doc: Doc, rows, y_from_top: float, widths, style_extra=()):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    style = ParagraphStyle("c", fontName=FONT, fontSize=10, leading=13, wordWrap="CJK")
    table = Table([[Paragraph(c, style) for c in r] for r in rows], colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), *style_extra]))
    _, height = table.wrapOn(doc.c, BLOCK_W, 600)
    table.drawOn(doc.c, LEFT, H - y_from_top - height)
    return height


def test_table_rows_become_tab_lines_in_reading_order():
    doc = Doc()
    doc.line(0, "附件1", indent=0)
    long = "向社会公布本级政府全部行政审批事项清单，实行目录化、编码化、动态化管理。"
    rows = [["一级指标", "二级指标", "三级指标"],
            ["一、政府职能依法全面履行", "1. 行政审批制度改革全面推行。", "1 " + long],
            ["", "", "2 非行政许可审批事项全部取消。"]]
    height = draw_table(doc, rows, TOP + 1.2 * PITCH, [35 * mm, 45 * mm, 76 * mm])
    doc.text(LEFT + 2 * CELL, TOP + 1.2 * PITCH + height + PITCH, "表后的正文。")
    src = read(doc.bytes())
    assert texts(src) == ["附件1", "一级指标\t二级指标\t三级指标",
                          "一、政府职能依法全面履行\t1. 行政审批制度改革全面推行。\t1 " + long,
                          "\t\t2 非行政许可审批事项全部取消。", "表后的正文。"]
    assert len(src.tables) == 1 and src.tables[0].page == 1
    assert src.tables[0].rows[2] == ["", "", "2 非行政许可审批事项全部取消。"]


def test_vertically_merged_cell_leaves_an_empty_leading_cell():
    doc = Doc()
    rows = [["一、依法行政", "1. 完善制度。", "23 坚持党的领导。"],
            ["", "", "24 健全立项机制。"],
            ["", "2. 提高参与度。", "25 公开征求意见。"]]
    draw_table(doc, rows, TOP, [35 * mm, 45 * mm, 76 * mm], [("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (1, 1))])
    src = read(doc.bytes())
    assert texts(src) == ["一、依法行政\t1. 完善制度。\t23 坚持党的领导。", "\t\t24 健全立项机制。",
                          "\t2. 提高参与度。\t25 公开征求意见。"]


def test_a_single_box_is_not_a_table():
    doc = Doc()
    doc.c.rect(LEFT, H - TOP - 3 * PITCH, BLOCK_W, 2 * PITCH)
    doc.line(0, "方框里的说明文字。", indent=2)
    src = read(doc.bytes())
    assert texts(src) == ["方框里的说明文字。"] and not src.tables


# ---------------------------------------------------------------- bad files
def test_encrypted_pdf_is_a_clear_error():
    doc = Doc(encrypt="secret")
    doc.line(0, "机密文件。")
    with pytest.raises(PlanparseError) as err:
        read(doc.bytes())
    assert err.value.code == "encrypted_pdf" and "password" in str(err.value)


def test_owner_password_only_pdf_is_read():
    from reportlab.lib.pdfencrypt import StandardEncryption

    doc = Doc(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    doc.text(LEFT, TOP + PITCH, "Published without a user password.", font="Helvetica")
    assert texts(read(doc.bytes())) == ["Published without a user password."]


def image_page(doc: Doc) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    doc.c.drawImage(ImageReader(Image.new("RGB", (200, 280), "white")), LEFT, 200, 400, 560)


def test_image_only_pdf_needs_ocr():
    """``--ocr off``: today's error, naming the pages."""
    doc = Doc()
    image_page(doc)
    doc.page()
    image_page(doc)
    with pytest.raises(PlanparseError) as err:
        read(doc.bytes(), ocr="off")
    assert err.value.code == "no_text_layer"
    assert str(err.value) == "no usable text layer on pages 1–2; it needs OCR"


def test_blank_scan_is_no_text_even_with_ocr():
    """OCR of images without any text: still one clear error, never an empty success."""
    doc = Doc()
    image_page(doc)
    doc.page()
    image_page(doc)
    with pytest.raises(PlanparseError) as err:
        read(doc.bytes())
    assert err.value.code == "no_text_layer" and "pages 1–2" in str(err.value) and "OCR" in str(err.value)


def test_text_drawn_as_outlines_needs_ocr():
    """Text converted to curves has no text layer either (``--ocr auto`` would read the drawing)."""
    doc = Doc()
    for _ in range(2):
        path = doc.c.beginPath()
        path.moveTo(100, 700)
        path.curveTo(120, 720, 140, 680, 160, 700)
        doc.c.drawPath(path)
        doc.page()
    with pytest.raises(PlanparseError) as err:
        read(doc.bytes(), ocr="off")
    assert err.value.code == "no_text_layer"


def test_one_scanned_page_among_text_pages_is_a_warning():
    doc = Doc()
    for n in range(3):
        doc.line(0, f"第{n + 1}页正文。", indent=2)
        doc.page()
    image_page(doc)
    data = doc.bytes()
    src = read(data)
    assert [(w.code, w.page) for w in src.warnings] == [("ocr_no_text", 4)]
    assert src.pages_ocr == [4]     # OCRed, but a blank image holds no text
    assert [(w.code, w.page) for w in read(data, ocr="off").warnings] == [("no_text_layer", 4)]


def cid_pdf(pages) -> bytes:
    """A PDF whose Type0 font has Identity encoding and no ToUnicode: pdfminer reads
    ``(cid:N)``. ``pages`` holds ``(kind, x, y, payload)``: kind ``cid`` with glyph ids or
    ``latin`` with Helvetica text."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
           b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        4: b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        5: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /FontDescriptor 3 0 R "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids, n = [], 7
    for items in pages:
        ops = []
        for kind, x, y, payload in items:
            if kind == "cid":
                ops.append(f"BT /F1 16 Tf {x} {y} Td <{''.join(f'{c:04X}' for c in payload)}> Tj ET")
            else:
                ops.append(f"BT /F2 12 Tf {x} {y} Td ({payload}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        objs[n] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 4 0 R /F2 6 0 R >> >> /Contents %d 0 R >>" % n)
        kids.append(n + 1)
        n += 2
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def test_cid_only_pdf_is_an_error():
    """Without OCR (``--ocr auto`` would read the pages' rendering instead)."""
    data = cid_pdf([[("cid", 80, 700, list(range(100, 120)))], [("cid", 80, 700, list(range(200, 230)))]])
    with pytest.raises(PlanparseError) as err:
        read(data, ocr="off")
    assert err.value.code == "no_text_layer" and "pages 1–2" in str(err.value)


def test_some_cid_glyphs_are_a_warning_with_page():
    good = [("latin", 80, 700 - 20 * i, f"Plan line {i} with readable text") for i in range(5)]
    data = cid_pdf([good, good + [("cid", 80, 500, [300, 301, 302])]])
    src = read(data)
    assert any(w.code == "unmapped_glyphs" and w.page == 2 for w in src.warnings)
    assert "\ufffd\ufffd\ufffd" in src.raw_text()      # kept visible, never dropped


def test_latin1_looking_run_is_a_warning():
    doc = Doc()
    doc.line(0, "正常的中文正文内容。", indent=2)
    doc.text(LEFT, TOP + 2 * PITCH, "Ã¤Â¸Â­Ã¦Â–Â‡", font="Helvetica")
    src = read(doc.bytes())
    assert [(w.code, w.page) for w in src.warnings] == [("latin1_run", 1)]


def test_truncated_and_garbage_pdfs_are_corrupt():
    doc = Doc()
    doc.line(0, "正文。")
    data = doc.bytes()
    for broken in (data[: len(data) // 2], b"%PDF-1.4\nthis is not a pdf at all"):
        with pytest.raises(PlanparseError) as err:
            read(broken)
        assert err.value.code == "corrupt_pdf"


def test_too_many_pages():
    doc = Doc()
    for _ in range(3):
        doc.line(0, "正文。")
        doc.page()
    with pytest.raises(PlanparseError) as err:
        read(doc.bytes(), max_pages=2)
    assert err.value.code == "too_many_pages" and "3 pages" in str(err.value)


def test_every_page_is_released_before_the_next_is_read(monkeypatch):
    """Memory stays flat: each page is closed right after use (pdfplumber #1339)."""
    from planparse.ingest import pdf as module

    events = []
    close, read_page = pdfplumber.page.Page.close, module.read_page
    monkeypatch.setattr(pdfplumber.page.Page, "close", lambda self: (events.append(("close", self.page_number)), close(self)))
    monkeypatch.setattr(module, "read_page", lambda page, n, tables: (events.append(("read", n)), read_page(page, n, tables))[1])
    doc = Doc()
    for _ in range(3):
        doc.line(0, "正文。")
        doc.page()
    read(doc.bytes())
    assert events[:6] == [("read", 1), ("close", 1), ("read", 2), ("close", 2), ("read", 3), ("close", 3)]


def test_page_list():
    assert page_list([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"


# ---------------------------------------------------------------- whole corpus
SEEDS = sorted(CORPORA.glob("*.txt"))




@pytest.fixture(scope="module")
def corpus():
    return {txt.stem: read_pdf(txt.with_suffix(".pdf"), txt.with_suffix(".pdf").read_bytes(), "", max_pages=None)
            for txt in SEEDS if txt.with_suffix(".pdf").exists()}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_corpus_pdf_reads_back_its_seed(seed, corpus):
    assert seed.stem in corpus, f"{seed.with_suffix('.pdf').name} missing: run make corpora"
    src = corpus[seed.stem]
    pdf_text = re.sub(r"\s+", "", src.raw_text())
    seed_text = re.sub(r"\s+", "", seed.read_text(encoding="utf-8"))
    assert similarity(seed_text, pdf_text) >= 0.995
    assert not [line.text for line in src.lines if page_number_of(line.text)]
    assert not HAN_SPACE_HAN.search(src.raw_text())
    assert src.format == "pdf" and src.encoding is None and src.pages >= 1
    assert src.repairs["page_furniture"] >= src.pages


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_corpus_lines_know_their_pages(seed, corpus):
    """Every line piece (split at its page breaks) is printed on the page the line names,
    checked against an independent reader (pdfium) of that page."""
    src = corpus[seed.stem]
    assert not misplaced_lines(src.lines, seed.with_suffix(".pdf"), lambda t: re.sub(r"\s+", "", t))




def test_generator_is_byte_reproducible_and_made_the_corpus(tmp_path):
    render = load_renderer()
    for seed in SEEDS:
        first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
        render.render(seed, first)
        render.render(seed, second)
        assert first.read_bytes() == second.read_bytes()
        committed = seed.with_suffix(".pdf")
        assert committed.exists() and committed.read_bytes() == first.read_bytes(), \
            f"{committed.name} is stale: run make corpora"


def test_generator_refuses_characters_it_cannot_print():
    render = load_renderer()
    assert render.font_for("中") == render.FONT_GB
    assert render.font_for("關") == render.FONT_GB
    assert render.font_for("·") == render.FONT_LATIN       # not in Adobe-GB1: fallback, not lost
    with pytest.raises(SystemExit):
        render.font_for("\U0001F600")


# ---------------------------------------------------------------- damaged pages, cid message
def raw_pdf(streams: list[tuple[bytes, bytes]]) -> bytes:
    """A minimal PDF with one Helvetica page per ``(content, extra stream dict entries)``."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids, n = [], 4
    for stream, extra in streams:
        objs[n] = b"<< /Length %d %s>>\nstream\n" % (len(stream), extra) + stream + b"\nendstream"
        objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % n)
        kids.append(n + 1)
        n += 2
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n"), {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size + b"".join(b"%010d 00000 n \n" % offsets[k] for k in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


GOOD_PAGE = (b"BT /F1 12 Tf 72 700 Td (Readable plan text on this page.) Tj ET", b"")
BROKEN_PAGE = (b"\xff\xff\xff", b"/Filter /LZWDecode ")   # pdfminer raises while decoding it


def test_one_unreadable_page_is_skipped_with_a_warning():
    src = read(raw_pdf([GOOD_PAGE, BROKEN_PAGE, GOOD_PAGE]))
    assert texts(src) == ["Readable plan text on this page."] * 2
    assert [(w.code, w.page) for w in src.warnings] == [("unreadable_page", 2)]
    assert "skipped" in src.warnings[0].message and src.pages == 3


def test_no_readable_page_is_corrupt():
    with pytest.raises(PlanparseError) as err:
        read(raw_pdf([BROKEN_PAGE, BROKEN_PAGE]))
    assert err.value.code == "corrupt_pdf" and "no page can be read" in str(err.value)


def test_cid_only_message_names_the_missing_unicode_mapping():
    data = cid_pdf([[("cid", 80, 700, list(range(100, 120)))]])
    with pytest.raises(PlanparseError) as err:
        read(data, ocr="off")
    assert "no Unicode mapping" in str(err.value) and "OCR" in str(err.value) and "text/HTML copy" in str(err.value)


# ---------------------------------------------------------------- ragged right, letter-spacing, markers
def test_ragged_right_line_joins_when_the_next_unit_did_not_fit():
    """Not justified: a line ends short of the edge when the next line's first unit
    (一 Han char, or 动” with the closing quote that may not start a line) is wider than
    the room left; a line that had room for it ended its paragraph."""
    doc = Doc()
    for row in range(6):
        doc.line(row, FULL[:27] + "。" if row % 2 else FULL[:28], indent=0)
    doc.line(6, FULL[:26], indent=0)                     # 2 cells of room: "动”" (2 cells) did not fit
    doc.line(7, "动”实施方案。", indent=0)
    doc.line(8, FULL[:25], indent=0)                     # 3 cells of room: "新" would have fitted
    doc.line(9, "新的一段。", indent=0)
    src = read(doc.bytes())
    assert FULL[:26] + "动”实施方案。" in texts(src)
    assert FULL[:25] in texts(src) and "新的一段。" in texts(src)


def test_letter_spaced_latin_gets_no_spaces():
    doc = Doc()
    for row, text in enumerate(["达到100%，完成(shè)任务", "方针政策 and 法律法规"]):
        doc.text(LEFT, TOP + (row + 1) * PITCH, text, step=CELL + 3)   # 3 pt letter-spacing on every char
    src = read(doc.bytes())
    assert texts(src)[0] == "达到100%，完成(shè)任务"


def test_flush_marker_after_a_full_line_continues_when_markers_are_indented():
    """Items (（一） 1.) are set with the first-line indent in this document, so a （2） at the
    left edge after a full line ending in 。 is the paragraph running on."""
    doc = Doc()
    rows = [("（一）第一项任务。", 2), ("（二）第二项任务。", 2), ("1. 第三项任务。", 2),
            (FULL[:26], 2), ("（1）" + FULL[:20] + "。", 0), ("（2）报送材料。", 0)]
    for row, (text, indent) in enumerate(rows):
        doc.line(row, text, indent=indent, justify=row == 3 or row == 4)
    src = read(doc.bytes())
    assert texts(src)[-1] == FULL[:26] + "（1）" + FULL[:20] + "。（2）报送材料。"


def test_title_running_over_a_page_break_joins():
    doc = Doc()
    for row in range(6):
        doc.line(row, FULL[:26] + "。", indent=2 * (row % 2))
    doc.text(LEFT + (BLOCK_W - 10 * 26) / 2, TOP + 21 * PITCH, "某市推进法治政府建设", size=26, step=26)
    doc.footer("— 1 —")
    doc.page()
    doc.text(LEFT + (BLOCK_W - 6 * 26) / 2, TOP + PITCH, "实施方案的通知", size=26, step=26)
    doc.line(2, "各县区：", indent=0)
    doc.footer("— 2 —")
    src = read(doc.bytes())
    assert "某市推进法治政府建设实施方案的通知" in texts(src)


def test_header_row_repeated_after_a_page_break_is_dropped():
    header = ["序号", "工作任务", "牵头单位"]
    doc = Doc()
    doc.line(0, "附件", indent=0)
    draw_table(doc, [header] + [[str(n), f"第{n}项任务", "市司法局"] for n in (1, 2)], TOP + 1.2 * PITCH,
               [20 * mm, 96 * mm, 40 * mm])
    doc.footer("— 1 —")
    doc.page()
    draw_table(doc, [header, ["3", "第3项任务", "市财政局"]], TOP, [20 * mm, 96 * mm, 40 * mm])
    doc.line(3, "另一张表：", indent=0)
    draw_table(doc, [header, ["1", "新表任务", "市审计局"]], TOP + 4 * PITCH, [20 * mm, 96 * mm, 40 * mm])
    doc.footer("— 2 —")
    src = read(doc.bytes())
    assert texts(src).count("序号\t工作任务\t牵头单位") == 2          # the new table keeps its header
    assert "3\t第3项任务\t市财政局" in texts(src)
    assert src.repairs["repeated_table_header"] == 1
    assert src.tables[1].rows[0] == ["3", "第3项任务", "市财政局"]


# ---------------------------------------------------------------- shared label lexicon, title lines
def test_every_unit_label_of_the_shared_lexicon_opens_a_block_after_a_sentence_end():
    """The PDF joiner reads the extractor's labels (data/extract_units.json): 协同部门 too."""
    doc = Doc()
    rows = [(FULL[1:27], 2), (FULL[:27] + "。", 0), ("协同部门：区财政局", 0),
            (FULL[2:28], 2), (FULL[:27] + "。", 0), ("继续写完这一段。", 0)]
    for row, (text, indent) in enumerate(rows):
        doc.line(row, text, indent=indent, justify=len(text) + indent >= 28)
    src = read(doc.bytes())
    assert texts(src) == [rows[0][0] + rows[1][0], "协同部门：区财政局", rows[3][0] + rows[4][0] + rows[5][0]]


def test_short_body_type_line_above_a_large_title_stays_apart():
    """A stray body-size fragment (办公室) over a centred 22pt title is not title text: a
    title join needs the same type size (corpora/003: the title must not read 办公室自治区…)."""
    doc = Doc()
    for row in range(6):
        doc.line(row, FULL[:26] + "。", indent=2 * (row % 2))
    doc.text(LEFT + 2 * CELL, TOP + 7 * PITCH, "办公室")
    for row, text in enumerate(["某自治区党委全面依法治区委员会", "办公室关于开展示范创建的实施意见"]):
        doc.text(LEFT + (BLOCK_W - len(text) * 22) / 2, TOP + 7 * PITCH + 36 * (row + 1), text, size=22, step=22)
    doc.text(LEFT + 2 * CELL, TOP + 7 * PITCH + 36 * 3, "为进一步开展好示范创建活动，现提出以下意见。")
    src = read(doc.bytes())
    assert "办公室" in texts(src)
    assert "某自治区党委全面依法治区委员会办公室关于开展示范创建的实施意见" in texts(src)
    assert [ln.font_size for ln in src.lines if ln.text == "办公室"] == [16]
