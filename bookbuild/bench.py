"""Measure every row of the performance targets (issue #14): `make bench` (python -m bookbuild.bench).

Runs in a scratch copy of the repository, so the timed edits never touch the working tree; writes
``bench/results.json`` and ``bench/results.md`` (the README table). Build times are medians of ``--runs``
runs (3), and so are Lighthouse's scores and timings of each page; the test suite and the Jupyter Book baseline run
once (``--baseline-runs``). The test suite is half of the bench on a 2-core machine (the target is 15 minutes).
``--quick`` times the builds once and skips the rest, for a developer's check.

Rows: cold build of both editions (``all --force``, with the memos of ``.cache`` emptied), no change, one chapter
notebook changed, a data file changed without changing a value (CSV quoting) and with one value of Table 5 changed
(each with the notebooks that re-ran), Jupyter Book executing the same notebooks with the same parameters
(``execute_notebooks: force``; English edition: 8 chapters + 16 profiles) against the pipeline's cold build of that
edition, ``make test`` (both pytest runs, as the Makefile has them) and the fast tier, bytes a chapter page loads in
Chromium, and Lighthouse (npm package, pinned in bench/package-lock.json) on every chapter page of both editions.
The site is served by Python's http.server from localhost: **uncompressed** for the page bytes (the target's
measure), **gzip-compressed** for Lighthouse (as a web host serves it: text files about a quarter of their size).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from regional_policy.paths import ROOT

from . import pythonpath
from .benchprofile import cpu_seconds, profile_lines, test_files, test_lines
from .benchweb import Server, chapter_pages, first_load_bytes, lighthouse
from .execute import default_jobs

IGNORE = shutil.ignore_patterns(
    ".git", "_build", ".venv", "__pycache__", ".pytest_cache", "test-artifacts", "*.egg-info", ".cache", "node_modules"
)
TABLE5 = "table5-budget-2010-2011.csv"
ROW = "Strategic Industry,Local Account,2010,202\n"


def _timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command in the scratch copy, importing the copy's packages (not the installed checkout's)."""
    project = next((p for p in [cwd, *cwd.parents] if (p / "regional_policy").is_dir()), cwd)
    env = {**os.environ, "PYTHONPATH": pythonpath(project)}
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, result


def _run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    """:func:`_timed`, and an error if the command fails."""
    seconds, result = _timed(cmd, cwd)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 2)


PROFILED = ["03-systematizing-phase.ipynb", "05-maps.ipynb", "profiles/seoul.ipynb"]


def _pipeline(copy: Path, *args: str) -> tuple[float, list[str]]:
    seconds, out = _run([sys.executable, "-m", "bookbuild.pipeline", "all", *args], copy)
    return seconds, re.findall(r"\[(\w\w)\] \[[#.]+\]\s+\d+/\d+ executed (\S+)", out)


def cold_profile(copy: Path) -> dict:
    """Where a cold build's time goes: its CPU time (the whole machine's, so on a quiet machine), the seconds of
    each notebook and of each edition's site compile as the pipeline reports them, and a few notebooks timed cell by
    cell (:mod:`.benchprofile`)."""
    _forget(copy)
    cpu = cpu_seconds()
    seconds, out = _run([sys.executable, "-m", "bookbuild.pipeline", "all", "--force"], copy)
    cpu = None if cpu is None else round(cpu_seconds() - cpu, 1)
    notebook_s = [float(s) for s in re.findall(r"executed \S+\s+([\d.]+) s", out)]
    sites = {lang: float(s) for lang, s in re.findall(r"\[(\w\w)\] compiled the site\s+([\d.]+) s", out)}
    _, text = _run([sys.executable, "-m", "bookbuild.benchprofile", *PROFILED], copy)
    return {
        "wall_s": round(seconds, 1),
        "cpu_s": cpu,
        "jobs": default_jobs(),
        "notebooks": len(notebook_s),
        "notebook_s_sum": round(sum(notebook_s), 1),
        "site_s": sites,
        "per_notebook": json.loads(text),
    }


