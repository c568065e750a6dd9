"""Checks of dates, periods and plan lengths, most made by factories from one table of names.

Dates are checked against the other places where the paper states them (the
administrations, the time line, the periods printed in Tables 1, 3 and 4): a
``reproduced`` date means the paper agrees with itself, not that an outside
source confirms it.
"""

from __future__ import annotations

from ..intervals import Num
from . import access as a
from .engine import check, register


def _admin_year(key: str, end: bool):
    def fn(data):
        row = a.admin(data, key)
        v = row["end"] if end else row["start"]
        return Num.exact(v), f"administrations: {key.title()} {'until' if end else 'from'} {v}"

    return fn


def _timeline_year(key: str, end: bool):
    def fn(data):
        row = a.timeline(data, key)
        date = row["end_date"] if end else row["date"]
        return Num.exact(a.year(date)), f"time line '{key}' ({row['section']}): {'until' if end else 'from'} {date}"

    return fn


def _period(source: str, which: str):
    """Start, end or length (:func:`.access.span`) of a period printed in Table 3 or Table 4."""

    def fn(data):
        if source == "table3":
            x, y = a.t3_stage(data)
            where = f"Table 3: First ({x}~{y})"
        else:
            x, y = a.t4_period(data, source)
            where = f"Table 4: {source} ({x}~{y})"
        v = {"start": Num.exact(x), "end": Num.exact(y), "span": a.span(x, y)}[which]
        return v, where + (f" = {v.point:.0f} years" if which == "span" else "")

    return fn


def _plan(prefix: str, which: str):
    def fn(data):
        item, x, y = a.plan_years(data, prefix)
        v = {"start": Num.exact(x), "span": a.span(x, y), "end5": Num.exact(x + 4)}[which]
        text = {
            "start": f"Table 1: '{item}' starts in {x}",
            "span": f"Table 1: '{item}' covers {x} to {y} = {y - x + 1} years",
            "end5": f"Table 1: '{item}' starts in {x}; a five-year plan ends in {x} + 4 = {x + 4}",
        }[which]
        return v, text

    return fn


ADMINS = {
    "admin_kim_start": ("kim", False),
    "admin_kim_end": ("kim", True),
    "admin_roh_start": ("roh", False),
    "admin_roh_end": ("roh", True),
    "admin_lee_start": ("lee", False),
}
TIMELINE = {
    "timeline_local_autonomy": ("local-autonomy", False),
    "timeline_civilian_start": ("civilian-government", False),
    "timeline_civilian_end": ("civilian-government", True),
    "timeline_crisis_start": ("asian-financial-crisis", False),
    "timeline_crisis_end": ("asian-financial-crisis", True),
    "timeline_special_act": ("special-act-bnd", False),
    "timeline_bnd_plan": ("bnd-five-year-plan", False),
    "linp_first_stage_end": ("linp-first-stage", True),
}
PERIODS = {
    "table3_stage_start": ("table3", "start"),
    "table3_stage_end": ("table3", "end"),
    "table4_nine_regions_start": ("9 regions", "start"),
    "table4_nine_regions_end": ("9 regions", "end"),
    "table4_nine_regions_span": ("9 regions", "span"),
    "table4_four_regions_end": ("4 regions 2nd phase", "end"),
    "table4_second_phase_start": ("4 regions 2nd phase", "start"),
}
PLANS = {
    "table1_bnd_plan_length": ("5-Year Plan for Balanced National Development", "span"),
    "rd_plan_end_year": ("5-Year Plan for Regional Development", "end5"),
    "rd_plan_length": ("5-Year Plan for Regional Development", "span"),
}

for _name, _args in ADMINS.items():
    register(_name, _admin_year(*_args))
for _name, _args in TIMELINE.items():
    register(_name, _timeline_year(*_args))
for _name, _args in PERIODS.items():
    register(_name, _period(*_args))
for _name, _args in PLANS.items():
    register(_name, _plan(*_args))


@check
def pcbnd_after_special_act(data):
    """The PCBND is said to be set up under the Special Act: it should not predate it."""
    pcbnd, act = a.timeline(data, "pcbnd-established")["date"], a.timeline(data, "special-act-bnd")["date"]
    after = 1.0 if pcbnd >= act else 0.0
    return Num.exact(after), f"PCBND {pcbnd} {'after' if after else 'before'} the Special Act {act}"


@check
def bnd_plan_start_text_vs_table1(data):
    """Table 1 dates the plan 2003-2008; the text (§3) says it was created in 2004."""
    y = a.year(a.timeline(data, "bnd-five-year-plan")["date"])
    return Num.exact(y), f"§3: the first five-year plan was created in {y}"


@check
def programmes_end_within_two_years(data):
    end = a.year(a.timeline(data, "ripp-current-end")["date"])
    return Num.exact(end), f"written in 2011 (latest budget year of Table 5); RIPPs end {end} (Korean abstract)"


@check
def linp_third_year(data):
    start = a.year(a.timeline(data, "linp-first-stage")["date"])
    latest = int(data[a.T5]["year"].max())
    return Num.exact(start + 2), f"LINP from {start}: third year = {start + 2}; Table 5's latest year is {latest}"


@check
def years_since_1998(data):
    latest = int(data[a.T5]["year"].max())
    return Num.exact(latest - 1998), f"{latest} (latest year of Table 5) - 1998 = {latest - 1998}"


@check
def table4_decade_years(data):
    x = a.t4_period(data, "4 regions 1st phase")[0]
    y = a.t4_period(data, "4 regions 2nd phase")[1]
    return a.span(x, y), f"Table 4: {x} to {y} = {y - x + 1} years"
