"""Byte decoding with encoding detection, as a documented rule.

1. A BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
2. NUL bytes without a BOM: UTF-16 (LE or BE, whichever gives common characters)
   if either yields text; else, when the bytes without their NULs are strict UTF-8
   text of common characters and the NULs are few (:data:`MAX_NUL_SHARE`), the NULs are stripped — broken
   converters and office tools leave them — and counted as a ``nul_byte`` repair with
   a warning; otherwise the file is binary (``binary_file``).
3. Strict UTF-8.
4. The Chinese legacy code pages: GB18030 (reported ``gbk`` when plain GBK
   decodes it) and Big5 (cp950). Both often decode the same bytes, so the one
   whose text has the larger share of common characters wins.
5. charset-normalizer for anything else.

Decoded text that is mostly control characters is binary junk (``binary_file``);
bytes nothing decodes are ``undecodable``.
"""
from __future__ import annotations

import codecs
import contextvars
from collections import Counter
from dataclasses import dataclass, field

from ..messages import warning_text
from ..model import PlanparseError, Warn

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
LEGACY_CHINESE = ("gb18030", "cp950")
MIN_COMMON_SHARE = 0.6
MAX_CONTROL_SHARE = 0.02
MAX_NUL_SHARE = 0.2                 # more NULs than this in non-UTF-16 bytes: a binary file
ALLOWED_CONTROLS = "\t\n\r\f\v"


@dataclass
class Decoded:
    """Decoded text, the encoding found, and what decoding had to repair."""

    text: str
    encoding: str
    warnings: list[Warn] = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)


def decode_bytes(data: bytes) -> tuple[str, str, list[Warn]]:
    """Return ``(text, encoding, warnings)``; raise :class:`PlanparseError` when it is not text."""
    decoded = decode(data)
    return decoded.text, decoded.encoding, decoded.warnings


def decode(data: bytes) -> Decoded:
    """Decode by the rule of this module; raise :class:`PlanparseError` when it is not text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            name = encoding.replace("-sig", "-bom")
            return Decoded(_checked(data.decode(encoding), name), name)
    if b"\x00" in data:
        try:
            text, encoding = _utf16_without_bom(data)
        except PlanparseError:
            return _utf8_with_nuls(data)
        return Decoded(_checked(text, encoding), encoding)
    try:
        text, encoding, warnings = _decode_without_nuls(data)
    except PlanparseError as err:
        mostly = _mostly_utf8(data)
        if mostly is None:
            raise err from None
        return mostly
    return Decoded(text, encoding, warnings)


MAX_BAD_BYTE_SHARE = 0.01   # undecodable bytes in a mostly-UTF-8 file (a cut, a stray byte)
SHOWN_BAD_OFFSETS = 5


# (offsets found so far, how many are allowed) of the decoding under way in this context
_BAD_OFFSETS: contextvars.ContextVar[tuple[list[int], float]] = contextvars.ContextVar("planparse_bad_offsets")
COUNTING_ERRORS = "planparse-count-replace"


class _TooManyBadBytes(Exception):
    pass


def _count_and_replace(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: ``replace`` that also notes where each bad byte run starts."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    offsets, limit = _BAD_OFFSETS.get()
    offsets.append(err.start)
    if len(offsets) > limit:
        raise _TooManyBadBytes()
    return "\ufffd", max(err.end, err.start + 1)


codecs.register_error(COUNTING_ERRORS, _count_and_replace)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, list[int]] | None:
    r"""``data`` decoded with undecodable byte runs replaced by U+FFFD, and their byte
    offsets; None when they are more than :data:`MAX_BAD_BYTE_SHARE` of the bytes. One
    pass of the codec (no re-decoding after each bad byte), so linear in the file size.

    >>> text, offsets = _decode_counting("一、".encode() + b"\xff" + "二".encode(), "utf-8")
    >>> text == "一、\ufffd二", offsets
    (True, [6])
    >>> _decode_counting(b"\xff\xfe" * 10, "utf-8") is None
    True
    """
    offsets: list[int] = []
    token = _BAD_OFFSETS.set((offsets, MAX_BAD_BYTE_SHARE * len(data) + 1))
    try:
        return codecs.decode(data, encoding, errors=COUNTING_ERRORS), offsets
    except _TooManyBadBytes:
        return None
    finally:
        _BAD_OFFSETS.reset(token)


def text_encoding(name: str) -> str:
    """The codec name of a text encoding given by a user (``--encoding``); ValueError
    for an unknown name or a codec that does not decode bytes to text (``base64``).

    >>> text_encoding("GB2312"), text_encoding("utf8"), text_encoding("Big5")
    ('gb2312', 'utf-8', 'big5')
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (try utf-8, gb18030, gbk, big5, utf-16)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


def decode_as(data: bytes, encoding: str) -> Decoded:
    r"""Decode with the encoding a user named (``--encoding``), not detection: a BOM of that
    encoding is dropped; bytes it cannot decode become U+FFFD, counted as
    ``undecodable_byte`` repairs and warned with their offsets, as with a damaged UTF-8
    file. More than :data:`MAX_BAD_BYTE_SHARE` bad bytes is ``undecodable``: the file is
    not in that encoding.

    >>> decode_as("一、总体要求".encode("gbk"), "gbk").text
    '一、总体要求'
    >>> decoded = decode_as("一、总体要求".encode("gbk") * 50 + b"\xff", "gbk")
    >>> decoded.text[-1] == "\ufffd", decoded.repairs["undecodable_byte"], decoded.encoding
    (True, 1, 'gbk')
    """
    name = text_encoding(encoding)
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data, name = data[len(codecs.BOM_UTF8):], "utf-8-sig"
    counted = _decode_counting(data, name)
    if counted is None:
        raise PlanparseError("undecodable", f"the file is not {encoding} text: more than "
                             f"{MAX_BAD_BYTE_SHARE:.0%} of its bytes do not decode; drop --encoding "
                             "to let planparse detect it, or name the right one")
    text, bad = counted
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-16/32 BOM the codec kept
    text = _checked(text, name)
    label = "utf-8-bom" if name == "utf-8-sig" else name
    if not bad:
        return Decoded(text, label)
    shown = ", ".join(str(b) for b in bad[:SHOWN_BAD_OFFSETS]) + (" …" if len(bad) > SHOWN_BAD_OFFSETS else "")
    warning = Warn("undecodable_bytes", f"{len(bad)} byte(s) are not valid {encoding} (byte offsets {shown}) "
                   "and were replaced by U+FFFD; check --encoding, or the file may be damaged there")
    return Decoded(text, label, [warning], Counter(undecodable_byte=len(bad)))


