"""Cover-notice metadata (发文字号, 发文机关, title, 主送, 成文日期) and the 版记.

A cover notice (GB/T 9704 公文) is: optional 版头 (`XXX文件`), 发文字号, title lines,
主送机关 line ending in `：`, body, signature (发文机关署名), 成文日期, and an optional
`（此件公开发布）`. The plan itself starts after it. The 版记 (抄送, 印发机关 + 印发日期)
closes the file.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ..brackets import split_outside_brackets
from ..data import load_json
from . import tables as T
from .lines import TextLine, non_blank
from .numerals import DATE_RE, FULLWIDTH_DIGITS, match_to_iso, parse_full_date

DOC_NUMBER_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[〔\[［（(【]\s*(?P<year>(?:19|20)\d\d)\s*[〕\]］）)】]\s*"
    r"(?P<no>\d{1,4})\s*号"
)
SIGNER_RE = re.compile(r"签\s*发\s*人\s*[:：]")
PUBLICATION_RE = re.compile(rf"^{T.PUBLICATION}$")
COVER_FORMULA_RE = re.compile(T.COVER_FORMULA)
DECREE_HEAD_RE = re.compile(rf"^{T.DECREE_HEAD}\s*(?:{T.DECREE_NUMBER})?$")
DECREE_NUMBER_RE = re.compile(rf"^{T.DECREE_NUMBER}$")
DECREE_LOOKAHEAD = 8   # lines from the 令 header to its 公布 date (number, 公布 sentence, 市长 …)
MASTHEAD_ALONE_RE = re.compile(T.MASTHEAD_ALONE)
MASTHEAD_RE = re.compile(rf"^{T.MASTHEAD}$")
PLAN_START_RE = re.compile(rf"^(?:{T.CN}、|第{T.CN}(?:部分|章|节|条))")  # lines a cover notice never opens with
LAYOUT_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f])[\s?]+|[\s?]+(?=[^\x00-\x7f])")
CC_RE = re.compile(rf"^{T.CC_LABEL}\s*(?P<rest>.*)$")
PRINT_LINE_RE = re.compile(rf"^[（(]?(?P<organ>.*?)[\s?]*(?P<date>{DATE_RE.pattern})\s*{T.PRINT_SUFFIX}[）)]?$")  # (…印发) too
WIDE_GAP_RE = re.compile(r"(?:[ ?\u2002\u2003]{2,}|\u3000+)")
GAP_MARKS_RE = re.compile(r"[，,：:；;·]+")  # marks an engine reads in the gap between two signing organs
SIGNATURE_STRAYS = " ?\u3000“”‘’\"'"  # no organ's name opens or closes with a quote (OCR reads ink as one)
MAX_SIGNERS = 12  # organ lines a joint signature may stack above the date (十二部门 …)
MAX_RECIPIENT_LINES = 4  # lines a wrapped 主送 list may run over
RECIPIENT_SEPARATORS = "，,；;、"
CLOSING_TAIL = 8  # non-blank lines at the end of a file where a closing signature may sit


def squeeze(s: str) -> str:
    """Remove layout spaces next to Han characters (`关于 印发` → `关于印发`)."""
    return LAYOUT_SPACE_RE.sub("", s).strip()


@functools.cache
def _more_than(n: int) -> re.Pattern[str]:
    return re.compile(rf"[\s?]*(?:[^\s?][\s?]*){{{n + 1}}}")


def longer_than(s: str, n: int) -> bool:
    """``s`` holds more than ``n`` characters that are neither blank nor ``?``, so no
    squeezing brings it down to ``n`` — read from the first ``n + 1`` of them only, so a
    megabyte-long line is rejected as a title or date without being squeezed first.

    >>> longer_than("关 于 印 发", 4), longer_than("关 于 印 发", 3), longer_than("x" * 10**6, 60)
    (False, True, True)
    """
    return _more_than(n).match(s) is not None


DATE_MAX_CHARS = 16  # the longest 成文日期 without blanks: 二〇二三年十二月三十一日 (12), 2023年12月31日 (11)


def normalise_doc_number(m: re.Match) -> str:
    """The 字号 with 〔〕; a 机关代字 never holds `文件` (a 版头 run onto the same line)."""
    prefix = m.group("prefix").split("文件")[-1]
    return f"{prefix}〔{m.group('year')}〕{m.group('no')}号"


ISO_LIKE_DATE = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})")


def iso_date_of(value: str) -> str | None:
    """An ISO date from a field value: ``2023年8月5日``, ``2023-08-05``, ``2023/8/5 10:00``.

    >>> iso_date_of("2023/8/5 10:00:00"), iso_date_of("二〇二三年八月五日"), iso_date_of("待定")
    ('2023-08-05', '2023-08-05', None)
    """
    if m := ISO_LIKE_DATE.search(value):
        year, month, day = map(int, m.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return None
    return parse_full_date(value)


def doc_number_form(value: str) -> str:
    """A 发文字号 field value in the contract's form (brackets 〔〕), as printed otherwise."""
    m = DOC_NUMBER_RE.search(value)
    return normalise_doc_number(m) if m else value.strip()