def _forget(copy: Path) -> None:
    """A cold build keeps no memo of ``.cache``: the ledger's, the Korean search terms', the stylesheet index, the
    exercise keys' hashes. (``.cache/geo`` holds an input, the census boundaries, which no build reads.)"""
    for memo in (copy / ".cache").glob("*"):
        if memo.name != "geo":
            shutil.rmtree(memo) if memo.is_dir() else memo.unlink()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_times(copy: Path, runs: int) -> dict:
    rows: dict[str, list] = {k: [] for k in ("cold", "cold_en", "none", "notebook", "bytes", "value")}
    ran: dict[str, list] = {}
    t5 = copy / "data" / TABLE5
    for i in range(runs):
        _forget(copy)
        rows["cold"].append(_pipeline(copy, "--force")[0])
        rows["none"].append(_pipeline(copy)[0])
        summary = copy / "notebooks" / "06-summary.ipynb"
        _replace(summary, "Thirteen years", "Thirteen  years") if i % 2 == 0 else _replace(
            summary, "Thirteen  years", "Thirteen years"
        )
        seconds, ran["notebook"] = _pipeline(copy)
        rows["notebook"].append(seconds)
        original = t5.read_text(encoding="utf-8")
        _replace(t5, ROW, ROW.replace("Local Account", '"Local Account"'))  # same values, other bytes
        seconds, ran["bytes"] = _pipeline(copy)
        rows["bytes"].append(seconds)
        t5.write_text(original, encoding="utf-8")  # one value of Table 5 (and its total) changed
        _replace(t5, "Strategic Industry,Local Account,2010,202", "Strategic Industry,Local Account,2010,203")
        _replace(t5, "Strategic Industry,Total,2010,551", "Strategic Industry,Total,2010,552")
        seconds, ran["value"] = _pipeline(copy)
        rows["value"].append(seconds)
        t5.write_text(original, encoding="utf-8")  # the next round starts from the data as printed (a cold build)
    for _ in range(runs):  # the edition the Jupyter Book baseline builds
        _forget(copy)
        rows["cold_en"].append(_pipeline(copy, "--force", "--lang", "en")[0])
    return {
        "cold_build_s": _median(rows["cold"]),
        "cold_build_en_s": _median(rows["cold_en"]),
        "no_change_s": _median(rows["none"]),
        "one_notebook_changed_s": _median(rows["notebook"]),
        "data_bytes_only_changed_s": _median(rows["bytes"]),
        "data_one_table5_value_changed_s": _median(rows["value"]),
        "re_executed": {k: ["/".join(x) for x in v] for k, v in ran.items()},
        "runs": runs,
    }


