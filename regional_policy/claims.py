"""The claims ledger: every number the paper prints, with a computed status.

``data/claims.csv`` lists every quantitative statement of the paper's text (and
the numbers of Table 1), one row each, with the value as printed and either the
name of a check in :data:`CHECKS` or the reason it cannot be checked. A check
recomputes the value from the data package and returns it with its arithmetic;
the status is computed by comparing it with the printed value within half a
unit of the printed precision (column ``precision``):

* ``reproduced`` - the data give the printed value;
* ``discrepancy`` - they do not; the ledger keeps the recomputed value and the
  difference;
* ``not checkable`` - no check (the reason says why).

Dates and counts are checked against the other places where the paper states
them (the tables, the administrations, the time line), so a ``reproduced`` date
means the paper is consistent with itself, not that an outside source confirms
it. :func:`ledger` adds one row for every printed total, share and ratio of the
tables (:mod:`.consistency`), so the ledger covers the tables too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import consistency, errata
from .datapackage import Data

T2, T3, T4, T5 = consistency.T2, consistency.T3, consistency.T4, consistency.T5
CHECKS: dict[str, Callable[[Data], tuple[float, str]]] = {}
STATUSES = ("reproduced", "discrepancy", "not checkable")


def check(fn):
    """Register a check under its function name."""
    CHECKS[fn.__name__] = fn
    return fn


# --- helpers -------------------------------------------------------------------------------


def _t4(data: Data, project_type: str, programme: str) -> float:
    t4 = data[T4]
    v = t4[(t4["project_type"] == project_type) & (t4["programme"] == programme)]["amount"].iloc[0]
    return 0.0 if pd.isna(v) else float(v)


def _t4_period(data: Data, programme: str) -> tuple[int, int]:
    t4 = data[T4]
    period = t4[t4["programme"] == programme]["period"].iloc[0]
    a, b = str(period).split("~")
    return int(a), int(b)


def _t5(data: Data, level: str, account: str, year: int) -> float:
    t5 = data[T5]
    v = t5[(t5["level"] == level) & (t5["account"] == account) & (t5["year"] == year)]["amount"].iloc[0]
    return 0.0 if pd.isna(v) else float(v)


def _t3_districts(data: Data) -> pd.DataFrame:
    t3 = data[T3]
    return t3[t3["row_type"] == "district"]


def _t3_stage(data: Data) -> tuple[int, int]:
    stage = data[T3]["stage"].iloc[0]  # "First (1999~2003)"
    a, b = stage[stage.index("(") + 1 : stage.index(")")].split("~")
    return int(a), int(b)


def _timeline(data: Data, key: str) -> pd.Series:
    tl = data["timeline"]
    return tl[tl["id"] == key].iloc[0]


def _year(date: str) -> int:
    return int(str(date)[:4])


def _admin(data: Data, key: str) -> pd.Series:
    a = data["administrations"]
    return a[a["key"] == key].iloc[0]


SECTORS = ("infra", "tech_dev", "training", "business_service")


def _t3_national(data: Data) -> float:
    return float(_t3_districts(data)[list(SECTORS)].to_numpy().sum())


# --- administrations and time line ------------------------------------------------------------


@check
def admin_kim_start(data):
    return float(_admin(data, "kim")["start"]), "administrations: Kim from {}".format(_admin(data, "kim")["start"])


@check
def admin_kim_end(data):
    return float(_admin(data, "kim")["end"]), "administrations: Kim until {}".format(_admin(data, "kim")["end"])


@check
def admin_roh_start(data):
    return float(_admin(data, "roh")["start"]), "administrations: Roh from {}".format(_admin(data, "roh")["start"])


@check
def admin_roh_end(data):
    return float(_admin(data, "roh")["end"]), "administrations: Roh until {}".format(_admin(data, "roh")["end"])


@check
def admin_lee_start(data):
    return float(_admin(data, "lee")["start"]), "administrations: Lee from {}".format(_admin(data, "lee")["start"])


def _timeline_check(key: str, end: bool = False):
    def fn(data):
        row = _timeline(data, key)
        date = row["end_date"] if end else row["date"]
        return float(_year(date)), f"time line '{key}' ({row['section']}): {'until' if end else 'from'} {date}"

    return fn


for _name, _key, _end in [
    ("timeline_local_autonomy", "local-autonomy", False),
    ("timeline_civilian_start", "civilian-government", False),
    ("timeline_civilian_end", "civilian-government", True),
    ("timeline_crisis_start", "asian-financial-crisis", False),
    ("timeline_crisis_end", "asian-financial-crisis", True),
    ("timeline_special_act", "special-act-bnd", False),
    ("timeline_bnd_plan", "bnd-five-year-plan", False),
    ("linp_first_stage_end", "linp-first-stage", True),
]:
    _fn = _timeline_check(_key, _end)
    _fn.__name__ = _name
    check(_fn)


@check
def pcbnd_after_special_act(data):
    """The PCBND is said to be set up under the Special Act: it should not predate it."""
    pcbnd, act = _timeline(data, "pcbnd-established")["date"], _timeline(data, "special-act-bnd")["date"]
    after = 1.0 if pcbnd >= act else 0.0
    return after, f"PCBND {pcbnd} {'after' if after else 'before'} the Special Act {act}"


@check
def bnd_plan_start_text_vs_table1(data):
    """Table 1 dates the plan 2003-2008; the text (§3) says it was created in 2004."""
    year = _year(_timeline(data, "bnd-five-year-plan")["date"])
    return float(year), f"§3: the first five-year plan was created in {year}"


@check
def table1_bnd_plan_length(data):
    t1 = data["table1-key-factors"]
    item = t1[t1["item"].str.startswith("5-Year Plan for Balanced National Development")]["item"].iloc[0]
    a, b = (int(x) for x in item[item.index("(") + 1 : item.index(")")].split("-"))
    return float(b - a + 1), f"Table 1: '{item}' covers {a} to {b} = {b - a + 1} years"


def _rd_plan_years(data: Data) -> tuple[str, int, int]:
    t1 = data["table1-key-factors"]
    item = t1[t1["item"].str.startswith("5-Year Plan for Regional Development")]["item"].iloc[0]
    a, b = (int(x) for x in item[item.index("(") + 1 : item.index(")")].split("-"))
    return item, a, b


@check
def rd_plan_end_year(data):
    """§4 calls it a five-year plan; Table 1 gives its first year."""
    item, a, _ = _rd_plan_years(data)
    return float(a + 4), f"Table 1: '{item}' starts in {a}; a five-year plan (§4) ends in {a} + 4 = {a + 4}"


@check
def programmes_end_within_two_years(data):
    end = _year(_timeline(data, "ripp-current-end")["date"])
    return float(end), f"written in 2011 (latest budget year of Table 5); RIPPs end {end} (Korean abstract)"


@check
def linp_third_year(data):
    start = _year(_timeline(data, "linp-first-stage")["date"])
    latest = int(data[T5]["year"].max())
    return float(start + 2), f"LINP from {start}: third year = {start + 2}; Table 5's latest year is {latest}"


@check
def years_since_1998(data):
    latest = int(data[T5]["year"].max())
    return float(latest - 1998), f"{latest} (latest year of Table 5) - 1998 = {latest - 1998}"


# --- places ---------------------------------------------------------------------------------------


@check
def place_count(data):
    return float(len(data["places"])), f"{len(data['places'])} rows in places"


@check
def economic_region_count(data):
    n = data["places"]["economic_region"].nunique()
    return float(n), f"{n} distinct economic regions among the 16 units"


@check
def ripp_nine_region_count(data):
    n = int((data["places"]["ripp_group"] == "9 regions (2002)").sum())
    return float(n), f"{n} units in the 9-region group"


@check
def ripp_region_count(data):
    p = data["places"]
    n = int((p["ripp_group"] != "none").sum())
    cap = int(p["capital_region"].sum())
    return float(n), f"{len(p)} units - {cap} in the Capital Region = {n} with RIPPs"


def _province_of(data: Data, name: str) -> tuple[float, str]:
    complexes = data["old-industrial-complexes"]
    row = complexes[complexes["name_en"] == name].iloc[0]
    place = data["places"].set_index("short_en").loc[row["province"]]
    return float(place["code"]), f"{name} is in {row['province']} (code {place['code']}; old-industrial-complexes)"


@check
def iksan_province(data):
    return _province_of(data, "Iksan")


@check
def gumi_province(data):
    return _province_of(data, "Gumi")


# --- Table 2 and Table 3 --------------------------------------------------------------------------


@check
def table2_ratio_2007_recomputed(data):
    r = data[T2].set_index("year").loc[2007]
    v = 100 * r["rural_income_b"] / r["urban_income_a"]
    return v, f"Table 2: {r['rural_income_b']:,} / {r['urban_income_a']:,} × 100 = {v:.2f}"


@check
def table3_district_count(data):
    d = _t3_districts(data)
    return float(len(d)), "Table 3: " + ", ".join(d["district"])


@check
def table3_projects_match_section1(data):
    expected = {"Daegu": "Textile", "Busan": "Footwear", "Gwangju": "Optical", "Gyeongnam": "Machinery"}
    d = _t3_districts(data).set_index("district")["project"]
    hits = sum(1 for k, v in expected.items() if d.get(k) == v)
    return float(hits), f"{hits} of 4 district/industry pairs of §1 found in Table 3"


@check
def table3_stage_start(data):
    a, b = _t3_stage(data)
    return float(a), f"Table 3: First ({a}~{b})"


@check
def table3_stage_end(data):
    a, b = _t3_stage(data)
    return float(b), f"Table 3: First ({a}~{b})"


@check
def table3_total_invested_sum(data):
    d = _t3_districts(data)["total_invested"]
    return float(d.sum()), "Table 3: " + " + ".join(f"{v:,.1f}" for v in d) + f" = {d.sum():,.1f}"


@check
def table3_total_trillion(data):
    d = _t3_districts(data)["total_invested"].sum()
    return d / 1000, f"{d:,.1f} billion KRW / 1,000 = {d / 1000:.3f} trillion KRW"


@check
def table3_national_trillion(data):
    n = _t3_national(data)
    return (
        n / 1000,
        f"Table 3 National Account: {n:,.1f} billion KRW = {n / 1000:.3f} trillion KRW "
        f"(the rest, {(_t3_districts(data)['total_invested'].sum() - n) / 1000:.3f} trillion, is local and private)",
    )


def _t3_share(sector: str):
    def fn(data):
        part = float(_t3_districts(data)[sector].sum())
        total = _t3_national(data)
        return (
            100 * part / total,
            f"Table 3 National Account: {part:,.1f} / {total:,.1f} × 100 = {100 * part / total:.2f}",
        )

    fn.__name__ = f"table3_share_{sector}"
    return fn


for _s in SECTORS:
    check(_t3_share(_s))


@check
def printed_shares_section2_sum(data):
    return 47 + 27.5 + 16.1 + 9.4, "47 + 27.5 + 16.1 + 9.4 = 100.0"


@check
def table3_national_in_100m(data):
    n = _t3_national(data)
    return round(n * 10, 6), f"Table 3 National Account {n:,.1f} billion KRW × 10 = {n * 10:,.0f} hundred million KRW"


# --- Table 4 ----------------------------------------------------------------------------------------


@check
def table4_nine_regions_start(data):
    a, b = _t4_period(data, "9 regions")
    return float(a), f"Table 4: 9 regions ({a}~{b})"


@check
def table4_nine_regions_end(data):
    a, b = _t4_period(data, "9 regions")
    return float(b), f"Table 4: 9 regions ({a}~{b})"


@check
def table4_nine_regions_span(data):
    a, b = _t4_period(data, "9 regions")
    return float(b - a + 1), f"Table 4: 9 regions ({a}~{b}) = {b - a + 1} years"


@check
def table4_four_regions_end(data):
    a, b = _t4_period(data, "4 regions 2nd phase")
    return float(b), f"Table 4: 4 regions 2nd phase ({a}~{b})"


@check
def table4_second_phase_start(data):
    a, b = _t4_period(data, "4 regions 2nd phase")
    return float(a), f"Table 4: 4 regions 2nd phase ({a}~{b})"


@check
def table4_decade_years(data):
    a = _t4_period(data, "4 regions 1st phase")[0]
    b = _t4_period(data, "4 regions 2nd phase")[1]
    return float(b - a + 1), f"Table 4: {a} to {b} = {b - a + 1} years"


@check
def table4_grand_total_trillion(data):
    v = _t4(data, "Total", "Total")
    return v / 10000, f"Table 4: {v:,.0f} hundred million KRW / 10,000 = {v / 10000:.4f} trillion KRW"


@check
def table4_total_infrastructure_share(data):
    a, t = _t4(data, "Innovation infrastructure", "Total"), _t4(data, "Total", "Total")
    return 100 * a / t, f"Table 4: {a:,.0f} / {t:,.0f} × 100 = {100 * a / t:.2f}"


@check
def four_regions_annual_per_region(data):
    a, b = _t4(data, "Total", "4 regions 1st phase"), _t4(data, "Total", "4 regions 2nd phase")
    years = table4_decade_years(data)[0]
    v = (a + b) / 10 / 4 / years
    return v, f"({a:,.0f} + {b:,.0f}) hundred million KRW / 10 / 4 regions / {years:.0f} years = {v:.2f} billion KRW"


@check
def nine_regions_annual_per_region(data):
    t = _t4(data, "Total", "9 regions")
    years = table4_nine_regions_span(data)[0]
    v = t / 10 / 9 / years
    return (
        v,
        f"{t:,.0f} hundred million KRW / 10 / 9 regions / {years:.0f} years (Table 4: 2002~2007) = {v:.2f} billion KRW",
    )


@check
def nine_regions_annual_per_industry(data):
    t = _t4(data, "Total", "9 regions")
    years = table4_nine_regions_span(data)[0]
    v = t / 10 / 19 / years
    return v, f"{t:,.0f} hundred million KRW / 10 / 19 industries / {years:.0f} years = {v:.2f} billion KRW"


def _nine_share(*types: str):
    def fn(data):
        parts = [_t4(data, t, "9 regions") for t in types]
        total = _t4(data, "Total", "9 regions")
        v = 100 * sum(parts) / total
        return v, f"Table 4, 9 regions: {' + '.join(f'{p:,.0f}' for p in parts)} / {total:,.0f} × 100 = {v:.2f}"

    return fn


@check
def nine_regions_innovation_share(data):
    return _nine_share("Innovation infrastructure", "Industry Planning Agency")(data)


@check
def nine_regions_centres_share(data):
    return _nine_share("Innovation infrastructure")(data)


@check
def nine_regions_planning_share(data):
    return _nine_share("Industry Planning Agency")(data)


@check
def four_regions_second_rd_share(data):
    a, t = _t4(data, "R&D", "4 regions 2nd phase"), _t4(data, "Total", "4 regions 2nd phase")
    return 100 * a / t, f"Table 4, 4 regions 2nd phase: {a:,.0f} / {t:,.0f} × 100 = {100 * a / t:.2f}"


# --- Table 5 and the RSIP results ---------------------------------------------------------------------

SPECIAL, LOCAL, PRIVATE, TOTAL = "Special Account (Mega Region)", "Local Account", "Private Account", "Total"
LINP, RIPP, RSIP = "Leading Industry", "Strategic Industry", "Region Specific Industry"


@check
def t5_linp_special_2011(data):
    return _t5(data, LINP, SPECIAL, 2011), "Table 5: Leading Industry, Special Account, 2011"


@check
def t5_ripp_special_2011(data):
    return _t5(data, RIPP, SPECIAL, 2011), "Table 5: Strategic Industry, Special Account, 2011"


@check
def t5_ripp_local_private_2011(data):
    a, b = _t5(data, RIPP, LOCAL, 2011), _t5(data, RIPP, PRIVATE, 2011)
    return (
        a + b,
        f"Table 5, Strategic Industry 2011: local {a:,.0f} + private {b:,.0f} = {a + b:,.0f} "
        f"(the total of all three accounts is {_t5(data, RIPP, TOTAL, 2011):,.0f})",
    )


@check
def t5_rsip_special_2011(data):
    return _t5(data, RSIP, SPECIAL, 2011), "Table 5: Region Specific Industry, Special Account, 2011"


@check
def t5_rsip_total_2011(data):
    return _t5(data, RSIP, TOTAL, 2011), "Table 5: Region Specific Industry, Total, 2011"


@check
def linp_largest_2011_special(data):
    vals = {lv: _t5(data, lv, SPECIAL, 2011) for lv in (LINP, RIPP, RSIP)}
    largest = max(vals, key=vals.get)
    return (1.0 if largest == LINP else 0.0), "Table 5, Special Account 2011: " + ", ".join(
        f"{k} {v:,.0f}" for k, v in vals.items()
    )


@check
def gravity_moved_to_linp(data):
    def share(year):
        vals = {lv: _t5(data, lv, SPECIAL, year) for lv in (LINP, RIPP, RSIP)}
        return {k: 100 * v / sum(vals.values()) for k, v in vals.items()}

    s10, s11 = share(2010), share(2011)
    moved = s11[LINP] > s10[LINP] and s11[RIPP] < s10[RIPP]
    return (1.0 if moved else 0.0), (
        f"share of the Special Account: LINP {s10[LINP]:.1f}% → {s11[LINP]:.1f}%, "
        f"RIPP {s10[RIPP]:.1f}% → {s11[RIPP]:.1f}%"
    )


@check
def rsip_table_reference(data):
    """The RSIP results appear in no table; Table 5 is the budget. 0 = no table holds them."""
    return 0.0, "Table 5 holds budgets by level and account; no table holds sales or employees"


def _rsip(data: Data, indicator: str) -> pd.Series:
    r = data["rsip-performance"]
    return r[r["indicator"] == indicator].iloc[0]


@check
def rsip_sales_growth_pct(data):
    r = _rsip(data, "sales")
    v = 100 * (r["value_2010"] / r["value_2007"] - 1)
    return (
        v,
        f"({r['value_2010']:g} / {r['value_2007']:g} - 1) × 100 = {v:.1f}% growth "
        f"(2010 is {100 * r['value_2010'] / r['value_2007']:.0f}% of the 2007 level)",
    )


@check
def rsip_employee_multiple(data):
    r = _rsip(data, "employees")
    v = r["value_2010"] / r["value_2007"]
    return v, f"{r['value_2010']:,.0f} / {r['value_2007']:,.0f} = {v:.2f}"


# --- counts of items listed in the same sentence -------------------------------------------------


@check
def belts_sum(data):
    return 3 + 1 + 1, "three coastline + one border + one inland = 5"


@check
def techno_park_functions(data):
    return 4.0, "listed: policy planning; business support with incubating; R&D support; training = 4"


@check
def four_complexes_listed(data):
    return 4.0, "listed: Banwol-Sihwa, Namdong, Gumi, Iksan = 4"


@check
def restructuring_sectors_listed(data):
    return 4.0, "listed: 1) business support, 2) infrastructure, 3) amenity, 4) industry restructure = 4"


@check
def challenges_listed(data):
    return 5.0, "listed: first, second, third, fourth, the last = 5"


# --- the ledger ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: str
    recomputed: float | None
    difference: float | None
    arithmetic: str


def evaluate(row: pd.Series, data: Data) -> Outcome:
    """Run the claim's check and compare with the printed value."""
    name = row["check"]
    if pd.isna(name) or not name:
        return Outcome("not checkable", None, None, "")
    value, arithmetic = CHECKS[name](data)
    precision = float(row["precision"])
    diff = float(row["value"]) - float(value)
    status = "reproduced" if abs(diff) <= precision / 2 + 1e-9 else "discrepancy"
    return Outcome(status, float(value), round(diff, 6), arithmetic)