def is_organ(s: str) -> bool:
    s = squeeze(s)
    return 2 <= len(s) <= 40 and not any(p in s for p in T.TERMINAL_PUNCT) and s.endswith(T.ORGAN_SUFFIXES)


def date_only(content: str) -> str | None:
    """ISO date when the line is nothing but a 成文日期 (not an `…印发` line)."""
    if longer_than(content, DATE_MAX_CHARS):
        return None
    s = re.sub(r"[\s?]+", "", content).translate(FULLWIDTH_DIGITS)
    m = DATE_RE.fullmatch(s)
    return match_to_iso(m) if m else None


@dataclass
class Cover:
    """Where the cover notice ends (line index of the first plan line) and what it says.

    ``body_end`` is set for a notice that is itself the document (`关于做好…的通知` with
    its numbered body and the signature at the end): the outline stops at the signature.
    """

    end: int
    metadata: dict = field(default_factory=dict)
    body_end: int | None = None


@dataclass
class Signature:
    """The 成文日期 line, the organ(s) signed above it and the first signature line."""

    date_idx: int
    organ: str | None
    first_idx: int


def find_cover(lines: list[TextLine]) -> Cover | None:
    """The cover notice, or None when the file starts with the plan itself.

    >>> from .lines import split_lines
    >>> lines = split_lines("\\n".join(["市人民政府办公厅文件", "市政办发〔2024〕3号",
    ...     "市人民政府办公厅关于印发政务公开工作要点的通知", "各区人民政府，市政府各部门：",
    ...     "现将《政务公开工作要点》印发给你们，请认真贯彻执行。", "市人民政府办公厅", "2024年3月5日",
    ...     "政务公开工作要点", "一、加强公开", "抄送：市委办公厅。", "市人民政府办公厅2024年3月6日印发"]))
    >>> cover = find_cover(lines)
    >>> cover.end, cover.metadata["doc_number"], cover.metadata["issuer"], cover.metadata["issue_date"]
    (7, '市政办发〔2024〕3号', '市人民政府办公厅', '2024-03-05')
    >>> cover.metadata["recipients"]
    ['各区人民政府', '市政府各部门']
    """
    limit = next((ln.index for ln in lines if PLAN_START_RE.match(ln.content)), len(lines))
    if decree := decree_cover(lines, limit):
        return decree
    sig = find_signing_date(lines[:limit])
    direct = sig is None
    if sig is None:
        sig = find_closing_signature(lines, limit)
        if sig is None:
            return unsigned_cover(lines, limit)
    head = lines[:limit] if direct else lines[:sig.date_idx]
    doc_idx, doc_number = find_doc_number(head)
    recip_idx = find_recipients(head)
    recip_lines = recipient_block(lines, recip_idx, header_end_index(head, doc_idx))
    title_lines = notice_title_lines(lines, head, doc_idx, recip_lines[0].index if recip_lines else None)
    title = squeeze("".join(ln.content for ln in title_lines)) or None
    if title and not (title.endswith(T.NOTICE_TITLE_WORDS) or "关于" in title):
        title = None
    if doc_number is None and recip_idx is None and title is None and not any(
            COVER_FORMULA_RE.search(ln.content) for ln in lines[:sig.date_idx]):
        return None
    if direct and (title is None or not title.endswith(T.NOTICE_TITLE_WORDS)) and not opens_with(lines, recip_idx):
        return None
    meta = {
        "doc_number": doc_number,
        "issuer": sig.organ or masthead_organ(head) or title_organ(title),
        "title": title,
        "issue_date": parse_full_date(lines[sig.date_idx].content),
        "recipients": recipients("".join(ln.content.strip(" ?\u3000") for ln in recip_lines)),
    }
    end = sig.date_idx + 1
    after = non_blank(lines, end, min(len(lines), end + 4))
    if after and (m := PUBLICATION_RE.match(re.sub(r"[\s?]+", "", after[0].content))):
        meta["publication"] = m.group(1)
        end = after[0].index + 1
    if not direct and title and title.endswith(T.NOTICE_TITLE_WORDS) and signs_off_file(lines, end):
        direct = True  # the body's outline uses no 一、/第X章 marker (`1、` `（1）`): it is signed at the end
    if direct:
        body_start = recip_idx + 1 if recip_idx is not None else title_lines[-1].index + 1
        return Cover(end=body_start, metadata=meta, body_end=sig.first_idx)
    return Cover(end=end, metadata=meta)


