"""Task tables whose cells and rows a copy ran together, given back their rows and cells.

A CSV field or a scraped page often keeps a 任务分工 table as its header cells, one per
line, and then every row run into one line without a separator::

    序号
    重点任务
    责任部门
    时间进度1发布一批科技成果包科技部会同有关部门2016年6月底前完成2建立…

This fixer puts the header on one tab-separated line and each row on its own line with
tab-separated cells (``1⇥发布一批科技成果包⇥科技部会同有关部门⇥2016年6月底前完成``), so the
segmenter and the unit extractor read it as they read any task table. It only inserts
line breaks and tabs (and turns the header's line breaks into tabs): every character keeps
its provenance.

Where the cells are:

* a row ends with its time cell (the header's last column must be a time column, a
  deadline label): a date with its verb (``2016年6月底前完成``) or an ongoing phrase
  (``持续推进``), data in ``segment.json`` ``time_cell``; rows are numbered 1, 2, 3 … in order;
* the unit cell is the longest tail of the rest that is a list of organ names (each ends
  in an organ ending after a stem, ``等`` allowed, joined by 、 or 会同/协同…); where its first
  name's start is not certain, a name the same table prints elsewhere as a whole cell entry
  wins, then one opening like a national organ (``organs.json`` ``organ_prefixes``), then
  the shortest.
"""
from __future__ import annotations

import regex

from ..data import deadline_labels, load_json, unit_labels, vocabulary_cached
from ..segment.tables import TASK_TABLE_HEADER
from .context import Context
from .edits import Edit

MAX_HEADER_CELL = 8
MIN_ROWS = 2
MAX_UNIT_NAME = 20
NAME_SEPARATORS = "、，,；;"
HEADER_CELL = regex.compile(r"^\p{Han}{2,8}$")


@vocabulary_cached
def time_cell_pattern() -> regex.Pattern[str]:
    """A time cell at the end of a row: a date (year, month, quarter, period word) with
    an optional 前 and verb, or an ongoing phrase."""
    table = load_json("segment.json")["time_cell"]
    verbs = "|".join(regex.escape(v) for v in sorted(table["verbs"], key=len, reverse=True))
    ongoing = "|".join(regex.escape(v) for v in sorted(table["ongoing"], key=len, reverse=True))
    date = (r"(?:(?:19|20)\d\d年(?:\d{1,2}月|第?[一二三四1-4]季度|上半年|下半年)?|\d{1,2}月)"
            r"(?:底|末|上旬|中旬|下旬)?(?:前|以前|之前|内)?")
    return regex.compile(rf"(?:{date}(?:{verbs}){{0,3}}(?:[，,；;]?(?:{ongoing}))?|{ongoing})$")


@vocabulary_cached
def _joiners() -> regex.Pattern[str]:
    words = load_json("extract_units.json")["support_joiners"]
    return regex.compile(f"[{NAME_SEPARATORS}]|" + "|".join(regex.escape(w) for w in words))


def _organs():
    from ..segment import metadata  # the organ-name rules of the segmenter: one place

    return metadata


def organ_like(name: str) -> bool:
    """A whole organ name as a cell prints it (``科技部``, ``自然科学基金会等``, ``有关部门``).

    >>> organ_like("科技部"), organ_like("中科院等"), organ_like("有关地方政府"), organ_like("科技成果包")
    (True, True, True, False)
    """
    name = name[:-1] if name.endswith("等") else name
    return 2 < len(name) <= MAX_UNIT_NAME and _organs().is_stemmed_organ(name)


def unit_pieces(cell: str) -> list[str] | None:
    """The names of a unit cell, or None when any piece is no organ name."""
    pieces = [p for p in _joiners().split(cell)]
    return pieces if pieces and all(organ_like(p) for p in pieces) else None


def header_at(lines: list[str], i: int) -> int | None:
    """The number of header cells when ``lines[i]`` opens a one-cell-per-line header that
    names 序号, a task column, and ends with a time column (its last line may carry the rows)."""
    if "序" not in lines[i] or "".join(lines[i].split()) != "序号":
        return None
    labels = set(unit_labels())
    times = set(deadline_labels())
    cells = ["序号"]
    for line in lines[i + 1:i + 8]:
        cell = "".join(line.split())
        last = next((t for t in sorted(times, key=len, reverse=True) if cell.startswith(t)), None)
        if last and len(cells) >= 2:
            cells.append(last)
            break
        if not HEADER_CELL.match(cell) or len(cell) > MAX_HEADER_CELL:
            return None
        cells.append(cell)
    else:
        return None
    has_task = any(w in c for c in cells for w in TASK_TABLE_HEADER)
    has_units = any(c in labels for c in cells)
    return len(cells) if has_task and has_units else None


