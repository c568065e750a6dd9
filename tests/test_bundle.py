"""The course bundle installs lean into a fresh virtual environment and runs every student notebook blank."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from bookbuild import downloads, exercises

pytestmark = pytest.mark.build  # installs packages (from the pip cache or the registry) and executes notebooks
# nothing of this checkout, nor this machine's PYTHONDONTWRITEBYTECODE: a student's Python writes the bytecode of what
# it imports, the first time
CLEAN = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")}


def _run(cmd, **kw):
    return subprocess.run(cmd, env=CLEAN, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundle")
    copies = {p.stem: downloads.students(p) for p in [*downloads.public_notebooks(), exercises.HOMEWORK]}
    zipfile.ZipFile(__import__("io").BytesIO(downloads.course(copies))).extractall(root)
    course = root / "course"
    subprocess.run([sys.executable, "-m", "venv", str(course / ".venv")], check=True)
    # --no-compile: no bytecode for every module of every package up front (a third of the install); Python writes it
    # for the modules a notebook imports when it first does
    pip = [str(course / ".venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    pip.append("--no-compile")
    subprocess.run([*pip, "-r", "requirements-runtime.txt"], cwd=course, check=True, env=CLEAN)
    subprocess.run([*pip, "--no-deps", "-e", "."], cwd=course, check=True, env=CLEAN)  # as the README says
    return course


def test_the_bundle_installs_only_the_runtime_with_jupyterlab_and_myst(bundle):
    python = str(bundle / ".venv" / "bin" / "python")
    listed = _run([python, "-m", "pip", "list", "--format=freeze"]).stdout
    names = {line.split("==")[0].lower().replace("_", "-") for line in listed.splitlines()}
    assert {"jupyterlab", "jupyterlab-myst", "pandas", "altair", "papermill", "regional-policy"} <= names
    assert not names & {"sphinx", "jupyter-book", "playwright", "pytest", "bookbuild"}
    ext = _run([str(bundle / ".venv" / "bin" / "jupyter"), "labextension", "list"])
    assert "jupyterlab-myst v" in ext.stdout + ext.stderr
    shown = _run([python, "-c", "import regional_policy; print(regional_policy.__file__)"], cwd="/")
    assert shown.stdout.startswith(str(bundle / "regional_policy"))


def test_every_student_notebook_runs_blank_in_the_bundle(bundle):
    papermill = str(bundle / ".venv" / "bin" / "papermill")
    notebooks = sorted((bundle / "notebooks").rglob("*.ipynb"))
    assert len(notebooks) == 2 * (len(downloads.public_notebooks()) + 1)

    def run(nb):
        out = bundle / "out" / nb.parent.name / nb.name
        out.parent.mkdir(parents=True, exist_ok=True)
        done = _run([papermill, "--cwd", str(nb.parent), str(nb), str(out)])
        return nb, done.returncode, done.stderr[-600:], out

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, notebooks))
    failed = [(nb.relative_to(bundle), err) for nb, code, err, _ in results if code]
    assert not failed, failed
    text = (bundle / "out" / "en" / "03-systematizing-phase.ipynb").read_text(encoding="utf-8")
    assert "Exercise 3.1: no answer yet" in text
    text = (bundle / "out" / "ko" / "03-systematizing-phase.ipynb").read_text(encoding="utf-8")
    assert "연습문제 3.1: 아직 답이 없다" in text


def test_jupyterlab_loads_the_myst_extension(bundle):
    # requirements.in keeps JupyterLab below 4.5: later releases bundle @jupyter/ydoc 4, which jupyterlab-myst cannot load
    ext = _run([str(bundle / ".venv" / "bin" / "jupyter"), "labextension", "list"])
    assert "is not compatible" not in ext.stdout + ext.stderr, ext.stdout + ext.stderr
    assert "jupyterlab-myst" in ext.stdout + ext.stderr
