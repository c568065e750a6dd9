"""Dependencies recorded, not assumed: what each executed notebook read, hashed by value.

When a kernel shuts down it writes what its notebook read (:mod:`.kernels`): the data tables it looked up,
the ledger rows it showed (:mod:`regional_policy.reads`), the modules
of ``regional_policy`` it imported and the other project files it opened. :func:`fingerprints` turns that
record into ``{dependency: hash}``, hashing tables and ledger rows by value (the parsed table, not its bytes),
and each edition keeps them in ``.deps.json`` beside its notebooks. The next build re-executes a notebook
only when its source, parameters or requirements changed, or when one of its dependencies hashes differently:
a byte change that alters no value (CSV quoting) stops there, the "early cutoff" of Shake and Bazel. (The pages
that show a file's hash get it when the site is assembled: :func:`regional_policy.slots.fill_file_hashes`.)

Data CSV files are tracked through the tables (every notebook opens them all when it loads the package);
``datapackage.json`` by its parsed content; everything else by bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import regional_policy
from regional_policy.paths import DATA, DATAPACKAGE, ROOT

PACKAGE = Path(regional_policy.__file__).resolve().parent  # the analysis package

MANIFEST = ".deps.json"

if TYPE_CHECKING:  # pandas is imported only when a value is hashed
    import pandas as pd


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def frame_hash(frame: pd.DataFrame) -> str:
    """The parsed values of a table (columns, types, cells): equal for two CSV spellings of the same data."""
    import pandas as pd

    head = json.dumps([list(map(str, frame.columns)), [str(t) for t in frame.dtypes]]).encode()
    cells = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    return _sha(head + b"\0" + cells)


def file_hash(path: Path) -> str:
    try:
        return _sha(path.read_bytes())
    except OSError:
        return "missing"


def source_hash(path: Path) -> str:
    """Hash of a notebook's cell types, tags and sources: what the executed copy must come from."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        [
            c["cell_type"],
            c["metadata"].get("tags", []),
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
        ]
        for c in nb["cells"]
    ]
    return _sha(json.dumps(cells, ensure_ascii=False).encode())


def inputs_hash(source: Path, params) -> str:
    """A notebook's own inputs: its source, its parameters (a :class:`~regional_policy.params.Parameters` or a dict),
    the pinned requirements. What it read is recorded apart (:func:`keys`)."""
    parameters = params if isinstance(params, dict) else vars(params)
    requirements = file_hash(ROOT / "requirements.txt")
    return _sha(json.dumps([source_hash(source), parameters, requirements], sort_keys=True).encode())


def basis() -> str:
    """What every value-dependency (tables, file hashes, ledger rows, descriptor) is a function of: the data
    package's bytes, the analysis package's code and tables, the requirements. When it is unchanged, so are they."""
    from regional_policy.loader import digest

    h = hashlib.sha256((digest() or "invalid").encode())
    for f in sorted(PACKAGE.glob("*.py")) + sorted(PACKAGE.glob("*.csv")) + [ROOT / "requirements.txt"]:
        h.update(f.name.encode() + b"\0" + file_hash(f).encode())
    return h.hexdigest()


class Current:
    """The current value of every kind of dependency, computed once per build and only when asked."""

    def __init__(self, data=None):
        self._data = data
        self._cache: dict[str, str] = {}
        self._ledger = None
        self.basis = basis()

    @property
    def data(self):
        if self._data is None:
            from regional_policy.loader import load

            self._data = load()
        return self._data

    def ledger(self) -> pd.DataFrame:
        if self._ledger is None:
            from regional_policy import memo

            self._ledger = memo.ledger(self.data).set_index("id", drop=False)
        return self._ledger

    def _compute(self, key: str) -> str:
        kind, _, name = key.partition(":")
        if kind == "table":
            return frame_hash(self.data[name]) if name in self.data else "missing"
        if kind == "ledger":
            ids = name.split(",") if name else []
            rows = self.ledger().reindex(ids)
            return _sha(rows.to_json(orient="split", default_handler=str).encode())
        if kind == "descriptor":
            try:
                return _sha(json.dumps(json.loads(DATAPACKAGE.read_bytes()), sort_keys=True).encode())
            except (OSError, ValueError):
                return "missing"
        if kind == "file":
            return file_hash(ROOT / name)
        return "unknown"  # a kind recorded by an older pipeline (the notebook runs again and records what it reads)

    def seed(self, entries) -> None:
        """Take the values that manifest entries recorded under this basis: they are the same now, so a build that
        changed neither the data nor the package (a chapter's text) hashes no table and loads no data."""
        for entry in entries:
            if entry.get("basis") == self.basis:
                for key, value in entry.get("deps", {}).items():
                    if of_basis(key):
                        self._cache.setdefault(key, value)

    def __getitem__(self, key: str) -> str:
        if key not in self._cache:
            self._cache[key] = self._compute(key)
        return self._cache[key]


MACHINE_STATE = {".venv", ".cache", "_build", ".git", "test-artifacts", "node_modules"}  # never a dependency
GENERATED = {("_static", "geo"), ("_static", "vendor")}  # made from pinned inputs (boundaries.json, the lock)


def keys(record: dict) -> list[str]:
    """The dependencies named by a kernel's record (see :func:`bookbuild.kernels._kernel`)."""
    reads = record.get("reads", {})
    out = {f"table:{n}" for n in reads.get("resources", [])}
    if reads.get("ledger"):
        out.add("ledger:" + ",".join(sorted(reads["ledger"])))
    out.update(k for name in record.get("modules", []) + record.get("opened", []) if name and (k := _file_key(name)))
    return sorted(out)


@functools.cache
def _file_key(name: str) -> str | None:
    """The dependency that a file a kernel opened or imported stands for, if any (every notebook names mostly the same
    files, and resolving a path asks the file system about each of its folders)."""
    root = ROOT.resolve()
    path = Path(name).resolve()
    if not path.is_relative_to(root) or "__pycache__" in path.parts:
        return None
    rel = path.relative_to(root)
    if rel.parts[0] in MACHINE_STATE or rel.parts[:2] in GENERATED or "site-packages" in path.parts:
        # this machine's environment and caches: the lock (requirements.txt, in every notebook's inputs) pins
        # the packages, data/boundaries.json the boundaries' sha256, and the ledger memo stands for the rows shown
        return None
    if path == DATAPACKAGE.resolve():
        return "descriptor:"
    if path.parent == DATA.resolve() and path.suffix == ".csv":
        return None  # tracked as tables, by value
    return "file:" + rel.as_posix()


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(folder: Path, manifest: dict) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(folder / MANIFEST)


def of_basis(key: str) -> bool:
    """Whether a dependency's value is a function of :func:`basis`: the tables, ledger rows and descriptor, and the
    analysis package's own files."""
    if not key.startswith("file:"):
        return True
    return key.startswith("file:regional_policy/") and key.count("/") == 1 and key.endswith((".py", ".csv"))


def changed(entry: dict | None, inputs: str, current: Current) -> str | None:
    """Why a notebook must run again (None when it is up to date)."""
    if not entry:
        return "never executed by this pipeline"
    if entry.get("inputs") != inputs:
        return "its source, parameters or requirements changed"
    same_basis = entry.get("basis") == current.basis
    for key, value in entry.get("deps", {}).items():
        if same_basis and of_basis(key):
            continue  # a function of the data and the package, both unchanged
        if current[key] != value:
            return f"{key} changed"
    return None
