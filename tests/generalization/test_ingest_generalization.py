"""PDF layouts the corpora renderings lack, read back as well as the GB/T 9704 ones.

``tests/tools/render_pdf.py`` renders corpora seeds with the layouts of
:data:`render_pdf.LAYOUTS` (page numbers ``- 3 -``, ``第3页``, ``第 3 页 共 10 页``,
``3/10`` and bare ``3``, odd/even alternating sides, running headers with a rule, ragged
right, wider letter-spacing, a 25 mm text block, larger titles over three lines, task
tables on landscape pages with their header row repeated after each page break, a 版记
between rules). Every rendering must read back like the seed: no page furniture left, no
space between Han characters, every line on the page it is printed on, and the whole
pipeline scoring within :data:`TOLERANCE` of the seed's ``.txt`` on every field.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from planparse.evaluate import evaluate
from planparse.ingest import ingest
from planparse.ingest.pdf import page_number_of
from planparse.pipeline import parse

from ..helpers import load_renderer, misplaced_lines, similarity

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
GOLD = ROOT / "tests" / "gold"
SEEDS = {p.stem[:3]: p for p in sorted(CORPORA.glob("*.txt"))}
TOLERANCE = 0.01
MIN_SIMILARITY = 0.995
HAN_SPACE_HAN = re.compile(r"[\u3400-\u9fff] +[\u3400-\u9fff]")
NOT_HAN = re.compile(r"[^\u3400-\u9fff]+")   # pdfium drops some letter-spaced pinyin vowels
# Two seeds per layout keep the module fast; every seed and the table seed (003) are covered.
CASES = [("dash_outside", "000"), ("dash_outside", "004"), ("di_ye", "001"), ("di_ye", "003"),
         ("di_ye_gong", "001"), ("slash", "002"),
         ("bare", "001"), ("bare", "003"), ("tables", "003"), ("tables", "000")]






def flat(scores: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in scores.items():
        out.update(flat(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}": value})
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """``(layout, seed)`` → (pdf path, SourceText, flat scores); plus the clean ``.txt`` scores."""
    render = load_renderer()
    root = tmp_path_factory.mktemp("layouts")
    pred = root / "pred"
    pred.mkdir()
    result = {}
    for layout, seed in CASES:
        pdf = root / f"{SEEDS[seed].stem}.{layout}.pdf"
        render.render(SEEDS[seed], pdf, render.LAYOUTS[layout])
        (pred / f"{SEEDS[seed].stem}.{layout}.json").write_text(parse(pdf).to_json(), encoding="utf-8")
        result[(layout, seed)] = [pdf, ingest(pdf)]
    for seed in {seed for _, seed in CASES}:
        (pred / f"{SEEDS[seed].stem}.json").write_text(parse(SEEDS[seed]).to_json(), encoding="utf-8")
    rows = {(r["name"][:3], r["variant"]): flat(r["scores"]) for r in evaluate(GOLD, pred)["files"]}
    for (layout, seed), entry in result.items():
        entry.append(rows[(seed, layout)])
    return result, rows, render


@pytest.mark.parametrize("layout, seed", CASES)
def test_layout_reads_back_without_furniture(rendered, layout, seed):
    cases, _, render = rendered
    _, src, _ = cases[(layout, seed)]
    texts = [line.text for line in src.lines]
    assert not [t for t in texts if page_number_of(t)], "page numbers left"
    header = render.LAYOUTS[layout].header
    assert not header or header not in texts, "running header left"
    assert not HAN_SPACE_HAN.search(src.raw_text())
    assert src.repairs["page_furniture"] >= src.pages * (2 if header else 1)
    imprint = "".join(render.LAYOUTS[layout].imprint)
    seed_text = re.sub(r"\s+", "", SEEDS[seed].read_text(encoding="utf-8")) + re.sub(r"\s+", "", imprint)
    assert similarity(seed_text, re.sub(r"\s+", "", src.raw_text())) >= MIN_SIMILARITY


@pytest.mark.parametrize("layout, seed", CASES)
def test_layout_lines_are_on_their_pages(rendered, layout, seed):
    """Every piece of a line (split at its page breaks) is printed on the page it names,
    checked with an independent reader (pdfium), on Han characters only."""
    cases, _, _ = rendered
    pdf_path, src, _ = cases[(layout, seed)]
    assert not misplaced_lines(src.lines, pdf_path, lambda t: NOT_HAN.sub("", t))


@pytest.mark.parametrize("layout, seed", CASES)
def test_layout_scores_like_the_clean_text(rendered, layout, seed):
    cases, rows, _ = rendered
    scores = cases[(layout, seed)][2]
    clean = rows[(seed, "orig")]
    off = {k: (clean[k], scores.get(k)) for k in clean
           if (clean[k] is None) != (scores.get(k) is None)
           or (clean[k] is not None and abs(clean[k] - scores[k]) > TOLERANCE)}
    assert not off, f"{layout}/{seed}: (clean txt, pdf) {off}"


def test_repeated_table_header_is_no_data_row(rendered):
    """003's two indicator tables run over many landscape pages, each page repeating the
    header row; only the two printed headers stay."""
    cases, _, _ = rendered
    _, src, _ = cases[("tables", "003")]
    headers = [line.text for line in src.lines if line.text.replace("\t", "") == "一级指标二级指标三级指标"]
    seed_headers = [t for t in SEEDS["003"].read_text(encoding="utf-8").splitlines()
                    if t.replace("\t", "").replace(" ", "") == "一级指标二级指标三级指标"]
    assert len(headers) == len(seed_headers) == 2
    assert src.repairs["repeated_table_header"] >= 10
    assert sum(1 for t in src.tables if t.rows and "一级指标" in (t.rows[0][0] or "")) == 2


def test_table_pages_are_landscape_and_imprint_lines_stay_apart(rendered):
    import pdfplumber

    cases, _, _ = rendered
    with pdfplumber.open(cases[("tables", "003")][0]) as pdf:
        assert sum(p.width > p.height for p in pdf.pages) >= 10
    texts = [line.text for line in cases[("tables", "000")][1].lines]
    assert texts[-2:] == ["抄送：市委各部门，市人大常委会办公室，市政协办公室。", "市人民政府办公室 2024年3月5日印发"]


def test_odd_pages_number_right_even_left(rendered):
    """The alternating layout really alternates (else the test proves nothing)."""
    import pdfplumber

    cases, _, _ = rendered
    with pdfplumber.open(cases[("dash_outside", "000")][0]) as pdf:
        sides = []
        for page in pdf.pages[:4]:
            words = [w for w in page.extract_words() if re.fullmatch(r"-\d+-|-", w["text"])]
            sides.append(words[-1]["x0"] > page.width / 2)
            page.close()
    assert sides == [True, False, True, False]


# ---------------------------------------------------------------- a gov-site re-post (GBK)
REPOST = Path(__file__).parent / "ingest" / "gov_repost.html"
REPOST_TEXT = """临川市人民政府办公室关于印发临川市2024年优化营商环境工作要点的通知
临政办发〔2024〕5号
各县（区）人民政府，市政府各部门：
《临川市2024年优化营商环境工作要点》已经市政府同意，现印发给你们，请认真贯彻落实。
临川市人民政府办公室
2024年3月1日
临川市2024年优化营商环境工作要点
一、提升政务服务效能
1.推行“一件事一次办”。年底前实现高频事项全覆盖，网上可办率达到95%以上。
责任单位：市政务服务中心
二、任务分工
序号\t工作任务\t牵头单位\t完成时限
1\t压减审批时限\t市审批局\t2024年6月底
2\t清理涉企收费\t市发改委\t2024年12月底"""


def test_gov_repost_html_body_is_clean_and_furniture_counted():
    """Nav bar, breadcrumb, info bar (发布时间/来源/浏览次数), 【字体：大 中 小】, print/close,
    附件下载, share bar, QR line, 相关链接 and the 主办单位/ICP footer all go; &nbsp;
    indents and <br> become line edges; table rows become tab-joined lines."""
    from planparse.normalize import normalize

    source = ingest(REPOST)
    assert source.encoding == "gb2312" and source.format == "html"
    text = normalize(source)
    assert text.text == REPOST_TEXT
    assert text.repairs["web_furniture"] >= 9


def test_gov_repost_footer_is_no_unit_and_table_rows_are_items():
    document = parse(REPOST)
    assert document.metadata.doc_number == "临政办发〔2024〕5号"
    assert document.metadata.issuer == "临川市人民政府办公室"
    units = {(u.role, u.name) for item in document.items for u in item.units}
    assert units == {("lead", "市政务服务中心"), ("lead", "市审批局"), ("lead", "市发改委")}
