"""Read the data package and validate every resource against its schema: the bottom layer.

:func:`read` checks that ``datapackage.json`` parses and describes readable CSV
files, and every resource against its Frictionless schema (types, required
values, ranges, allowed categories, primary and foreign keys). It knows nothing
of errata or totals: :func:`regional_policy.loader.load`, one layer up, adds
those checks. This module also holds the types every other module shares:
:class:`Data`, :class:`Problem` and :class:`DataError`.

Every problem is reported with the file, the line of the CSV file (the header
is line 1), the column and what is wrong; all problems are collected and
raised together as one :class:`DataError`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import reads
from .paths import DATAPACKAGE


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the data."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """The data package is broken; ``problems`` says where and how."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"the data package is invalid ({len(self.problems)} problem(s)):\n{lines}")


class Data(Mapping):
    """The validated tables, by resource name, plus their descriptors."""

    def __init__(self, descriptor: dict, frames: dict[str, pd.DataFrame], base: Path):
        self.descriptor = descriptor
        self._frames = frames
        self.base = base

    def __getitem__(self, name: str) -> pd.DataFrame:
        reads.resource(name)  # what a notebook reads is what the build re-executes it for
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def resource(self, name: str) -> dict:
        for res in self.descriptor["resources"]:
            if res["name"] == name:
                return res
        raise KeyError(f"no resource named {name!r}; resources: {', '.join(self)}")

    def field(self, resource: str, field: str) -> dict:
        for fld in self.resource(resource)["schema"]["fields"]:
            if fld["name"] == field:
                return fld
        raise KeyError(f"resource {resource!r} has no field {field!r}")

    def path(self, resource: str) -> Path:
        return self.base / self.resource(resource)["path"]

    def sha256(self, resource: str) -> str:
        reads.file_bytes(resource)
        return hashlib.sha256(self.path(resource).read_bytes()).hexdigest()

    def replace(self, frames: dict[str, pd.DataFrame]) -> Data:
        """A copy with some tables replaced (used to apply errata)."""
        return Data(self.descriptor, {**self._frames, **frames}, self.base)


def _read_descriptor(path: Path) -> dict:
    name = path.name
    if not path.is_file():
        raise DataError([Problem(str(path), None, None, "file not found")])
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError([Problem(name, exc.lineno, f"char {exc.colno}", f"invalid JSON: {exc.msg}")]) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError([Problem(name, None, None, "must be a JSON object with a 'resources' list")])
    return descriptor


def _schema_problems(path: Path, descriptor: dict) -> list[Problem]:
    from frictionless import Package

    problems: list[Problem] = []
    for res in descriptor["resources"]:
        file = res.get("path", "?")
        if not (path.parent / file).is_file():
            problems.append(Problem(file, None, None, f"file not found (resource '{res.get('name')}')"))
    if problems:
        return problems
    report = Package(str(path)).validate()
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for task in report.tasks:
        res = by_name.get(task.name, {})
        file = res.get("path", task.name)
        keys = ", ".join(res.get("schema", {}).get("primaryKey", []))
        for err in task.errors:
            line = getattr(err, "row_number", None)
            column = getattr(err, "field_name", None)
            if column is None and err.type == "primary-key":
                column = keys
            if column is None and err.type == "foreign-key":
                column = ", ".join(
                    fk["fields"] if isinstance(fk["fields"], str) else ", ".join(fk["fields"])
                    for fk in res["schema"].get("foreignKeys", [])
                )
            cell = getattr(err, "cell", None)
            value = f"value {cell!r}: " if cell not in (None, "") else ""
            problems.append(Problem(file, line, column, f"{err.type}: {value}{err.note}"))
    for err in report.errors:
        problems.append(Problem(path.name, None, None, f"{err.type}: {err.note}"))
    return problems


_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def _read_frame(path: Path, res: dict) -> pd.DataFrame:
    schema = res["schema"]
    missing = schema.get("missingValues", [""])
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "string") for f in schema["fields"]}
    bools = {f["name"] for f in schema["fields"] if f["type"] == "boolean"}
    frame = pd.read_csv(
        path / res["path"],
        dtype={k: ("string" if v == "boolean" else v) for k, v in dtypes.items()},
        keep_default_na=False,
        na_values=missing,
        encoding="utf-8",
    )
    for name in bools:
        frame[name] = frame[name].map({"true": True, "false": False}).astype("boolean")
    return frame


def read(path: str | Path = DATAPACKAGE, *, validate: bool = True) -> Data:
    """Read the data package and validate it against its schemas; raise :class:`DataError` on any problem.

    ``validate=False`` only for content known to be valid (:func:`.loader.load` decides)."""
    path = Path(path)
    descriptor = _read_descriptor(path)
    problems = _schema_problems(path, descriptor) if validate else []
    if problems:
        raise DataError(problems)
    frames = {res["name"]: _read_frame(path.parent, res) for res in descriptor["resources"]}
    return Data(descriptor, frames, path.parent)
