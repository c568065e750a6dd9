"""The Korean form of a check's arithmetic, made from its English form by the rules of ``arithmetic_ko.csv``.

A check returns one string, its arithmetic in English ("Table 4, 9 regions: 5,212 / 7,462 × 100 = 69.85").
The Korean ledger shows the same arithmetic in Korean ("표 4, 9개 지역: 5,212 / 7,462 × 100 = 69.85"): each
row of ``regional_policy/arithmetic_ko.csv`` is a regular expression and its Korean replacement, applied in
order (whole statements first, then fragments: units, levels, places, 'Table N', '§N'). The numbers are those of
the English form, computed once.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "arithmetic_ko.csv"


@cache
def rules() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, replacement) of every row of the rule table; a bad pattern is an error naming its line."""
    out = []
    with open(RULES, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            try:
                out.append((re.compile(row["pattern"]), row["ko"]))
            except re.error as exc:
                raise ValueError(f"{RULES.name}, line {line}, column 'pattern': {exc}") from exc
    return tuple(out)


def arithmetic(text: str) -> str:
    """The Korean form of an arithmetic string (the English text when no rule applies)."""
    for pattern, ko in rules():
        text = pattern.sub(ko, text)
    return text
