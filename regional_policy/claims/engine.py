"""The ledger engine: run each claim's check and compute its status by the rule of :mod:`..intervals`.

A check (registered with :func:`check`) recomputes a value from the data package and
returns it as a :class:`~regional_policy.intervals.Num` (or a plain number, taken as
exact) with its arithmetic. A claim's printed value stands for half a unit of its
``precision`` either side; :func:`evaluate` computes the status:

* ``reproduced`` / ``within rounding`` / ``discrepancy`` - see :func:`..intervals.judge`;
* ``external`` - the claim names a row of the ``claim-sources`` resource instead of a
  check: an outside source (publisher, title, year, address) and the value found there,
  stored as data and never fetched; the value found is judged by the same rule and a
  disagreement is a ``discrepancy``;
* ``not checkable`` - neither a check nor a source; the reason says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .. import consistency, errata
from ..datapackage import Data, DataError, Problem
from ..intervals import STATUSES, Num, judge, lift
from ..numbers import measured
from ..printed_words import needs_korean
from . import korean

CHECKS: dict[str, Callable[[Data], tuple[Num | float, str]]] = {}
SOURCES = "claim-sources"
SECTION_OF_TABLE = {
    consistency.T2: "Table 2",
    consistency.T3: "Table 3",
    consistency.T4: "Table 4",
    consistency.T5: "Table 5",
}


def check(fn):
    """Register a check under its function name."""
    if fn.__name__ in CHECKS:
        raise ValueError(f"two checks named {fn.__name__!r}")
    CHECKS[fn.__name__] = fn
    return fn


def register(name: str, fn):
    """Register a check made by a factory under ``name``."""
    fn.__name__ = name
    return check(fn)


@dataclass(frozen=True)
class Outcome:
    status: str
    recomputed: float | None
    difference: float | None
    arithmetic: str
    interval: str = ""
    distance: float | None = None
    truncated: bool = False
    arithmetic_ko: str = ""  # when the English form cannot be translated by rule (an outside source)


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _source(row: pd.Series, data: Data) -> pd.Series | None:
    key = _text(row.get("source"))
    if not key or SOURCES not in data:
        return None
    s = data[SOURCES]
    hit = s[s["key"] == key]
    return hit.iloc[0] if len(hit) else None


def evaluate(row: pd.Series, data: Data) -> Outcome:
    """Run the claim's check (or read its source) and compare with the printed value."""
    name = _text(row.get("check"))
    src = _source(row, data) if not name else None
    if not name and src is None:
        return Outcome("not checkable", None, None, "")
    unit = float(row["precision"])
    if src is not None:
        found = Num.exact(float(src["value_found"]))
        verdict = judge(float(row["value"]), unit, found)
        status = "external" if verdict.status != "discrepancy" else "discrepancy"
        arithmetic = f"{src['publisher']}, {src['title']} ({src['year']}): {src['value_found']:g}"
        arithmetic_ko = f"{src['publisher_ko']}: {src['value_found']:g}. {_text(src.get('note_ko'))}".strip()
        difference = round(float(row["value"]) - found.point, 6)
        return Outcome(status, found.point, difference, arithmetic, arithmetic_ko=arithmetic_ko)
    value, arithmetic = CHECKS[name](data)
    num = lift(value)
    verdict = judge(float(row["value"]), unit, num)
    unit_name = _text(row.get("unit"))
    where = f"{measured(num.lo, unit_name)} .. {measured(num.hi, unit_name)}" if num.width else ""
    return Outcome(
        verdict.status,
        num.point,
        round(float(row["value"]) - num.point, 6),
        arithmetic,
        where,
        verdict.distance,
        verdict.truncated,
    )


def validate(data: Data) -> list[Problem]:
    """Rows of the ledger's data that cannot be shown in both editions or point nowhere."""
    problems = []
    file = data.resource("claims")["path"]
    for idx, r in data["claims"].iterrows():
        line = int(idx) + 2
        if not _text(r.get("statement_ko")).strip():
            problems.append(Problem(file, line, "statement_ko", f"claim {r['id']!r} has no Korean statement"))
        if _text(r.get("reason")) and not _text(r.get("reason_ko")).strip():
            problems.append(Problem(file, line, "reason_ko", f"claim {r['id']!r} has a reason but no Korean reason"))
        problems += _printed_ko(file, line, r)
        name = _text(r.get("check"))
        if name and name not in CHECKS:
            problems.append(Problem(file, line, "check", f"claim {r['id']!r}: no check named {name!r}"))
        if _text(r.get("source")) and _source(r, data) is None:
            problems.append(Problem(file, line, "source", f"claim {r['id']!r}: no row {r['source']!r} in {SOURCES}"))
    efile = data.resource("errata")["path"]
    for idx, r in data["errata"].iterrows():
        for col in ("evidence_ko", "kind_ko", "printed_ko"):
            if not _text(r.get(col)).strip():
                problems.append(Problem(efile, int(idx) + 2, col, f"erratum {r['id']!r} has no Korean text in {col}"))
    return problems