def opens_with(lines: list[TextLine], index: int | None) -> bool:
    """Line ``index`` is the document's first non-blank line (a copy that starts at the
    主送 line: its title and 文号 were left in the page or record around it)."""
    first = non_blank(lines, 0, len(lines), first=1)
    return index is not None and bool(first) and first[0].index == index


def decree_cover(lines: list[TextLine], limit: int) -> Cover | None:
    """A 政府令 publication page before a regulation: ``X人民政府令`` / ``（第N号）`` /
    ``《…》已经…通过，现予公布`` / ``市长 …`` / the date. The 令 number is the 发文字号
    (``X人民政府令第N号``), X the issuer, the date the 成文日期; the regulation follows."""
    head = non_blank(lines, 0, limit)
    for k, ln in enumerate(head):
        m = DECREE_HEAD_RE.match(squeeze(ln.content))
        if not m:
            continue
        number = m.group("no")
        rest = head[k + 1:k + 1 + DECREE_LOOKAHEAD]
        if number is None and rest and (n := DECREE_NUMBER_RE.match(squeeze(rest[0].content))):
            number = n.group("no")
        if number is None:
            return None
        for date_line in rest:
            if iso := date_only(date_line.content):
                meta: dict[str, Any] = {"doc_number": f"{m.group('organ')}令第{number}号", "issuer": m.group("organ"),
                        "title": None, "issue_date": iso, "recipients": []}
                return Cover(end=date_line.index + 1, metadata=meta)
        return None
    return None


def unsigned_cover(lines: list[TextLine], limit: int) -> Cover | None:
    """A cover notice whose signature is not in the text (a seal page left as an image, a
    copy that dropped it): a notice title and a 主送 line, then the plan's own title or a
    publication line (（此件公开发布）) before the plan starts at ``limit``."""
    head = lines[:limit]
    recip_idx = find_recipients(head)
    if recip_idx is None:
        return None
    doc_idx, doc_number = find_doc_number(head[:recip_idx])
    recip_lines = recipient_block(lines, recip_idx, header_end_index(head, doc_idx))
    title_lines = notice_title_lines(lines, head, doc_idx, recip_lines[0].index)
    title = squeeze("".join(ln.content for ln in title_lines)) or None
    if not title or not title.endswith(T.NOTICE_TITLE_WORDS):
        return None
    end = None
    for ln in non_blank(lines, recip_idx + 1, limit):
        content = squeeze(ln.content)
        if m := PUBLICATION_RE.match(content):
            end = ln.index + 1
            publication = m.group(1)
            break
        if is_title_text(content) and content.endswith(T.TITLE_WORDS) and not content.endswith(T.NOTICE_TITLE_WORDS):
            end, publication = ln.index, None
            break
    if end is None:
        return None
    meta = {"doc_number": doc_number, "title": title, "issue_date": None,
            "issuer": stacked_masthead_organ(head, doc_idx) or masthead_organ(head) or title_organ(title),
            "recipients": recipients("".join(ln.content.strip(" ?\u3000") for ln in recip_lines))}
    if publication:
        meta["publication"] = publication
    return Cover(end=end, metadata=meta)


def stacked_masthead_organ(lines: list[TextLine], doc_idx: int | None) -> str | None:
    """The first organ of a joint 版头 printed one organ a line above the 发文字号 (the first
    organ owns the number), with or without the word 文件 beside them."""
    if doc_idx is None:
        return None
    organs: list[str] = []
    for ln in reversed(non_blank(lines, 0, doc_idx)):
        run = organ_run(squeeze(ln.content).removesuffix("文件"))
        if run is None:
            break
        organs[:0] = run
    return organs[0] if len(organs) >= 2 else None


def signs_off_file(lines: list[TextLine], after: int) -> bool:
    """Only the 版记 (or nothing) follows line ``after``: the notice is the whole document,
    not the cover of a plan printed after its signature."""
    colophon = find_colophon(lines, after)
    return not non_blank(lines, after, colophon.start if colophon else len(lines))