def ledger(data: Data) -> pd.DataFrame:
    """Every claim of the text and every derived value of the tables, with computed statuses.

    ``status`` is computed on the data as printed; ``with_errata`` on the data with the
    documented corrections applied.
    """
    corrected = errata.apply(data)[0]
    rows = []
    for _, c in data["claims"].iterrows():
        out, fixed = evaluate(c, data), evaluate(c, corrected)
        rows.append(
            {
                "id": c["id"],
                "section": c["section"],
                "statement": c["statement"],
                "printed": c["printed"],
                "value": c["value"],
                "unit": c["unit"],
                "recomputed": out.recomputed,
                "difference": out.difference,
                "status": out.status,
                "with_errata": fixed.status,
                "arithmetic": out.arithmetic or (c["reason"] if not pd.isna(c["reason"]) else ""),
                "check": "" if pd.isna(c["check"]) else c["check"],
                "errata": "" if pd.isna(c["errata"]) else c["errata"],
                "source": "text",
            }
        )
    fixed_checks = {k.id: k for k in consistency.all_checks(corrected)}
    for k in consistency.all_checks(data):
        section = {T2: "Table 2", T3: "Table 3", T4: "Table 4", T5: "Table 5"}[k.resource]
        rows.append(
            {
                "id": k.id,
                "section": section,
                "statement": k.label,
                "printed": f"{k.printed:g}",
                "value": k.printed,
                "unit": data.field(k.resource, k.column).get("unit", ""),
                "recomputed": k.recomputed,
                "difference": k.difference,
                "status": k.status,
                "with_errata": fixed_checks[k.id].status,
                "arithmetic": k.formula,
                "check": f"consistency.{k.kind}",
                "errata": "",
                "source": "table",
            }
        )
    frame = pd.DataFrame(rows)
    frame["truncated"] = [_truncated(r) for _, r in frame.iterrows()]
    return frame


