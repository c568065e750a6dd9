"""More statements set against the paper's other numbers: dates against periods, who did what when, tables against tables.

Each check here decides a statement that would otherwise be "not checkable" as far as the
paper's own numbers allow: the same fact printed in two places (a count, a year, a
table's amount), a date against the period or the rule it belongs to ("over 20 years
old in 2009", "in the 1960s"), a programme against the administration that Table 1
lists it under, a trend word against the table it describes. A ``reproduced`` status
means the paper agrees with itself, not that an outside source confirms the number.
"""

from __future__ import annotations

import re

import pandas as pd

from ..datapackage import Data
from ..intervals import Num, share, total
from . import access as a
from .access import LINP, LOCAL, RIPP, RSIP
from .engine import check, register
from .text import _yes, claim


def printed_years(data: Data, claim_id: str) -> list[int]:
    """The four-digit years quoted in another claim's ``printed`` text ('14.5% from 2006 to 2008')."""
    printed = data["claims"].set_index("id").loc[claim_id, "printed"]
    return [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", str(printed))]


def decade(data: Data, claim_id: str) -> tuple[int, int]:
    """First and last year of the decade a claim prints ('1960s' -> 1960, 1969)."""
    printed = data["claims"].set_index("id").loc[claim_id, "printed"]
    start = int(re.search(r"(\d{3})0s", str(printed)).group(1) + "0")
    return start, start + 9


def _complex(data: Data, name: str):
    c = data["old-industrial-complexes"]
    return c[c["name_en"] == name].iloc[0]


# --- the same fact in two places -----------------------------------------------------------


@check
def guro_year_against_since_1964(data):
    since = claim(data, "s4-complexes-since-1964")
    return since, f"§4: industrial complexes established since {since.point:.0f}"


@check
def techno_parks_second_statement(data):
    v = claim(data, "x-techno-parks-twice")
    return v, f"§4, the same paragraph: {v.point:.0f} Techno-parks designated as of 2010"


@check
def nine_regions_span_as_stated(data):
    x, y = printed_years(data, "s3-nine-2002-2006")
    return a.span(x, y), f"§3: {x} to {y} = {y - x + 1} years"


def _t4_first_phase_from_t3(*sectors: str):
    def fn(data):
        parts = [a.t3_column(data, s) for s in sectors]
        v = total(parts) * 10
        shown = " + ".join(f"{p.point:,.1f}" for p in parts)
        return v, f"Table 3 National Account {shown} billion KRW × 10 = {v.point:,.0f} hundred million KRW"

    return fn


register("t4_first_infra_from_t3", _t4_first_phase_from_t3("infra"))
register("t4_first_rd_from_t3", _t4_first_phase_from_t3("tech_dev"))
register("t4_first_support_from_t3", _t4_first_phase_from_t3("training", "business_service"))


@check
def korean_abstract_regions_in_table3(data):
    named = ("부산", "대구", "경남", "광주")  # the Korean abstract: 4개(부산, 대구, 경남, 광주)
    en = data["places"].set_index("short_ko").loc[list(named), "short_en"]
    hits = int(en.isin(set(a.t3_districts(data)["district"])).sum())
    return Num.exact(hits), f"{hits} of {len(named)} regions named in the Korean abstract are districts of Table 3"


# --- a date against the period or rule it belongs to ---------------------------------------


@check
def need_raised_before_expansion(data):
    need = a.year(a.timeline(data, "ripp-nationwide-need")["date"])
    start = a.t4_period(data, "9 regions")[0]
    return _yes(need < start), f"§3: need raised in {need}; Table 4: 9 regions from {start}"


def _founded_in_decade(name: str, claim_id: str):
    def fn(data):
        founded = int(_complex(data, name)["founded"]) if name != "Guro" else int(claim(data, "s4-guro-1964").point)
        lo, hi = decade(data, claim_id)
        inside = lo <= founded <= hi
        return _yes(inside), f"§4: {name} established in {founded}, {'within' if inside else 'outside'} the {lo}s"

    return fn


register("guro_in_the_1960s", _founded_in_decade("Guro", "s4-1960s-textile"))
register("gumi_in_the_1970s", _founded_in_decade("Gumi", "s4-1970s-coast"))


def _old_when_selected(name: str):
    def fn(data):
        row = _complex(data, name)
        founded, selected = int(row["founded"]), int(row["selected_for_restructuring"])
        threshold = claim(data, "s4-over-20-years").point
        age = selected - founded
        return _yes(age > threshold), (
            f"§4: {name} established {founded}, {age} years old when selected in {selected} "
            f"(old: over {threshold:.0f} years)"
        )

    return fn


for _name in ("Banwol-Sihwa", "Namdong", "Gumi", "Iksan"):
    register(f"{_name.lower().replace('-', '_')}_old_when_selected", _old_when_selected(_name))


@check
def guro_restructured_before_selection(data):
    row = a.timeline(data, "guro-complex-restructuring")
    start, end = a.year(row["date"]), a.year(row["end_date"])
    founded = int(claim(data, "s4-guro-1964").point)
    selected = int(data["old-industrial-complexes"]["selected_for_restructuring"].min())
    threshold = claim(data, "s4-over-20-years").point
    ok = end < selected and start - founded > threshold
    return _yes(ok), (
        f"§4: Guro (established {founded}) restructured {start}-{end}, {start - founded} years after its founding, "
        f"before the four were selected in {selected}"
    )


@check
def knowledge_shift_after_1997_crisis(data):
    y = a.year(a.timeline(data, "asian-financial-crisis")["date"])
    return _yes(1997 <= y <= 1999), f"§1: the shift follows the crisis of {y}, within the late 1990s (1997-1999)"


@check
def crisis_within_results_period(data):
    crisis = a.year(a.timeline(data, "global-financial-crisis")["date"])
    x, y = printed_years(data, "s4-linp-sales-14-5")
    return _yes(x <= crisis <= y), f"§4: the crisis of {crisis} falls within the results' period {x}-{y}"


# --- who did what, when: Table 1's columns against the dates of the text ----------------------


def _in_administration(key: str, events: tuple[str, ...]):
    def fn(data):
        adm = a.admin(data, key)
        start = int(adm["start"])
        end = 9999 if pd.isna(adm["end"]) else int(adm["end"])
        years = {e: a.year(a.timeline(data, e)["date"]) for e in events}
        ok = all(start <= y <= end for y in years.values())
        shown = ", ".join(f"'{e}' {y}" for e, y in years.items())
        until = f"{end}" if end != 9999 else ""
        return _yes(ok), f"administrations: {key.title()} {start}-{until}; time line: {shown}"

    return fn


register("kim_lists_nine_regions", _in_administration("kim", ("ripp-first-stage", "ripp-nine-regions")))
register(
    "roh_lists_bnd_institutions",
    _in_administration("roh", ("pcbnd-established", "special-act-bnd", "bnd-five-year-plan")),
)
register("lee_lists_linp_and_plan", _in_administration("lee", ("linp-first-stage", "regional-development-plan")))


# --- trend and rank words against Tables 3, 4 and 5 ---------------------------------------------


def _t4_share(data, project_type: str, programme: str) -> Num:
    return share(a.t4(data, project_type, programme), a.t4(data, "Total", programme))


@check
def four_regions_from_infrastructure_to_rd(data):
    first, second = "4 regions 1st phase", "4 regions 2nd phase"
    i1, i2 = _t4_share(data, "Innovation infrastructure", first), _t4_share(data, "Innovation infrastructure", second)
    r1, r2 = _t4_share(data, "R&D", first), _t4_share(data, "R&D", second)
    ok = i2.hi < i1.lo and r2.lo > r1.hi
    return _yes(ok), (
        f"Table 4, 4 regions: infrastructure {i1.point:.1f}% → {i2.point:.1f}%, R&D {r1.point:.1f}% → {r2.point:.1f}%"
    )


@check
def nine_regions_most_infrastructure(data):
    nine = _t4_share(data, "Innovation infrastructure", "9 regions")
    four = [_t4_share(data, "Innovation infrastructure", p) for p in ("4 regions 1st phase", "4 regions 2nd phase")]
    ok = all(nine.lo > f.hi for f in four)
    return _yes(ok), (
        f"Table 4, infrastructure: 9 regions {nine.point:.1f}% against 4 regions "
        + ", ".join(f"{f.point:.1f}%" for f in four)
    )


@check
def local_matching_for_ripp_and_rsip(data):
    t5 = data[a.T5]
    local = t5[t5["account"] == LOCAL].set_index(["level", "year"])["amount"]
    years = sorted(int(y) for y in t5["year"].unique())

    def amount(level, y) -> float:
        v = local.get((level, y))
        return 0.0 if v is None or pd.isna(v) else float(v)

    matched = all(amount(lv, y) > 0 for lv in (RIPP, RSIP) for y in years)
    none_for_linp = all(amount(LINP, y) == 0 for y in years)
    return _yes(matched and none_for_linp), (
        "Table 5, Local Account: "
        + ", ".join(f"{lv} {y} {amount(lv, y):g}" for lv in (LINP, RIPP, RSIP) for y in years)
    )


@check
def optical_in_honam(data):
    d = a.t3_districts(data)
    district = d[d["project"] == "Optical"]["district"].iloc[0]
    region = data["places"].set_index("short_en").loc[district, "economic_region"]
    return _yes(region == "honam"), f"Table 3: Optical in {district}, which is in the {region.title()} Economic Region"


FIGURE1_NAMED = ("telecommunication", "bio", "robot", "automobile", "shipbuilding", "machinery", "tourism", "cultur")
FIGURE1_NAMED += ("film", "medic")  # §3: the ten industries named before '(See Figure 1)'


@check
def figure1_named_industries(data):
    names = " ".join(data["figure1-strategic-industries"]["industry_en"]).lower()
    hits = [k for k in FIGURE1_NAMED if k in names]
    return Num.exact(len(hits)), (
        f"figure1-strategic-industries: {len(hits)} of the {len(FIGURE1_NAMED)} industries named in §3 appear"
    )
