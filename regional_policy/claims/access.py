"""Read single values of the data package as :class:`~regional_policy.intervals.Num`.

A table cell carries the interval its printed precision allows (the field's
``precision`` in ``datapackage.json``); a count or a date is exact.
"""

from __future__ import annotations

import pandas as pd

from ..consistency import T2, T3, T4, T5
from ..datapackage import Data
from ..intervals import Num, total

SECTORS = ("infra", "tech_dev", "training", "business_service")
SPECIAL, LOCAL, PRIVATE, TOTAL = "Special Account (Mega Region)", "Local Account", "Private Account", "Total"
LINP, RIPP, RSIP = "Leading Industry", "Strategic Industry", "Region Specific Industry"


def cell(data: Data, resource: str, column: str, value) -> Num:
    """A printed table value with half a unit of its field's precision either side (missing: 0)."""
    if pd.isna(value):
        return Num.exact(0)
    return Num.printed(float(value), data.field(resource, column).get("precision", 1))


def t4(data: Data, project_type: str, programme: str) -> Num:
    frame = data[T4]
    v = frame[(frame["project_type"] == project_type) & (frame["programme"] == programme)]["amount"].iloc[0]
    return cell(data, T4, "amount", v)


def t4_period(data: Data, programme: str) -> tuple[int, int]:
    frame = data[T4]
    period = frame[frame["programme"] == programme]["period"].iloc[0]
    a, b = str(period).split("~")
    return int(a), int(b)


def t5(data: Data, level: str, account: str, year: int) -> Num:
    frame = data[T5]
    v = frame[(frame["level"] == level) & (frame["account"] == account) & (frame["year"] == year)]["amount"].iloc[0]
    return cell(data, T5, "amount", v)


def t3_districts(data: Data) -> pd.DataFrame:
    frame = data[T3]
    return frame[frame["row_type"] == "district"]


def t3_column(data: Data, column: str) -> Num:
    return total(cell(data, T3, column, v) for v in t3_districts(data)[column])


def t3_national(data: Data) -> Num:
    return total(t3_column(data, s) for s in SECTORS)


def t3_stage(data: Data) -> tuple[int, int]:
    stage = data[T3]["stage"].iloc[0]  # "First (1999~2003)"
    a, b = stage[stage.index("(") + 1 : stage.index(")")].split("~")
    return int(a), int(b)


def t2(data: Data, year: int, column: str) -> Num:
    return cell(data, T2, column, data[T2].set_index("year").loc[year, column])


def timeline(data: Data, key: str) -> pd.Series:
    tl = data["timeline"]
    return tl[tl["id"] == key].iloc[0]


def year(date) -> int:
    return int(str(date)[:4])


def span(first: int, last: int) -> Num:
    """Length in years of a period printed from year ``first`` to year ``last``.

    A printed year is a date cut to its year: it stands for any day of that year. The period
    covers ``last - first + 1`` calendar years (the point, the reading that 'five years from
    2002 to 2006' uses), but a period from a day of ``first`` to a day of ``last`` may last
    anything above ``last - first - 1`` years (the reading of 'Roh administration 2003-2008',
    five years). A length printed within that interval is possible, never a discrepancy.
    """
    n = int(last) - int(first)
    return Num(n + 1.0, n - 1.0, n + 1.0)


def admin(data: Data, key: str) -> pd.Series:
    a = data["administrations"]
    return a[a["key"] == key].iloc[0]


def plan_years(data: Data, prefix: str) -> tuple[str, int, int]:
    t1 = data["table1-key-factors"]
    item = t1[t1["item"].str.startswith(prefix)]["item"].iloc[0]
    a, b = (int(x) for x in item[item.index("(") + 1 : item.index(")")].split("-"))
    return item, a, b


def rsip(data: Data, indicator: str) -> tuple[Num, Num]:
    r = data["rsip-performance"]
    row = r[r["indicator"] == indicator].iloc[0]
    return (
        cell(data, "rsip-performance", "value_2007", row["value_2007"]),
        cell(data, "rsip-performance", "value_2010", row["value_2010"]),
    )