def recipient_block(lines: list[TextLine], recip_idx: int | None, floor: int) -> list[TextLine]:
    """The 主送 lines: the line ending in `：` and the list lines wrapped above it
    (`…人民政府，雄安新区管委会，` / `省政府各部门：`), never above ``floor`` (the header)."""
    if recip_idx is None:
        return []
    block = [lines[recip_idx]]
    for ln in reversed(non_blank(lines, floor, recip_idx)):
        if len(block) >= MAX_RECIPIENT_LINES or not is_recipient_text(ln.content):
            break
        block.insert(0, ln)
    return block


def is_recipient_text(content: str) -> bool:
    """A wrapped line of a 主送 list: organs with separators, no sentence, no title end."""
    c = squeeze(content)
    return (
        any(sep in c for sep in RECIPIENT_SEPARATORS) and c[-1] not in "。：:！？"
        and "关于" not in c and not c.endswith(T.NOTICE_TITLE_WORDS) and not DOC_NUMBER_RE.search(c)
    )


def notice_title_lines(lines: list[TextLine], head: list[TextLine], doc_idx: int | None,
                       recip_idx: int | None) -> list[TextLine]:
    """The title between the 版头/发文字号 and the 主送 block, else printed above them."""
    header_end = header_end_index(head, doc_idx)
    title_lines = non_blank(lines, header_end, recip_idx if recip_idx is not None else len(head))
    if recip_idx is None:
        title_lines = leading_title_lines(title_lines)
    else:
        title_lines = up_to_notice_word(title_lines)
    if not title_lines and doc_idx is not None:  # title between the 版头 and the 发文字号
        title_lines = leading_title_lines(non_blank(lines, header_end_index(head[:doc_idx], None), doc_idx))
    if not title_lines:  # title printed above the 版头 (web re-posts)
        title_lines = title_above_header(lines, header_start_index(head, doc_idx))
    return last_whole_title(title_lines)


HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def last_whole_title(title_lines: list[TextLine]) -> list[TextLine]:
    """The title from the last line that opens it with its organ (``X关于…``): a page's
    banner lines above it (``山东省商务厅`` / ``Department of …``) and a title printed twice
    (page heading + the notice's own) are not part of it; lines without Han are never title.

    >>> from .lines import split_lines
    >>> [ln.content for ln in last_whole_title(split_lines("甲省商务厅\\nDepartment of Commerce\\n甲省商务厅等5部门关于印发《细则》的通知"))]
    ['甲省商务厅等5部门关于印发《细则》的通知']
    >>> [ln.content for ln in last_whole_title(split_lines("甲市人民政府办公室\\n关于印发《方案》的通知"))]
    ['甲市人民政府办公室', '关于印发《方案》的通知']
    """
    lines = [ln for ln in title_lines if HAN_RE.search(ln.content)]
    opens = [k for k, ln in enumerate(lines) if opens_with_issuer(squeeze(ln.content))]
    return lines[opens[-1]:] if opens else lines


def opens_with_issuer(title: str) -> bool:
    """``X关于…`` with X an issuer (not ``印发《关于…》的通知``, whose issuer is a line above)."""
    at = title.find("关于")
    return at > 0 and is_issuer_line(title[:at])


def is_issuer_line(content: str) -> bool:
    """A line naming the issuer(s) above a title that opens with 关于: one organ, organs
    side by side, or ``甲省教育厅等十二部门``.

    >>> is_issuer_line("甲省教育厅等十二部门"), is_issuer_line("甲市商务局 甲市财政局"), is_issuer_line("工作目标")
    (True, True, False)
    """
    c = content.strip()
    if m := JOINT_TITLE_TAIL_RE.search(c):
        c = c[: m.start()]
    parts = [p for p in re.split(r"[\s、，,]+", c) if p]
    return bool(parts) and all(is_organ(p) for p in parts)


def up_to_notice_word(title_lines: list[TextLine]) -> list[TextLine]:
    """Cut the lines after the one ending in a notice word (`…的通知`): in a hard-wrapped
    copy they are the 主送 list's first lines (`各设区市财政局，…韩城市财` / `政局：`)."""
    ends = [k for k, ln in enumerate(title_lines) if squeeze(ln.content).endswith(T.NOTICE_TITLE_WORDS)]
    return title_lines[:ends[-1] + 1] if ends else title_lines


def header_start_index(lines: list[TextLine], doc_idx: int | None) -> int:
    """First 版头 or 发文字号 line (the whole head when there is neither)."""
    starts = [ln.index for ln in lines if MASTHEAD_RE.match(squeeze(ln.content))]
    if doc_idx is not None:
        starts.append(doc_idx)
    return min(starts) if starts else 0


