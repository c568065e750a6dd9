"""Downloads for readers, students and instructors, all generated from the chapter notebooks.

Public, in the built site (``_build/html/downloads/``):

* ``notebooks/<chapter>.ipynb`` - the chapter as in ``notebooks/`` (both languages, solutions, no outputs);
* ``student/<chapter>.ipynb`` and ``student/ko/<chapter>.ipynb`` - one language each, every solution and key
  removed, an answer cell (``answer = ...``) and a self-check cell after each exercise (:mod:`.exercises`);
* ``<chapter>.zip`` - the two student notebooks with the data, the analysis package and the runtime requirements;
* ``course.zip`` - every chapter's student notebooks in both languages, the homework, the data, the analysis
  package ``regional_policy`` (no build tooling), ``requirements-runtime.txt`` and a README.

Private, outside the site (``_build/instructor/``): the notebooks with their solutions in each language, the
homework with its solutions, ``keys.json`` (what ``make grade`` compares with) and the instructor's guide (model
answers, rubric). Archives are byte-identical from build to build (fixed timestamps, sorted entries).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from regional_policy.paths import BUILD, DATA, ROOT

from . import exercises
from .deps import PACKAGE  # the analysis package only: no build tooling
from .exercises import LANGS

INSTRUCTOR = BUILD / "instructor"
GUIDES = ROOT / "instructor"
LOCK, RUNTIME = ROOT / "requirements.txt", ROOT / "requirements-runtime.txt"
# what the notebooks import, what runs them from the command line, and JupyterLab with MyST rendering
RUNTIME_ROOTS = [
    "altair",
    "pandas",
    "numpy",
    "frictionless",
    "vl-convert-python",
    "shapely",
    "pooch",
    "ipykernel",
    "papermill",
    "jupyterlab",
    "jupyterlab-myst",
]
EPOCH = (2011, 1, 1, 0, 0, 0)
BUNDLE_PYPROJECT = """[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "regional-policy"
version = "1.0.0"
requires-python = ">=3.11"

[tool.setuptools]
packages = ["regional_policy"]

[tool.setuptools.package-data]
regional_policy = ["labels.csv"]
"""
README = (Path(__file__).with_name("course_readme.txt")).read_text(encoding="utf-8")


def _lock() -> dict[str, tuple[str, set[str]]]:
    """``requirements.txt`` as {name: (version, the packages it is there for)}."""
    out, name = {}, None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line)
        if pin:
            name = pin.group(1).lower()
            out[name] = (pin.group(2), set())
        elif name and (via := re.match(r"^\s+#\s+(?:via\s+)?([A-Za-z0-9._-]+)\s*$", line)):
            out[name][1].add(via.group(1).lower())
    return out


def runtime_requirements() -> str:
    """The runtime roots and everything the lock installs for them, at the lock's versions."""
    lock = _lock()
    missing = [r for r in RUNTIME_ROOTS if r not in lock]
    if missing:
        raise ValueError(f"{LOCK.name}: no pin for the runtime requirement(s) {', '.join(missing)}")
    needed, grew = set(RUNTIME_ROOTS), True
    while grew:
        more = {name for name, (_, via) in lock.items() if via & needed} - needed
        grew, needed = bool(more), needed | more
    head = (
        "# What the notebooks need to run, with JupyterLab and MyST rendering: generated from requirements.txt\n"
        "# by bookbuild.downloads.runtime_requirements() (same versions; no build, test or browser tooling).\n"
    )
    return head + "".join(f"{name}=={lock[name][0]}\n" for name in sorted(needed))


def _dumps(notebook: dict) -> bytes:
    return (json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


MEMO = ROOT / ".cache" / "downloads"  # archives by what they hold: a build compresses only the ones that changed


def _zip(files: dict[str, bytes], prefix: str) -> bytes:
    """A deterministic archive of ``files`` under ``prefix/``, compressed once per content (:data:`MEMO`, keyed by
    every path and byte of it and by the code of this module)."""
    key = hashlib.sha256(Path(__file__).read_bytes() + prefix.encode())
    for path in sorted(files):
        key.update(b"\0" + path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    memo = MEMO / f"{prefix}@{key.hexdigest()[:32]}.zip"
    with contextlib.suppress(FileNotFoundError):
        return memo.read_bytes()
    data = _deflate(files, prefix)
    MEMO.mkdir(parents=True, exist_ok=True)
    for old in MEMO.glob(f"{prefix}@*.zip"):  # the archive this one replaces
        old.unlink(missing_ok=True)
    with tempfile.NamedTemporaryFile(dir=MEMO, suffix=".tmp", delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, memo)
    return data


def _deflate(files: dict[str, bytes], prefix: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{prefix}/{path}", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[path])
    return buffer.getvalue()


def _runtime_files() -> dict[str, bytes]:
    """Data, the analysis package, its requirements and a pyproject that installs the package alone."""
    files = {
        "requirements-runtime.txt": runtime_requirements().encode(),
        "pyproject.toml": BUNDLE_PYPROJECT.encode(),
        "README.txt": README.encode(),
    }
    for f in sorted(DATA.rglob("*")):
        if f.is_file():
            files[f"data/{f.relative_to(DATA).as_posix()}"] = f.read_bytes()
    for f in sorted(PACKAGE.rglob("*")):
        if f.suffix in (".py", ".csv") and "__pycache__" not in f.parts:
            files[f"regional_policy/{f.relative_to(PACKAGE).as_posix()}"] = f.read_bytes()
    return files


def students(path: Path) -> dict[str, dict]:
    """The student copies of one notebook, by language."""
    notebook = exercises.read(path)
    return {lang: exercises.student_copy(notebook, lang, path.stem) for lang in LANGS}


def archive(name: str, copies: dict[str, dict]) -> bytes:
    """One chapter's student notebooks (``notebooks/en``, ``notebooks/ko``) with what they need to run."""
    files = _runtime_files()
    for lang, nb in copies.items():
        files[f"notebooks/{lang}/{name}.ipynb"] = _dumps(nb)
    return _zip(files, name)


def course(copies: dict[str, dict[str, dict]]) -> bytes:
    """Every notebook's student copies in one bundle."""
    files = _runtime_files()
    for name, by_lang in copies.items():
        for lang, nb in by_lang.items():
            files[f"notebooks/{lang}/{name}.ipynb"] = _dumps(nb)
    return _zip(files, "course")


def public_notebooks() -> list[Path]:
    """What the site offers: the chapters and the profile (not the homework)."""
    return [*exercises.sources()[:-1], exercises.NOTEBOOKS / "profile.ipynb"]


def write(site: Path, instructor: Path | None = INSTRUCTOR) -> list[Path]:
    """Write the public downloads into ``site/downloads`` and the instructor package into ``instructor`` (None: not
    now)."""
    out = site / "downloads"
    written, copies = [], {}
    for source in [*public_notebooks(), exercises.HOMEWORK]:
        name = source.stem
        copies[name] = students(source)
        if source == exercises.HOMEWORK:
            continue
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        (out / "notebooks" / source.name).write_bytes(_dumps(exercises.read(source)))
        for lang, nb in copies[name].items():
            folder = out / "student" / ("" if lang == "en" else lang)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / source.name).write_bytes(_dumps(nb))
        zpath = out / f"{name}.zip"
        zpath.write_bytes(archive(name, copies[name]))
        written.append(zpath)
    (out / "course.zip").write_bytes(course(copies))
    written.append(out / "course.zip")
    if instructor is not None:
        write_instructor(instructor)
    return written


def write_instructor(folder: Path) -> Path:
    """The instructor package: solutions per language, the homework with solutions, the keys, the guide."""
    shutil.rmtree(folder, ignore_errors=True)
    for source in [*exercises.sources()]:
        notebook = exercises.read(source)
        for lang in LANGS:
            (folder / "notebooks" / lang).mkdir(parents=True, exist_ok=True)
            (folder / "notebooks" / lang / source.name).write_bytes(_dumps(exercises.reader_copy(notebook, lang)))
    keys = {
        k.id: {"answer": k.answer, "tolerance": k.tolerance, "notebook": k.notebook, "number": k.number}
        for k in exercises.all_keys().values()
    }
    (folder / "keys.json").write_text(json.dumps(keys, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    for guide in sorted(GUIDES.glob("*.md")):
        shutil.copy2(guide, folder / guide.name)
    return folder


if __name__ == "__main__":  # python -m bookbuild.downloads [site]: write the downloads and the instructor package
    import sys

    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILD / "html"):
        print(path)
    print(INSTRUCTOR)
