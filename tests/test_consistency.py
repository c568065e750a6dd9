"""Recomputing the printed totals, shares and ratios from their printed parts."""

from __future__ import annotations

import pytest

from regional_policy import consistency, errata
from regional_policy.consistency import Check
from regional_policy.intervals import Num

T2, T3, T4, T5 = (
    "table2-household-income",
    "table3-ripp-first-stage",
    "table4-investment-by-project-type",
    "table5-budget-2010-2011",
)


def by_id(checks):
    out = {c.id: c for c in checks}
    assert len(out) == len(checks), "check ids must be unique"
    return out


def t4_amount(rows, project_type, programme):
    value = next(r["amount"] for r in rows if r["project_type"] == project_type and r["programme"] == programme)
    return None if value == "-" else int(value)


def t4_column(rows, programme):
    """The printed parts of ``programme``'s column of Table 4, one a project type (None where it prints "-")."""
    types = ("Innovation infrastructure", "R&D", "Corporate support service", "Industry Planning Agency")
    return [t4_amount(rows, pt, programme) for pt in types]


@pytest.fixture(scope="module")
def corrected(data):
    fixed, problems = errata.apply(data)
    assert problems == []
    return fixed


# --- sums ---------------------------------------------------------------------------------------


def test_sum_checks_cover_every_printed_total(data):
    ids = set(by_id(consistency.sum_checks(data)))
    # Table 3: 5 columns; Table 4: 5 columns + 5 rows; Table 5: 3 levels x 2 years
    assert len(ids) == 5 + 10 + 6
    assert {
        "table3.total.infra",
        "table4.column.9 regions",
        "table4.row.Industry Planning Agency",
        "table5.total.Strategic Industry.2010",
    } <= ids


def test_no_sum_is_a_discrepancy_on_corrected_data(corrected):
    checks = consistency.sum_checks(corrected)
    assert len(checks) == 21
    within = {"table4.column.Regional Infrastructure program", "table4.column.Total"}
    assert {c.id: c.status for c in checks} == {
        c.id: ("within rounding" if c.id in within else "reproduced") for c in checks
    }


def test_as_printed_exactly_the_two_checks_of_the_40_cell_fail(data):
    bad = {c.id: c for c in consistency.sum_checks(data) if c.status == "discrepancy"}
    assert set(bad) == {"table4.column.9 regions", "table4.row.Industry Planning Agency"}
    assert {c.status for c in bad.values()} == {"discrepancy"}


def test_nine_regions_column_arithmetic(data, read_rows, line_of):
    rows = read_rows(data.path(T4))
    parts = t4_column(rows, "9 regions")
    assert parts == [5212, 1810, None, 40]
    printed_parts_sum = sum(p for p in parts if p is not None)
    assert printed_parts_sum == 7062
    check = by_id(consistency.sum_checks(data))["table4.column.9 regions"]
    assert check.recomputed == printed_parts_sum
    assert check.printed == t4_amount(rows, "Total", "9 regions") == 7462
    assert check.difference == 400
    # three printed parts ('-' is not a part), each ±0.5: 7,060.5 .. 7,063.5; 7,462 is 398.5 units outside
    assert (check.interval.lo, check.interval.hi) == (7060.5, 7063.5)
    assert check.distance == 398.5 and check.status == "discrepancy"
    assert check.file == "table4-investment-by-project-type.csv"
    assert check.line == line_of(data.path(T4), project_type="Total", programme="9 regions")
    assert check.column == "amount"
    assert "7,062" in check.formula


def test_industry_planning_agency_row_arithmetic(data, read_rows, line_of):
    rows = read_rows(data.path(T4))
    parts = [
        t4_amount(rows, "Industry Planning Agency", p)
        for p in ("4 regions 1st phase", "4 regions 2nd phase", "9 regions", "Regional Infrastructure program")
    ]
    assert parts == [None, 168, 40, None]
    check = by_id(consistency.sum_checks(data))["table4.row.Industry Planning Agency"]
    assert check.recomputed == 168 + 40 == 208
    assert check.printed == 608
    assert (check.interval.lo, check.interval.hi) == (207, 209)
    assert check.line == line_of(data.path(T4), project_type="Industry Planning Agency", programme="Total")


def test_corrected_cell_makes_both_sums_add_up(corrected):
    checks = by_id(consistency.sum_checks(corrected))
    assert checks["table4.column.9 regions"].recomputed == 5212 + 1810 + 440 == 7462
    assert checks["table4.row.Industry Planning Agency"].recomputed == 168 + 440 == 608


def test_problem_of_a_check_points_at_the_total(data):
    check = by_id(consistency.sum_checks(data))["table4.column.9 regions"]
    problem = check.problem()
    assert (problem.file, problem.line, problem.column) == (check.file, check.line, "amount")
    assert "7462" in problem.message and "errata.csv" in problem.message