def title_above_header(lines: list[TextLine], header_start: int) -> list[TextLine]:
    """The last run of title lines ending in a notice word above the 版头 (at most 3 lines)."""
    above = non_blank(lines, 0, header_start)
    ends = [k for k, ln in enumerate(above) if squeeze(ln.content).endswith(T.NOTICE_TITLE_WORDS)]
    if not ends:
        return []
    k = ends[-1]
    block = [above[k]]
    while k > 0 and len(block) < 3 and is_title_text(above[k - 1].content) \
            and not squeeze(above[k - 1].content).endswith(T.NOTICE_TITLE_WORDS):
        k -= 1
        block.insert(0, above[k])
    return block if is_title_text(block[-1].content) else []


def is_title_text(content: str) -> bool:
    c = squeeze(content)
    return (bool(c) and c[-1] not in T.TERMINAL_PUNCT and "：" not in c and ":" not in c and len(c) <= 80
            and not c.startswith(T.PREAMBLE_OPENERS))


def find_signing_date(lines: list[TextLine]) -> Signature | None:
    """The 成文日期 line and the signature organ printed above it (or before it).

    >>> from .lines import split_lines
    >>> find_signing_date(split_lines("请认真贯彻执行。\\n市人民政府办公厅\\n2024年3月5日"))
    Signature(date_idx=2, organ='市人民政府办公厅', first_idx=1)
    """
    for ln in lines:
        if ln.blank or "印发" in ln.content:
            continue
        if date_only(ln.content):
            organ, first = signature_above(lines, ln.index)
            return Signature(ln.index, organ, first)
        if found := signed_on_one_line(ln):
            return found
    return None


def signed_on_one_line(ln: TextLine) -> Signature | None:
    """Organ and 成文日期 on one line (``国务院　　　二○○五年十二月三日``).

    >>> from .lines import split_lines
    >>> signed_on_one_line(split_lines("\u3000\u3000国务院\xa0\xa0\u3000\u3000二○○五年十二月三日")[0])
    Signature(date_idx=0, organ='国务院', first_idx=0)
    """
    content = ln.content.translate(FULLWIDTH_DIGITS)
    m = DATE_RE.search(content)
    if m and m.end() >= len(content.rstrip(" ?\u3000\xa0")) and is_organ(content[: m.start()]):
        return Signature(ln.index, signature(content[: m.start()]), ln.index)
    return None


def find_closing_signature(lines: list[TextLine], lo: int) -> Signature | None:
    """A notice that is itself the document signs at its end: the last 成文日期 line.

    >>> from .lines import split_lines
    >>> find_closing_signature(split_lines("一、加强公开\\n海关\\n2024年3月5日"), 0)
    Signature(date_idx=2, organ='海关', first_idx=1)
    """
    tail = non_blank(lines, lo, last=CLOSING_TAIL)
    for ln in reversed(tail):
        if "印发" in ln.content:
            continue
        if date_only(ln.content):
            organ, first = signature_above(lines, ln.index)
            return Signature(ln.index, organ, first) if organ else None
        if found := signed_on_one_line(ln):
            return found
    return None


def signature_above(lines: list[TextLine], date_idx: int) -> tuple[str | None, int]:
    """Organ lines right above the date: one, or several for a joint notice (一行一个机关)."""
    organs: list[str] = []
    first = date_idx
    above = list(reversed(non_blank(lines, max(0, date_idx - 2 * MAX_SIGNERS), date_idx)))
    k = 0
    while k < len(above) and len(organs) < MAX_SIGNERS:
        text, index = above[k].content, above[k].index
        while k + 1 < len(above) and wraps_onto(above[k + 1].content, text):  # a name wrapped
            k += 1
            text, index = above[k].content.rstrip() + text.lstrip(), above[k].index
        run = organ_run(text)
        if run is None:
            break
        organs[:0] = run
        first = index
        k += 1
    return joint_issuer(organs), first


def wraps_onto(upper: str, lower: str) -> bool:
    """A signature organ wrapped across lines (``…银行保险监督管理`` / ``委员会河北监管局``): the
    upper line ends without an organ ending and the lower one opens with an ending.

    >>> wraps_onto("中国银行保险监督管理", "委员会河北监管局"), wraps_onto("请认真贯彻执行", "市商务局")
    (True, False)
    >>> wraps_onto("甲省监管", "局"), wraps_onto("一、加强公开", "海关"), wraps_onto("落实", "科技部财政部")
    (True, False, False)
    """
    upper, lower = squeeze(upper), squeeze(lower)
    if not upper or len(upper) > 40 or upper.endswith(T.ORGAN_SUFFIXES) or any(p in upper for p in T.TERMINAL_PUNCT):
        return False
    if len(lower) == 1:  # the last character of a name (``局``)
        return lower in T.ORGAN_SUFFIXES
    return any(len(e) > 1 and len(lower) > len(e) and lower.startswith(e) for e in T.ORGAN_SUFFIXES)


