"""Checks of places, counts of listed items, the reconstructed figures, and statements set against each other.

The cross-statement checks set one printed statement against another (the same fact
in two places, a count against the items listed, a rule times the number of units
against a total, a trend or rank word against the numbers it describes, parts against
the whole they belong to). They read the other statements' printed values from
``claims.csv`` with the interval of their printed precision (:func:`claim`).
"""

from __future__ import annotations

from ..datapackage import Data
from ..intervals import Num
from . import access as a
from .access import LINP, RIPP, RSIP, TOTAL
from .engine import check, register


def claim(data: Data, claim_id: str) -> Num:
    """The printed value of another claim, with half a unit of its precision either side."""
    c = data["claims"].set_index("id").loc[claim_id]
    return Num.printed(float(c["value"]), float(c["precision"]))


def _yes(ok: bool) -> Num:
    return Num.exact(1.0 if ok else 0.0)


# --- places -------------------------------------------------------------------------------


@check
def place_count(data):
    return Num.exact(len(data["places"])), f"{len(data['places'])} rows in places"


@check
def economic_region_count(data):
    n = data["places"]["economic_region"].nunique()
    return Num.exact(n), f"{n} distinct economic regions among the 16 units"


@check
def ripp_nine_region_count(data):
    n = int((data["places"]["ripp_group"] == "9 regions (2002)").sum())
    return Num.exact(n), f"{n} units in the 9-region group"


@check
def ripp_region_count(data):
    p = data["places"]
    n = int((p["ripp_group"] != "none").sum())
    cap = int(p["capital_region"].sum())
    return Num.exact(n), f"{len(p)} units - {cap} in the Capital Region = {n} with RIPPs"


def _province_of(name: str):
    def fn(data):
        complexes = data["old-industrial-complexes"]
        row = complexes[complexes["name_en"] == name].iloc[0]
        place = data["places"].set_index("short_en").loc[row["province"]]
        return Num.exact(place["code"]), f"{name} is in {row['province']} (code {place['code']})"

    return fn


register("iksan_province", _province_of("Iksan"))
register("gumi_province", _province_of("Gumi"))


# --- counts of the items listed in the same passage -------------------------------------------

LISTS = {
    "belts_sum": ("three coastline + one border + one inland", 3 + 1 + 1),
    "techno_park_functions": ("policy planning; business support with incubating; R&D support; training", 4),
    "four_complexes_listed": ("Banwol-Sihwa, Namdong, Gumi, Iksan", 4),
    "restructuring_sectors_listed": ("1) business support, 2) infrastructure, 3) amenity, 4) industry restructure", 4),
    "challenges_listed": ("first, second, third, fourth, the last", 5),
    "first_stage_ways_listed": ("first (foundation), second (sales), the third (manpower)", 3),
    "first_stage_sectors_listed": ("infrastructure, technology development, training, business service", 4),
    "mke_projects_listed": ("first (clusters), second (local investment), third (RIC), the fourth (university-SME)", 4),
    "table1_strategies_listed": (
        "creation and innovation; diversification of balanced development; open management",
        3,
    ),
    "abstract_projects_listed": ("LINPs and RIPPs", 2),
    "layers_listed": ("Supra Economic Region, Economic Region, Local Area", 3),
    "dimensions_listed": ("LINPs in Economic Regions, RIPPs in provinces, RSIPs in Local Areas", 3),
}


def _listed(items: str, n: int):
    def fn(data):
        return Num.exact(n), f"listed: {items} = {n}"

    return fn


for _name, (_items, _n) in LISTS.items():
    register(_name, _listed(_items, _n))


# --- against the reconstructed figures (sources: data/sources.csv) ---------------------------


@check
def strategic_per_unit(data):
    """Figure 1's sources: industries listed per unit (Jeonnam's sources list five)."""
    counts = data["figure1-strategic-industries"].groupby("province").size()
    mean = float(counts.mean())
    odd = ", ".join(f"{k} {v}" for k, v in counts.items() if v != 4) or "none"
    return (
        Num.exact(mean),
        f"figure1-strategic-industries: {counts.sum()} items / {len(counts)} units = {mean:.2f} (not four: {odd})",
    )


