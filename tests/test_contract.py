"""The contract: committed schema == models; every output validates; determinism."""
from __future__ import annotations

import json

import jsonschema
import pytest

from planparse import contract

from .conftest import SCHEMA


def test_committed_schema_matches_models():
    committed = SCHEMA.read_text(encoding="utf-8")
    assert committed == contract.json_schema_text(), "schemas/ drifted from the models: run `make schemas`"


def test_schema_version_is_1_1():
    """1.1: compatible additions to "1" (``source.record``, the new ``source.format`` values)."""
    assert contract.SCHEMA_VERSION == "1.1"
    assert json.loads(SCHEMA.read_text())["properties"]["schema_version"]["const"] == "1.1"


def test_every_corpora_output_validates(corpora_docs):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for name, doc in corpora_docs.items():
        errors = sorted(validator.iter_errors(json.loads(doc.to_json())), key=str)
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


def test_contract_rejects_unknown_fields():
    with pytest.raises(ValueError):
        contract.Repair(kind="x", count=1, extra=2)


def test_spans_slice_to_item_text(corpora_docs):

    for name, doc in corpora_docs.items():
        for item in doc.items:
            start, end = item.span
            assert 0 <= start <= end, (name, item.id)
            assert item.level == len(item.path) == len(item.markers), (name, item.id)


def test_item_ids_unique_and_parents_exist(corpora_docs):
    for name, doc in corpora_docs.items():
        ids = [i.id for i in doc.items]
        assert len(ids) == len(set(ids)), name
        known = set()
        for item in doc.items:
            assert item.parent is None or item.parent in known, (name, item.id, item.parent)
            known.add(item.id)


def test_parse_is_deterministic(corpora_docs):
    from planparse.pipeline import parse

    from .conftest import corpora_files

    first = corpora_files()[0]
    assert parse(first).to_json() == parse(first).to_json()


def test_a_truncated_field_value_is_not_used():
    """r41/r43: a list page's 标题 cut with “...” must not replace the document's own title."""
    from planparse.pipeline import field_value

    assert field_value("title", "甲省教育厅等十二部门印发《关于进一步加强培训治理工...") is None
    assert field_value("title", "甲省教育厅关于转发…") is None
    assert field_value("title", "甲省教育厅关于印发方案的通知") == "甲省教育厅关于印发方案的通知"
