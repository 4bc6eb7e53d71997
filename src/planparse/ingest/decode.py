"""Byte decoding with encoding detection (BOMs, UTF-8, then charset-normalizer)."""
from __future__ import annotations

import codecs

from ..model import PlanparseError, Warn

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_bytes(data: bytes) -> tuple[str, str, list[Warn]]:
    """Return ``(text, encoding, warnings)``."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise PlanparseError("undecodable", "could not detect the text encoding (binary file?)")
    return str(best), best.encoding, []