def split_rows(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each row of run-together rows numbered 1, 2, 3 …, each ending
    with a time cell; empty when the text is not such rows.

    >>> body = "1发布成果包科技部2016年6月底前完成2建立信息系统科技部、财政部持续推进"
    >>> [body[a:b] for a, b in split_rows(body)]
    ['1发布成果包科技部2016年6月底前完成', '2建立信息系统科技部、财政部持续推进']
    """
    if not body.startswith("1") or body[1:2].isdigit():
        return []
    rows, start, number = [], 0, 1
    while True:
        following = str(number + 1)
        cut = next((m.start() for m in regex.finditer(regex.escape(following) + r"(?!\d)", body, pos=start + len(str(number)) + 1)
                    if time_cell_pattern().search(body, start + len(str(number)), m.start())), None)
        if cut is None:
            rows.append((start, len(body)))
            break
        rows.append((start, cut))
        start, number = cut, number + 1
    if len(rows) < MIN_ROWS or not time_cell_pattern().search(body, rows[-1][0], rows[-1][1]):
        return []
    return rows


def known_names(rests: list[str]) -> set[str]:
    """Names the table prints as whole entries of a list (after a 、 or a 会同): certain."""
    found: set[str] = set()
    for rest in rests:
        pieces = _joiners().split(rest)
        found.update(p for p in pieces[1:] if organ_like(p))
    return found


def unit_start(rest: str, known: set[str]) -> int | None:
    """Where the unit cell starts in a row's text before its time cell."""
    starts = []
    for i in range(2, len(rest) - 1):
        pieces = unit_pieces(rest[i:])
        if pieces and not _joiner_before(rest, i):
            starts.append((i, pieces[0]))
    if not starts:
        return None
    prefixes = tuple(load_json("organs.json")["organ_prefixes"])
    for wanted in (lambda name: name in known or name.rstrip("等") in known,
                   lambda name: name.startswith(prefixes)):
        chosen = [i for i, first in starts if wanted(first)]
        if chosen:
            return chosen[0]
    return starts[-1][0]


def _joiner_before(rest: str, i: int) -> bool:
    """``rest[:i]`` ends in (or ``i`` cuts) a separator or a joiner word: ``i`` is inside
    the unit list, not where it starts."""
    return any(m.start() < i <= m.end() for m in _joiners().finditer(rest, max(0, i - 4), min(len(rest), i + 4)))


def row_cells(row: str, known: set[str]) -> list[int]:
    """Offsets inside ``row`` where its cells after the number start (task, units, time)."""
    number = len(regex.match(r"\d+", row).group(0))
    time = time_cell_pattern().search(row, number)
    cuts = [number]
    rest = row[number:time.start()] if time else row[number:]
    at = unit_start(rest, known)
    if at is not None:
        cuts.append(number + at)
    if time:
        cuts.append(time.start())
    return cuts


def restored_table_rows(text: str, ctx: Context | None = None) -> list[Edit]:
    """Header cells onto one tab-separated line, run-together rows onto one line each.

    >>> from planparse.normalize.registry import run
    >>> table = "序号\\n重点任务\\n责任部门\\n时间进度1发布成果包科技部会同有关部门2016年6月底前完成2建立信息系统科技部、财政部持续推进"
    >>> run(restored_table_rows, table, "record").split("\\n")
    ['序号\\t重点任务\\t责任部门\\t时间进度', '1\\t发布成果包\\t科技部会同有关部门\\t2016年6月底前完成', '2\\t建立信息系统\\t科技部、财政部\\t持续推进']
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    edits: list[Edit] = []
    for i in range(len(lines)):
        cells = header_at(lines, i)
        if cells is None:
            continue
        last = i + cells - 1
        time_word = next(t for t in sorted(deadline_labels(), key=len, reverse=True)
                         if "".join(lines[last].split()).startswith(t))
        body_at = lines[last].index(time_word[-1]) + 1
        body = lines[last][body_at:]
        rows = split_rows(body)
        if not rows:
            continue
        edits += [(starts[k] + len(lines[k]), starts[k] + len(lines[k]) + 1, "\t") for k in range(i, last)]
        rests = []
        for a, b in rows:
            time = time_cell_pattern().search(body, a + 1, b)
            rests.append(regex.sub(r"^\d+", "", body[a:time.start() if time else b]))
        known = known_names(rests)
        base = starts[last] + body_at
        for a, b in rows:
            edits.append((base + a, base + a, "\n"))
            edits += [(base + a + cut, base + a + cut, "\t") for cut in row_cells(body[a:b], known)]
    return sorted(edits)
