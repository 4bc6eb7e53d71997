"""``dask worker --preload`` for the cluster tests: documents that misbehave on a worker.

* a file named ``crash-the-worker.txt`` kills the worker process (SIGKILL, as a crash in
  C code or the OOM killer would); each attempt appends a line to ``$PLANPARSE_FAULT_LOG``;
* a file named ``loop-forever.txt`` never finishes (a Python loop: --timeout must end it);
* a file named ``stuck-in-c.txt`` stays minutes inside C code (no Python instruction runs).

Every other file converts as usual. With ``PLANPARSE_FAKE_VERSION`` set, the worker claims
that planparse version (the refusal test).
"""
from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

import planparse
import planparse.pipeline as pipeline

# Dask may import a preload file more than once: always wrap the original function.
_real_parse_all = pipeline.__dict__.setdefault("_parse_all_before_faults", pipeline.parse_all)


def _misbehaving_parse_all(path, **options):
    name = Path(path).name
    if name == "crash-the-worker.txt":
        with open(os.environ["PLANPARSE_FAULT_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        os.kill(os.getpid(), signal.SIGKILL)
    if name == "stuck-in-c.txt":
        hashlib.pbkdf2_hmac("sha256", b"k", b"salt", 2**31 - 1)
    if name == "loop-forever.txt":
        while True:
            time.sleep(0.05)
    return _real_parse_all(path, **options)


pipeline.parse_all = _misbehaving_parse_all
if os.environ.get("PLANPARSE_FAKE_VERSION"):
    planparse.__version__ = os.environ["PLANPARSE_FAKE_VERSION"]
