"""Responsible units with roles → ``{name, role, label}`` (CONTRACT.md "Units, by example").

Three printed forms, all driven by ``data/extract_units.json``:

* labelled lists — ``责任单位：A、B``, ``（牵头单位：A；配合单位：B）``, ``〈牵头单位：A〉``, on their own
  line or inside brackets, with ``：``, ``:`` or nothing after the label. A label may be broken by
  a page break (``责\\n\\n任单位``); a bracketed list runs on across line breaks until its
  bracket closes;
* a closing bracket whose clauses end in a role verb — ``（A牵头，B、C配合）``,
  ``（A负责落实，完成时限：2023年10月）``; prose (``由A牵头，会同…``) is not bracketed and is
  never read;
* 任务分工 table rows (tab-separated cells under a header naming 牵头单位/配合单位/… columns),
  see :func:`find_table_units`.

A role mark closing a name of a list or cell (``省发展改革委（牵头）、省财政厅``) sets its role and is
not part of the name (:func:`with_role_marks`).

Names are split at ``、，,；;`` outside brackets, kept as printed (no prefix filled in, a
trailing 等 kept), layout whitespace removed and ``<>``/``＜＞`` written as ``〈〉``.
"""
from __future__ import annotations

import regex

from ..brackets import CLOSERS, OPENERS, pieces_outside_brackets
from ..data import (
    deadline_labels,
    load_json,
    unit_name_end_chars,
    unit_name_endings,
    vocabulary_cached,
)
from .confidence import unit_confidence

SEPARATORS = "、，,；;"
ANGLE = str.maketrans({"<": "〈", ">": "〉", "＜": "〈", "＞": "〉"})
STRIP = " \t\r\n\u3000\u2002\u2003\u00a0\u200b。．.，,、；;：:"
MAX_LIST = 400
NEXT_KEY = regex.compile(r"\s*\p{Han}{2,8}[:：]")  # a bracket that never closes must not swallow the item


def tables() -> dict:
    """The data tables of this extractor (``data/extract_units.json``)."""
    return load_json("extract_units.json")


@vocabulary_cached
def label_pattern() -> regex.Pattern:
    """Labels, tolerant of layout whitespace between their characters (page breaks), with
    an optional qualifier (``牵头单位（部门）：``).

    A label opens after a line start, a bracket or punctuation; a label *with a colon*
    also right after the end of a name (``市商务局协同部门：…``), where a text conversion
    joined two label lines.
    """
    t = tables()
    labels = sorted(t["labels"], key=len, reverse=True)
    alts = "|".join(r"\s*".join(regex.escape(ch) for ch in label) for label in labels)
    qualifier = t["label_qualifier"]
    after_name = rf"(?<=[{regex.escape(unit_name_end_chars())}])(?=(?:{alts})(?:{qualifier})?[^\S\n]*[:：])"
    return regex.compile(
        rf"(?:(?<=^|[\s{regex.escape(OPENERS)}；;，,。])|{after_name})(?P<label>{alts})(?:{qualifier})?"
        rf"(?P<colon>[^\S\n]*(?:[:：]|(?P<closed>[】\]]))[^\S\n]*|[^\S\n]+)?"
    )


def _role(label: str, earlier: list[str]) -> str:
    """``责任单位`` is lead unless a 牵头单位-like label came before it in the same item."""
    t = tables()
    if label in t["demoted_after_lead"] and any(e in t["demoting_labels"] for e in earlier):
        return "support"
    return t["labels"][label]


def clean_name(raw: str) -> str:
    """Layout whitespace removed, trailing punctuation stripped, angle brackets as 〈〉."""
    name = "".join(raw.split()).strip(STRIP)
    return name.translate(ANGLE)