def _truncated(r) -> bool:
    if r["status"] != "discrepancy" or r["recomputed"] is None or pd.isna(r["recomputed"]):
        return False
    try:
        printed = float(r["value"])
    except (TypeError, ValueError):
        return False
    decimals = max(0, len(str(r["printed"]).rstrip("%").split(".")[-1]) if "." in str(r["printed"]) else 0)
    factor = 10**decimals
    return math.floor(r["recomputed"] * factor + 1e-9) / factor == printed


def summary(frame: pd.DataFrame) -> pd.Series:
    """Counts of each status, in a fixed order."""
    return frame["status"].value_counts().reindex(list(STATUSES), fill_value=0)


@check
def rd_plan_length(data):
    """Table 1's period of the plan for regional development, in years (inclusive)."""
    item, a, b = _rd_plan_years(data)
    return float(b - a + 1), f"Table 1: '{item}' covers {a} to {b} = {b - a + 1} years"


# --- against the reconstructed figures (sources: data/sources.csv) ---------------------------------


@check
def strategic_per_unit(data):
    """Figure 1's sources: industries listed per unit (Jeonnam's sources list five)."""
    counts = data["figure1-strategic-industries"].groupby("province").size()
    mean = float(counts.mean())
    odd = ", ".join(f"{k} {v}" for k, v in counts.items() if v != 4) or "none"
    return (
        mean,
        f"figure1-strategic-industries: {counts.sum()} items / {len(counts)} units = {mean:.2f} (not four: {odd})",
    )


@check
def leading_per_funded_region(data):
    f2 = data["figure2-leading-industries"]
    final = f2[(f2["version"] == "final") & (f2["economic_region"] != "capital")]
    counts = final.groupby("economic_region").size()
    return float(counts.mean()), (
        f"figure2-leading-industries, final list: {counts.sum()} industries / "
        f"{len(counts)} funded regions = {counts.mean():.2f}"
    )


@check
def chungcheong_leading_matches(data):
    """How many of the two industries the paper names appear in each version of the list."""
    f2 = data["figure2-leading-industries"]
    cc = f2[f2["economic_region"] == "chungcheong"]

    def hits(version):
        names = " ".join(cc[cc["version"] == version]["industry_en"]).lower()
        return int("bio" in names) + int("semiconductor" in names)

    final, proposal = hits("final"), hits("proposal")
    return float(proposal), (
        f"September 2008 proposal: {proposal} of 2 named (pharmaceutical/medical bio; "
        f"semiconductor & display); final list: {final} of 2 (bio and 'New IT')"
    )
