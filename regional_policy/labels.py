"""Every label the book shows, in English and Korean, from one table (``labels.csv``).

``t(key, lang)`` looks a label up; a missing key or language is an error, so a
chart can never silently show a key instead of a label. Names of places,
regions and administrations live in the data package, not here
(see :mod:`.places`).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

LABELS = Path(__file__).with_name("labels.csv")


@cache
def table() -> dict[str, dict[str, str]]:
    with open(LABELS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        if None in row:  # more fields than columns: an unquoted comma cut the text
            raise ValueError(f"{LABELS.name}, line {line}: more than 3 fields (quote a text with a comma in it)")
        if row["key"] in out:
            raise ValueError(f"{LABELS.name}, line {line}, column 'key': duplicate key {row['key']!r}")
        for lang in ("en", "ko"):
            if not row.get(lang):
                raise ValueError(f"{LABELS.name}, line {line}, column '{lang}': empty label for {row['key']!r}")
        out[row["key"]] = row
    return out


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (``en`` or ``ko``)."""
    try:
        return table()[key][lang]
    except KeyError:
        raise KeyError(f"no label {key!r} in language {lang!r} ({LABELS.name})") from None


def value(kind: str, val: str, lang: str) -> str:
    """The label of a category value of the data, e.g. ``value('project_type', 'R&D', 'ko')``."""
    return t(f"{kind}:{val}", lang)


def section_name(section: str, lang: str) -> str:
    """A ledger section as the edition names it: '2' -> 'Section 2' / '2절', 'Table 2' -> '표 2', 'Abstract' -> '초록'."""
    if section[0].isdigit():
        return t("section_label", lang).format(s=section)
    if section.startswith("Table "):
        return f"{t('table', lang)} {section.removeprefix('Table ')}"
    return value("section", section, lang)


def columns(frame, keys: dict[str, str], lang: str):
    """The columns of ``frame`` named in ``keys`` (column -> label key), in that order, renamed to their labels."""
    return frame[list(keys)].rename(columns={column: t(key, lang) for column, key in keys.items()})
