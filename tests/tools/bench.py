"""Speed and memory benchmark of planparse (``make bench``); a report, never a test.

    python tests/tools/bench.py --out bench/out [--reps 2]

Measures, on this machine and in one run:
  * ms/page of the full pipeline and of bare ``pdfplumber`` ``extract_text`` on corpora/*.pdf, and their ratio;
  * peak RSS of ``parse()`` on 10-, 100- and 300-page PDFs (corpora pages concatenated), each in a fresh process;
  * chars/s of the pipeline on corpora/*.txt;
  * CLI cold start (``planparse --version`` and ``planparse parse one.txt``), wall time of a fresh process;
  * speed-up of ``--jobs 2`` over ``--jobs 1`` on a folder (corpora twice);
  * time vs size: ``parse()`` of one-line texts (tests/tools/bad_inputs.make_long_line) of
    1, 4 and 16 MB, each in a fresh process after a warm-up, and the ratio of seconds per MB
    at 16 MB to 1 MB (1.0 is linear);
  * a 50 MB one-line text through the CLI as a user runs it (default time limit, so in a
    worker process): wall time, CPU time and the peak RSS of the process tree;
  * archive scale: 1,000 text documents (corpora + degraded variants) by the process pool
    (``--jobs 2``) and by a 2-worker local Dask cluster (``--scheduler local``), documents/s
    and their ratio; the unchanged re-run's time against the first run's; the Dask client's
    peak RSS on 100 and on 1,000 documents (against a separately started scheduler and two
    workers, so the client is measured alone);
  * OCR of image-only scans (tests/tools/scan_pdf.py: turned 0.8°, specks, red seal) of corpora
    pages at the default settings: pages/s, CPU s/page (one core), and peak RSS per page for
    a 4- and a 16-page scan, each in a fresh process (flat: RSS does not grow with pages).
Writes ``OUT/bench.json`` and prints a table with the targets. ``--only archive`` runs
the archive rows alone.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
BIN = Path(sys.executable).parent
PLANPARSE = BIN / "planparse"
RSS_PAGES = (10, 100, 300)
TARGETS = {  # name → (comparison, limit)
    "ratio_pipeline_to_pdfplumber": ("<=", 1.3),
    "rss_growth_10_to_300_mib": ("<=", 60),
    "text_chars_per_s": (">=", 150_000),
    "cold_start_version_s": ("<=", 1.5),
    "jobs2_speedup": (">=", 1.7),
    "dask_to_pool_ratio": (">=", 0.8),
    "rerun_fraction_of_first": ("<=", 0.05),
    "client_rss_growth_100_to_1000_mib": ("<=", 50),
    "time_per_mb_ratio_16_to_1": ("<=", 1.5),
    "long_line_50mb_s": ("<=", 60),
    "long_line_50mb_rss_mib": ("<=", 1024),
    "ocr_cpu_s_per_page": ("<=", 3.0),
    "ocr_rss_growth_4_to_16_mib": ("<=", 60),
}
OCR_PAGES = (4, 16)

PEAK_KIB = """
import resource
def peak_kib():  # VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's peak
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
OCR_SCRIPT = PEAK_KIB + """
import sys, time
from planparse.pipeline import parse
base = peak_kib()
parse(sys.argv[2])    # warm-up on a text PDF: imports, jieba dictionary
wall, cpu = time.perf_counter(), time.process_time()
doc = parse(sys.argv[1])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = peak_kib()
print(base, peak, doc.source.pages, len(doc.source.pages_ocr or []), wall, cpu)
"""
ARCHIVE_DOCS = 1000
RSS_DOCS = (100, ARCHIVE_DOCS)
SIZES_MB = (1, 4, 16)
BIG_MB = 50

RSS_SCRIPT = PEAK_KIB + """
import sys, time
from planparse.pipeline import parse
base = peak_kib()
t = time.perf_counter()
doc = parse(sys.argv[1])
seconds = time.perf_counter() - t
peak = peak_kib()
print(base, peak, doc.source.pages, len(doc.items), seconds)
"""


