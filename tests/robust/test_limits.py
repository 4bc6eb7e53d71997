"""Issue 16: the default per-file time limit and the ``--encoding`` override."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .robustkit import copy_good_texts, hold_up_parsing, run_cli

NOTICE_HTML = ("<html><head><meta charset=\"gb2312\"></head><body>"
               "<p>某某市人民政府办公室关于印发某某市数字经济发展实施方案的通知</p>"
               "<p>各县（市、区）人民政府，市直各有关部门：</p>"
               "<p>一、总体要求</p><p>到2025年底，全市数字经济核心产业增加值达到500亿元以上。</p>"
               "<p>二、重点任务</p><p>（一）加快数字基础设施建设。（责任单位：市工信局）</p>"
               "</body></html>")


# --------------------------------------------------------------------------- default timeout
@pytest.fixture
def pool_calls(monkeypatch):
    """Every ``run_pool`` call's options (the real pool still runs)."""
    import planparse.batch as batch

    calls: list[dict] = []
    real = batch.run_pool

    def recording(jobs, options, workers, done):
        calls.append(dict(options))
        return real(jobs, options, workers, done)

    monkeypatch.setattr(batch, "run_pool", recording)
    return calls


def test_default_timeout_reaches_the_worker_pool(tmp_path, pool_calls):
    from planparse.batch import DEFAULT_TIMEOUT

    good = copy_good_texts(tmp_path / "in")[0]
    run = run_cli("parse", good, "-o", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert DEFAULT_TIMEOUT == 300
    assert [call["timeout"] for call in pool_calls] == [DEFAULT_TIMEOUT]
    assert (tmp_path / "out" / f"{good.stem}.json").is_file()


def test_timeout_0_disables_the_limit(tmp_path, pool_calls):
    good = copy_good_texts(tmp_path / "in")[0]
    run = run_cli("parse", good, "-o", tmp_path / "out", "--timeout", 0)
    assert run.code == 0, run.stderr
    assert pool_calls == []  # no limit: converted in this process, no worker needed
    assert (tmp_path / "out" / f"{good.stem}.json").is_file()


def test_the_default_limit_stops_a_stalled_file(tmp_path, monkeypatch):
    """The default applies without any --timeout (shortened here so the test does not wait 300 s)."""
    import planparse.cli as cli

    hold_up_parsing(monkeypatch, "stalled.txt", lambda: time.sleep(60))
    monkeypatch.setattr(cli, "DEFAULT_TIMEOUT", 2.0)
    inputs = tmp_path / "in"
    good = copy_good_texts(inputs)
    (inputs / "stalled.txt").write_text("一、总体要求\n", encoding="utf-8")
    started = time.perf_counter()
    run = run_cli("parse", inputs, "-o", tmp_path / "out")
    assert time.perf_counter() - started < 40
    assert run.code == 1
    (line,) = run.failed_lines()
    assert "stalled.txt" in line and "[timeout]" in line and "--timeout" in line
    assert all((tmp_path / "out" / f"{p.stem}.json").is_file() for p in good)


def test_negative_timeout_is_a_usage_error(tmp_path):
    good = copy_good_texts(tmp_path / "in")[0]
    run = run_cli("parse", good, "-o", tmp_path / "out", "--timeout", -1)
    assert run.code == 2 and "--timeout" in run.stderr
    assert not (tmp_path / "out").exists()


def test_help_names_the_default_timeout_and_encoding():
    run = run_cli("parse", "--help")
    assert run.code == 0
    assert "default 300; 0: none" in " ".join(run.stdout.split())
    assert "--encoding" in run.stdout


# --------------------------------------------------------------------------- --encoding
def big5_page_declared_gb2312(folder: Path) -> Path:
    """A page saved in Big5 whose ``<meta charset>`` says gb2312: GB18030 decodes the bytes
    without an error, so detection trusts the declaration and reads mojibake."""
    import opencc

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "page.html"
    path.write_bytes(opencc.OpenCC("s2t").convert(NOTICE_HTML).encode("big5"))
    return path


def test_encoding_override_reads_what_detection_gets_wrong(tmp_path):
    page = big5_page_declared_gb2312(tmp_path / "in")
    detected = run_cli("parse", page, "-o", tmp_path / "detected")
    forced = run_cli("parse", page, "-o", tmp_path / "forced", "--encoding", "big5")
    assert forced.code == 0, forced.stderr
    wrong = json.loads((tmp_path / "detected" / "page.json").read_text(encoding="utf-8")) if detected.code == 0 else None
    right = json.loads((tmp_path / "forced" / "page.json").read_text(encoding="utf-8"))
    assert wrong is None or "数字经济" not in json.dumps(wrong, ensure_ascii=False)
    assert right["source"]["encoding"] == "big5"
    assert "数字经济" in right["metadata"]["title"]
    assert [item["title"] for item in right["items"]][:2] == ["总体要求", "重点任务"]


def test_encoding_override_applies_to_plain_text(tmp_path):
    text = tmp_path / "in" / "notice.txt"
    text.parent.mkdir()
    text.write_bytes("一、总体要求\n（一）加强组织领导。\n二、重点任务\n".encode("gb18030"))
    run = run_cli("parse", text, "-o", tmp_path / "out", "--encoding", "GB18030")
    assert run.code == 0, run.stderr
    doc = json.loads((tmp_path / "out" / "notice.json").read_text(encoding="utf-8"))
    assert doc["source"]["encoding"] == "gb18030" and doc["items"][0]["title"] == "总体要求"


def test_a_few_bad_bytes_under_encoding_are_replaced_and_warned(tmp_path):
    text = tmp_path / "notice.txt"
    text.write_bytes(("一、总体要求\n" * 40).encode("gbk") + b"\xff")
    run = run_cli("parse", text, "-o", tmp_path / "out", "--encoding", "gbk")
    assert run.code == 0, run.stderr
    doc = json.loads((tmp_path / "out" / "notice.json").read_text(encoding="utf-8"))
    assert {"kind": "undecodable_byte", "count": 1} in doc["normalization"]["repairs"]
    assert any(w["code"] == "undecodable_bytes" and "gbk" in w["message"] for w in doc["normalization"]["warnings"])


def test_wrong_encoding_fails_the_file_with_a_hint(tmp_path):
    good = copy_good_texts(tmp_path / "in")[0]  # UTF-8
    run = run_cli("parse", good, "-o", tmp_path / "out", "--encoding", "ascii")
    assert run.code == 1
    (line,) = run.failed_lines()
    assert "[undecodable]" in line and "--encoding" in line


@pytest.mark.parametrize("name", ["no-such-codec", "base64"])
def test_unknown_encoding_is_a_usage_error_before_parsing(tmp_path, name):
    good = copy_good_texts(tmp_path / "in")[0]
    run = run_cli("parse", good, "-o", tmp_path / "out", "--encoding", name)
    assert run.code == 2 and "--encoding" in run.stderr
    assert not (tmp_path / "out").exists()


def test_binary_formats_ignore_the_encoding(tmp_path, bad_inputs):
    pdf = bad_inputs.make_good_pdf(tmp_path)
    run = run_cli("parse", pdf, "-o", tmp_path / "out", "--encoding", "big5")
    assert run.code == 0, run.stderr
    assert json.loads((tmp_path / "out" / "good.json").read_text(encoding="utf-8"))["items"]