# --- the interval rule: a sum of n rounded parts stands for ± n half-units ---------------------


def test_regional_infrastructure_column_within_tolerance(data, read_rows):
    rows = read_rows(data.path(T4))
    parts = t4_column(rows, "Regional Infrastructure program")
    assert parts == [1194, 367, 59, None]
    assert sum(p for p in parts if p) == 1620
    check = by_id(consistency.sum_checks(data))["table4.column.Regional Infrastructure program"]
    assert check.printed == 1619 and check.recomputed == 1620
    assert (check.interval.lo, check.interval.hi) == (1618.5, 1621.5)
    # 1,620 does not round to 1,619, but 1,619 lies inside what the rounded parts allow
    assert check.status == "within rounding" and check.distance == 0


def test_grand_total_column_within_tolerance(data, read_rows):
    """The Total column of Table 4: 12,783 + 9,269 + 2,941 + 608 = 25,601 against a printed 25,600."""
    rows = read_rows(data.path(T4))
    parts = t4_column(rows, "Total")
    assert sum(parts) == 25601
    check = by_id(consistency.sum_checks(data))["table4.column.Total"]
    assert (check.printed, check.recomputed, check.interval.hi - check.interval.lo) == (25600, 25601, 4.0)
    assert check.status == "within rounding"
    # the Total row, summed across the programmes, adds up exactly
    row = by_id(consistency.sum_checks(data))["table4.row.Total"]
    assert row.recomputed == 7023 + 9496 + 7462 + 1619 == 25600
    assert row.status == "reproduced"


def test_table3_tolerance_uses_the_field_precision(data):
    check = by_id(consistency.sum_checks(data))["table3.total.infra"]
    assert check.precision == 0.1
    assert check.interval.hi - check.interval.lo == pytest.approx(4 * 0.1)
    assert check.recomputed == pytest.approx(19.6 + 152.3 + 128.9 + 29.4)
    assert check.status == "reproduced"


def _with_t4_cell(data, project_type, programme, value):
    t4 = data[T4].copy()
    t4.loc[(t4["project_type"] == project_type) & (t4["programme"] == programme), "amount"] = value
    return data.replace({T4: t4})


def test_changing_one_part_flips_reproduced_to_discrepancy(data):
    before = by_id(consistency.sum_checks(data))["table4.column.Regional Infrastructure program"]
    assert before.status == "within rounding"
    # 1194 + 368 + 59 = 1621 ± 1.5 still reaches 1619 + 0.5: within rounding
    changed = _with_t4_cell(data, "R&D", "Regional Infrastructure program", 368)
    after = by_id(consistency.sum_checks(changed))["table4.column.Regional Infrastructure program"]
    assert after.recomputed == 1621 and after.status == "within rounding" and after.distance == 0.5
    # 1194 + 369 + 59 = 1622 ± 1.5: 1,620.5 .. 1,623.5 leaves 1619 1.5 units outside
    changed = _with_t4_cell(data, "R&D", "Regional Infrastructure program", 369)
    after = by_id(consistency.sum_checks(changed))["table4.column.Regional Infrastructure program"]
    assert after.recomputed == 1622
    assert after.status == "discrepancy" and after.distance == 1.5
    # the original data is untouched
    assert by_id(consistency.sum_checks(data))["table4.column.Regional Infrastructure program"].recomputed == 1620


def test_changing_one_part_can_repair_a_discrepancy(data):
    changed = _with_t4_cell(data, "Industry Planning Agency", "9 regions", 440)
    bad = [c.id for c in consistency.sum_checks(changed) if c.status == "discrepancy"]
    assert bad == []


def test_table3_one_tenth_beyond_tolerance_flips(data):
    t3 = data[T3].copy()
    t3.loc[t3["district"] == "Busan", "infra"] = 19.9  # 330.5 ± 0.2 against a printed 330.2: 1 unit outside
    check = by_id(consistency.sum_checks(data.replace({T3: t3})))["table3.total.infra"]
    assert check.recomputed == pytest.approx(330.5)
    assert check.status == "discrepancy" and check.distance == pytest.approx(1.0)
    t3.loc[t3["district"] == "Busan", "infra"] = 19.7  # 330.3 ± 0.2 holds 330.2
    assert by_id(consistency.sum_checks(data.replace({T3: t3})))["table3.total.infra"].status == "within rounding"


def test_status_is_computed_from_the_numbers():
    def check(printed, point, half_width):
        num = Num(point, point - half_width, point + half_width)
        return Check("x", "r", "f.csv", 2, "c", "sum", "x", "x", printed, num, 1, "")

    assert check(10, 10.4, 1.0).status == "reproduced"
    assert check(10, 11, 1.0).status == "within rounding"
    assert check(10, 11.5, 1.0).status == "within rounding"  # 10.5 .. 12.5 reaches 10's own 9.5 .. 10.5
    assert check(10, 12, 1.0).status == "discrepancy"
    assert check(10, 12, 1.0).distance == 1.0
    assert check(10, 8.5, 1.5).status == "within rounding"