def organ_run(content: str) -> list[str] | None:
    """The organs of a signature line: one, several side by side (wide gaps, or the marks
    OCR reads in a gap: ``济南市商务局，：，济南市发展和改革委员会``), or several run
    together without a gap (a flattened copy); None when the line is not organs.

    >>> organ_run("甲市商务局，：，甲市财政局"), organ_run("“甲市人民政府办公厅")
    (['甲市商务局', '甲市财政局'], ['甲市人民政府办公厅'])
    """
    content = content.strip(SIGNATURE_STRAYS)
    pieces = [piece for piece in GAP_MARKS_RE.split(content) if piece]
    if len(pieces) > 1:
        runs = [organ_run(piece) for piece in pieces]
        return [organ for run in runs if run for organ in run] if all(runs) else None
    if is_organ(content):
        return signature(content).split("、")
    parts = split_run_on_organs(squeeze(content))
    return parts if len(parts) > 1 and all(is_organ(part) for part in parts) else None


def joint_issuer(organs: list[str]) -> str | None:
    """Two signing organs as ``A、B``; a joint issue by more → the first signatory, which
    owns the 发文字号 (CONVENTIONS: metadata).

    >>> joint_issuer(["甲市商务局", "甲市财政局"]), joint_issuer(["甲市商务局", "甲市财政局", "甲市税务局"])
    ('甲市商务局、甲市财政局', '甲市商务局')
    """
    organs = [part for organ in organs for part in split_run_on_organs(organ)]
    if not organs:
        return None
    return "、".join(organs) if len(organs) <= 2 else organs[0]


PLACE_PREFIX = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{1,8}?(?:自治区|特别行政区|省|市|县|区|州|盟|旗))")


def split_run_on_organs(organ: str) -> list[str]:
    """Organs printed side by side without a gap (``甲市商务局甲市财政局``): split where the
    first organ's place name (or 中共 + it) starts again right after an organ ending.

    >>> split_run_on_organs("济南市商务局济南市发展和改革委员会"), split_run_on_organs("济南市商务局")
    (['济南市商务局', '济南市发展和改革委员会'], ['济南市商务局'])
    >>> split_run_on_organs("河北省人力资源和社会保障厅中共河北省委组织部河北省财政厅")
    ['河北省人力资源和社会保障厅', '中共河北省委组织部', '河北省财政厅']
    """
    m = PLACE_PREFIX.match(organ)
    if not m:
        return split_by_endings(organ)
    starts = re.compile(rf"(?:中共)?{re.escape(m.group('place'))}")
    parts, start = [], 0
    for found in starts.finditer(organ, 1):
        cut = found.start()
        if cut > start and organ[start:cut].endswith(T.ORGAN_SUFFIXES):
            parts.append(organ[start:cut])
            start = cut
    parts.append(organ[start:])
    return parts


#: A run of organs without place names is split only into this many or more (two national
#: organs run together are rarer than one name holding an inner ending: 中国银行保险监督管理委员会).
MIN_RUN_PIECES = 3


def split_by_endings(run: str) -> list[str]:
    """Organs without a shared place name run together (``科技部财政部国家发展改革委``):
    the most pieces that each end in an organ ending after a stem of two or more characters
    (``国务院办公厅`` stays whole: ``办公厅`` has no stem), never cut after an ending that also
    ends ordinary words (``organs.json`` ``no_cut_after``); fewer than three pieces → unsplit.

    >>> split_by_endings("科技部财政部国家发展改革委")
    ['科技部', '财政部', '国家发展改革委']
    >>> split_by_endings("国务院办公厅"), split_by_endings("中国银行保险监督管理委员会")
    (['国务院办公厅'], ['中国银行保险监督管理委员会'])
    """
    best: list[list[str] | None] = [[]] + [None] * len(run)  # best[i]: the pieces of run[:i]
    for end in range(3, len(run) + 1):
        ending = organ_ending(run[:end])
        if ending is None or (end < len(run) and ending in no_cut_after()):
            continue
        for start in range(max(0, end - 20), end - 2):
            before, current = best[start], best[end]
            if before is not None and _has_stem(run[start:end], ending) and (current is None or len(before) >= len(current)):
                best[end] = before + [run[start:end]]
    pieces = best[len(run)]
    return pieces if pieces and len(pieces) >= MIN_RUN_PIECES else [run]