def best_of(reps: int, fn) -> float:
    """Smallest wall time of ``reps`` calls (the least disturbed run)."""
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def bare_pdfplumber(path: Path) -> int:
    """What a minimal pdfplumber script does: every page's extract_text, pages released."""
    import pdfplumber

    chars = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()
    return chars


def pdf_speed(pdfs: list[Path], reps: int) -> dict:
    from planparse.pipeline import parse

    parse(pdfs[0])  # warm-up: imports, jieba dictionary, caches
    bare_pdfplumber(pdfs[0])
    pages = sum(page_count(p) for p in pdfs)
    pipeline_s = sum(best_of(reps, lambda p=p: parse(p)) for p in pdfs)
    plumber_s = sum(best_of(reps, lambda p=p: bare_pdfplumber(p)) for p in pdfs)
    return {
        "pdfs": len(pdfs), "pages": pages,
        "pipeline_ms_per_page": 1000 * pipeline_s / pages,
        "pdfplumber_ms_per_page": 1000 * plumber_s / pages,
        "ratio_pipeline_to_pdfplumber": pipeline_s / plumber_s,
    }


def text_speed(texts: list[Path], reps: int) -> dict:
    from planparse.pipeline import parse

    parse(texts[0])
    chars = sum(len(p.read_text(encoding="utf-8")) for p in texts)
    seconds = sum(best_of(reps, lambda p=p: parse(p)) for p in texts)
    return {"texts": len(texts), "chars": chars, "seconds": seconds, "text_chars_per_s": chars / seconds}


def concat_pdf(sources: list[Path], pages: int, out: Path) -> Path:
    """A ``pages``-page PDF cycling through the pages of ``sources`` (needs pypdf)."""
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(str(p)) for p in sources]
    all_pages = [page for reader in readers for page in reader.pages]
    writer = PdfWriter()
    for i in range(pages):
        writer.add_page(all_pages[i % len(all_pages)])
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def peak_rss(pdfs: list[Path], workdir: Path) -> dict:
    """Peak RSS of parse() per page count, each in a fresh interpreter."""
    rows = {}
    for pages in RSS_PAGES:
        path = concat_pdf(pdfs, pages, workdir / f"concat_{pages}.pdf")
        out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(path)], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout.split()
        base_kib, peak_kib, n_pages, items, seconds = int(out[0]), int(out[1]), int(out[2]), int(out[3]), float(out[4])
        rows[pages] = {"pages": n_pages, "items": items, "seconds": seconds,
                       "import_rss_mib": base_kib / 1024, "peak_rss_mib": peak_kib / 1024}
    growth = rows[RSS_PAGES[-1]]["peak_rss_mib"] - rows[RSS_PAGES[0]]["peak_rss_mib"]
    return {"by_pages": rows, "rss_growth_10_to_300_mib": growth}


