"""Checks of the text's numbers against Tables 2 to 5 and the RSIP results, as intervals."""

from __future__ import annotations

from ..intervals import Num, growth, share, total
from . import access as a
from .access import LINP, LOCAL, PRIVATE, RIPP, RSIP, SECTORS, SPECIAL, TOTAL
from .engine import check, register

# --- Table 2 and Table 3 -----------------------------------------------------------------


@check
def table2_ratio_2007_recomputed(data):
    b, u = a.t2(data, 2007, "rural_income_b"), a.t2(data, 2007, "urban_income_a")
    v = share(b, u)
    return v, f"Table 2: {b.point:,} / {u.point:,} × 100 = {v.point:.2f}"


@check
def table3_district_count(data):
    d = a.t3_districts(data)
    return Num.exact(len(d)), "Table 3: " + ", ".join(d["district"])


@check
def table3_projects_match_section1(data):
    expected = {"Daegu": "Textile", "Busan": "Footwear", "Gwangju": "Optical", "Gyeongnam": "Machinery"}
    d = a.t3_districts(data).set_index("district")["project"]
    hits = sum(1 for k, v in expected.items() if d.get(k) == v)
    return Num.exact(hits), f"{hits} of 4 district/industry pairs of §1 found in Table 3"


@check
def table3_total_invested_sum(data):
    v = a.t3_column(data, "total_invested")
    d = a.t3_districts(data)["total_invested"]
    return v, "Table 3: " + " + ".join(f"{x:,.1f}" for x in d) + f" = {v.point:,.1f}"


@check
def table3_total_trillion(data):
    v = a.t3_column(data, "total_invested")
    return v / 1000, f"{v.point:,.1f} billion KRW / 1,000 = {v.point / 1000:.3f} trillion KRW"


@check
def table3_national_trillion(data):
    n, t = a.t3_national(data), a.t3_column(data, "total_invested")
    return n / 1000, (
        f"Table 3 National Account: {n.point:,.1f} billion KRW = {n.point / 1000:.3f} trillion KRW "
        f"(the rest, {(t.point - n.point) / 1000:.3f} trillion, is local and private)"
    )


def _t3_share(sector: str):
    def fn(data):
        part, whole = a.t3_column(data, sector), a.t3_national(data)
        v = share(part, whole)
        return v, f"Table 3 National Account: {part.point:,.1f} / {whole.point:,.1f} × 100 = {v.point:.2f}"

    return fn


for _s in SECTORS:
    register(f"table3_share_{_s}", _t3_share(_s))


@check
def printed_shares_section2_sum(data):
    v = total(Num.printed(x, u) for x, u in ((47, 1), (27.5, 0.1), (16.1, 0.1), (9.4, 0.1)))
    return v, f"47 + 27.5 + 16.1 + 9.4 = {v.point:.1f} (each share rounded: {v.lo:.2f} .. {v.hi:.2f})"


@check
def table3_national_in_100m(data):
    n = a.t3_national(data)
    return n * 10, f"Table 3 National Account {n.point:,.1f} billion KRW × 10 = {n.point * 10:,.0f} hundred million KRW"


# --- Table 4 -------------------------------------------------------------------------------


@check
def table4_grand_total_trillion(data):
    v = a.t4(data, "Total", "Total")
    return v / 10000, f"Table 4: {v.point:,.0f} hundred million KRW / 10,000 = {v.point / 10000:.4f} trillion KRW"


def _t4_share(programme: str, *types: str):
    """The share of ``types`` (summed) in the Total of ``programme``'s column of Table 4."""

    def fn(data):
        parts = [a.t4(data, t, programme) for t in types]
        whole = a.t4(data, "Total", programme)
        v = share(total(parts), whole)
        shown = " + ".join(f"{p.point:,.0f}" for p in parts)
        where = "Table 4" if programme == "Total" else f"Table 4, {programme}"
        return v, f"{where}: {shown} / {whole.point:,.0f} × 100 = {v.point:.2f}"

    return fn


register("table4_total_infrastructure_share", _t4_share("Total", "Innovation infrastructure"))


def _decade(data):
    x = a.t4_period(data, "4 regions 1st phase")[0]
    return a.span(x, a.t4_period(data, "4 regions 2nd phase")[1])


@check
def four_regions_annual_per_region(data):
    x, y = a.t4(data, "Total", "4 regions 1st phase"), a.t4(data, "Total", "4 regions 2nd phase")
    years = _decade(data)
    v = (x + y) / 10 / 4 / years
    return v, (
        f"({x.point:,.0f} + {y.point:,.0f}) hundred million KRW / 10 / 4 regions / {years.point:.0f} years = {v.point:.2f}"
    )