def is_stemmed_organ(name: str) -> bool:
    """An organ name with a stem before its ending (``科技部``; not ``办公厅`` or ``员会``).

    >>> is_stemmed_organ("科技部"), is_stemmed_organ("办公厅"), is_stemmed_organ("成果包")
    (True, False, False)
    """
    ending = organ_ending(name)
    return ending is not None and _has_stem(name, ending)


def organ_ending(name: str) -> str | None:
    """The longest organ ending ``name`` ends with."""
    return next((e for e in T.ORGAN_SUFFIXES if name.endswith(e)), None)


def _has_stem(piece: str, ending: str) -> bool:
    """Two or more characters before the ending, not opening with a longer ending (办公厅…)."""
    stem = piece[: -len(ending)]
    return len(stem) >= 2 and not stem.startswith(_ending_tails())


@functools.cache
def _ending_tails() -> tuple[str, ...]:
    """Endings of two or more characters and their tails (``委员会``, ``员会``): a piece opening
    with one was cut out of the ending before it."""
    long = [e for e in T.ORGAN_SUFFIXES if len(e) > 1]
    return tuple({e[i:] for e in long for i in range(len(e) - 1)})


@functools.cache
def no_cut_after() -> frozenset[str]:
    return frozenset(load_json("organs.json")["no_cut_after"])


def signature(content: str) -> str:
    """Joint issuers printed side by side (wide gaps) are joined with `、`."""
    organs = [squeeze(x) for x in WIDE_GAP_RE.split(content.strip(SIGNATURE_STRAYS)) if squeeze(x)]
    return "、".join(organs)


def find_doc_number(lines: list[TextLine]) -> tuple[int | None, str | None]:
    """The 发文字号: prefer a line that holds nothing else (but a 签发人).

    >>> from .lines import split_lines
    >>> find_doc_number(split_lines("市人民政府办公厅文件\\n市政办发〔2024〕3号  签发人：张三"))
    (1, '市政办发〔2024〕3号')
    """
    found = None
    for ln in lines:
        m = DOC_NUMBER_RE.search(ln.content)
        if not m or is_citation(ln.content, m.start()):
            continue
        rest = SIGNER_RE.split(ln.content.replace(m.group(0), ""))[0]
        if not squeeze(rest):
            return ln.index, normalise_doc_number(m)
        found = found or (ln.index, normalise_doc_number(m))
    return found or (None, None)


CITATION_OPEN = re.compile(r"\S\s*[（(]\s*$")


def is_citation(content: str, start: int) -> bool:
    """A 发文字号 in brackets after other text (``《…的通知》（农办机〔2024〕3号）``) cites
    another document; a bracketed number alone on its line (``（皖开放办〔2022〕6号）``) is
    the notice's own.

    >>> is_citation("根据《甲的通知》（农办机〔2024〕3号）", 9), is_citation("（皖开放办〔2022〕6号）", 1)
    (True, False)
    """
    return bool(CITATION_OPEN.search(content[:start]))


def find_recipients(lines: list[TextLine]) -> int | None:
    """The 主送 line: the first short line ending in a colon that is not a signer's.

    >>> from .lines import split_lines
    >>> find_recipients(split_lines("关于印发要点的通知\\n各区人民政府，市政府各部门：\\n现将…"))
    1
    """
    for ln in lines:
        c = ln.content.rstrip(" ?\u3000")
        if c.endswith(("：", ":")) and len(c) <= 150 and "。" not in c and not SIGNER_RE.search(c):
            return ln.index
    return None


def header_end_index(lines: list[TextLine], doc_idx: int | None) -> int:
    """First line after the 版头, 发文字号 and 签发人 lines."""
    end = 0 if doc_idx is None else doc_idx + 1
    for ln in lines:
        c = squeeze(ln.content)
        if MASTHEAD_RE.match(c) or SIGNER_RE.search(c):
            end = max(end, ln.index + 1)
    return end


def leading_title_lines(lines: list[TextLine]) -> list[TextLine]:
    """Without a 主送 line, the title is the unpunctuated lines up to the notice word."""
    out = []
    for k, ln in enumerate(lines):
        if ln.content[-1] in T.TERMINAL_PUNCT:
            break
        out.append(ln)
        following = squeeze(lines[k + 1].content) if k + 1 < len(lines) else ""
        reprinted = opens_with_issuer(following) and following.endswith(T.NOTICE_TITLE_WORDS)
        if squeeze(ln.content).endswith(T.NOTICE_TITLE_WORDS) and not reprinted:
            break  # …unless the title is printed again (page heading + the notice's own)
    return out


