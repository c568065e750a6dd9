"""Recompute the printed totals, shares and ratios of the tables from their parts.

Each check sets a printed value against the value recomputed from the other printed
values, by the one rule of :mod:`.intervals`: every printed part stands for the interval
of half a unit of its last digit, the recomputation carries the interval the parts
allow, and the status is computed: ``reproduced`` (the recomputed value rounds to the
printed one), ``within rounding`` (it does not, but some value the parts allow does) or
``discrepancy`` (none does; ``distance`` says how far outside, in units of the printed
last digit). ``truncated`` flags a printed value that is the recomputed one cut off
rather than rounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import labels
from .datapackage import Data, Problem
from .intervals import Num, decimals_of, judge, share, total

T2, T3, T4, T5 = (
    "table2-household-income",
    "table3-ripp-first-stage",
    "table4-investment-by-project-type",
    "table5-budget-2010-2011",
)


def _decimals(precision: float) -> int:
    return decimals_of(precision)


@dataclass(frozen=True)
class Check:
    """A printed value set against its recomputation from printed parts."""

    id: str
    resource: str
    file: str
    line: int
    column: str
    kind: str
    label: str
    label_ko: str
    printed: float
    interval: Num
    precision: float
    formula: str

    @property
    def recomputed(self) -> float:
        return self.interval.point

    @property
    def difference(self) -> float:
        return round(self.printed - self.recomputed, _decimals(self.precision) + 2)

    @property
    def verdict(self):
        return judge(self.printed, self.precision, self.interval)

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def distance(self) -> float:
        return self.verdict.distance

    @property
    def truncated(self) -> bool:
        """True when the printed value is the recomputed one cut off, not rounded."""
        return self.verdict.truncated

    def interval_text(self) -> str:
        d = _decimals(self.precision) + 2
        return f"{self.interval.lo:,.{d}f} .. {self.interval.hi:,.{d}f}"

    def problem(self) -> Problem:
        return Problem(
            self.file,
            self.line,
            self.column,
            f"{self.label}: printed {self.printed:g} but the parts give {self.formula}, "
            f"interval {self.interval_text()} ({self.distance:g} units of {self.precision:g} outside); "
            "correct the value or document an erratum in errata.csv",
        )


def _ko(kind: str, value: str) -> str:
    return "합계" if value == "Total" else labels.value(kind, value, "ko")


def _t3_label(column: str) -> tuple[str, str]:
    """The English and Korean location of a Table 3 total; the Korean column names are those of the table."""
    name_ko = labels.t("table3_total_invested", "ko") if column == "total_invested" else _ko("sector", column)
    return f"Table 3, Total row, {column}", f"표 3, 합계 행, {name_ko}"


def _fmt(x: float, precision: float) -> str:
    return f"{x:,.{_decimals(precision)}f}"


def _sum_check(
    data: Data,
    resource: str,
    frame: pd.DataFrame,
    total_idx,
    column: str,
    part_idx,
    check_id: str,
    label: tuple[str, str],
) -> Check:
    precision = data.field(resource, column).get("precision", 1)
    parts = frame.loc[list(part_idx), column]
    interval = total(Num.printed(v, precision) for v in parts if not pd.isna(v))
    formula = (
        " + ".join("-" if pd.isna(v) else _fmt(v, precision) for v in parts) + f" = {_fmt(interval.point, precision)}"
    )
    printed = frame.loc[total_idx, column]
    return Check(
        check_id,
        resource,
        data.resource(resource)["path"],
        int(total_idx) + 2,
        column,
        "sum",
        *label,
        float(printed) if not pd.isna(printed) else math.nan,
        interval,
        precision,
        formula,
    )


def _ratio_check(
    data: Data,
    resource: str,
    frame: pd.DataFrame,
    idx,
    column: str,
    numerator: Num,
    denominator: Num,
    check_id: str,
    label: tuple[str, str],
    kind: str,
) -> Check:
    precision = data.field(resource, column).get("precision", 0.1)
    interval = share(numerator, denominator)
    formula = f"{numerator.point:,g} / {denominator.point:,g} × 100 = {interval.point:.2f}"
    return Check(
        check_id,
        resource,
        data.resource(resource)["path"],
        int(idx) + 2,
        column,
        kind,
        *label,
        float(frame.loc[idx, column]),
        interval,
        precision,
        formula,
    )


def _group_totals(data: Data, resource: str, by, part: str, names) -> list[Check]:
    """One sum check per group of rows sharing ``by``: its ``part == "Total"`` row against the sum of the others.

    ``names(key)`` gives the check's id and its English and Korean location for the group's key.
    """
    frame = data[resource]
    checks = []
    for key, group in frame.groupby(by, sort=False):
        is_total = group[part] == "Total"
        check_id, label_en, label_ko = names(key)
        checks.append(
            _sum_check(
                data,
                resource,
                frame,
                group.index[is_total][0],
                "amount",
                group.index[~is_total],
                check_id,
                (label_en, label_ko),
            )
        )
    return checks


def sum_checks(data: Data) -> list[Check]:
    """Every printed total set against the sum of its printed parts."""
    checks: list[Check] = []
    t3 = data[T3]
    total = t3.index[t3["row_type"] == "total"][0]
    districts = t3.index[t3["row_type"] == "district"]
    for column in ["total_invested", "infra", "tech_dev", "training", "business_service"]:
        checks.append(_sum_check(data, T3, t3, total, column, districts, f"table3.total.{column}", _t3_label(column)))
    checks += _group_totals(
        data,
        T4,
        "programme",
        "project_type",
        lambda p: (
            f"table4.column.{p}",
            f"Table 4, column '{p}', Total row",
            f"표 4, '{_ko('programme', p)}' 열의 합계 행",
        ),
    )
    checks += _group_totals(
        data,
        T4,
        "project_type",
        "programme",
        lambda t: (
            f"table4.row.{t}",
            f"Table 4, row '{t}', Total column",
            f"표 4, '{_ko('project_type', t)}' 행의 합계 열",
        ),
    )
    checks += _group_totals(
        data,
        T5,
        ["level", "year"],
        "account",
        lambda k: (
            f"table5.total.{k[0]}.{k[1]}",
            f"Table 5, {k[0]} {k[1]}, Total row",
            f"표 5, {_ko('level', k[0])} {k[1]}년, 합계 행",
        ),
    )
    return checks


def ratio_checks(data: Data) -> list[Check]:
    """Every printed ratio and share set against the quotient of its printed parts."""
    checks: list[Check] = []
    t2 = data[T2]
    for idx, row in t2.iterrows():
        checks.append(
            _ratio_check(
                data,
                T2,
                t2,
                idx,
                "ratio_b_a_pct",
                Num.printed(row["rural_income_b"], data.field(T2, "rural_income_b")["precision"]),
                Num.printed(row["urban_income_a"], data.field(T2, "urban_income_a")["precision"]),
                f"table2.ratio.{row['year']}",
                (f"Table 2, B/A ratio, {row['year']}", f"표 2, {row['year']}년 B/A 비율"),
                "ratio",
            )
        )
    t4 = data[T4]
    totals = t4[t4["project_type"] == "Total"].set_index("programme")["amount"]
    unit = data.field(T4, "amount")["precision"]
    for idx, row in t4.iterrows():
        if row["project_type"] == "Total" or pd.isna(row["share_pct"]) or pd.isna(row["amount"]):
            continue
        checks.append(
            _ratio_check(
                data,
                T4,
                t4,
                idx,
                "share_pct",
                Num.printed(row["amount"], unit),
                Num.printed(totals[row["programme"]], unit),
                f"table4.share.{row['project_type']}.{row['programme']}",
                (
                    f"Table 4, share of {row['project_type']} in '{row['programme']}'",
                    f"표 4, '{_ko('programme', row['programme'])}' 중 {_ko('project_type', row['project_type'])}의 비중",
                ),
                "share",
            )
        )
    return checks


def all_checks(data: Data) -> list[Check]:
    return sum_checks(data) + ratio_checks(data)


def as_frame(checks: list[Check]) -> pd.DataFrame:
    """The checks as a table, one row each, with the computed status."""
    return pd.DataFrame(
        [
            {
                "id": c.id,
                "table": c.resource,
                "what": c.label,
                "what_ko": c.label_ko,
                "printed": c.printed,
                "recomputed": c.recomputed,
                "difference": c.difference,
                "interval": c.interval_text(),
                "status": c.status,
                "distance": c.distance,
                "truncated": c.truncated if c.status != "reproduced" else False,
                "arithmetic": c.formula,
            }
            for c in checks
        ]
    )