def _nine_annual(count: int, unit: str, cite: str = ""):
    """Table 4's 9-regions total in billion KRW a year, per one of its ``count`` ``unit`` (regions, industries)."""

    def fn(data):
        t = a.t4(data, "Total", "9 regions")
        x, y = a.t4_period(data, "9 regions")
        years = a.span(x, y)
        v = t / 10 / count / years
        shown = f"{years.point:.0f} years"
        return v, f"{t.point:,.0f} hundred million KRW / 10 / {count} {unit} / {shown}{cite} = {v.point:.2f}"

    return fn


register("nine_regions_annual_per_region", _nine_annual(9, "regions", " (Table 4)"))
register("nine_regions_annual_per_industry", _nine_annual(19, "industries"))


register(
    "nine_regions_innovation_share", _t4_share("9 regions", "Innovation infrastructure", "Industry Planning Agency")
)
register("nine_regions_centres_share", _t4_share("9 regions", "Innovation infrastructure"))
register("nine_regions_planning_share", _t4_share("9 regions", "Industry Planning Agency"))
register("four_regions_second_rd_share", _t4_share("4 regions 2nd phase", "R&D"))


# --- Table 5 and the RSIP results ------------------------------------------------------------


def _t5_cell(level: str, account: str):
    def fn(data):
        return a.t5(data, level, account, 2011), f"Table 5: {level}, {account}, 2011"

    return fn


for _name, _level, _account in [
    ("t5_linp_special_2011", LINP, SPECIAL),
    ("t5_ripp_special_2011", RIPP, SPECIAL),
    ("t5_rsip_special_2011", RSIP, SPECIAL),
    ("t5_rsip_total_2011", RSIP, TOTAL),
]:
    register(_name, _t5_cell(_level, _account))


@check
def t5_ripp_local_private_2011(data):
    x, y = a.t5(data, RIPP, LOCAL, 2011), a.t5(data, RIPP, PRIVATE, 2011)
    return x + y, (
        f"Table 5, Strategic Industry 2011: local {x.point:,.0f} + private {y.point:,.0f} = {x.point + y.point:,.0f} "
        f"(the total of all three accounts is {a.t5(data, RIPP, TOTAL, 2011).point:,.0f})"
    )


@check
def linp_largest_2011_special(data):
    vals = {lv: a.t5(data, lv, SPECIAL, 2011) for lv in (LINP, RIPP, RSIP)}
    others = [v for k, v in vals.items() if k != LINP]
    largest = all(vals[LINP].lo > o.hi for o in others)
    return Num.exact(1.0 if largest else 0.0), "Table 5, Special Account 2011: " + ", ".join(
        f"{k} {v.point:,.0f}" for k, v in vals.items()
    )


@check
def gravity_moved_to_linp(data):
    def shares(year):
        vals = {lv: a.t5(data, lv, SPECIAL, year) for lv in (LINP, RIPP, RSIP)}
        whole = total(vals.values())
        return {k: share(v, whole) for k, v in vals.items()}

    s10, s11 = shares(2010), shares(2011)
    moved = s11[LINP].lo > s10[LINP].hi and s11[RIPP].hi < s10[RIPP].lo
    return Num.exact(1.0 if moved else 0.0), (
        f"share of the Special Account: LINP {s10[LINP].point:.1f}% → {s11[LINP].point:.1f}%, "
        f"RIPP {s10[RIPP].point:.1f}% → {s11[RIPP].point:.1f}%"
    )


@check
def rsip_table_reference(data):
    """The RSIP results appear in no table; Table 5 is the budget. 0 = no table holds them."""
    return Num.exact(0.0), "Table 5 holds budgets by level and account; no table holds sales or employees"


@check
def rsip_sales_growth_pct(data):
    x, y = a.rsip(data, "sales")
    v = growth(x, y)
    return v, (
        f"({y.point:g} / {x.point:g} - 1) × 100 = {v.point:.1f}% growth "
        f"(2010 is {100 * y.point / x.point:.0f}% of the 2007 level)"
    )


@check
def rsip_employee_multiple(data):
    x, y = a.rsip(data, "employees")
    v = Num.exact(y.point) / Num.exact(x.point)
    return v, f"{y.point:,.0f} / {x.point:,.0f} = {v.point:.2f}"
