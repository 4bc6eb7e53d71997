"""Locating extractions in an item's text for the review page."""
from planparse.export.highlight import Mark, place, segments


def starts(text, marks):
    return [(m.kind, m.index, m.start) for m in place(text, marks)]


def test_repeated_text_claims_successive_occurrences():
    text = "甲达到90%以上，乙达到90%以上，丙60%，丁90%以上。"
    marks = [Mark("target", i, "90%以上") for i in range(3)]
    assert starts(text, marks) == [("target", 0, 3), ("target", 1, 12), ("target", 2, 24)]


def test_units_prefer_the_label_line_over_prose():
    text = "由市财政局会同市税务局研究。\n责任单位：市财政局、市税务局"
    marks = [Mark("unit", 0, "市财政局"), Mark("unit", 1, "市税务局")]
    found = starts(text, marks)
    assert [s for _, _, s in found] == [text.rindex("市财政局"), text.rindex("市税务局")]


def test_overlap_is_refused_and_missing_is_unplaced():
    text = "到2025年底前完成"
    marks = [Mark("date", 0, "到2025年底前"), Mark("date", 1, "2025年"), Mark("target", 0, "100%")]
    assert starts(text, marks) == [("date", 0, 0), ("date", 1, None), ("target", 0, None)]


def test_empty_needle_is_unplaced():
    assert starts("任何文字", [Mark("unit", 0, "")]) == [("unit", 0, None)]


def test_segments_rebuild_the_text():
    text = "责任单位：市司法局，2025年6月底前完成90%。"
    placed = place(text, [Mark("unit", 0, "市司法局"), Mark("date", 0, "2025年6月底前"), Mark("target", 0, "90%")])
    pieces = segments(text, placed)
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, m in pieces if m] == ["市司法局", "2025年6月底前", "90%"]
