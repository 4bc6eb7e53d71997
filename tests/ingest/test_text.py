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
    source = read_text("a.txt", "甲，\n\n乙。\n".encode(), "0")
    assert [line.text for line in source.lines] == ["甲，", "", "乙。"]


# ---------------------------------------------------------------- NUL bytes
def test_a_few_nul_bytes_in_utf8_are_stripped_counted_and_warned():
    from planparse.ingest.decode import decode

    data = b"\x00\x00" + "一、总体要求\n（一）加强\x00组织领导。\n".encode().replace("领".encode(), "领".encode() + b"\x00")
    decoded = decode(data)
    assert decoded.text == "一、总体要求\n（一）加强组织领导。\n"
    assert decoded.encoding == "utf-8" and decoded.repairs["nul_byte"] == 4
    assert [w.code for w in decoded.warnings] == ["nul_bytes"] and "4 NUL" in decoded.warnings[0].message


def test_nul_bytes_reach_the_source_repairs(tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes("各区县人民政府：\n一、工作目标\x00\n".encode())
    source = ingest(path)
    assert source.repairs["nul_byte"] == 1 and "\x00" not in source.raw_text()


@pytest.mark.parametrize("junk", [
    b"\x00" * 40 + "正文".encode(),                     # NUL-heavy: not text with stray NULs
    b"abc\x00\x00d" * 200,                      # a third of the bytes NUL: a record format
    b"\x00\x01\x02\x03PK\x03\x04" * 100,                       # controls once the NULs are gone
    "正文".encode() + b"\x00\xff\xfe\x00" * 3,          # not UTF-8 without the NULs
])
def test_nul_bytes_in_non_text_stay_binary(junk):
    from planparse.ingest.decode import decode

    with pytest.raises(PlanparseError) as err:
        decode(junk)
    assert err.value.code == "binary_file"


def test_control_share_counts_only_disallowed_controls():
    from planparse.ingest.decode import _control_share

    assert _control_share("甲\t乙\n丙\r\n") == 0
    assert _control_share("ab\x01\x7f") == 0.5


def test_a_stray_or_cut_byte_is_replaced_not_fatal(tmp_path):
    """Issue: one bad byte rejected a whole text file. Now it is replaced, counted, warned."""
    good = ("一、总体要求\n（一）指导思想。坚持依法行政。\n" * 20).encode("utf-8")
    (tmp_path / "stray.txt").write_bytes(good + b"\xff")
    (tmp_path / "cut.txt").write_bytes(good + "二".encode()[:2])
    for name in ("stray.txt", "cut.txt"):
        source = ingest(tmp_path / name)
        assert source.repairs["undecodable_byte"] == 1
        assert [w.code for w in source.warnings] == ["undecodable_bytes"]
        assert source.lines[0].text == "一、总体要求"


def test_a_gbk_file_is_not_taken_for_damaged_utf8(tmp_path):
    """Many non-UTF-8 bytes: a legacy encoding, not a few bad bytes to replace."""
    (tmp_path / "gbk.txt").write_bytes(("一、总体要求\n（一）指导思想。坚持依法行政。\n" * 20).encode("gbk"))
    source = ingest(tmp_path / "gbk.txt")
    assert source.encoding == "gbk" and not source.repairs["undecodable_byte"]
