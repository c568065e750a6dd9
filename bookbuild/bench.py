"""Measure the build: `make bench` (python -m bookbuild.bench).

Runs in a scratch copy of the repository so that the timed edits never touch
the working tree, and writes ``bench/results.json`` and the table of
``bench/results.md`` (copied into the README by hand). Times are medians over
``--runs`` runs. Nothing here is a test: the numbers are a report.

Measured: cold build (execute everything and compile both editions),
no-change rebuild, rebuild after one notebook changes, rebuild after one data
file changes, the test suite; page weight per chapter (HTML, JS, CSS, data
and images it loads); time until every chart of a chapter page has rendered in
headless Chromium; and the same chapters built by Jupyter Book executing them
itself (``execute_notebooks: force``), with the ratio between the two.
"""

from __future__ import annotations

import argparse
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

IGNORE = shutil.ignore_patterns(
    ".git", "_build", ".venv", "__pycache__", ".pytest_cache", "test-artifacts", "*.egg-info", ".cache", "bench"
)


def _run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 2)


def _pipeline(copy: Path, *args: str) -> float:
    return _run([sys.executable, "-m", "bookbuild.pipeline", "all", *args], copy)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_times(copy: Path, runs: int) -> dict:
    cold, cold_en, none, notebook, data = [], [], [], [], []
    for i in range(runs):
        cold_en.append(_pipeline(copy, "--force", "--lang", "en"))
        cold.append(_pipeline(copy, "--force"))
        none.append(_pipeline(copy))
        _edit(
            copy / "notebooks" / "06-summary.ipynb",
            "Thirteen years",
            "Thirteen years " if i % 2 == 0 else "Thirteen years",
        )
        notebook.append(_pipeline(copy))
        with open(copy / "data" / "economic-regions.csv", "a", encoding="utf-8") as fh:
            fh.write("")
        _edit(copy / "data" / "table1-notes.md", "\n", "\n\n")
        data.append(_pipeline(copy))
    return {
        "cold_build_s": _median(cold),
        "cold_build_en_s": _median(cold_en),
        "no_change_rebuild_s": _median(none),
        "one_notebook_changed_s": _median(notebook),
        "one_data_file_changed_s": _median(data),
        "runs": runs,
    }


def jupyter_book_baseline(copy: Path, runs: int) -> float:
    """The same English chapters built by Jupyter Book executing them itself."""
    import yaml

    base = copy / "_jb_baseline"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir()
    for nb in sorted((copy / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        shutil.copy(nb, base / nb.name)
    for page in ("index.md", "glossary.md", "references.md", "references.bib"):
        shutil.copy(copy / "pages" / page, base / page)
    config = yaml.safe_load((copy / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {"execute_notebooks": "force", "timeout": 300}
    config["bibtex_bibfiles"] = ["references.bib"]
    config["exclude_patterns"] = ["_build"]
    config["sphinx"]["config"]["html_static_path"] = [str(copy / "_static")]
    (base / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    toc = (copy / "_toc.yml").read_text(encoding="utf-8").replace("book/", "")
    (base / "_toc.yml").write_text(toc, encoding="utf-8")
    times = []
    env_cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(base)]
    for _ in range(runs):
        shutil.rmtree(base / "_build", ignore_errors=True)
        times.append(_run(env_cmd, base))
    return _median(times)


def page_weight(site: Path) -> dict:
    """Bytes a chapter page loads: the HTML, the scripts, styles and images it references."""
    out = {}
    for page in sorted((site / "book").glob("0*.html")):
        html = page.read_text(encoding="utf-8")
        refs = re.findall(r'(?:src|href)="([^"#?]+)(?:\?[^"]*)?"', html)
        kinds = {"html": len(html.encode()), "js": 0, "css": 0, "other": 0}
        for ref in set(refs):
            if re.match(r"[a-z]+:", ref) or ref.endswith(".html"):
                continue
            f = (page.parent / ref).resolve()
            if f.is_file():
                kind = "js" if f.suffix == ".js" else "css" if f.suffix == ".css" else "other"
                if kind != "other" or f.suffix in (".png", ".svg", ".woff2", ".json"):
                    kinds[kind] += f.stat().st_size
        kinds["total"] = sum(kinds.values())
        out[page.stem] = kinds
    return out


def chart_render_times(site: Path) -> dict:
    """Milliseconds from navigation until every chart on the page reports it has rendered."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    import http.server
    import threading
    from functools import partial

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
            )
            page = browser.new_page()
            for html in sorted((site / "book").glob("0*.html")):
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{server.server_port}/book/{html.name}")
                page.wait_for_function(
                    """() => [...document.querySelectorAll('.rp-vega')]
                    .every(d => d.dataset.rendered === '1')""",
                    timeout=20000,
                )
                out[html.stem] = round(1000 * (time.perf_counter() - start))
            browser.close()
    finally:
        server.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(ROOT, copy, ignore=IGNORE)
        if (ROOT / ".git").exists():  # the provenance lines name a commit
            subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
        shared = ROOT.parent / "shared"
        if shared.exists():
            os.symlink(shared, Path(tmp) / "shared")
        results = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
        }
        print("timing builds ...", flush=True)
        results["build"] = build_times(copy, args.runs)
        print("timing the test suite ...", flush=True)
        results["build"]["test_suite_s"] = _median(
            [_run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], copy)]
        )
        print("timing the Jupyter Book baseline ...", flush=True)
        baseline = jupyter_book_baseline(copy, args.runs)
        results["build"]["jupyter_book_executes_s"] = baseline
        results["build"]["speedup_cold"] = round(baseline / results["build"]["cold_build_en_s"], 2)
        site = copy / "_build" / "html"
        results["page_weight_bytes"] = page_weight(site)
        results["chart_render_ms"] = chart_render_times(site)
    (out / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "results.md").write_text(table(results), encoding="utf-8")
    print(table(results))
    return 0


def table(r: dict) -> str:
    b = r["build"]
    lines = [
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| cold build (execute + compile, both editions) | {b['cold_build_s']} s | < 30 s |",
        f"| cold build, English edition only | {b['cold_build_en_s']} s | |",
        f"| no-change rebuild | {b['no_change_rebuild_s']} s | < 5 s |",
        f"| rebuild after one notebook changes | {b['one_notebook_changed_s']} s | |",
        f"| rebuild after one data file changes | {b['one_data_file_changed_s']} s | |",
        f"| test suite (pytest tests) | {b['test_suite_s']} s | |",
        f"| Jupyter Book executing the English chapters itself | {b['jupyter_book_executes_s']} s | |",
        f"| speed-up on a cold build (English edition against the baseline) | {b['speedup_cold']}x | >= 2x |",
        "",
        "| chapter page | HTML | JS | CSS | total | charts rendered |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for page, w in r["page_weight_bytes"].items():
        ms = r["chart_render_ms"].get(page, "")
        lines.append(
            f"| {page} | {w['html']:,} | {w['js']:,} | {w['css']:,} | {w['total']:,} | "
            f"{ms if ms == '' else str(ms) + ' ms'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