def recipients(content: str) -> list[str]:
    """The 主送 list; a 发文字号 run onto its line (a flattened copy) is not a recipient.

    >>> recipients("国发〔2005〕39号各省、自治区、直辖市人民政府，国务院各部委：")
    ['各省、自治区、直辖市人民政府', '国务院各部委']
    """
    content = content.strip()
    if (m := DOC_NUMBER_RE.match(content)) is not None:
        content = content[m.end():]
    return split_outside_brackets(content.rstrip(" ?\u3000：:"), "，,；;")


def masthead_organ(lines: list[TextLine]) -> str | None:
    """`XXX文件` (possibly with the organ broken over the lines above it), or a joint 版头:
    one organ per line and 文件 on a line of its own (the first signatory issues).

    >>> from .lines import split_lines
    >>> masthead_organ(split_lines("甲市商务局\\n甲市财政局\\n甲市税务局\\n文件\\n甲商务字〔2025〕6号"))
    '甲市商务局'
    """
    text = [squeeze(ln.content) for ln in non_blank(lines)]
    for i, c in enumerate(text):
        if MASTHEAD_ALONE_RE.fullmatch(c):
            organs = list(itertools.takewhile(is_organ, reversed(text[:i])))[::-1]
            if organs:
                return joint_issuer(organs)
        m = MASTHEAD_RE.match(c)
        if m and not DOC_NUMBER_RE.search(c):
            return m.group("organ")
    return None


JOINT_TITLE_TAIL_RE = re.compile(T.JOINT_TITLE_TAIL)


def title_organ(title: str | None) -> str | None:
    """The issuer a title names before 关于: one organ, two as ``A、B``, or the first of a
    joint issue by many (``A、B、C``, ``A等4部门``), as a signature would give it.

    >>> title_organ("甲省商务厅等4部门关于印发《方案》的通知"), title_organ("甲市农业农村局 甲市财政局关于印发…的函")
    ('甲省商务厅', '甲市农业农村局、甲市财政局')
    >>> title_organ("关于印发《方案》的通知") is None
    True
    """
    if not title or "关于" not in title:
        return None
    organ = title.split("关于")[0].strip()
    if "《" in organ or organ.startswith(T.PREAMBLE_OPENERS):  # 为贯彻《X关于…》: a sentence, no issuer
        return None
    if m := JOINT_TITLE_TAIL_RE.search(organ):
        first = organ[: m.start()].strip()
        organs = [o for o in re.split(r"[、，,\s]+", first) if o]
        return organs[0] if organs and all(is_organ(o) for o in organs) else None
    organs = [o for o in re.split(r"[、，,\s]+", organ) if o]
    return joint_issuer(organs) if organs and all(is_organ(o) for o in organs) else None


@dataclass
class Colophon:
    """The 版记 at the end of the file: it starts at ``start`` (a line index)."""

    start: int
    cc: list[str] = field(default_factory=list)
    printer: str | None = None
    print_date: str | None = None


def find_colophon(lines: list[TextLine], lo: int = 0) -> Colophon | None:
    """抄送 and `印发机关  日期印发` lines among the last lines of the file.

    >>> from .lines import split_lines
    >>> find_colophon(split_lines("一、加强公开\\n抄送：市委办公厅。\\n市人民政府办公厅2024年3月6日印发"))
    Colophon(start=1, cc=['市委办公厅'], printer='市人民政府办公厅', print_date='2024-03-06')
    """
    tail = non_blank(lines, lo, last=8)
    start, cc, printer, print_date = None, [], None, None
    for pos, ln in enumerate(tail):
        c = ln.content
        if m := CC_RE.match(c):
            start = ln.index if start is None else start
            items = m.group("rest")
            for nxt in tail[pos + 1:]:
                if CC_RE.match(nxt.content) or PRINT_LINE_RE.match(nxt.content) or is_organ(nxt.content):
                    break
                items += "，" + nxt.content
            cc = split_outside_brackets(items, "，,、；;")
        elif m := PRINT_LINE_RE.match(c):
            print_date = parse_full_date(m.group("date"))
            organ = squeeze(m.group("organ")).lstrip("（(")
            line_idx = ln.index
            if not organ and pos > 0 and is_organ(tail[pos - 1].content):
                organ = squeeze(tail[pos - 1].content)
                line_idx = tail[pos - 1].index
            printer = organ or None
            start = line_idx if start is None else min(start, line_idx)
    if start is None:
        return None
    return Colophon(start=start, cc=cc, printer=printer, print_date=print_date)
