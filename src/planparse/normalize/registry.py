"""The ordered list of fixers: the one place that says what normalisation does.

Order matters: byte-level damage first (radicals, mojibake), then the lost
characters (``?`` runs), OCR misreadings (on OCRed lines only), line edges, glosses, digits, script, and last the
line-level work that reads simplified text (web furniture, page numbers, broken lines).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .context import Context
from .edits import Edit, apply_edits, identity_map
from .fixers import (
    fullwidth_ascii,
    kangxi_radical,
    pinyin_annotation,
    placeholder_run,
    small_form_variant,
    web_furniture,
    whitespace,
)
from .joins import joined_line
from .mojibake import mojibake_cp1252_utf8, mojibake_gbk_utf8
from .ocr import (
    ocr_bracket_pair,
    ocr_confusion,
    ocr_date_digit,
    ocr_date_line,
    ocr_doc_number,
    ocr_doubtful,
    ocr_han_space,
    ocr_heading_tail,
    ocr_lost_dun,
    ocr_marker_form,
    ocr_marker_gap,
    ocr_marker_number,
    ocr_page_number,
    ocr_pinyin_gloss,
    ocr_punctuation,
    ocr_quote_pair,
    ocr_unit_aside,
    ocr_unit_label,
)
from .oneline import lost_heading_breaks, restored_line_breaks
from .pages import page_furniture
from .script import traditional_to_simplified
from .table_rows import restored_table_rows

# Inputs whose lines are text as typed or scraped (not laid out on a page by a PDF/OFD/DOCX).
TEXT_FORMATS = frozenset({"txt", "html", "markdown", "record"})

FixerFunc = Callable[[str, "Context | None"], list[Edit]]


@dataclass(frozen=True)
class Fixer:
    """A fixer and the repair kind its edits are counted under."""

    kind: str
    func: FixerFunc
    formats: frozenset[str] | None = None  # None: every input format
    ocr: bool = False   # runs only on lines read by OCR (and only when there are some)

    def applies_to(self, fmt: str) -> bool:
        return self.formats is None or fmt in self.formats


FIXERS: tuple[Fixer, ...] = (
    Fixer("kangxi_radical", kangxi_radical),
    Fixer("mojibake_cp1252_utf8", mojibake_cp1252_utf8),
    Fixer("mojibake_gbk_utf8", mojibake_gbk_utf8),
    Fixer("placeholder_run", placeholder_run),
    Fixer("small_form_variant", small_form_variant),
    Fixer("ocr_page_number", ocr_page_number, ocr=True),
    Fixer("ocr_han_space", ocr_han_space, ocr=True),
    Fixer("pinyin_annotation", ocr_pinyin_gloss, ocr=True),
    Fixer("ocr_doc_number", ocr_doc_number, ocr=True),
    Fixer("ocr_marker_form", ocr_marker_form, ocr=True),
    Fixer("ocr_lost_dun", ocr_lost_dun, ocr=True),
    Fixer("ocr_marker_gap", ocr_marker_gap, ocr=True),
    Fixer("ocr_heading_tail", ocr_heading_tail, ocr=True),
    Fixer("ocr_punctuation", ocr_punctuation, ocr=True),
    Fixer("ocr_confusion", ocr_confusion, ocr=True),
    Fixer("ocr_unit_label", ocr_unit_label, ocr=True),
    Fixer("ocr_unit_aside", ocr_unit_aside, ocr=True),
    Fixer("ocr_bracket_pair", ocr_bracket_pair, ocr=True),
    Fixer("ocr_quote_pair", ocr_quote_pair, ocr=True),
    Fixer("ocr_date_digit", ocr_date_digit, ocr=True),
    Fixer("ocr_date_line", ocr_date_line, ocr=True),
    Fixer("ocr_marker_number", ocr_marker_number, ocr=True),
    Fixer("ocr_doubtful", ocr_doubtful, ocr=True),
    Fixer("restored_line_break", restored_line_breaks, TEXT_FORMATS),
    Fixer("restored_line_break", lost_heading_breaks, frozenset({"markdown"})),
    Fixer("whitespace", whitespace),
    Fixer("pinyin_annotation", pinyin_annotation),
    Fixer("fullwidth_ascii", fullwidth_ascii),
    Fixer("traditional_to_simplified", traditional_to_simplified),
    Fixer("web_furniture", web_furniture),
    Fixer("page_furniture", page_furniture, TEXT_FORMATS),
    Fixer("restored_table_row", restored_table_rows, TEXT_FORMATS),
    Fixer("joined_line", joined_line, TEXT_FORMATS),
)

# Kinds that may change clean simplified text (layout, not content).
LAYOUT_KINDS = frozenset({"whitespace", "web_furniture", "page_furniture", "joined_line", "restored_line_break",
                          "restored_table_row"})


def run(func: FixerFunc, text: str, fmt: str = "txt") -> str:
    """Apply one fixer to ``text`` and return the result (doctests, experiments)."""
    new, _ = apply_edits(text, identity_map(len(text)), func(text, Context(format=fmt)))
    return new
