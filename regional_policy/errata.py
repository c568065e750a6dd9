"""Apply the documented errata (``data/errata.csv``) to the printed tables.

The data files always hold the values as printed. Each erratum has a ``status``:
``active`` when the numbers prove the error, ``withdrawn`` when the rounding of the
printed parts can explain the difference (it stays in the file, visible, with its
``status_reason``). :func:`apply` returns a copy of the data with every active table
correction applied, plus problems for errata that
do not point at a real cell or whose printed value does not match the file.
:func:`corrected_cells` lists the cells an erratum touches, so that rendered
tables can mark them in both the as-printed and the corrected edition.
"""

from __future__ import annotations

import pandas as pd

from .datapackage import Data, Problem

ERRATA = "errata"
TEXT = "paper-text"


def _locate(data: Data, resource: str, key: str) -> int | None:
    frame = data[resource]
    keys = data.resource(resource)["schema"]["primaryKey"]
    values = key.split("|")
    if len(values) != len(keys):
        return None
    mask = pd.Series(True, index=frame.index)
    for name, value in zip(keys, values):
        mask &= frame[name].astype("string") == value
    hits = frame.index[mask]
    return int(hits[0]) if len(hits) == 1 else None


def _same(printed: str, value) -> bool:
    if pd.isna(value):
        return printed in ("", "-")
    try:
        return float(printed) == float(value)
    except ValueError:
        return str(value) == printed


def active(data: Data) -> pd.DataFrame:
    """The errata that stand (not withdrawn)."""
    errata = data[ERRATA]
    if "status" not in errata.columns:
        return errata
    return errata[errata["status"] == "active"]


def table_errata(data: Data) -> pd.DataFrame:
    """The active errata that correct a cell of a data table (not the paper's text)."""
    errata = active(data)
    return errata[errata["resource"] != TEXT]


def apply(data: Data) -> tuple[Data, list[Problem]]:
    """Return the data with the active corrections applied, and any broken erratum.

    Every table erratum, withdrawn or not, must point at a real cell holding its printed
    value; only the active ones change the data.
    """
    file = data.resource(ERRATA)["path"]
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    errata = data[ERRATA]
    for idx, err in errata[errata["resource"] != TEXT].iterrows():
        line = int(idx) + 2
        resource = err["resource"]
        row = _locate(data, resource, err["key"])
        if row is None:
            problems.append(Problem(file, line, "key", f"no row of {resource} has the key {err['key']!r}"))
            continue
        if err["field"] not in data[resource].columns:
            problems.append(Problem(file, line, "field", f"{resource} has no column {err['field']!r}"))
            continue
        if not _same(err["printed"], data[resource].loc[row, err["field"]]):
            problems.append(
                Problem(
                    file,
                    line,
                    "printed",
                    f"{err['printed']!r} is not the value in {data.resource(resource)['path']} "
                    f"line {row + 2}, column '{err['field']}'",
                )
            )
            continue
        if "status" in errata.columns and err["status"] != "active":
            continue
        frame = frames.setdefault(resource, data[resource].copy())
        dtype = frame[err["field"]].dtype
        value = err["corrected"]
        frame.loc[row, err["field"]] = value if pd.api.types.is_string_dtype(dtype) else float(value)
        frame[err["field"]] = frame[err["field"]].astype(dtype)
    return data.replace(frames), problems


def corrected_cells(data: Data, resource: str) -> dict[tuple[int, str], pd.Series]:
    """Cells of ``resource`` touched by an erratum: (row index, field) -> the erratum."""
    cells = {}
    for _, err in table_errata(data).iterrows():
        if err["resource"] == resource:
            row = _locate(data, resource, err["key"])
            if row is not None:
                cells[(row, err["field"])] = err
    return cells
