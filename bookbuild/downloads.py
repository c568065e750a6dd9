"""Downloads for readers and classes: each chapter's notebook, a student copy, and a self-contained archive.

Written into the built site (``_build/html/downloads/``) by the pipeline:

* ``notebooks/<chapter>.ipynb`` - the chapter as in ``notebooks/`` (both languages, no outputs);
* ``student/<chapter>.ipynb`` - the same with every exercise solution removed, not merely hidden: the
  ``{solution-start}`` ... ``{solution-end}`` cells and everything between them;
* ``<chapter>.zip`` - the student notebook, the full notebook, the data package, the package the notebooks
  import, the pinned requirements and a short README, so that a class can run the chapter without the site.

Archives are byte-identical from build to build (fixed timestamps, sorted entries).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import regional_policy
from regional_policy.paths import DATA, NOTEBOOKS, ROOT

PACKAGE = Path(regional_policy.__file__).resolve().parent  # the analysis package only: no build tooling
EPOCH = (2011, 1, 1, 0, 0, 0)
README = """Running this chapter
====================

python3 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/pip install --no-deps -e .
.venv/bin/pip install jupyterlab
.venv/bin/jupyter lab notebooks/

notebooks/{name}.ipynb          the chapter
notebooks/student/{name}.ipynb  the same without the exercise solutions
data/                           the data package (datapackage.json describes every file)
regional_policy/                the code the notebooks call
"""


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def student_copy(notebook: dict) -> dict:
    """The notebook without its exercise solutions."""
    cells, inside = [], False
    for cell in notebook["cells"]:
        text = _source(cell).lstrip()
        if text.startswith("```{solution-start}"):
            inside = True
            continue
        if text.startswith("```{solution-end}"):
            inside = False
            continue
        if not inside and "exercise-solution" not in cell["metadata"].get("tags", []):
            cells.append(cell)
    return {**notebook, "cells": cells}


def _dumps(notebook: dict) -> bytes:
    return (json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def archive(name: str, full: dict, student: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        files = {
            f"notebooks/{name}.ipynb": _dumps(full),
            f"notebooks/student/{name}.ipynb": _dumps(student),
            "requirements.txt": (ROOT / "requirements.txt").read_bytes(),
            "pyproject.toml": (ROOT / "pyproject.toml").read_bytes(),
            "README.txt": README.format(name=name).encode(),
        }
        for f in sorted(DATA.iterdir()):
            if f.is_file():
                files[f"data/{f.name}"] = f.read_bytes()
        for f in sorted(PACKAGE.rglob("*")):
            if f.suffix in (".py", ".csv"):
                files[f"regional_policy/{f.relative_to(PACKAGE).as_posix()}"] = f.read_bytes()
        for path in sorted(files):
            _add(z, f"{name}/{path}", files[path])
    return buffer.getvalue()


def write(site: Path) -> list[Path]:
    """Write every chapter's downloads into ``site/downloads``; return the archives."""
    out = site / "downloads"
    written = []
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        name = source.stem
        full = json.loads(source.read_text(encoding="utf-8"))
        student = student_copy(full)
        for folder, nb in (("notebooks", full), ("student", student)):
            (out / folder).mkdir(parents=True, exist_ok=True)
            (out / folder / source.name).write_bytes(_dumps(nb))
        zpath = out / f"{name}.zip"
        zpath.write_bytes(archive(name, full, student))
        written.append(zpath)
    return written
