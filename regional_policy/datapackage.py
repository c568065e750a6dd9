"""Read the data package and validate every resource against its schema: the bottom layer.

:func:`read` checks that ``datapackage.json`` parses and describes readable CSV
files (:mod:`.descriptor`), each CSV file's encoding and structure before any
library reads it (:mod:`.csvcheck`), the known extents (``x-extent``) and
foreign keys (:mod:`.extents`), and every resource against its Frictionless
schema (types, required values, ranges, allowed categories, primary keys). The
checked text, not the file, is what Frictionless and pandas read, so a file
that changes while it is read cannot slip through. It knows nothing
of errata or totals: :func:`regional_policy.loader.load`, one layer up, adds
those checks. This module also holds the types every other module shares:
:class:`Data`, :class:`Problem` and :class:`DataError`.

Every problem is reported with the file, the line of the CSV file (the header
is line 1), the column and what is wrong; all problems are collected and
raised together as one :class:`DataError`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import csvcheck, extents, reads
from .csvcheck import CsvText
from .descriptor import read_descriptor
from .paths import DATAPACKAGE
from .problems import DataError, Problem

__all__ = ["Data", "DataError", "Problem", "read"]


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

    def replace(self, frames: dict[str, pd.DataFrame]) -> Data:
        """A copy with some tables replaced (used to apply errata)."""
        return Data(self.descriptor, {**self._frames, **frames}, self.base)


def _validate_one(file: str, res: dict, text: str) -> list[Problem]:
    """Frictionless validation of one checked resource (types, constraints, primary key), foreign keys aside."""
    key = (json.dumps({k: v for k, v in res["schema"].items() if k != "foreignKeys"}, sort_keys=True), text)
    return [Problem(file, *rest) for rest in _frictionless(*key)]


@lru_cache(maxsize=128)
def _frictionless(schema_json: str, text: str) -> tuple[tuple, ...]:
    from frictionless import FrictionlessException, Resource, Schema

    schema = json.loads(schema_json)
    keys = ", ".join(schema.get("primaryKey", []) if isinstance(schema.get("primaryKey"), list) else [])
    try:
        resource = Resource(text.encode("utf-8"), format="csv", encoding="utf-8", schema=Schema.from_descriptor(schema))
        report = resource.validate()
    except FrictionlessException as exc:
        return ((None, None, f"the schema in datapackage.json is invalid: {exc.error.note}"),)
    except Exception as exc:  # the CSV text is checked already: what Frictionless trips on is the schema
        return ((None, None, f"the schema in datapackage.json is invalid: {type(exc).__name__}: {exc}"),)
    out = []
    for task in report.tasks:
        for err in task.errors:
            line = getattr(err, "row_number", None)
            column = getattr(err, "field_name", None)
            if column is None and err.type == "primary-key":
                column = keys
            cell = getattr(err, "cell", None)
            value = f"value {cell!r}: " if cell not in (None, "") else ""
            out.append((line, column, f"{err.type}: {value}{err.note}"))
    for err in report.errors:
        out.append((None, None, f"the schema in datapackage.json is invalid: {err.type}: {err.note}"))
    return tuple(out)


_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def _read_frame(res: dict, text: str) -> pd.DataFrame:
    schema = res["schema"]
    missing = schema.get("missingValues", [""])
    dtypes = {f["name"]: _PANDAS_TYPES.get(f.get("type", "string"), "string") for f in schema["fields"]}
    bools = {f["name"] for f in schema["fields"] if f.get("type") == "boolean"}
    frame = pd.read_csv(
        io.StringIO(text),
        dtype={k: ("string" if v == "boolean" else v) for k, v in dtypes.items()},
        keep_default_na=False,
        na_values=missing,
    )
    for name in bools:
        frame[name] = frame[name].map({"true": True, "false": False}).astype("boolean")
    return frame


def _checked_texts(base: Path, descriptor: dict) -> dict[str, CsvText]:
    texts, problems = {}, []
    for res in descriptor["resources"]:
        file = res["path"]
        if not (base / file).is_file():
            problems.append(Problem(file, None, None, f"file not found (resource '{res['name']}' in datapackage.json)"))
            continue
        text, found = csvcheck.check(base / file, file, [f["name"] for f in res["schema"]["fields"]])
        texts[res["name"]] = text
        problems += found
    if problems:
        raise DataError(problems)
    return texts


def read(path: str | Path = DATAPACKAGE, *, validate: bool = True) -> Data:
    """Read the data package and validate it; raise :class:`DataError` on any problem.

    In order: the descriptor's shape (:mod:`.descriptor`), each CSV file's encoding and structure
    (:mod:`.csvcheck`), then together the known extents and foreign keys (:mod:`.extents`) and each
    resource's schema (Frictionless). Every problem names its file. ``validate=False`` skips the extents,
    the schemas and the descriptor's profile, only for content known to be valid (:func:`.loader.load` decides).
    """
    path = Path(path)
    descriptor = read_descriptor(path, profile=validate)
    texts = _checked_texts(path.parent, descriptor)
    resources = {res["name"]: res for res in descriptor["resources"]}
    problems = extents.foreign_key_problems(texts, resources) if validate else []
    for name, res in resources.items():
        if validate:
            problems += extents.extent_problems(texts[name], res)
            problems += _validate_one(res["path"], res, texts[name].text)
    if problems:
        raise DataError(problems)
    frames = {}
    for name, res in resources.items():
        try:
            frames[name] = _read_frame(res, texts[name].text)
        except (ValueError, TypeError) as exc:  # a type the schema allows but pandas cannot hold
            problems.append(Problem(res["path"], None, None, f"cannot be read as a table: {exc}"))
    if problems:
        raise DataError(problems)
    return Data(descriptor, frames, path.parent)
