"""Recompute the printed totals, shares and ratios of the tables from their parts.

Each check compares a printed value with the value recomputed from the other
printed values. The tolerance is half a unit of the printed precision; for a
sum of ``n`` rounded parts it is ``n`` half-units, since each part carries its
own rounding. The status is computed, never typed: ``reproduced`` within the
tolerance, ``discrepancy`` beyond it. A discrepancy whose printed value equals
the recomputed one cut off (not rounded) at the printed precision is flagged
as consistent with truncation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .datapackage import Data, Problem

T2, T3, T4, T5 = (
    "table2-household-income",
    "table3-ripp-first-stage",
    "table4-investment-by-project-type",
    "table5-budget-2010-2011",
)


def _decimals(precision: float) -> int:
    return max(0, -int(math.floor(math.log10(precision) + 1e-9)))


@dataclass(frozen=True)
class Check:
    """A printed value set against its recomputation."""

    id: str
    resource: str
    file: str
    line: int
    column: str
    kind: str
    label: str
    printed: float
    recomputed: float
    precision: float
    tolerance: float
    formula: str

    @property
    def difference(self) -> float:
        return round(self.printed - self.recomputed, _decimals(self.precision) + 2)

    @property
    def status(self) -> str:
        return "reproduced" if abs(self.printed - self.recomputed) <= self.tolerance + 1e-9 else "discrepancy"

    @property
    def truncated(self) -> bool:
        """True when the printed value is the recomputed one cut off, not rounded."""
        factor = 10 ** _decimals(self.precision)
        return math.floor(self.recomputed * factor + 1e-9) / factor == self.printed

    def problem(self) -> Problem:
        return Problem(
            self.file,
            self.line,
            self.column,
            f"{self.label}: printed {self.printed:g} but the parts give {self.formula} "
            f"(difference {self.difference:+g}, tolerance ±{self.tolerance:g}); "
            "correct the value or document an erratum in errata.csv",
        )


def _fmt(x: float, precision: float) -> str:
    return f"{x:,.{_decimals(precision)}f}"


def _sum_check(
    data: Data, resource: str, frame: pd.DataFrame, total_idx, column: str, part_idx, check_id: str, label: str
) -> Check:
    precision = data.field(resource, column).get("precision", 1)
    parts = frame.loc[list(part_idx), column]
    values = [0.0 if pd.isna(v) else float(v) for v in parts]
    recomputed = round(sum(values), _decimals(precision) + 3)
    formula = " + ".join("-" if pd.isna(v) else _fmt(v, precision) for v in parts) + f" = {_fmt(recomputed, precision)}"
    printed = frame.loc[total_idx, column]
    n = sum(1 for v in parts if not pd.isna(v))
    return Check(
        check_id,
        resource,
        data.resource(resource)["path"],
        int(total_idx) + 2,
        column,
        "sum",
        label,
        float(printed) if not pd.isna(printed) else math.nan,
        recomputed,
        precision,
        max(n, 1) * precision / 2,
        formula,
    )


def _ratio_check(
    data: Data,
    resource: str,
    frame: pd.DataFrame,
    idx,
    column: str,
    numerator: float,
    denominator: float,
    check_id: str,
    label: str,
    kind: str,
) -> Check:
    precision = data.field(resource, column).get("precision", 0.1)
    recomputed = round(100 * numerator / denominator, 6)
    formula = f"{numerator:,g} / {denominator:,g} × 100 = {recomputed:.2f}"
    return Check(
        check_id,
        resource,
        data.resource(resource)["path"],
        int(idx) + 2,
        column,
        kind,
        label,
        float(frame.loc[idx, column]),
        recomputed,
        precision,
        precision / 2,
        formula,
    )


def sum_checks(data: Data) -> list[Check]:
    """Every printed total set against the sum of its printed parts."""
    checks: list[Check] = []
    t3 = data[T3]
    total = t3.index[t3["row_type"] == "total"][0]
    districts = t3.index[t3["row_type"] == "district"]
    for column in ["total_invested", "infra", "tech_dev", "training", "business_service"]:
        checks.append(
            _sum_check(
                data, T3, t3, total, column, districts, f"table3.total.{column}", f"Table 3, Total row, {column}"
            )
        )
    t4 = data[T4]
    for programme, group in t4.groupby("programme", sort=False):
        total_idx = group.index[group["project_type"] == "Total"][0]
        parts = group.index[group["project_type"] != "Total"]
        checks.append(
            _sum_check(
                data,
                T4,
                t4,
                total_idx,
                "amount",
                parts,
                f"table4.column.{programme}",
                f"Table 4, column '{programme}', Total row",
            )
        )
    for project_type, group in t4.groupby("project_type", sort=False):
        total_idx = group.index[group["programme"] == "Total"][0]
        parts = group.index[group["programme"] != "Total"]
        checks.append(
            _sum_check(
                data,
                T4,
                t4,
                total_idx,
                "amount",
                parts,
                f"table4.row.{project_type}",
                f"Table 4, row '{project_type}', Total column",
            )
        )
    t5 = data[T5]
    for (level, year), group in t5.groupby(["level", "year"], sort=False):
        total_idx = group.index[group["account"] == "Total"][0]
        parts = group.index[group["account"] != "Total"]
        checks.append(
            _sum_check(
                data,
                T5,
                t5,
                total_idx,
                "amount",
                parts,
                f"table5.total.{level}.{year}",
                f"Table 5, {level} {year}, Total row",
            )
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
                row["rural_income_b"],
                row["urban_income_a"],
                f"table2.ratio.{row['year']}",
                f"Table 2, B/A ratio, {row['year']}",
                "ratio",
            )
        )
    t4 = data[T4]
    totals = t4[t4["project_type"] == "Total"].set_index("programme")["amount"]
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
                row["amount"],
                totals[row["programme"]],
                f"table4.share.{row['project_type']}.{row['programme']}",
                f"Table 4, share of {row['project_type']} in '{row['programme']}'",
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
                "printed": c.printed,
                "recomputed": c.recomputed,
                "difference": c.difference,
                "tolerance": c.tolerance,
                "status": c.status,
                "truncated": c.truncated if c.status == "discrepancy" else False,
                "arithmetic": c.formula,
            }
            for c in checks
        ]
    )
