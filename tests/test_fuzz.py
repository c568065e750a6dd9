"""Seeded, bounded fuzzing of the data package: whatever is wrong with a file, loading ends in DataError.

Each mutation breaks one file of a copy of ``data/`` in one way a spreadsheet or an editor breaks CSV
files (an empty file, a byte-order mark, CP949 as Korean Excel saves it, a file cut short, a row deleted
or doubled, a cell replaced, an extra cell, a reordered or upper-cased header, semicolons, an unclosed
quote), loads it, then puts the file back. The run is deterministic (fixed seed) and takes well under a
minute. Asserted for every mutation:

- nothing but :class:`DataError` escapes ``load()``;
- the error names the broken file (every problem names a file of the package);
- no row of a table with a known extent (``x-extent``) is lost, added or doubled without an error.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

import regional_policy
from regional_policy.datapackage import DataError

DATA = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
FILES = [res["path"] for res in DESCRIPTOR["resources"]]
EXTENT = {res["path"]: res["name"] for res in DESCRIPTOR["resources"] if "x-extent" in res}
ROWS = {res["path"]: len(res["x-extent"]["keys"]) for res in DESCRIPTOR["resources"] if "x-extent" in res}
KNOWN_FILES = set(FILES) | {"datapackage.json"}
SEED = 20261128
VALUES = ["", "x", "-1", "0", "1e9", "NaN", "true", "서울", "Seoul", "1970", " ", '"', "Total"]


def _lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8").splitlines(keepends=True)


def _cells(line: str) -> list[str]:
    return line.rstrip("\r\n").split(",")


def _set_line(lines: list[str], i: int, cells: list[str]) -> bytes:
    lines = list(lines)
    lines[i] = ",".join(cells) + "\n"
    return "".join(lines).encode("utf-8")


def mutate(kind: str, raw: bytes, rng: random.Random) -> bytes:
    """``raw`` broken in the way ``kind`` names (rows are chosen at random, never the header unless named)."""
    lines = _lines(raw)
    row = rng.randrange(1, len(lines))
    if kind == "empty":
        return rng.choice([b"", b"\n", b"  \r\n"])
    if kind == "bom":
        return b"\xef\xbb\xbf" + raw
    if kind == "cp949":
        return raw.decode("utf-8").encode("cp949", errors="replace")
    if kind == "truncate":
        return raw[: rng.randrange(1, len(raw))]
    if kind == "delete_row":
        return "".join(lines[:row] + lines[row + 1 :]).encode("utf-8")
    if kind == "double_row":
        return "".join(lines[: row + 1] + [lines[row]] + lines[row + 1 :]).encode("utf-8")
    if kind == "replace_cell":
        cells = _cells(lines[row])
        cells[rng.randrange(len(cells))] = rng.choice(VALUES)
        return _set_line(lines, row, cells)
    if kind == "extra_cell":
        return _set_line(lines, row, [*_cells(lines[row]), rng.choice(VALUES)])
    if kind == "header_reorder":
        header = _cells(lines[0])
        i, j = rng.sample(range(len(header)), 2)
        header[i], header[j] = header[j], header[i]
        return _set_line(lines, 0, header)
    if kind == "header_case":
        header = _cells(lines[0])
        i = rng.randrange(len(header))
        variants = [header[i].upper(), header[i].capitalize(), header[i].replace("_", " ")]
        header[i] = rng.choice([v for v in variants if v != header[i]])
        return _set_line(lines, 0, header)
    if kind == "semicolons":
        if rng.random() < 0.5:
            return raw.replace(b",", b";")
        return _set_line(lines, row, [";".join(_cells(lines[row]))])
    if kind == "unclosed_quote":
        cells = _cells(lines[row])
        i = rng.randrange(len(cells))
        cells[i] = '"' + cells[i]
        return _set_line(lines, row, cells)
    raise ValueError(kind)


KINDS = [
    "empty",
    "bom",
    "cp949",
    "truncate",
    "delete_row",
    "double_row",
    "replace_cell",
    "extra_cell",
    "header_reorder",
    "header_case",
    "semicolons",
    "unclosed_quote",
]


def _outcome(folder: Path):
    """The loaded data or the DataError; any other exception propagates and fails the test."""
    try:
        return regional_policy.load(folder / "datapackage.json")
    except DataError as exc:
        return exc


def test_every_file_is_one_record_per_line():
    """The mutations work on lines: true of every file of the package (and required by the loader)."""
    for file in FILES:
        text = (DATA / file).read_text(encoding="utf-8")
        records = list(csv.reader(io.StringIO(text, newline="")))
        assert text.endswith("\n") and len(records) == len(text.splitlines()) > 1, file


def test_fuzzed_csv_files(data_copy):
    rng = random.Random(SEED)
    originals = {file: (data_copy / file).read_bytes() for file in FILES}
    plan = [(kind, file) for file in FILES for kind in KINDS]  # every kind on every file ...
    plan += [(rng.choice(KINDS), rng.choice(FILES)) for _ in range(300 - len(plan))]  # ... then at random
    raw_errors, unnamed, silent_losses, failures = [], [], [], 0
    for n, (kind, file) in enumerate(plan):
        broken = mutate(kind, originals[file], rng)
        (data_copy / file).write_bytes(broken)
        try:
            outcome = _outcome(data_copy)
        except Exception as exc:  # noqa: BLE001 - the point of the test
            raw_errors.append(f"#{n} {kind} {file}: {type(exc).__name__}: {exc}")
            outcome = None
        finally:
            (data_copy / file).write_bytes(originals[file])
        if isinstance(outcome, DataError):
            failures += 1
            if file not in str(outcome) or any(p.file not in KNOWN_FILES for p in outcome.problems):
                unnamed.append(f"#{n} {kind} {file}: {outcome}")
        elif outcome is not None:
            if broken == originals[file]:
                continue
            for path, name in EXTENT.items():
                if len(outcome[name]) != ROWS[path]:
                    silent_losses.append(f"#{n} {kind} {file}: {name} has {len(outcome[name])} rows, not {ROWS[path]}")
    assert not raw_errors, "\n".join(raw_errors[:20])
    assert not unnamed, "\n".join(unnamed[:10])
    assert not silent_losses, "\n".join(silent_losses)
    assert len(plan) == 300
    assert failures > 230  # nearly all fail; what loads: a BOM, an ASCII file "re-encoded", a row of an open list


@pytest.mark.parametrize("kind", ["delete_row", "double_row", "truncate"])
def test_lost_or_doubled_rows_of_known_extent_tables_never_load(data_copy, kind):
    rng = random.Random(SEED)
    for file in EXTENT:
        original = (data_copy / file).read_bytes()
        for _ in range(3):
            (data_copy / file).write_bytes(mutate(kind, original, rng))
            with pytest.raises(DataError) as info:
                regional_policy.load(data_copy / "datapackage.json")
            assert file in {p.file for p in info.value.problems}, str(info.value)
        (data_copy / file).write_bytes(original)


def _paths(node, prefix=()):
    """Every (path) inside a JSON value, as tuples of keys and indexes."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