def _printed_ko(file: str, line: int, r: pd.Series) -> list[Problem]:
    """``printed_ko`` is filled exactly where the Korean ledger shows it (:func:`..printed_words.needs_korean`)."""
    printed, korean_text = _text(r.get("printed")), _text(r.get("printed_ko")).strip()
    try:
        needed = needs_korean(printed, float(r["value"]))
    except (TypeError, ValueError):
        return []  # the schema reports a value that is not a number
    if needed and not korean_text:
        why = f"prints {printed!r}, with no number the Korean ledger can show: it needs the phrase in Korean"
        return [Problem(file, line, "printed_ko", f"claim {r['id']!r} {why}")]
    if korean_text and not needed:
        why = "the Korean ledger shows the printed number (or the phrase has no English words): leave it empty"
        return [
            Problem(file, line, "printed_ko", f"claim {r['id']!r} has a Korean printed phrase it never shows; {why}")
        ]
    return []


def _claim_row(c: pd.Series, out: Outcome, fixed: Outcome) -> dict:
    reason = _text(c.get("reason"))
    return {
        "id": c["id"],
        "section": c["section"],
        "statement": c["statement"],
        "statement_ko": _text(c.get("statement_ko")),
        "printed": c["printed"],
        "printed_ko": _text(c.get("printed_ko")),
        "value": c["value"],
        "unit": c["unit"],
        "recomputed": out.recomputed,
        "difference": out.difference,
        "interval": out.interval,
        "distance": out.distance,
        "status": out.status,
        "truncated": out.truncated and out.status != "reproduced",
        "with_errata": fixed.status,
        "arithmetic": out.arithmetic or reason,
        "arithmetic_ko": out.arithmetic_ko
        or (korean.arithmetic(out.arithmetic) if out.arithmetic else _text(c.get("reason_ko"))),
        "check": _text(c.get("check")),
        "errata": _text(c.get("errata")),
        "kind": _text(c.get("kind")) or "value",
        "source": "text",
    }


def _table_row(k: consistency.Check, fixed: consistency.Check, data: Data) -> dict:
    return {
        "id": k.id,
        "section": SECTION_OF_TABLE[k.resource],
        "statement": k.label,
        "statement_ko": k.label_ko,
        "printed": f"{k.printed:g}",
        "printed_ko": "",
        "value": k.printed,
        "unit": data.field(k.resource, k.column).get("unit", ""),
        "recomputed": k.recomputed,
        "difference": k.difference,
        "interval": k.interval_text(),
        "distance": k.distance,
        "status": k.status,
        "truncated": k.truncated and k.status != "reproduced",
        "with_errata": fixed.status,
        "arithmetic": k.formula,
        "arithmetic_ko": korean.arithmetic(k.formula),
        "check": f"consistency.{k.kind}",
        "errata": "",
        "kind": "table",
        "source": "table",
    }


def ledger(data: Data) -> pd.DataFrame:
    """Every claim of the text and every derived value of the tables, with computed statuses.

    ``status`` is computed on ``data``; ``with_errata`` on ``data`` with the documented
    (active) corrections applied. Raises :class:`DataError` when a row lacks its Korean text.
    """
    problems = validate(data)
    if problems:
        raise DataError(problems)
    corrected = errata.apply(data)[0]
    rows = [_claim_row(c, evaluate(c, data), evaluate(c, corrected)) for _, c in data["claims"].iterrows()]
    fixed_checks = {k.id: k for k in consistency.all_checks(corrected)}
    rows += [_table_row(k, fixed_checks[k.id], data) for k in consistency.all_checks(data)]
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame) -> pd.Series:
    """Counts of each status, in a fixed order."""
    return frame["status"].value_counts().reindex(list(STATUSES), fill_value=0)
