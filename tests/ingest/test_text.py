"""Text input: encoding detection and line splitting."""
from __future__ import annotations

import codecs
import os

import pytest

from planparse.ingest import ingest
from planparse.ingest.decode import decode_bytes
from planparse.ingest.text import read_text, split_lines
from planparse.model import PlanparseError

SIMPLIFIED = "某市人民政府办公室关于印发法治政府建设实施方案的通知\n一、总体要求\n（一）加强组织领导，确保落实。\n"
TRADITIONAL = "某市人民政府辦公室關於印發法治政府建設實施方案的通知\n一、總體要求\n（一）加強組織領導，確保落實。\n"


@pytest.mark.parametrize("data, encoding", [
    (SIMPLIFIED.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-bom"),
    (SIMPLIFIED.encode("utf-16"), "utf-16"),
    (SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
    (SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
    (SIMPLIFIED.encode("gbk"), "gbk"),
    (SIMPLIFIED.encode("gb18030"), "gbk"),
    ((SIMPLIFIED + "𠀀").encode("gb18030"), "gb18030"),
    (TRADITIONAL.encode("big5"), "big5"),
])
def test_encodings_detected(data, encoding):
    text, detected, _ = decode_bytes(data)
    assert detected == encoding
    assert text.startswith("某市人民政府")


def test_traditional_in_gbk_is_not_mistaken_for_big5():
    text, detected, _ = decode_bytes(TRADITIONAL.encode("gb18030"))
    assert detected == "gbk" and text == TRADITIONAL


def test_encoding_is_reported_on_the_source(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    source = ingest(path)
    assert source.encoding == "big5" and source.format == "txt"
    assert [line.text for line in source.lines][1] == "一、總體要求"


@pytest.mark.parametrize("junk", [
    bytes(range(256)) * 8,
    b"\x00\x01\x02\x03PK\x03\x04" * 100,
    os.urandom(4) + b"\x00" * 64 + b"\x89PNG\r\n\x1a\n" * 20,
])
def test_binary_junk_is_a_clear_error(junk):
    with pytest.raises(PlanparseError) as err:
        decode_bytes(junk)
    assert err.value.code in ("binary_file", "undecodable")
    assert "binary" in str(err.value) or "decode" in str(err.value)


def test_control_heavy_utf8_is_binary():
    with pytest.raises(PlanparseError) as err:
        decode_bytes(("\x01\x02\x03\x04abc" * 50).encode("utf-8"))
    assert err.value.code == "binary_file"


def test_lines_split_only_at_real_line_breaks():
    assert split_lines("第一行\r\n第二行\r第三\u2028行\x85尾\n") == ["第一行", "第二行", "第三\u2028行\x85尾"]


def test_read_text_keeps_blank_lines():
    source = read_text("a.txt", "甲，\n\n乙。\n".encode("utf-8"), "0")
    assert [line.text for line in source.lines] == ["甲，", "", "乙。"]
