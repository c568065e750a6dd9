"""Known extents and foreign keys, checked on the rows of the checked CSV files (:mod:`.csvcheck`).

**Known extents** (the ``x-extent`` extension of ``datapackage.json``). A resource whose rows an outside
list fixes - a table printed in the paper, the 16 provinces, the 7 economic regions, the lists of
Figures 1 and 2 - declares the values of its primary key that it must have::

    "x-extent": {"keys": ["1970", "1980", ...], "basis": "the years printed in Table 2"}

Each key is the row's primary-key cells as written in the CSV file, joined by ``|`` (the same spelling as
the ``key`` column of the errata). Loading fails on a key that is missing, on one that is not in the list
and on one written twice, naming the file, the line and the key. Resources without ``x-extent`` (the
timeline, claims, errata, sources) are open lists.

**Foreign keys** are checked here too, on the cells as written, with the same file/line/column problems
as the other checks (Frictionless then validates each resource alone, which can be cached).
"""

from __future__ import annotations

from .csvcheck import CsvText
from .problems import Problem

SEP = "|"


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def key_of(csv_text: CsvText, cells: tuple[str, ...], fields: list[str]) -> str:
    return SEP.join(cells[csv_text.header.index(f)] for f in fields)


def derive(csv_text: CsvText, res: dict) -> list[str]:
    """The keys of a (correct) file, in file order: what ``x-extent`` is written from, once."""
    fields = _as_list(res["schema"].get("primaryKey"))
    return [key_of(csv_text, cells, fields) for _, cells in csv_text.rows]


def extent_problems(csv_text: CsvText, res: dict) -> list[Problem]:
    """Missing, unexpected and doubled keys of a resource that declares ``x-extent``."""
    extent = res.get("x-extent")
    if not extent:
        return []
    fields = _as_list(res["schema"].get("primaryKey"))
    column = ", ".join(fields)
    expected = list(extent["keys"])
    allowed = set(expected)
    file = csv_text.file
    problems, seen = [], {}
    for line, cells in csv_text.rows:
        key = key_of(csv_text, cells, fields)
        if key in seen:
            problems.append(Problem(file, line, column, f"key '{key}' is written twice (also on line {seen[key]})"))
            continue
        seen[key] = line
        if key not in allowed:
            listed = ", ".join(expected) if len(expected) <= 20 else f"{len(expected)} keys"
            problems.append(
                Problem(file, line, column, f"key '{key}' is not one of the rows this table has ({listed}; x-extent)")
            )
    missing = [k for k in expected if k not in seen]
    for key in missing:
        problems.append(
            Problem(file, None, column, f"the row with key '{key}' is missing (x-extent lists {len(expected)} rows)")
        )
    return problems


def foreign_key_problems(texts: dict[str, CsvText], resources: dict[str, dict]) -> list[Problem]:
    """Cells whose value is not a key of the resource their foreign key points at."""
    problems = []
    for name, res in resources.items():
        schema = res["schema"]
        missing = set(schema.get("missingValues", [""]))
        for fk in schema.get("foreignKeys", []):
            fields = _as_list(fk["fields"])
            target = fk["reference"].get("resource") or name
            ref_fields = _as_list(fk["reference"]["fields"])
            ref = texts[target]
            known = {key_of(ref, cells, ref_fields) for _, cells in ref.rows}
            here = texts[name]
            for line, cells in here.rows:
                values = [cells[here.header.index(f)] for f in fields]
                if all(v in missing for v in values):
                    continue
                value = SEP.join(values)
                if value not in known:
                    problems.append(
                        Problem(
                            here.file,
                            line,
                            ", ".join(fields),
                            f"foreign-key: value '{value}' is not a {', '.join(ref_fields)} of {ref.file}; "
                            f"known: {', '.join(sorted(known))}",
                        )
                    )
    return problems
