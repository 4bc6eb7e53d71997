"""Render a plain-text notice as a styled DOCX the way Word users write them: outline
markers (一、 （一） 1. （1）) become Word auto-numbering (numbering.xml, the marker is not in
the paragraph text), titles are set large and bold, task-table rows become a Word table.

Used by the tests to check that DOCX input scores like the text it was made from (issue:
every input form). Deterministic: the same text gives the same document structure.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

CN = "零一二三四五六七八九十"
LEVELS = [  # (marker regex, Word number format, level text)
    (re.compile(r"^(?P<n>[一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
    (re.compile(r"^[（(](?P<n>[一二三四五六七八九十]+)[）)]"), "chineseCounting", "（%1）"),
    (re.compile(r"^(?P<n>\d{1,2})[.．](?!\d)"), "decimal", "%1."),
    (re.compile(r"^[（(](?P<n>\d{1,2})[）)]"), "decimal", "（%1）"),
]
TITLE = re.compile(r"^[^，。；：:]{4,60}(?:通知|方案|要点|意见|办法|计划|规划)$")


def cn_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return CN.index(text)
    if text.startswith("十"):
        return 10 + (CN.index(text[1]) if len(text) > 1 else 0)
    tens, _, ones = text.partition("十")
    return CN.index(tens) * 10 + (CN.index(ones) if ones else 0)


class NumberingWriter:
    """One single-level list per style; a run of siblings that does not continue the
    previous number starts a new ``w:num`` with a start override, as Word does on restart."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.abstract_ids: dict[int, int] = {}
        self.current: dict[int, tuple[int, int]] = {}   # level → (numId, last number)
        self.next_abstract = 900
        self.next_num = 900

    def abstract(self, level: int) -> int:
        if level not in self.abstract_ids:
            _, fmt, text = LEVELS[level]
            aid = self.next_abstract
            self.next_abstract += 1
            xml = (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                   f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(parse_xml(xml))
            else:
                self.root.append(parse_xml(xml))
            self.abstract_ids[level] = aid
        return self.abstract_ids[level]

    def num_for(self, level: int, number: int) -> int:
        current = self.current.get(level)
        if current and current[1] + 1 == number:
            self.current[level] = (current[0], number)
            return current[0]
        num_id = self.next_num
        self.next_num += 1
        self.root.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{self.abstract(level)}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{number}"/></w:lvlOverride></w:num>'))
        self.current[level] = (num_id, number)
        for deeper in [k for k in self.current if k > level]:
            del self.current[deeper]
        return num_id


def numbered(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def render(text: str, path: Path) -> Path:
    document = Document()
    document.styles["Normal"].font.size = Pt(16)
    numbering = NumberingWriter(document)
    rows: list[list[str]] = []

    def flush_table() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                table.cell(i, j).text = cell
        rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush_table()
        stripped = line.strip()
        if not stripped:
            continue
        for level, (pattern, _, _) in enumerate(LEVELS):
            if m := pattern.match(stripped):
                paragraph = document.add_paragraph(stripped[m.end():].lstrip())
                numbered(paragraph, numbering.num_for(level, cn_value(m.group("n"))))
                break
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(stripped)
            if TITLE.match(stripped):
                run.font.size, run.font.bold = Pt(22), True
    flush_table()
    document.save(path)
    return path


if __name__ == "__main__":
    for name in sys.argv[1:]:
        source = Path(name)
        print(render(source.read_text(encoding="utf-8"), source.with_suffix(".docx")))
