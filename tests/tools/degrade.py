"""Deterministic degradations of clean notices, the damage seen in real web copies.

``degrade(text, variant, seed=0) -> str`` with ``variant`` one of :data:`VARIANTS`:

* ``trad``   – OpenCC s2t, plus a pinyin gloss ``(guān)`` after some Han characters;
* ``qmark``  – lost spaces as ``?``: indents, a ``?`` before body lines, signature padding;
* ``kangxi`` – some characters replaced by their Kangxi/CJK radical code points;
* ``gbk``    – some Han stretches as UTF-8 bytes decoded as GBK (only where that
  round-trips, i.e. mojibake that was saved again as UTF-8);
* ``cp1252`` – some Han stretches as UTF-8 bytes decoded as Windows-1252.

CLI: ``python tests/tools/degrade.py corpora OUTDIR`` writes ``OUTDIR/<stem>.<variant>.txt``.
"""
from __future__ import annotations

import codecs
import random
import sys
from pathlib import Path

import regex

VARIANTS = ("trad", "qmark", "kangxi", "gbk", "cp1252")
REPAIR_KINDS = {
    "trad": ("traditional_to_simplified", "pinyin_annotation"),
    "qmark": ("placeholder_run",),
    "kangxi": ("kangxi_radical",),
    "gbk": ("mojibake_gbk_utf8",),
    "cp1252": ("mojibake_cp1252_utf8",),
}
SYLLABLES = ("guān", "fā", "xì", "zhí", "shè", "qū", "jìn", "wù", "zé", "jī", "diào", "qiáng", "lǐng", "dǎo")
HAN = regex.compile(r"\p{Han}")
HAN_STRETCH = regex.compile(r"\p{Han}[\p{Han}，。、；：“”]{1,24}")
RADICALS = Path(__file__).resolve().parents[2] / "src" / "planparse" / "data" / "radicals.tsv"


def _c1_decode(error: UnicodeDecodeError):
    """Bytes cp1252 leaves undefined come out as C1 controls, as Windows does."""
    return "".join(chr(b) for b in error.object[error.start:error.end]), error.end


codecs.register_error("degrade-c1", _c1_decode)


def degrade(text: str, variant: str, seed: int = 0) -> str:
    rng = random.Random(f"{variant}:{seed}")
    return {
        "trad": _traditional,
        "qmark": _question_marks,
        "kangxi": _radicals,
        "gbk": _gbk_mojibake,
        "cp1252": _cp1252_mojibake,
    }[variant](text, rng)


def _traditional(text: str, rng: random.Random) -> str:
    import opencc

    converted = opencc.OpenCC("s2t").convert(text)
    glossable = regex.compile(r"\p{Han}(?![(（])")  # a character without a gloss yet
    return glossable.sub(lambda m: m.group() + (f"({rng.choice(SYLLABLES)})" if rng.random() < 0.05 else ""), converted)


def _question_marks(text: str, rng: random.Random) -> str:
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \u3000")
        indent = "?" * (len(line) - len(stripped))
        if stripped and "\t" not in stripped and len(stripped) <= 14 and rng.random() < 0.5:
            indent += "?" * rng.randint(8, 60)  # signature padding
        elif stripped and HAN.match(stripped) and rng.random() < 0.6:
            indent += "?"
        tail = "?" * rng.randint(2, 16) if stripped and len(stripped) <= 14 and rng.random() < 0.3 else ""
        out.append(indent + stripped + tail)
    return "\n".join(out)


def _radicals(text: str, rng: random.Random) -> str:
    reverse: dict[str, str] = {}
    for row in RADICALS.read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            _, radical, unified = row.split("\t")
            reverse.setdefault(unified, radical)
    return "".join(reverse[c] if c in reverse and rng.random() < 0.4 else c for c in text)


def _mojibake(text: str, rng: random.Random, encoding: str, errors: str) -> str:
    """Garble ~30% of Han stretches; GBK only where the garbled text encodes back to the bytes."""

    def replace(match: regex.Match) -> str:
        stretch = match.group()
        if rng.random() >= 0.3:
            return stretch
        raw = stretch.encode("utf-8")
        try:
            garbled = raw.decode(encoding, errors=errors)
            if errors == "strict" and garbled.encode(encoding) != raw:
                return stretch
        except UnicodeError:
            return stretch
        return garbled

    return HAN_STRETCH.sub(replace, text)


def _gbk_mojibake(text: str, rng: random.Random) -> str:
    return _mojibake(text, rng, "gbk", "strict")


def _cp1252_mojibake(text: str, rng: random.Random) -> str:
    return _mojibake(text, rng, "cp1252", "degrade-c1")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: degrade.py CORPORA_DIR OUTDIR", file=sys.stderr)
        return 2
    src, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in VARIANTS:
            (out / f"{path.stem}.{variant}.txt").write_text(degrade(text, variant), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