JUNK = [None, 0, -1, 1.5, True, "", "x", [], {}, ["x"], {"x": 1}]


def mutate_descriptor(text: str, rng: random.Random) -> bytes:
    kind = rng.choice(["cut", "char", "bom", "delete", "replace", "replace", "delete"])
    if kind == "cut":
        return text[: rng.randrange(len(text))].encode("utf-8")
    if kind == "char":
        i = rng.randrange(len(text))
        return (text[:i] + rng.choice(["", "{", "]", '"', ","]) + text[i + 1 :]).encode("utf-8")
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    doc = json.loads(text)
    path = rng.choice([p for p in _paths(doc) if p and p[0] == "resources"])
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if kind == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = rng.choice(JUNK)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_fuzzed_descriptor(data_copy):
    rng = random.Random(SEED)
    descriptor = data_copy / "datapackage.json"
    original = descriptor.read_text(encoding="utf-8")
    raw_errors, unnamed, errors = [], [], 0
    for n in range(100):
        descriptor.write_bytes(mutate_descriptor(original, rng))
        try:
            outcome = _outcome(data_copy)
        except Exception as exc:  # noqa: BLE001 - the point of the test
            raw_errors.append(f"#{n}: {type(exc).__name__}: {exc}")
            continue
        if isinstance(outcome, DataError):
            errors += 1
            if any(p.file not in KNOWN_FILES for p in outcome.problems):
                unnamed.append(f"#{n}: {outcome}")
    descriptor.write_text(original, encoding="utf-8")
    assert not raw_errors, "\n".join(raw_errors[:20])
    assert not unnamed, "\n".join(unnamed[:10])
    assert errors > 35