def _mostly_utf8(data: bytes) -> Decoded | None:
    r"""UTF-8 text with a few undecodable bytes (a file cut mid-character, a stray byte): the
    bytes become U+FFFD, counted as ``undecodable_byte`` repairs and warned with their
    offsets; None when the bad bytes are more than :data:`MAX_BAD_BYTE_SHARE` of the file.

    >>> decoded = _mostly_utf8("一、总体要求".encode() * 50 + b"\xff")
    >>> decoded.text.endswith("要求\ufffd"), decoded.repairs["undecodable_byte"], decoded.warnings[0].code
    (True, 1, 'undecodable_bytes')
    """
    counted = _decode_counting(data, "utf-8")
    if counted is None:
        return None
    text, bad = counted
    if not bad or _control_share(text) > MAX_CONTROL_SHARE or _common_share(text) < MIN_COMMON_SHARE:
        return None
    shown = ", ".join(str(b) for b in bad[:SHOWN_BAD_OFFSETS]) + (" …" if len(bad) > SHOWN_BAD_OFFSETS else "")
    warning = Warn("undecodable_bytes", warning_text("undecodable_bytes", count=len(bad), offsets=shown))
    return Decoded(text, "utf-8", [warning], Counter(undecodable_byte=len(bad)))


def _utf8_with_nuls(data: bytes) -> Decoded:
    """UTF-8 text with a few stray NUL bytes: strip them, count and warn; else binary."""
    nuls = data.count(b"\x00")
    stripped = data.replace(b"\x00", b"")
    if nuls <= MAX_NUL_SHARE * len(data) and stripped:
        bom = stripped.startswith(codecs.BOM_UTF8)
        try:
            text = stripped.decode("utf-8-sig" if bom else "utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_share(text) <= MAX_CONTROL_SHARE \
                and _common_share(text) >= MIN_COMMON_SHARE:
            warning = Warn("nul_bytes", warning_text("nul_bytes", count=nuls))
            return Decoded(text, "utf-8-bom" if bom else "utf-8", [warning], Counter(nul_byte=nuls))
    raise PlanparseError("binary_file", "file contains NUL bytes and is not UTF-16 or UTF-8 text; "
                         "it looks like a binary file, not a text notice (check that it is the right file)")


def _decode_without_nuls(data: bytes) -> tuple[str, str, list[Warn]]:
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    legacy = _best_legacy_chinese(data)
    if legacy is not None:
        text, encoding = legacy
        return _checked(text, encoding), encoding, []
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise PlanparseError(
            "undecodable",
            "could not decode the file as text: not UTF-8, GB18030/GBK, Big5 or UTF-16, "
            "and no other encoding fits (is it a binary or damaged file?)",
        )
    return _checked(str(best), best.encoding), best.encoding, []


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-16 without a BOM: the byte order whose text is mostly common characters."""
    candidates = []
    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _control_share(text) <= MAX_CONTROL_SHARE:
                candidates.append((_common_share(text), text, encoding))
    if candidates:
        share, text, encoding = max(candidates, key=lambda c: c[0])
        if share >= MIN_COMMON_SHARE:
            return text, encoding
    raise PlanparseError("binary_file", "file contains NUL bytes and is not UTF-16 text; it looks like a binary file, not a text notice")


CONTROL_CHARS = tuple(chr(c) for c in (*range(0x20), 0x7F) if chr(c) not in ALLOWED_CONTROLS)


def _control_share(text: str) -> float:
    """Share of C0 control characters other than tab and line breaks (``str.count`` per
    control character: C speed, a 20 MB text costs milliseconds)."""
    controls = sum(text.count(char) for char in CONTROL_CHARS)
    return controls / max(1, len(text))


def _common_share(text: str) -> float:
    from ..normalize.charsets import common_chars

    common = common_chars()
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not non_ascii:
        return 1.0
    return sum(1 for char in non_ascii if char in common) / len(non_ascii)


def _best_legacy_chinese(data: bytes) -> tuple[str, str] | None:
    candidates = []
    for encoding in LEGACY_CHINESE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text), text, encoding))
    if not candidates:
        return None
    share, text, encoding = max(candidates, key=lambda c: c[0])
    if share < MIN_COMMON_SHARE:
        return None
    if encoding == "gb18030":
        try:
            data.decode("gbk")
            encoding = "gbk"
        except UnicodeDecodeError:
            pass
    elif encoding == "cp950":
        encoding = "big5"
    return text, encoding


def _checked(text: str, encoding: str) -> str:
    """Reject decoded text that is mostly control characters (binary junk)."""
    share = _control_share(text)
    if share > MAX_CONTROL_SHARE or "\x00" in text:
        raise PlanparseError(
            "binary_file",
            f"decoded as {encoding} the file is {share:.0%} control characters; "
            "it looks like a binary file, not a text notice",
        )
    return text
