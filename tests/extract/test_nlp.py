"""The spaCy pipeline: blank zh + jieba, three components, spans with structured values."""
from __future__ import annotations

import planparse


def test_nlp_gives_units_targets_dates():
    nlp = planparse.nlp()
    assert nlp.pipe_names == ["planparse_units", "planparse_targets", "planparse_dates"]
    doc = nlp("力争到2026年，县级政务公开率达到95%以上，每年3月底前报送。（牵头单位：县政府办；配合单位：县数据局）")
    assert [(s.text, s.label_, s._.value["role"]) for s in doc.spans["units"]] == [
        ("县政府办", "lead", "lead"), ("县数据局", "support", "support")]
    (target,) = doc.spans["targets"]
    assert target._.value == {"text": "达到95%以上", "metric": "政务公开率", "value": 95.0,
                              "unit": "%", "comparator": ">="}
    assert [(s._.value["text"], s._.value["kind"], s._.value["value"]) for s in doc.spans["dates"]] == [
        ("到2026年", "deadline", "2026-12-31"), ("每年3月底前", "recurring", "--03-31")]


def test_spans_expand_to_token_boundaries():
    doc = planparse.nlp()("工作于6月底前完成")
    (span,) = doc.spans["dates"]
    assert "6月底前" in span.text
    assert span.start_char <= doc.text.index("6月") and span.end_char >= doc.text.index("前") + 1


def test_plan_year_per_document():
    nlp = planparse.nlp()
    doc = nlp.make_doc("6月底前完成")
    doc._.plan_year = 2024
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc.spans["dates"][0]._.value["value"] == "2024-06-30"


def test_pipeline_is_built_once():
    assert planparse.nlp() is planparse.nlp()