# --- ratios --------------------------------------------------------------------------------------


def test_table2_ratios(data, read_rows):
    checks = by_id(consistency.ratio_checks(data))
    rows = {r["year"]: r for r in read_rows(data.path(T2))}
    expected = {y: 100 * float(r["rural_income_b"]) / float(r["urban_income_a"]) for y, r in rows.items()}
    assert round(expected["1970"], 2) == 75.80 and round(expected["1980"], 2) == 95.86
    for year in ("1970", "1980"):
        c = checks[f"table2.ratio.{year}"]
        assert round(c.recomputed, 2) == round(expected[year], 2)
        assert c.truncated is False
    # 1970: 21.25 / 28.15 .. 21.35 / 28.05 = 75.49 .. 76.11 holds 75.6: the rounding explains it
    c1970 = checks["table2.ratio.1970"]
    assert c1970.status == "within rounding"
    assert round(c1970.interval.lo, 2) == 75.49 and round(c1970.interval.hi, 2) == 76.11
    # 1980: 95.81 .. 95.90 does not hold 95.6, which lies 2.1 units of 0.1 below it
    c1980 = checks["table2.ratio.1980"]
    assert c1980.status == "discrepancy" and round(c1980.distance, 1) == 2.1
    assert round(checks["table2.ratio.1970"].recomputed, 2) == 75.80
    assert round(checks["table2.ratio.1980"].recomputed, 2) == 95.86
    c2000 = checks["table2.ratio.2000"]
    assert round(c2000.recomputed, 2) == 80.55 and c2000.printed == 80.5
    assert c2000.status == "within rounding"  # 80.548 .. 80.556 reaches 80.55
    assert c2000.truncated is True
    for year in ("1990", "2005", "2007"):
        assert checks[f"table2.ratio.{year}"].status == "reproduced", year


def test_table2_ratios_after_errata(corrected):
    checks = by_id(consistency.ratio_checks(corrected))
    assert checks["table2.ratio.1970"].printed == 75.6  # E3 is withdrawn: the printed value stays
    assert checks["table2.ratio.1970"].status == "within rounding"
    assert checks["table2.ratio.1980"].printed == 95.9
    assert checks["table2.ratio.1980"].status == "reproduced"
    assert checks["table2.ratio.2000"].status == "within rounding"  # no erratum for the truncation


def test_table4_share_of_the_40_cell(data, corrected):
    key = "table4.share.Industry Planning Agency.9 regions"
    printed = by_id(consistency.ratio_checks(data))[key]
    assert printed.recomputed == pytest.approx(100 * 40 / 7462, abs=1e-6)
    assert printed.status == "discrepancy"
    fixed = by_id(consistency.ratio_checks(corrected))[key]
    assert round(fixed.recomputed, 1) == 5.9 == fixed.printed
    assert fixed.status == "reproduced"


def test_ratio_checks_skip_totals_and_missing_cells(data):
    ids = set(by_id(consistency.ratio_checks(data)))
    assert len([i for i in ids if i.startswith("table2.")]) == 6
    assert not any(i.startswith("table4.share.Total.") for i in ids)
    assert "table4.share.Corporate support service.9 regions" not in ids  # printed '-'
    assert not any(i.endswith(".Regional Infrastructure program") for i in ids)  # no shares printed


# --- as a table ----------------------------------------------------------------------------------


def test_as_frame_one_row_per_check(data):
    checks = consistency.all_checks(data)
    assert len(checks) == len(consistency.sum_checks(data)) + len(consistency.ratio_checks(data))
    frame = consistency.as_frame(checks)
    assert len(frame) == len(checks)
    assert list(frame.columns) == [
        "id",
        "table",
        "what",
        "what_ko",
        "printed",
        "recomputed",
        "difference",
        "interval",
        "status",
        "distance",
        "truncated",
        "arithmetic",
    ]
    assert list(frame["id"]) == [c.id for c in checks]
    assert set(frame["status"]) == {"reproduced", "within rounding", "discrepancy"}
    row = frame.set_index("id").loc["table2.ratio.2000"]
    assert row["status"] == "within rounding" and bool(row["truncated"]) is True
    assert row["interval"] == "80.548 .. 80.556"
    # truncation is only reported where the value is not reproduced
    assert not frame.loc[frame["status"] == "reproduced", "truncated"].any()
    nine = frame.set_index("id").loc["table4.column.9 regions"]
    assert (nine["printed"], nine["recomputed"], nine["difference"]) == (7462, 7062, 400)
