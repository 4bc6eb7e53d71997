"""Mojibake: UTF-8 bytes that a program decoded with a legacy code page and saved again.

Both fixers find candidate runs, re-encode them with the wrong code page to get
the original bytes back, look for stretches that are valid UTF-8, and accept a
repair only when the decoded text is clearly better (lower :func:`.badness`).
Valid UTF-8 arising by chance from clean Chinese text is rare, and the badness
test rejects it.
"""
from __future__ import annotations

import codecs
import re

import regex

from .charsets import badness, common_chars
from .context import Context
from .edits import Edit

UTF8_MULTIBYTE = re.compile(  # well-formed UTF-8 multi-byte characters (RFC 3629)
    rb"(?:[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})+"
)
# Two or more such characters: a GBK repair needs at least two (one is chance). Clean
# Chinese text re-encoded as GBK is full of single two-byte "UTF-8 characters" (法 = B7 A8),
# so searching for two at once keeps clean text cheap (one C-level scan).
UTF8_MULTIBYTE_2 = re.compile(b"(?:" + UTF8_MULTIBYTE.pattern[:-1] + b"){2,}")

# ---------------------------------------------------------------- GBK / GB18030

NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]{3,}")


def _gbk_double_byte_runs(run: str):
    """``(offset, bytes)`` for stretches of ``run`` that GBK encodes at two bytes a char."""
    try:
        raw = run.encode("gbk")
        if len(raw) == 2 * len(run):
            yield 0, raw
            return
    except UnicodeEncodeError:
        pass
    start = 0
    chunk: list[bytes] = []
    for i, char in enumerate(run):
        try:
            encoded = char.encode("gbk")
        except UnicodeEncodeError:
            encoded = b""
        if len(encoded) == 2:
            chunk.append(encoded)
            continue
        if chunk:
            yield start, b"".join(chunk)
        chunk, start = [], i + 1
    if chunk:
        yield start, b"".join(chunk)


def _aligned_utf8(raw: bytes, start: int, end: int, width: int) -> tuple[int, int, str] | None:
    """The part of ``raw[start:end]`` (whole UTF-8 characters) that starts and ends on
    ``width``-byte character boundaries, trimmed of rare characters at its edges
    (a clean neighbour such as 目 = C4 BF can itself look like UTF-8), as
    ``(start, end, decoded)``."""
    decoded = raw[start:end].decode("utf-8")
    common = common_chars()
    bounds = [start]
    for char in decoded:
        bounds.append(bounds[-1] + len(char.encode("utf-8")))
    aligned = [i for i, pos in enumerate(bounds) if pos % width == 0]
    if len(aligned) < 2:
        return None
    first = next((i for i in aligned[:-1] if decoded[i] in common), aligned[0])
    last = next((j for j in reversed(aligned[1:]) if decoded[j - 1] in common), aligned[-1])
    if last <= first:
        first, last = aligned[0], aligned[-1]
    return bounds[first], bounds[last], decoded[first:last]


CJK_TEXT = regex.compile(r"[\p{Han}\u3000-\u303f\uff01-\uff5e\u2018-\u201d\u2026\u2014]+")


def _better(original: str, repaired: str, min_chars: int) -> bool:
    """Clearly better: fewer rare characters, or (for two or more characters of
    pure CJK text, which chance rarely decodes to) no more rare characters."""
    if len(repaired) < min_chars or not repaired.isprintable():
        return False
    bad_repaired, bad_original = badness(repaired), badness(original)
    if bad_repaired * 2 < bad_original:
        return True
    return len(repaired) >= 2 and bad_repaired <= bad_original and CJK_TEXT.fullmatch(repaired) is not None


def mojibake_gbk_utf8(text: str, ctx: Context | None = None) -> list[Edit]:
    """UTF-8 text opened as GBK/GB18030 (a Windows editor or a PHP page with the
    wrong charset) and saved again turns 法治政府 into 娉曟不鏀垮簻: every two bytes of
    UTF-8 became one rare character. Re-encoding as GBK gives the bytes back;
    stretches that decode as UTF-8 into clearly more common text are repaired.

    >>> from planparse.normalize.registry import run
    >>> run(mojibake_gbk_utf8, "一、娉曟不鏀垮簻鍏ㄩ潰鎺ㄨ繘（一）")
    '一、法治政府全面推进（一）'
    """
    edits: list[Edit] = []
    for run_match in NON_ASCII_RUN.finditer(text):
        for char_offset, raw in _gbk_double_byte_runs(run_match.group()):
            base = run_match.start() + char_offset
            edits.extend(_repair_double_byte(text, raw, base))
    return edits


def _repair_double_byte(text: str, raw: bytes, base: int) -> list[Edit]:
    edits: list[Edit] = []
    pos = 0
    while True:
        match = UTF8_MULTIBYTE_2.search(raw, pos)
        if not match:
            return edits
        start, end = match.span()
        if start % 2:
            aligned = UTF8_MULTIBYTE_2.match(raw, start + 1)
            if not aligned:
                pos = start + 1
                continue
            start, end = aligned.span()
        found = _aligned_utf8(raw, start, end, 2)
        if found is None:
            pos = start + 2
            continue
        start, stop, repaired = found
        original = text[base + start // 2: base + stop // 2]
        if _better(original, repaired, 2):
            edits.append((base + start // 2, base + stop // 2, repaired))
            pos = stop
        else:
            pos = start + 2


# ---------------------------------------------------------------- Latin-1 / cp1252

CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
CP1252_RUN = regex.compile("[\u0080-\u00ff" + CP1252_SPECIALS + "]{2,}")


def _c1_fallback(error: UnicodeError) -> tuple[bytes, int]:
    """Bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) come back as C1 controls."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start:error.end]
    if all(ord(char) < 0x100 for char in chunk):
        return bytes(ord(char) for char in chunk), error.end
    raise error


codecs.register_error("planparse-c1", _c1_fallback)


def mojibake_cp1252_utf8(text: str, ctx: Context | None = None) -> list[Edit]:
    """UTF-8 text read as Latin-1/Windows-1252 (old mail clients, CSV exports,
    web pages served without a charset) turns 法治 into ``æ³•æ²»``: each UTF-8 byte
    became one Latin character. Re-encoding as cp1252 gives the bytes back;
    stretches that decode as UTF-8 into clearly more common text are repaired.

    >>> from planparse.normalize.registry import run
    >>> run(mojibake_cp1252_utf8, "一、æ³•æ²»æ”¿åºœï¼Œ“八大”")
    '一、法治政府，“八大”'
    """
    edits: list[Edit] = []
    for run_match in CP1252_RUN.finditer(text):
        raw = run_match.group().encode("cp1252", errors="planparse-c1")
        base = run_match.start()
        pos = 0
        while True:
            match = UTF8_MULTIBYTE.search(raw, pos)
            if not match:
                break
            start, end = match.span()
            repaired = raw[start:end].decode("utf-8")
            original = text[base + start: base + end]
            if _better(original, repaired, 1):
                edits.append((base + start, base + end, repaired))
            pos = end
    return edits