@check
def leading_per_funded_region(data):
    f2 = data["figure2-leading-industries"]
    final = f2[(f2["version"] == "final") & (f2["economic_region"] != "capital")]
    counts = final.groupby("economic_region").size()
    return Num.exact(float(counts.mean())), (
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
    return Num.exact(proposal), (
        f"September 2008 proposal: {proposal} of 2 named (pharmaceutical/medical bio; "
        f"semiconductor & display); final list: {final} of 2 (bio and 'New IT')"
    )


# --- statements set against each other ----------------------------------------------------------


@check
def rural_ratio_fell_after_1990(data):
    """§2 says rural income fell after 1995: read against Table 2's ratio (relative income)."""
    r = data[a.T2].set_index("year")["ratio_b_a_pct"]
    fell = r.loc[2000] < r.loc[1990] and r.loc[2005] < r.loc[2000] and r.loc[2007] < r.loc[2005]
    return _yes(fell), "Table 2, B/A ratio: " + " → ".join(f"{y} {r.loc[y]:g}" for y in (1990, 2000, 2005, 2007))


@check
def rural_income_fell_after_1990(data):
    """The same statement read against Table 2's rural income itself (nominal)."""
    b = data[a.T2].set_index("year")["rural_income_b"]
    fell = b.loc[2000] < b.loc[1990]
    return _yes(fell), "Table 2, rural income: " + " → ".join(f"{y} {b.loc[y]:,}" for y in (1990, 2000, 2005, 2007))


@check
def ratio_2007_lowest(data):
    """§2: 'only 72.5%' in 2007; Table 2's lowest ratio is which year?"""
    r = data[a.T2].set_index("year")["ratio_b_a_pct"]
    return Num.exact(int(r.idxmin())), f"Table 2: lowest B/A ratio {r.min():g} in {int(r.idxmin())}"


def _above(high_id: str, low_id: str, text: str):
    """The claim ``high_id`` above ``low_id`` whatever values their printed precision allows; ``text``: {high}, {low}."""

    def fn(data):
        high, low = claim(data, high_id), claim(data, low_id)
        return _yes(high.lo > low.hi), text.format(high=high.point, low=low.point)

    return fn


register(
    "daegyeong_above_average",
    _above("s4-daegyeong-23-8", "s4-linp-sales-14-5", "§4: Daegyeong {high:g}% against all LINP firms {low:g}%"),
)


@check
def lowest_below_average(data):
    low, mean = claim(data, "s4-lowest-10"), claim(data, "s4-linp-sales-14-5")
    return _yes(low.lo < mean.hi), f"§4: lowest 'over {low.point:g}%' against the average {mean.point:g}%"


register(
    "daegyeong_jump",
    _above("s4-daegyeong-16-2", "s4-daegyeong-23-8", "§4: Daegyeong {low:g}% (2006-2008), then {high:g}% a year"),
)


@check
def rsip_smallest_2011(data):
    vals = {lv: a.t5(data, lv, TOTAL, 2011) for lv in (LINP, RIPP, RSIP)}
    smallest = all(vals[RSIP].hi < v.lo for k, v in vals.items() if k != RSIP)
    return _yes(smallest), "Table 5, Total 2011: " + ", ".join(f"{k} {v.point:,.0f}" for k, v in vals.items())


@check
def support_range_brackets_averages(data):
    lo, hi = claim(data, "s3-bio-chungnam-2-6"), claim(data, "s3-optical-gwangju-28-7")
    means = [claim(data, i) for i in ("s3-four-14-6", "s3-nine-6-5")]
    ok = all(lo.lo <= m.hi and m.lo <= hi.hi for m in means)
    return _yes(ok), f"§3: {lo.point:g} .. {hi.point:g} against the averages " + ", ".join(
        f"{m.point:g}" for m in means
    )


def _part_within(part_fn, whole_id: str, text: str):
    def fn(data):
        part, whole = part_fn(data), claim(data, whole_id)
        return _yes(part.lo <= whole.hi), f"{text}: {part.point:,.1f} ≤ {whole.point:,.1f}"

    return fn


register(
    "nine_national_within_1547",
    _part_within(lambda d: a.t4(d, "Total", "9 regions") / 10, "s3-nine-1547", "Table 4, 9 regions (national)"),
)
register(
    "second_national_within_2266",
    _part_within(lambda d: a.t4(d, "Total", "4 regions 2nd phase") / 10, "s3-2266-9", "Table 4, 2nd phase (national)"),
)
register(
    "complex_kinds_within_901",
    _part_within(lambda d: Num.exact(40) + Num.exact(434), "s4-901-complexes", "§4: 40 national + 434 local"),
)


@check
def linp_end_from_start_and_length(data):
    """§4: introduced in 2009; §5: a first stage three years long."""
    start = claim(data, "s4-linp-2009-3rd-year").point - 2
    v = Num.exact(start) + 3
    return v, f"LINP introduced {start:.0f} (§4: 2011 is its 3rd year) + 3 years (§5) = {v.point:.0f}"


@check
def guro_founding_is_the_first_complex(data):
    guro = claim(data, "s4-guro-1964")
    return guro, f"§4: Guro Industrial Complex established in {guro.point:.0f}"


@check
def ripp_start_in_late_1990s(data):
    x = a.t3_stage(data)[0]
    return _yes(1997 <= x <= 1999), f"Table 3: the RIPPs start in {x}, within the late 1990s (1997-1999)"


@check
def techno_parks_18_twice(data):
    return claim(data, "s4-18-techno-parks"), "§4 states 18 Techno-parks twice in the same paragraph"


@check
def shares_of_nine_regions_add(data):
    v = claim(data, "s3-nine-69-8") + claim(data, "s3-nine-5-9")
    return v, f"§3: 69.8 + 5.9 = {v.point:.1f} (each rounded: {v.lo:.2f} .. {v.hi:.2f})"


@check
def nine_industries_from_two_averages(data):
    """Two printed averages imply a count: 9 regions × 13.7 per region / 6.5 per industry."""
    per_region, per_industry = claim(data, "s3-nine-13-7"), claim(data, "s3-nine-6-5")
    v = 9 * per_region / per_industry
    return v, (
        f"§3: 9 regions × {per_region.point:g} per region / {per_industry.point:g} per industry = {v.point:.2f} "
        f"(the printed averages allow {v.lo:.2f} .. {v.hi:.2f})"
    )


register(
    "growth_dropped_after_crisis",
    _above("s4-daegyeong-23-8", "s4-daegyeong-16-2", "§4: Daegyeong {high:g}% (2006-2008), then {low:g}% a year"),
)


@check
def all_non_capital_units(data):
    p = data["places"]
    non_capital = int((~p["capital_region"].astype(bool)).sum())
    n = int((p["ripp_group"] != "none").sum())
    return _yes(n == non_capital), f"places: {n} units with RIPPs; {non_capital} units outside the Capital Region"


@check
def year_2000_in_first_stage(data):
    x, y = a.t3_stage(data)
    return _yes(x <= 2000 <= y), f"Table 3: the first stage ran {x}~{y}"


@check
def linp_period_of_results(data):
    start = a.year(a.timeline(data, "linp-first-stage")["date"])
    return _yes(start <= 2006), f"§4: LINP introduced in {start}; the results quoted cover 2006-2008"


@check
def linp_years_to_2011(data):
    start = a.year(a.timeline(data, "linp-first-stage")["date"])
    latest = int(data[a.T5]["year"].max())
    return a.span(start, latest), f"LINP from {start} to {latest} (Table 5's latest year) = {latest - start + 1} years"
