"""Users extend the vocabulary without editing the package: ``planparse.data.vocabulary``
and the spaCy components' config. Extra rows reach every reader of a table and never leak
into the package's own patterns."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import planparse.extract.nlp  # noqa: F401  (registers the spaCy factories)
from planparse.data import organ_endings, unit_labels, vocabulary
from planparse.extract.dates import find_dates
from planparse.extract.units import find_units
from planparse.normalize.joins import opens_block

RUN_ON = "牵头单位：市河长制联席会议配合单位：市财政局"


def names(text: str) -> list[tuple[str, str]]:
    return [(v["name"], v["role"]) for *_, v in find_units(text)]


def test_extra_organ_ending_splits_a_run_on_label_and_leaves_no_trace():
    assert names(RUN_ON) == []
    with vocabulary({"organs.json": {"organ": ["联席会议"]}}):
        assert "联席会议" in organ_endings()
        assert names(RUN_ON) == [("市河长制联席会议", "lead"), ("市财政局", "support")]
    assert names(RUN_ON) == [] and "联席会议" not in organ_endings()


def test_extra_label_reaches_the_extractor_and_the_joiner():
    with vocabulary({"extract_units.json": {"labels": {"督办单位": "lead"}}}):
        assert "督办单位" in unit_labels()
        assert names("督办单位：市数据局") == [("市数据局", "lead")]
        assert opens_block().match("督办单位：市数据局")
    assert names("督办单位：市数据局") == []


def test_extra_deadline_label_makes_a_deadline():
    text = "加快建设。兑现节点：2025年6月"
    assert [v["kind"] for *_, v in find_dates(text)] != ["deadline"]
    with vocabulary({"extract_dates.json": {"deadline_labels": ["兑现节点"]}}):
        assert [v["kind"] for *_, v in find_dates(text)] == ["deadline"]


def test_nested_blocks_add_up():
    with vocabulary({"organs.json": {"organ": ["联席会议"]}}):
        with vocabulary({"extract_units.json": {"labels": {"督办单位": "lead"}}}):
            assert names("督办单位：市河长制联席会议") == [("市河长制联席会议", "lead")]
        assert names("督办单位：市河长制联席会议") == []


@pytest.mark.parametrize("bad, message", [
    ({"organ.json": {"organ": ["x"]}}, "no data table"),
    ({"organs.json": {"organs": ["x"]}}, "has no table 'organs'"),
    ({"organs.json": {"organ": {"x": 1}}}, "takes a list"),
    ({"extract_units.json": {"_doc": ["x"]}}, "has no table '_doc'"),
])
def test_wrong_rows_are_refused_with_one_message(bad, message):
    with pytest.raises(ValueError, match=message), vocabulary(bad):
        pass


def test_spacy_config_extends_the_components():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("planparse_units", config={"unit_labels": {"督办单位": "lead"}, "organ_endings": ["联席会议"]})
    nlp.add_pipe("planparse_dates", config={"deadline_labels": ["兑现节点"], "year": 2025})
    doc = nlp("督办单位：市河长制联席会议配合单位：市财政局。兑现节点：6月底")
    assert [(s.text, s.label_) for s in doc.spans["units"]] == [("市河长制联席会议", "lead"), ("市财政局", "support")]
    assert [(s.label_, s._.value["value"]) for s in doc.spans["dates"]] == [("deadline", "2025-06-30")]
    assert names(RUN_ON) == []  # the package's own patterns are untouched


def test_spacy_config_with_a_wrong_table_fails_when_the_pipe_is_added():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    with pytest.raises(ValueError, match="no data table"):
        nlp.add_pipe("planparse_targets", config={"vocabulary": {"targets.json": {"x": []}}})


ENDING = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=4)


def _role_words() -> set[str]:
    from planparse.extract.units import tables

    t = tables()
    return set(t["labels"]) | set(t["closing_verbs"]) | set(t["support_joiners"])


@settings(max_examples=40, deadline=None)
@given(ending=ENDING)
def test_any_added_ending_closes_a_run_on_lead_name(ending):
    """Property: whatever ending a user adds, a lead name with it before a run-on 配合单位
    label is found whole — an ending that holds a role word (牵头, 配合, a label) excepted:
    the role grammar reads those first."""
    assume(not any(word in ending for word in _role_words()))
    text = f"牵头单位：市河长制{ending}配合单位：市财政局"
    with vocabulary({"organs.json": {"organ": [ending]}}):
        found = names(text)
    assert found == [(f"市河长制{ending}", "lead"), ("市财政局", "support")]
