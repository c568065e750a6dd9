"""Each kind of failure gives a clear message and a non-zero exit, and leaves the last good build alone.

The pipeline runs in a scratch copy of the repository (``scratch``, tests/conftest.py), built once
for the English edition; each test breaks the copy in one way and checks the
message, the exit code and that ``book/`` and ``_build/html`` are unchanged.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from conftest import SCRATCH_IGNORE as IGNORE
from conftest import fingerprint as _fingerprint
from conftest import run_pipeline as _run


def _unchanged(copy: Path):
    before = {"book": _fingerprint(copy / "book"), "html": _fingerprint(copy / "_build" / "html")}

    def check():
        assert _fingerprint(copy / "book") == before["book"]
        assert _fingerprint(copy / "_build" / "html") == before["html"]

    return check


def _last_cell_runs(copy: Path, source: str) -> None:
    """Make the last code cell of 06-summary.ipynb in the copy run ``source``."""
    nb = copy / "notebooks" / "06-summary.ipynb"
    doc = json.loads(nb.read_text(encoding="utf-8"))
    [c for c in doc["cells"] if c["cell_type"] == "code"][-1]["source"] = source
    nb.write_text(json.dumps(doc), encoding="utf-8")


def test_corrupt_csv(scratch):
    check = _unchanged(scratch)
    path = scratch / "data" / "table5-budget-2010-2011.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Leading Industry,Special Account (Mega Region),2011,385",
            "Leading Industry,Special Account (Mega Region),2011,3x5",
        ),
        encoding="utf-8",
    )
    result = _run(scratch, "all", "--lang", "en", "--force")
    assert result.returncode == 2
    assert "table5-budget-2010-2011.csv, line 3, column 'amount'" in result.stderr
    check()


def test_missing_file(scratch):
    check = _unchanged(scratch)
    (scratch / "data" / "rsip-performance.csv").unlink()
    result = _run(scratch, "all", "--lang", "en")
    assert result.returncode == 2 and "rsip-performance.csv: file not found" in result.stderr
    check()


def test_broken_datapackage_json(scratch):
    check = _unchanged(scratch)
    path = scratch / "data" / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"resources": [', '"resources": [,', 1), encoding="utf-8")
    result = _run(scratch, "all", "--lang", "en")
    assert result.returncode == 2 and "datapackage.json, line" in result.stderr and "invalid JSON" in result.stderr
    check()


def test_invalid_parameter(scratch):
    check = _unchanged(scratch)
    result = _run(scratch, "all", "--lang", "fr")
    assert result.returncode == 2 and "lang='fr' is not allowed" in result.stderr and "'ko'" in result.stderr
    check()


def test_notebook_that_raises(scratch):
    check = _unchanged(scratch)
    _last_cell_runs(scratch, "raise ValueError('a deliberate failure')")
    result = _run(scratch, "all", "--lang", "en")
    assert result.returncode == 1
    assert "06-summary.ipynb failed in cell" in result.stderr and "ValueError: a deliberate failure" in result.stderr
    check()


def test_kernel_that_dies(scratch):
    check = _unchanged(scratch)
    _last_cell_runs(scratch, "import os\nos._exit(1)")
    result = _run(scratch, "all", "--lang", "en")
    assert result.returncode == 1 and "06-summary.ipynb" in result.stderr
    assert "DeadKernelError" in result.stderr or "died" in result.stderr
    check()


def test_a_machine_without_the_chart_font_executes_nothing(scratch, tmp_path):
    """Static charts measured with another font would be other bytes than the book's: the build stops at once. With
    nothing to execute (a fresh clone), the same machine builds."""
    check = _unchanged(scratch)
    conf = tmp_path / "fonts.conf"
    conf.write_text("<?xml version='1.0'?>\n<fontconfig></fontconfig>\n", encoding="utf-8")  # no font directory
    no_fonts = {"FONTCONFIG_FILE": str(conf)}
    result = _run(scratch, "all", "--lang", "en", "--force", env=no_fonts)
    assert result.returncode == 1
    assert "measured with the font NanumGothic (Regular, Bold not found by fontconfig" in result.stderr
    assert "sudo apt-get install fonts-nanum fontconfig" in result.stderr
    check()
    result = _run(scratch, "all", "--lang", "en", env=no_fonts)
    assert result.returncode == 0 and "up to date: 24 notebooks" in result.stdout, result.stderr[-2000:]
    check()


def test_site_that_does_not_build(scratch):
    before = _fingerprint(scratch / "_build" / "html")
    page = scratch / "pages" / "glossary.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee {ref}`a target that does not exist <nowhere>`.\n", encoding="utf-8"
    )
    result = _run(scratch, "html", "--lang", "en")
    assert result.returncode == 1 and "jupyter-book build (en) failed" in result.stderr
    assert "nowhere" in result.stdout + result.stderr
    assert _fingerprint(scratch / "_build" / "html") == before


def test_interrupted_build(scratch):
    check = _unchanged(scratch)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bookbuild.pipeline", "all", "--lang", "en", "--force"],
        cwd=scratch,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it: a child inherits an ignored SIGINT (as a test worker may have it), and
        # Python then never turns SIGINT into KeyboardInterrupt
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(4)  # validation done, kernels running
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, f"the build went on after SIGINT: {out[-300:]}"
    assert "interrupted: book/ and _build/html were left as they were" in err
    assert "done in" not in out and "compiled the site" not in out
    check()
    assert not list((scratch / "book").glob(".execute-*"))
    assert _left_running(scratch) == []


def _left_running(folder: Path, patience: float = 10.0) -> list[str]:
    """The processes still working in ``folder`` (a worker, the zygote or a kernel) once they had ``patience``
    seconds to end: the zygote and its kernels end with the build, even a killed one (PR_SET_PDEATHSIG)."""
    deadline = time.monotonic() + patience
    while True:
        left = []
        for cwd in Path("/proc").glob("[0-9]*/cwd"):
            try:
                if cwd.resolve().is_relative_to(folder.resolve()):
                    left.append((cwd.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
            except OSError:  # ended meanwhile, or not ours to see
                continue
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def test_up_to_date_build_starts_no_kernel(built):
    result = _run(built, "all", "--lang", "en")
    assert result.returncode == 0
    assert "executed" not in result.stdout and "compiled" not in result.stdout
    assert "up to date" in result.stdout and "site up to date" in result.stdout


def test_two_cold_builds_give_identical_notebooks_and_html(scratch):
    """Apart from what pipeline.VOLATILE_HTML declares, a forced rebuild changes no byte."""
    from bookbuild.pipeline import VOLATILE_HTML

    def stable(folder):
        return {k: v for k, v in _fingerprint(folder).items() if not any(re.fullmatch(p, k) for p in VOLATILE_HTML)}

    before_book, before_html = _fingerprint(scratch / "book"), stable(scratch / "_build" / "html")
    result = _run(scratch, "all", "--lang", "en", "--force")
    assert result.returncode == 0, result.stderr[-3000:]
    assert _fingerprint(scratch / "book") == before_book
    after_html = stable(scratch / "_build" / "html")
    changed = sorted(k for k in before_html.keys() | after_html.keys() if before_html.get(k) != after_html.get(k))
    assert not changed, changed[:20]


@pytest.fixture
def unbuilt(tmp_path):
    """A scratch copy of the repository with the committed book/ and a stand-in last site in _build/html.

    Enough for failures that must stop before anything is executed or compiled (bad data): no build needed.
    """
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    site = copy / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>the last good site</p>\n", encoding="utf-8")
    if (ROOT.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    return copy


def test_fuzzed_data_stops_the_build_and_writes_nothing(unbuilt):
    """A handful of the fuzz test's mutations (tests/test_fuzz.py), each in turn: exit 2, the file named, no traceback."""
    import random

    from test_fuzz import mutate

    scratch = unbuilt
    check = _unchanged(scratch)
    rng = random.Random(20261128)
    cases = [
        ("places.csv", "cp949"),
        ("table2-household-income.csv", "delete_row"),
        ("table3-ripp-first-stage.csv", "header_case"),
        ("figure1-strategic-industries.csv", "truncate"),
        ("table4-investment-by-project-type.csv", "semicolons"),
        ("rsip-performance.csv", "unclosed_quote"),
        ("table5-budget-2010-2011.csv", "empty"),
    ]
    for file, kind in cases:
        path = scratch / "data" / file
        original = path.read_bytes()
        broken = mutate(kind, original, rng)
        assert broken != original, (file, kind)
        path.write_bytes(broken)
        result = _run(scratch, "all", "--lang", "en", "--force", timeout=120)
        path.write_bytes(original)
        assert result.returncode == 2, (file, kind, result.stderr[-2000:])
        assert result.stderr.startswith("error: the data package is invalid"), (file, kind, result.stderr[-2000:])
        assert f"  - {file}" in result.stderr and "Traceback" not in result.stderr, (file, kind, result.stderr)
        check()