def jupyter_book_baseline(copy: Path, runs: int) -> float:
    """Jupyter Book executing the English edition's notebooks itself: the 8 chapters and 16 profiles, each with
    the parameters the pipeline gives it (injected by papermill, not executed), ``execute_notebooks: force``."""
    import nbformat
    import papermill.iorw
    import papermill.parameterize
    import yaml

    base = copy / "_jb_baseline"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir()
    from bookbuild import execute
    from regional_policy.params import Parameters

    toc_files = []
    for task in execute.tasks(Parameters(lang="en"), base):
        nb = papermill.iorw.load_notebook_node(str(copy / "notebooks" / task.source.name))  # tags on every cell
        nb = papermill.parameterize.parameterize_notebook(nb, task.parameters)
        task.target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, task.target)
        toc_files.append({"file": task.target.relative_to(base).with_suffix("").as_posix()})
    config = yaml.safe_load((copy / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {"execute_notebooks": "force", "timeout": 300}
    config.pop("bibtex_bibfiles", None)
    config["exclude_patterns"] = ["_build"]
    config["sphinx"]["config"]["html_static_path"] = [str(copy / "_static")]
    config["sphinx"]["config"]["suppress_warnings"] = ["myst.xref_missing", "ref"]
    (base / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (base / "index.md").write_text("# Baseline\n", encoding="utf-8")
    (base / "_toc.yml").write_text(
        yaml.safe_dump({"format": "jb-book", "root": "index", "chapters": toc_files}), encoding="utf-8"
    )
    times = []
    env_cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(base)]
    for _ in range(runs):
        shutil.rmtree(base / "_build", ignore_errors=True)
        times.append(_run(env_cmd, base)[0])
    return _median(times)


def test_times(copy: Path) -> dict:
    """``make test`` (the two pytest runs of the Makefile) and ``make check``'s pytest run, once each; the CPU time
    of ``make test`` and its slowest test files."""
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"]
    report = copy / "_build" / "bench-tests.xml"
    report.parent.mkdir(exist_ok=True)
    failed: list[str] = []

    def run(*args: str) -> float:  # a pytest run's seconds; failures noted, and the bench goes on (marked, exit 1)
        seconds, result = _timed([*pytest, *args], copy)
        if result.returncode:
            lines = result.stdout.strip().splitlines()
            failed.extend([line for line in lines if line.startswith(("FAILED", "ERROR"))] + lines[-1:])
        return seconds

    cpu = cpu_seconds()
    everything = run("--dist", "loadgroup", f"--junitxml={report}", "tests")
    nbval = run("--dist", "loadfile", "--nbval", "--nbval-current-env", "book/")
    cpu = None if cpu is None else round(cpu_seconds() - cpu, 1)
    fast = run("-m", "not build and not browser", "tests")
    return {
        "failed": failed,
        "make_test_s": round(everything + nbval, 1),
        "pytest_tests_s": round(everything, 1),
        "nbval_s": round(nbval, 1),
        "fast_tier_s": round(fast, 1),
        "cpu_s": cpu,
        "by_file": test_files(report) if report.exists() else [],
    }


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_at_start": load,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.bench")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build measure (median)")
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="builds only, once (no tests, baseline, browser)")
    parser.add_argument(
        "--lighthouse-pages",
        default="all",
        help="'all' (every chapter page of both editions, the target's measure) or comma-separated pages",
    )
    parser.add_argument("--out", default=str(ROOT / "bench"))
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    results: dict = {
        "machine": machine(),
        "served": "by python http.server on 127.0.0.1: page bytes uncompressed; Lighthouse with gzip, as a host serves",
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(ROOT, copy, ignore=IGNORE)
        subprocess.run(["git", "init", "-q"], cwd=copy, check=True)  # the provenance lines name a commit
        shared = ROOT.parent / "shared"
        if shared.exists():
            os.symlink(shared, Path(tmp) / "shared")
        print("timing builds ...", flush=True)
        results["build"] = build_times(copy, runs)
        print("profiling a cold build ...", flush=True)
        results["profile"] = cold_profile(copy)
        if not args.quick:
            print("timing Jupyter Book on the same notebooks ...", flush=True)
            results["build"]["jupyter_book_same_notebooks_s"] = jupyter_book_baseline(copy, args.baseline_runs)
            results["build"]["speedup_vs_jupyter_book"] = round(
                results["build"]["jupyter_book_same_notebooks_s"] / results["build"]["cold_build_en_s"], 2
            )
            site = copy / "_build" / "html"
            server = Server(site)  # uncompressed: the bytes of the page as built
            try:
                print("page bytes in Chromium ...", flush=True)
                results["first_load"] = first_load_bytes(site, server.base)
            finally:
                server.close()
            server = Server(site, gzip=True)  # compressed, as a web host serves it
            try:
                pages = chapter_pages(site) if args.lighthouse_pages == "all" else args.lighthouse_pages.split(",")
                print("Lighthouse ...", flush=True)
                results["lighthouse"] = lighthouse(pages, server.base, Path(tmp), runs)
            finally:
                server.close()
            print("timing the tests ...", flush=True)
            results["tests"] = test_times(copy)
    results["bench_s"] = round(time.perf_counter() - started, 1)
    (out / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "results.md").write_text(table(results), encoding="utf-8")
    print(table(results))
    return 1 if results.get("tests", {}).get("failed") else 0


def table(r: dict) -> str:
    b, t = r["build"], r.get("tests", {})
    ran = b["re_executed"]
    m = r["machine"]

    def cell(value, unit=" s"):
        return "not measured (--quick)" if value is None else f"{value}{unit}"

    lines = [
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}, load average {m['load_at_start']} at start; "
        f"builds: median of {b['runs']} runs; site served {r['served']}.",
        "",
        "| measure | measured | target |",
        "| --- | --- | --- |",
        f"| cold build, both editions (execute + compile) | {b['cold_build_s']} s | <= 30 s |",
        f"| data file changed, no value changed (CSV quoting) | {b['data_bytes_only_changed_s']} s, re-executed: "
        f"{', '.join(ran['bytes']) or 'none'} | <= 5 s |",
        f"| one value of Table 5 changed | {b['data_one_table5_value_changed_s']} s, re-executed {len(ran['value'])}: "
        f"{', '.join(ran['value'])} | <= 20 s |",
        f"| one chapter notebook changed | {b['one_notebook_changed_s']} s ({len(ran['notebook'])} notebooks) | <= 8 s |",
        f"| no change | {b['no_change_s']} s | <= 2 s |",
        f"| Jupyter Book executing the same 24 notebooks (en) / pipeline cold build (en, {b['cold_build_en_s']} s) | "
        f"{cell(b.get('jupyter_book_same_notebooks_s'))} / {b['cold_build_en_s']} s = "
        f"{cell(b.get('speedup_vs_jupyter_book'), 'x')} | >= 3x |",
        f"| `make test` (everything: pytest -n 2 + nbval -n 2) | {cell(t.get('make_test_s'))} | <= 300 s |",
        f"| fast tier (`make check`'s pytest) | {cell(t.get('fast_tier_s'))} | <= 60 s |",
    ]
    if r.get("first_load"):
        worst = max(r["first_load"].items(), key=lambda kv: kv[1]["total"])
        lines.append(
            f"| chapter page, uncompressed, first load (largest: {worst[0]}) | {worst[1]['total']:,} bytes | <= 1.5 MB |"
        )
    for page, s in r.get("lighthouse", {}).items():
        lines.append(
            f"| Lighthouse mobile, {page} (median of {s.get('runs', 1)}): performance / accessibility / best practices / SEO | "
            f"{s.get('performance')} / {s.get('accessibility')} / {s.get('best-practices')} / {s.get('seo')} "
            f"(FCP {s['fcp_ms']} ms, TBT {s['tbt_ms']} ms) | >= 90 |"
        )
    if r.get("first_load"):
        lines += [
            "",
            "| chapter page | HTML | JS | CSS | fonts | other | total | requests | charts drawn |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for page, w in r["first_load"].items():
            lines.append(
                f"| {page} | {w['html']:,} | {w['js']:,} | {w['css']:,} | {w['font']:,} | {w['other']:,} | "
                f"{w['total']:,} | {w['requests']} | {w['charts_drawn_ms']} ms |"
            )
    if r.get("profile"):
        lines += ["", *profile_lines(r["profile"], m["cpus"])]
    if t.get("make_test_s") is not None:
        lines += ["", *test_lines(t, m["cpus"])]
    if t.get("failed"):
        lines += ["", "**Tests failed in this run; its test timings are not those of a passing run:**", ""]
        lines += [f"    {line}" for line in t["failed"]]
    lines += ["", f"The bench took {r['bench_s']} s."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