def ocr_speed(pdfs: list[Path], workdir: Path) -> dict:
    """OCR pages/s, CPU s/page and peak RSS of image-only scans of corpora pages."""
    sys.path.insert(0, str(ROOT))
    from tests.tools.scan_pdf import scan_pdf

    source = max(pdfs, key=page_count)
    rows = {}
    for pages in OCR_PAGES:
        scan = scan_pdf(source, workdir / f"scan_{pages}.pdf", rotate=0.8, speckle=0.001, seal=True,
                        pages=list(range(1, pages + 1)))
        out = subprocess.run([sys.executable, "-c", OCR_SCRIPT, str(scan), str(pdfs[0])], capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout.split()
        base_kib, peak_kib, n_ocr = int(out[0]), int(out[1]), int(out[3])
        wall_s, cpu_s = float(out[4]), float(out[5])
        rows[pages] = {"pages": int(out[2]), "pages_ocr": n_ocr, "seconds": wall_s, "cpu_seconds": cpu_s,
                       "pages_per_s": n_ocr / wall_s, "cpu_s_per_page": cpu_s / n_ocr,
                       "start_rss_mib": base_kib / 1024, "peak_rss_mib": peak_kib / 1024,
                       "peak_rss_mib_per_page": peak_kib / 1024 / n_ocr}
    big = rows[OCR_PAGES[-1]]
    return {"by_pages": rows, "ocr_pages_per_s": big["pages_per_s"], "ocr_cpu_s_per_page": big["cpu_s_per_page"],
            "ocr_rss_growth_4_to_16_mib": big["peak_rss_mib"] - rows[OCR_PAGES[0]]["peak_rss_mib"]}


def ocr_rows(ocr: dict) -> list[tuple[str, str, str]]:
    rows = [(f"OCR scan {pages} pages: pages/s, peak RSS (MiB)", f"{row['pages_per_s']:.2f} / {row['peak_rss_mib']:.0f}",
             f"{row['peak_rss_mib_per_page']:.0f} MiB/page, CPU {row['cpu_s_per_page']:.2f} s/page")
            for pages, row in ocr["by_pages"].items()]
    return rows + [
        ("OCR CPU s/page (one core)", f"{ocr['ocr_cpu_s_per_page']:.2f}", verdict("ocr_cpu_s_per_page", ocr["ocr_cpu_s_per_page"])),
        ("OCR RSS growth 4→16 pages (MiB)", f"{ocr['ocr_rss_growth_4_to_16_mib']:.0f}",
         verdict("ocr_rss_growth_4_to_16_mib", ocr["ocr_rss_growth_4_to_16_mib"])),
    ]


SIZE_SCRIPT = PEAK_KIB + """
import sys, time
from planparse.pipeline import parse
parse(sys.argv[2])  # warm-up on a small text of the same kind: imports, dictionaries, compiled patterns
t = time.perf_counter()
doc = parse(sys.argv[1])
seconds = time.perf_counter() - t
print(seconds, peak_kib(), len(doc.items))
"""


def long_line(workdir: Path, megabytes: float) -> Path:
    """The one-line text of the robustness corpus at ``megabytes`` MB, in its own folder
    (notice sentences run together: an OCR or a scraped page without line breaks)."""
    sys.path.insert(0, str(ROOT / "tests" / "tools"))
    from bad_inputs import make_long_line

    folder = workdir / f"long{megabytes:g}"
    folder.mkdir(exist_ok=True)
    return make_long_line(folder, megabytes)


def time_vs_size(workdir: Path) -> dict:
    """Seconds and peak RSS of ``parse()`` per input size (fresh process each, warmed up)."""
    warm_up = long_line(workdir, 0.05)
    rows = {}
    for megabytes in SIZES_MB:
        path = long_line(workdir, megabytes)
        out = subprocess.run([sys.executable, "-c", SIZE_SCRIPT, str(path), str(warm_up)], capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout.split()
        seconds, peak_kib = float(out[0]), int(out[1])
        rows[megabytes] = {"seconds": seconds, "s_per_mb": seconds / megabytes, "peak_rss_mib": peak_kib / 1024}
        path.unlink()
    ratio = rows[SIZES_MB[-1]]["s_per_mb"] / rows[SIZES_MB[0]]["s_per_mb"]
    return {"by_mb": rows, "time_per_mb_ratio_16_to_1": ratio}


TREE_RSS_SCRIPT = """
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], capture_output=True).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, time.perf_counter() - t, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def big_text(workdir: Path) -> dict:
    """The CLI on a 50 MB one-line text: wall time, CPU time and the peak RSS of its process
    tree (the CLI and its worker), read by a small parent process that runs nothing else.
    The target is on wall time; CPU time says what it would be on an idle machine."""
    path = long_line(workdir, BIG_MB)
    cmd = [str(PLANPARSE), "parse", str(path), "-o", str(workdir / "big"), "-q"]
    out = subprocess.run([sys.executable, "-c", TREE_RSS_SCRIPT, *cmd], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    path.unlink()
    return {"exit": int(out[0]), "long_line_50mb_s": float(out[1]), "long_line_50mb_rss_mib": int(out[2]) / 1024,
            "cpu_s": float(out[3])}


def wall(cmd: list[str], reps: int = 3) -> float:
    def once():
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)

    return best_of(reps, once)


def cold_start(text: Path, workdir: Path) -> dict:
    return {
        "cold_start_version_s": wall([str(PLANPARSE), "--version"]),
        "cold_start_schema_s": wall([str(PLANPARSE), "schema"]),
        "cold_start_parse_txt_s": wall([str(PLANPARSE), "parse", str(text), "-o", str(workdir / "cold"), "-q"]),
    }


def jobs_speedup(workdir: Path, reps: int) -> dict:
    folder = workdir / "folder"
    for copy in ("a", "b"):
        shutil.copytree(CORPORA, folder / copy, ignore=shutil.ignore_patterns("*.md"))
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    times = {jobs: wall([str(PLANPARSE), "parse", str(folder), "-o", str(workdir / f"jobs{jobs}"),
                         "--jobs", str(jobs), "-q"], reps) for jobs in (1, 2)}
    return {"files": files, "jobs1_s": times[1], "jobs2_s": times[2], "jobs2_speedup": times[1] / times[2]}


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one run of ``cmd`` (the process alone: it must not
    have children of its own, or their memory counts too)."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss


def start_cluster(folder: Path, workers: int) -> tuple[str, list[subprocess.Popen]]:
    """``dask scheduler`` + ``workers`` one-thread workers on 127.0.0.1 (ephemeral ports)."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    log = (folder / "cluster.log").open("w")
    spawn = lambda *argv: subprocess.Popen([str(BIN / "dask"), *argv], stdout=log, stderr=subprocess.STDOUT,  # noqa: E731
                                           start_new_session=True)
    processes = [spawn("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                       "--scheduler-file", str(scheduler_file))]
    deadline = time.monotonic() + 60
    while not scheduler_file.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    address = json.loads(scheduler_file.read_text())["address"]
    processes += [spawn("worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
                        "--local-directory", str(folder / f"w{n}")) for n in range(workers)]
    from distributed import Client

    with Client(address, timeout=30, set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=60)
    return address, processes


def stop_cluster(processes: list[subprocess.Popen]) -> None:
    import signal

    for process in reversed(processes):
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def archive_scale(workdir: Path) -> dict:
    """Process pool vs local Dask cluster on 1,000 documents, the unchanged re-run, client RSS."""
    sys.path.insert(0, str(ROOT))
    from tests.tools.archive_batch import make_batch

    archive = workdir / "archive"
    docs = len(make_batch(archive, ARCHIVE_DOCS))
    parse = [str(PLANPARSE), "parse", str(archive), "-q"]
    pool_s, _ = timed(parse + ["-o", str(workdir / "pool"), "--jobs", "2"])
    rerun_s, _ = timed(parse + ["-o", str(workdir / "pool"), "--jobs", "2"])
    dask_s, _ = timed(parse + ["-o", str(workdir / "dask"), "--scheduler", "local", "--jobs", "2"])
    print(f"bench: {docs} docs: pool {pool_s:.1f} s, re-run {rerun_s:.2f} s, Dask local {dask_s:.1f} s", file=sys.stderr)
    rss = {}
    address, processes = start_cluster(workdir / "cluster", 2)
    try:
        for count in RSS_DOCS:
            subset = workdir / f"subset{count}"
            subset.mkdir()
            for path in sorted(archive.iterdir())[:count]:
                os.link(path, subset / path.name)
            _, peak_kib = timed([str(PLANPARSE), "parse", str(subset), "-q", "-o", str(workdir / f"rss{count}"),
                                 "--scheduler", address])
            rss[count] = peak_kib / 1024
            print(f"bench: Dask client on {count} docs: peak RSS {rss[count]:.0f} MiB", file=sys.stderr)
    finally:
        stop_cluster(processes)
    return {
        "docs": docs, "pool_jobs2_s": pool_s, "dask_local_2_workers_s": dask_s,
        "pool_docs_per_s": docs / pool_s, "dask_docs_per_s": docs / dask_s, "dask_to_pool_ratio": pool_s / dask_s,
        "rerun_unchanged_s": rerun_s, "rerun_fraction_of_first": rerun_s / pool_s,
        "client_peak_rss_mib": {str(k): v for k, v in rss.items()},
        "client_rss_growth_100_to_1000_mib": rss[RSS_DOCS[-1]] - rss[RSS_DOCS[0]],
    }


def archive_rows(archive: dict) -> list[tuple[str, str, str]]:
    rss = archive["client_peak_rss_mib"]
    return [
        (f"process pool --jobs 2, {archive['docs']} docs (docs/s)", f"{archive['pool_docs_per_s']:.1f}",
         f"{archive['pool_jobs2_s']:.1f} s"),
        (f"Dask local 2 workers, {archive['docs']} docs (docs/s)", f"{archive['dask_docs_per_s']:.1f}",
         f"{archive['dask_local_2_workers_s']:.1f} s, cluster start included"),
        ("Dask / process pool docs/s", f"{archive['dask_to_pool_ratio']:.2f}",
         verdict("dask_to_pool_ratio", archive["dask_to_pool_ratio"])),
        ("unchanged re-run (s)", f"{archive['rerun_unchanged_s']:.2f}",
         f"{100 * archive['rerun_fraction_of_first']:.1f} % of the first run; "
         + verdict("rerun_fraction_of_first", archive["rerun_fraction_of_first"])),
        ("Dask client peak RSS 100 / 1000 docs (MiB)", f"{rss[str(RSS_DOCS[0])]:.0f} / {rss[str(RSS_DOCS[-1])]:.0f}",
         f"growth {archive['client_rss_growth_100_to_1000_mib']:.0f} MiB; "
         + verdict("client_rss_growth_100_to_1000_mib", archive["client_rss_growth_100_to_1000_mib"])),
    ]


def verdict(name: str, value: float) -> str:
    comparison, limit = TARGETS[name]
    ok = value <= limit if comparison == "<=" else value >= limit
    return f"{'ok  ' if ok else 'MISS'} (target {comparison} {limit:g})"


def print_table(report: dict) -> None:
    if "pdf" not in report:  # --only archive
        print_rows(report, archive_rows(report["archive"]))
        return
    speed, text, rss, cold, jobs = (report[k] for k in ("pdf", "text", "rss", "cold_start", "jobs"))
    sizes, big = report["sizes"], report["big_text"]
    rows = [
        ("pipeline ms/page (PDF)", f"{speed['pipeline_ms_per_page']:.1f}", f"{speed['pages']} pages, {speed['pdfs']} PDFs"),
        ("pdfplumber extract_text ms/page", f"{speed['pdfplumber_ms_per_page']:.1f}", "same PDFs, same run"),
        ("ratio pipeline / pdfplumber", f"{speed['ratio_pipeline_to_pdfplumber']:.2f}",
         verdict("ratio_pipeline_to_pdfplumber", speed["ratio_pipeline_to_pdfplumber"])),
    ]
    for pages, row in rss["by_pages"].items():
        rows.append((f"peak RSS {pages} pages (MiB)", f"{row['peak_rss_mib']:.0f}",
                     f"imports {row['import_rss_mib']:.0f} MiB, {row['seconds']:.1f} s"))
    rows += [
        ("RSS growth 10→300 pages (MiB)", f"{rss['rss_growth_10_to_300_mib']:.0f}",
         verdict("rss_growth_10_to_300_mib", rss["rss_growth_10_to_300_mib"])),
        ("text chars/s", f"{text['text_chars_per_s']:,.0f}", verdict("text_chars_per_s", text["text_chars_per_s"])),
        ("cold start --version (s)", f"{cold['cold_start_version_s']:.2f}", verdict("cold_start_version_s", cold["cold_start_version_s"])),
        ("cold start schema (s)", f"{cold['cold_start_schema_s']:.2f}", ""),
        ("cold start parse one .txt (s)", f"{cold['cold_start_parse_txt_s']:.2f}", "includes spaCy/jieba load"),
        (f"--jobs 1 / --jobs 2 on {jobs['files']} files (s)", f"{jobs['jobs1_s']:.1f} / {jobs['jobs2_s']:.1f}", ""),
        ("--jobs 2 speed-up", f"{jobs['jobs2_speedup']:.2f}×", verdict("jobs2_speedup", jobs["jobs2_speedup"])),
    ]
    for megabytes, row in sizes["by_mb"].items():
        rows.append((f"one-line text {megabytes} MB (s)", f"{row['seconds']:.1f}",
                     f"{row['s_per_mb']:.2f} s/MB, peak RSS {row['peak_rss_mib']:.0f} MiB"))
    rows += [
        ("time vs size: s/MB 16 MB / 1 MB", f"{sizes['time_per_mb_ratio_16_to_1']:.2f}",
         verdict("time_per_mb_ratio_16_to_1", sizes["time_per_mb_ratio_16_to_1"])),
        (f"CLI on a {BIG_MB} MB one-line text (s)", f"{big['long_line_50mb_s']:.1f}",
         verdict("long_line_50mb_s", big["long_line_50mb_s"]) + f", CPU {big['cpu_s']:.1f} s, exit {big['exit']}"),
        (f"peak RSS, {BIG_MB} MB one-line text (MiB)", f"{big['long_line_50mb_rss_mib']:.0f}",
         verdict("long_line_50mb_rss_mib", big["long_line_50mb_rss_mib"])),
    ] + ocr_rows(report["ocr"]) + archive_rows(report["archive"])
    print_rows(report, rows)


def print_rows(report: dict, rows: list[tuple[str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    machine = report["machine"]
    print(f"planparse bench — {machine['cpus']} CPUs, Python {machine['python']}, "
          f"load average {machine['load_average_before']:.1f} → {machine['load_average_after']:.1f}")
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>12}  {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--reps", type=int, default=2, help="repetitions per timing (best is kept)")
    parser.add_argument("--only", choices=("all", "archive"), default="all", help="archive: only the archive-scale rows")
    args = parser.parse_args(argv)
    pdfs, texts = sorted(CORPORA.glob("*.pdf")), sorted(CORPORA.glob("*.txt"))
    if not pdfs or not texts:
        print("bench: corpora/*.pdf or corpora/*.txt missing (make corpora)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planparse-bench-") as tmp:
        workdir = Path(tmp)
        load_before = os.getloadavg()[0]
        if load_before > 0.5:
            print(f"bench: warning: load average {load_before:.1f} before starting; "
                  "other processes distort the figures (the --jobs speed-up most)", file=sys.stderr)
        report = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "load_average_before": load_before},
        }
        if args.only == "all":
            report.update({
                "pdf": pdf_speed(pdfs, args.reps),
                "text": text_speed(texts, args.reps),
                "rss": peak_rss(pdfs, workdir),
                "cold_start": cold_start(texts[0], workdir),
                "jobs": jobs_speedup(workdir, args.reps),
                "sizes": time_vs_size(workdir),
                "big_text": big_text(workdir),
                "ocr": ocr_speed(pdfs, workdir),
            })
        report["archive"] = archive_scale(workdir)
    report["machine"]["load_average_after"] = os.getloadavg()[0]
    report["targets"] = {name: {"limit": f"{cmp} {limit}"} for name, (cmp, limit) in TARGETS.items()}
    (args.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"report: {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
