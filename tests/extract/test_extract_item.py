"""extract(): the item-level policy over the plain extractors."""
from __future__ import annotations


def test_dates_without_any_plan_year_are_warned_not_guessed():
    from planparse.extract import extract
    from planparse.model import ItemNode, Outline, Text

    body = "（一）完成清单编制。6月底前完成，2025年底前全面推开。"
    text = Text(text=body, source_text=body, to_source=list(range(len(body) + 1)), source_lines=[], line_starts=[])
    outline = Outline(metadata={}, parts=[], items=[ItemNode(0, [1], ["（一）"], "完成清单编制", 0, len(body))])
    extract(outline, text)
    assert [d.value["value"] for d in outline.items[0].dates] == ["2025-12-31"]
    assert [w.code for w in outline.warnings] == ["unanchored_date"]
    assert "6月底前" in outline.warnings[0].message