def split_names(s: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Names in ``s[start:end]`` split at separators outside brackets, with offsets."""
    out: list = []
    for a, b in pieces_outside_brackets(s, start, end, SEPARATORS):
        _add_name(s, a, b, out)
    return out


def _add_name(s: str, a: int, b: int, out: list) -> None:
    while a < b and s[a] in STRIP:
        a += 1
    while b > a and s[b - 1] in STRIP:
        b -= 1
    name = clean_name(s[a:b])
    if name and ":" not in name and "：" not in name:
        out.append((a, b, name))


@vocabulary_cached
def role_mark_pattern() -> regex.Pattern:
    """A bracket closing a name whose whole content is a role word: ``（牵头）``, ``（按职责分工负责）``."""
    t = tables()
    words = "|".join(regex.escape(w) for w in sorted(t["role_marks"], key=len, reverse=True))
    return regex.compile(rf"[（(]\s*{t['role_mark_filler']}(?P<word>{words}){t['role_mark_tail']}\s*[）)]\s*$")


def with_role_marks(s: str, names: list[tuple[int, int, str]], role: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, name, role)`` for a list read with ``role``: a role mark closing a name
    sets that name's role and is cut from it; when a mark designates the lead
    (``省发展改革委（牵头）、省财政厅``), the unmarked names of the list are support."""
    return _apply_role_marks(s, [(a, b, name, role, False) for a, b, name in names])


def _apply_role_marks(s: str, entries: list[tuple[int, int, str, str, bool]]) -> list[tuple[int, int, str, str]]:
    """:func:`with_role_marks` over ``(start, end, name, role, fixed)``: a name whose role a
    clause verb already set (``fixed``) is not demoted by a lead-designating mark."""
    t = tables()
    marked = []
    for a, b, name, role, fixed in entries:
        m = role_mark_pattern().search(s, a, b)
        word = m.group("word") if m and m.start() > a else None
        if word is not None:
            b = m.start()
            while b > a and s[b - 1].isspace():
                b -= 1
            name = clean_name(s[a:b])
        marked.append((a, b, name, role, fixed, word))
    designated = any(w in t["lead_designating_marks"] for *_, w in marked)
    out = []
    for a, b, name, role, fixed, word in marked:
        if word is not None:
            out.append((a, b, name, t["role_marks"][word] or role))
        elif fixed or not designated:
            out.append((a, b, name, role))
        else:
            out.append((a, b, name, "support"))
    return out


def clauses(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the clauses of ``s[start:end]``, split at ``，,；;`` outside brackets."""
    return pieces_outside_brackets(s, start, end, "，,；;")


def _trimmed(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a] in STRIP:
        a += 1
    while b > a and s[b - 1] in STRIP:
        b -= 1
    return a, b


def _verb_role(verb: str, list_role: str) -> str:
    """A clause verb's role inside a labelled list: a support verb (配合) makes support; a lead
    verb (牵头, 负责) makes lead only in a lead list (``配合单位：市财政局负责`` stays support)."""
    verb_role = tables()["closing_verbs"][verb]
    return "support" if "support" in (verb_role, list_role) else "lead"


def read_unit_list(s: str, start: int, end: int, role: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, name, role)`` of a labelled list or unit cell ``s[start:end]`` read with
    ``role``. Each clause ending in a role verb (``A牵头，B、C配合``, ``各县（区）人民政府负责``)
    gives its names the verb's role (:func:`_verb_role`) and the verb is cut; a clause without
    a verb keeps ``role``. The verb must be the whole ending of the clause (closing_verbs), so
    ``市应急管理局`` is never cut. As with a ``（牵头）`` mark, once a clause names the leader
    (``A牵头，B、C``) the names without a verb are its supporters."""
    entries: list[tuple[int, int, str, str, bool]] = []
    leader_named = False
    for a, b in clauses(s, start, end):
        a, b = _trimmed(s, a, b)
        if a >= b:
            continue
        m = closing_clause_pattern().fullmatch(s, a, b)
        names = split_names(s, m.start("names"), m.end("names")) if m else []
        if m and names:
            entries.extend((x, y, n, _verb_role(m.group("verb"), role), True) for x, y, n in names)
            leader_named |= m.group("verb") in tables()["lead_designating_marks"]
        elif role == "lead" and (joint := support_joiner(s, a, b)):  # A会同B: B supports A
            entries.extend((x, y, n, "lead", False) for x, y, n in split_names(s, a, joint[0]))
            entries.extend((x, y, n, "support", True) for x, y, n in split_names(s, joint[1], b))
        else:
            entries.extend((x, y, n, role, False) for x, y, n in split_names(s, a, b))
    if leader_named:
        entries = [(x, y, n, r if fixed else "support", fixed) for x, y, n, r, fixed in entries]
    return _apply_role_marks(s, entries)


def _in_bracket(s: str, pos: int, previous: tuple[int, bool] | None) -> bool:
    """Whether the label at ``pos`` opens inside a bracket (directly, or after an earlier
    label of the same bracketed list that ended right here)."""
    j = pos - 1
    while j >= 0 and s[j].isspace():
        j -= 1
    if j >= 0 and s[j] in OPENERS:
        return True
    if j >= 0 and s[j] in "；;，," and previous is not None:
        prev_end, prev_in = previous
        return prev_in and prev_end >= j
    return False


def _list_end(s: str, start: int, stop: int, in_bracket: bool) -> int:
    """Where a name list starting at ``start`` ends (before ``stop``, the next label)."""
    depth, limit = 0, min(stop, start + MAX_LIST)
    i = start
    while i < limit:
        ch = s[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth == 0:
                return i
            depth -= 1
        elif ch == "。" and depth == 0:
            return i
        elif ch == "\n" and depth == 0 and not in_bracket:
            before = s[start:i].strip()
            if before and before[-1] not in "、，,":  # an empty label line: names on the next
                return i
        elif ch in "；;，," and depth == 0 and NEXT_KEY.match(s, i + 1):
            return i  # （责任单位：A；完成时限：…）: another key starts
        i += 1
    return limit


def find_labelled_units(s: str) -> list[tuple[int, int, dict]]:
    """Units after labels (责任单位：…, （牵头单位：…；配合单位：…））.

    >>> [(v["name"], v["role"], v["label"]) for *_, v in find_labelled_units("牵头单位：市司法局；配合单位：市财政局、市人社局")]
    [('市司法局', 'lead', '牵头单位'), ('市财政局', 'support', '配合单位'), ('市人社局', 'support', '配合单位')]
    """
    matches = list(label_pattern().finditer(s))
    out: list[tuple[int, int, dict]] = []
    earlier: list[str] = []
    previous: tuple[int, bool] | None = None
    for k, m in enumerate(matches):
        label = "".join(m.group("label").split())
        bracketed = _in_bracket(s, m.start(), previous) and not m.group("closed")  # 【责任单位】…
        if "\t" in (m.group("colon") or ""):
            continue  # a table header cell, read by find_table_units
        if not m.group("colon") and not bracketed and not _at_line_start(s, m.start()):
            continue  # prose mention of a label (明确责任单位…)
        stop = matches[k + 1].start() if k + 1 < len(matches) else len(s)
        end = _list_end(s, m.end(), stop, bracketed)
        role = _role(label, earlier)
        earlier.append(label)
        framed = bracketed or bool(m.group("closed")) or any(c in (m.group("colon") or "") for c in ":：")
        for a, b, name, name_role in read_unit_list(s, m.end(), end, role):
            out.append((a, b, unit_value(name, name_role, label, framed=framed)))
        previous = (end, bracketed)
    return out


def unit_value(name: str, role: str, label: str, *, framed: bool) -> dict:
    """The contract value of one unit, with its :func:`~.confidence.unit_confidence`."""
    return {"name": name, "role": role, "label": label, "confidence": unit_confidence(name, framed=framed)}


def _at_line_start(s: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and s[j] in " \t\u3000\u2002":
        j -= 1
    return j < 0 or s[j] == "\n"


# ---------------------------------------------------------------------------------------
# closing brackets: （市发展改革委牵头，市财政局、市商务局配合）
# ---------------------------------------------------------------------------------------
@vocabulary_cached
def closing_clause_pattern() -> regex.Pattern:
    t = tables()
    verbs = "|".join(regex.escape(v) for v in sorted(t["closing_verbs"], key=len, reverse=True))
    return regex.compile(rf"(?P<names>.+?){t['closing_filler']}(?P<verb>{verbs})", regex.S)


BRACKET_GROUP = regex.compile(r"[（(](?P<body>(?:[^（）()\n]|[（(][^（）()\n]*[）)])+)[）)]")
NON_UNIT_CLAUSE = regex.compile(r"^(?:完成)?(?:时限|时间|期限)[:：]?|^\d{4}年|^[0-9一二三四五六七八九十]+月")


def _looks_like_org(name: str) -> bool:
    """An organ's name: ends like one, and holds no word of prose (``以上数据由统计部门``)."""
    return name.endswith(unit_name_endings()) and _not_prose(name)


def _not_prose(name: str) -> bool:
    t = tables()
    return not name.startswith(tuple(t["prose_starts"])) and not any(w in name for w in t["prose_words"])


def _could_be_unlisted_org(name: str) -> bool:
    """A name with an ending not in the table (``某某工作专班``, a body of a province's own):
    short, Han (and brackets) only, and none of the words a sentence would hold."""
    t = tables()
    return (_not_prose(name) and 2 <= len(name) <= t["unlisted_name_max_chars"]
            and regex.fullmatch(r"[\p{Han}（）()]+", name) is not None
            and not any(w in name for w in t["unlisted_name_blocked"]))


def _names_are_orgs(names: list[str]) -> bool:
    """The names of one closing bracket: every one ends like an organ, or at least one does
    and the others could be organs of an unlisted kind (one unknown ending must not drop
    the whole bracket)."""
    known = [_looks_like_org(n) for n in names]
    return any(known) and all(k or _could_be_unlisted_org(n) for k, n in zip(known, names))


def find_closing_units(s: str) -> list[tuple[int, int, dict]]:
    """Units in a closing bracket of role clauses (label = the verb: 牵头, 配合, 负责).

    >>> [(v["name"], v["role"]) for *_, v in find_closing_units("加强督查（市政府办公室牵头，各区政府负责）")]
    [('市政府办公室', 'lead'), ('各区政府', 'support')]
    """
    out = []
    for g in BRACKET_GROUP.finditer(s):
        if label_pattern().search(g.group("body")):
            continue
        found = _closing_clauses(s, g.start("body"), g.end("body"))
        if found is not None:
            out.extend(found)
    return out


def support_joiner(s: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` of a joining word (会同) in a clause's names, outside brackets: the
    names after it support the names before it (CONVENTIONS: 会同…协同推进 → support).

    >>> s = "省发展改革委会同省财政厅"
    >>> support_joiner(s, 0, len(s))
    (6, 8)
    """
    words = tables()["support_joiners"]
    depth = 0
    for i in range(start, end):
        if s[i] in "（(":
            depth += 1
        elif s[i] in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            for word in words:
                if s.startswith(word, i) and i > start:
                    return i, i + len(word)
    return None


def _closing_clauses(s: str, start: int, end: int) -> list[tuple[int, int, dict]] | None:
    """All clauses of the bracket must be role clauses or time clauses, and their names
    organs (:func:`_names_are_orgs`), else None. A clause of bare names shares the verb of
    the clause after it (``各市、县政府，省政府有关部门负责``: one list, split by a comma);
    after a lead-designating verb (牵头), a plain 负责 clause is support (CONVENTIONS:
    units after 牵头 in the same bracket support it).

    >>> s = "（省政府办公厅牵头，各市、县政府，省政府有关部门负责）"
    >>> [(v["name"], v["role"]) for *_, v in _closing_clauses(s, 1, len(s) - 1)]
    [('省政府办公厅', 'lead'), ('各市', 'support'), ('县政府', 'support'), ('省政府有关部门', 'support')]
    """
    t = tables()
    out: list[tuple[int, int, dict]] = []
    pending: list[tuple[int, int]] = []      # verbless clauses waiting for a verb
    designated = False
    for a, b in clauses(s, start, end):
        body = s[a:b].strip()
        if not body:
            continue
        m = closing_clause_pattern().fullmatch(s, a, b)
        if not m:
            if NON_UNIT_CLAUSE.match(body):
                continue
            pending.append((a, b))
            continue
        verb = m.group("verb")
        role = t["closing_verbs"][verb]
        if designated and role == "lead" and verb not in t["lead_designating_marks"]:
            role = "support"
        designated = designated or verb in t["lead_designating_marks"]
        label = t["closing_verb_label"].get(verb, verb)
        spans = [name for x, y in pending for name in split_names(s, *_trimmed(s, x, y))]
        joined = support_joiner(s, m.start("names"), m.end("names"))
        own_end = joined[0] if joined else m.end("names")
        names = with_role_marks(s, spans + split_names(s, m.start("names"), own_end), role)
        if joined:  # A会同B负责: B supports A
            names += with_role_marks(s, split_names(s, joined[1], m.end("names")), "support")
        pending = []
        if not names:
            return None
        out.extend((x, y, unit_value(n, r, label, framed=True)) for x, y, n, r in names)
    if pending:
        return None
    return out if out and _names_are_orgs([v["name"] for *_, v in out]) else None


# ---------------------------------------------------------------------------------------
# 任务分工 tables
# ---------------------------------------------------------------------------------------
def table_header(line: str) -> list[str] | None:
    """The cells of a 任务分工 header row (tab-separated, naming at least one unit label)."""
    if "\t" not in line:
        return None
    cells = ["".join(c.split()) for c in line.split("\t")]
    labels = tables()["labels"]
    if any(c in labels for c in cells):
        return cells
    return None


def last_table_header(before: str) -> list[str] | None:
    """The nearest header row in the text before an item (tables continue across items)."""
    for line in reversed(before.split("\n")[-200:]):
        header = table_header(line)
        if header:
            return header
    return None


@vocabulary_cached
def row_number_pattern() -> regex.Pattern:
    return regex.compile(tables()["row_number"])


def row_columns(cells: list[str], header: list[str]) -> list[int]:
    """The header column of each cell. Readers keep leading empty cells but lose trailing
    ones, so a row starting with an empty cell or a row number (a continuation row, a
    category row ``1\t…``) is aligned from the left; a row starting with real text has lost
    merged leading cells (序号, 任务) and is aligned from the right."""
    first = "".join(cells[0].split()) if cells else ""
    if not first or row_number_pattern().fullmatch(first):
        shift = 0
    else:
        shift = len(header) - len(cells)
    return [idx + shift for idx in range(len(cells))]


def _row_cells(line: str, line_start: int) -> list[tuple[int, str]]:
    """``(offset, text)`` of the tab-separated cells of a row starting at ``line_start``."""
    out, c = [], line_start
    for cell in line.split("\t"):
        out.append((c, cell))
        c += len(cell) + 1
    return out


def table_rows(s: str, header: list[str] | None):
    """``(header, [(offset, text, column)…])`` for each table row of ``s``; a header row in
    ``s`` replaces the one carried in from before the item."""
    pos = 0
    for line in s.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        own = table_header(line)
        if own:
            header = own
            continue
        if header is None or "\t" not in line:
            continue
        cells = _row_cells(line, line_start)
        columns = row_columns([text for _, text in cells], header)
        yield header, [(c, text, col) for (c, text), col in zip(cells, columns) if 0 <= col < len(header)]


def plausible_unit_cell(cell: str) -> bool:
    """Whether a cell under a unit column can hold organisations: not a lone numeral, not a
    sentence (ends in 。, holds a percent, or long with a clause comma and a piece that does
    not end like an organ)."""
    t = tables()
    compact = "".join(cell.split())
    if any(regex.search(p, compact) for p in t["non_unit_cell_patterns"]):
        return False
    if len(compact) > t["sentence_min_chars"] and any(c in compact for c in t["sentence_commas"]):
        pieces = [n for _, _, n in split_names(compact, 0, len(compact))]
        return all(_looks_like_org(role_mark_pattern().sub("", n)) for n in pieces)
    return True


def find_table_units(s: str, header: list[str] | None) -> list[tuple[int, int, dict]]:
    """Units from the label columns of table rows in ``s`` (cells aligned by :func:`row_columns`).

    >>> header = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    >>> row = "\\t".join(["1", "完善制度", "市司法局", "市财政局、市人社局", "2025年底"])
    >>> [(v["name"], v["role"]) for *_, v in find_table_units(row, header)]
    [('市司法局', 'lead'), ('市财政局', 'support'), ('市人社局', 'support')]
    """
    out = []
    labels = tables()["labels"]
    for row_header, cells in table_rows(s, header):
        earlier: list[str] = []
        for offset, cell, col in cells:
            label = row_header[col]
            if label not in labels:
                continue
            role = _role(label, earlier)
            earlier.append(label)
            if not plausible_unit_cell(cell):
                continue
            for a, b, name, name_role in read_unit_list(s, offset, offset + len(cell), role):
                out.append((a, b, unit_value(name, name_role, label, framed=True)))
    return out


def table_date_cells(s: str, header: list[str] | None) -> list[tuple[int, int]]:
    """``(start, end)`` of cells under a 完成时限 column: their dates are deadlines."""
    date_cols = set(deadline_labels())
    return [(offset, offset + len(cell)) for row_header, cells in table_rows(s, header)
            for offset, cell, col in cells if row_header[col] in date_cols]


def find_units(s: str, table: list[str] | None = None) -> list[tuple[int, int, dict]]:
    """Every unit in an item's own text ``s``, in reading order, duplicates dropped.

    >>> [(v["name"], v["role"]) for *_, v in find_units("（责任单位：市司法局，配合单位：市财政局）")]
    [('市司法局', 'lead'), ('市财政局', 'support')]
    """
    found = find_labelled_units(s) + find_closing_units(s) + find_table_units(s, table)
    seen, out = set(), []
    for a, b, v in sorted(found, key=lambda x: x[0]):
        key = (v["name"], v["role"])
        if key not in seen:
            seen.add(key)
            out.append((a, b, v))
    return out
