"""Documents for the export tests, built three ways.

- ``corpus_documents``: what the pipeline makes of ``corpora/*.txt`` today (counts move
  as the stages improve, so tests compare exports with the JSON, never with numbers);
- ``gold_document``: a realistic Document assembled from ``tests/gold`` and the corpus
  text (item texts cut at the gold titles), so the exporters see full outlines, units,
  targets and dates whatever the state of the pipeline;
- ``hostile_document``: a small hand-made Document full of markup and formula bait;
- ``flattened_document``: a badly flattened 任务分工 text through the real pipeline, whose
  unit extractor reads task phrases as units (they must come out ``low``).
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from planparse import contract as c
from planparse.pipeline import parse

ROOT = Path(__file__).resolve().parents[2]
CORPORA = sorted((ROOT / "corpora").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"
CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones or not head else "")


def marker(level: int, n: int) -> str:
    return {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}."}.get(level, f"（{n}）")


@cache
def corpus_documents() -> tuple[c.Document, ...]:
    return tuple(parse(p) for p in CORPORA)


def cut_texts(text: str, titles: list[str]) -> list[tuple[int, int]]:
    """Spans from the line holding each title (found in order) to the next title's line."""
    starts, cursor = [], 0
    for title in titles:
        at = text.find(title, cursor) if title else -1
        if at < 0:
            starts.append(None)
            continue
        line_start = text.rfind("\n", 0, at) + 1
        starts.append(line_start)
        cursor = at + len(title)
    spans, known = [], [s for s in starts if s is not None] + [len(text)]
    for s in starts:
        if s is None:
            spans.append((0, 0))
        else:
            spans.append((s, next(k for k in known if k > s)))
    return spans


@cache
def gold_document(stem: str) -> c.Document:
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    raw = (ROOT / "corpora" / f"{stem}.txt").read_bytes()
    text = raw.decode("utf-8")
    spans = cut_texts(text, [g["title"] for g in gold["items"]])
    items: list[c.Item] = []
    open_ids: dict[tuple, str] = {}
    for g, (start, end) in zip(gold["items"], spans):
        part, path = g.get("part", 0), g["path"]
        base = f"p{part}-" + ".".join(map(str, path))
        item_id, n = base, 1
        while any(i.id == item_id for i in items):
            n += 1
            item_id = f"{base}#{n}"
        parent = next((open_ids[(part, *path[:d])] for d in range(len(path) - 1, 0, -1)
                       if (part, *path[:d]) in open_ids), None)
        open_ids[(part, *path)] = item_id
        body = text[start:end].strip() or g["title"]
        items.append(c.Item(
            id=item_id, part=part, path=path, level=len(path), parent=parent, title=g["title"], text=body,
            markers=[marker(level, k) for level, k in enumerate(path, start=1)],
            units=[c.Unit(name=u, role="lead", label="责任单位") for u in g["lead"]]
            + [c.Unit(name=u, role="support", label="配合单位") for u in g["support"]],
            targets=[c.Target(text=t["text"], value=t["value"], unit="%", comparator=t["cmp"]) for t in g["percents"]],
            dates=[c.DateExpr(**d) for d in g["dates"]],
            page=None, span=(start, end),
        ))
    parts = sorted({i.part for i in items})
    return c.Document(
        source=c.Source(name=f"{stem}.txt", sha256="0" * 64, format="txt", encoding="utf-8"),
        metadata=c.Metadata(**gold["metadata"]),
        normalization=c.Normalization(),
        parts=[c.Part(index=p, title=f"gold part {p}", kind="plan") for p in parts],
        items=items,
    )


def gold_stems() -> list[str]:
    return sorted(p.stem for p in GOLD.glob("*.json"))


FLATTENED = """某市数字政府建设2024年工作要点
一、夯实数字基础设施
（一）建设边缘计算节点。
序号 任务 牵头单位 完成时限
1 边缘计算节点建设
牵头单位 完成边缘服务组件的部署及调试
市大数据局 2024年6月底前
（二）完善政务数据平台。（牵头单位：市大数据局；配合单位：市财政局、各县（市、区）人民政府）2024年12月底前完成。
二、强化应用支撑
（一）推进一网通办。牵头单位：推进政务服务事项标准化的梳理及发布，市政务服务局
（二）深化一网统管。责任单位：市城市运行管理中心
"""


@cache
def flattened_document() -> c.Document:
    """A table flattened to lines (cells run together, a task where its unit was), parsed."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "flattened.txt"
        path.write_text(FLATTENED, encoding="utf-8")
        return parse(path)


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def hostile_document() -> c.Document:
    """Markup in every text field, formula bait, an extraction absent from its text, pages, warnings."""
    unit = c.Unit(name=f"市{IMG}局", role="lead", label=f"责任单位{IMG}")
    chapter = c.Item(
        id="p0-1", part=0, path=[1], markers=["一、"], level=1, parent=None,
        title=f"总体要求{SCRIPT}", text=f"一、总体要求{SCRIPT}", page=1, span=(0, 20),
    )
    section = c.Item(
        id="p0-1.1", part=0, path=[1, 1], markers=["一、", "（一）"], level=2, parent="p0-1",
        title=f"标题{IMG}", text=f"（一）标题{IMG}。到2025年，公开率达到100%。", page=1, span=(20, 60),
        dates=[c.DateExpr(text="到2025年", kind="deadline", value="2025-12-31")],
        targets=[c.Target(text="达到100%", metric="公开率", value=100, unit="%", comparator=">=")],
    )
    task = c.Item(
        id="p0-1.1.1", part=0, path=[1, 1, 1], markers=["一、", "（一）", "1."], level=3, parent="p0-1.1",
        title="=HYPERLINK(\"http://x\")", text=f"1.=cmd|' /C calc'!A0 处理{SCRIPT}。\n责任单位：市{IMG}局；配合单位：@SUM(1)",
        units=[unit, c.Unit(name="@SUM(1)", role="support", label="配合单位"),
               c.Unit(name="<b>不在正文</b>", role="support", label="配合单位")],
        dates=[c.DateExpr(text="6月底前", kind="deadline", value="2025-06-30")],
        page=2, span=(60, 120),
    )
    orphan = c.Item(
        id="p1-1#2", part=1, path=[1], markers=["一、"], level=1, parent=None,
        title="附件", text="一、附件 -5%以内", page=3, span=(120, 140),
        targets=[c.Target(text="-5%以内", value=-5, unit="%", comparator="<=")],
    )
    return c.Document(
        source=c.Source(name=f"恶意{SCRIPT}.pdf", sha256="ab" * 32, format="pdf", pages=3),
        metadata=c.Metadata(title=f"关于印发{SCRIPT}的通知", doc_number=f"办发〔2025〕1号{IMG}", issuer=IMG),
        normalization=c.Normalization(
            repairs=[c.Repair(kind=f"joined_line{SCRIPT}", count=3)],
            warnings=[c.Warning_(code="odd", message=f"看起来可疑{IMG}", page=2, offset=70),
                      c.Warning_(code="plain", message="无偏移")],
        ),
        parts=[c.Part(index=0, title=f"方案{SCRIPT}", kind="plan"), c.Part(index=1, title="附件", kind="annex")],
        items=[chapter, section, task, orphan],
    )
