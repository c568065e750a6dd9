"""The claims ledger: coverage of the tables, computed statuses, checks that run and can fail."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import DATA, edit_cell, ledger_of, line_of, read_rows

import regional_policy
from regional_policy import claims
from regional_policy.intervals import lift


@pytest.fixture(scope="module")
def ledger(data):
    return claims.ledger(data)


def test_claims_file_stores_no_status(data):
    assert "status" not in data["claims"].columns
    assert claims.STATUSES == ("reproduced", "within rounding", "discrepancy", "external", "not checkable")


def _given(value) -> bool:
    return isinstance(value, str) and value != ""


def test_every_claim_names_exactly_one_of_check_source_or_reason(data):
    for row in data["claims"].itertuples():
        given = [_given(row.check), _given(row.source), _given(row.reason)]
        assert sum(given) == 1, row.id
        if _given(row.check):
            assert row.check in claims.CHECKS, f"{row.id}: no check named {row.check}"
        assert not math.isnan(row.precision) and row.precision > 0, f"{row.id}: every claim needs a precision"


def test_every_row_has_korean_text(data, ledger):
    claims_frame = data["claims"]
    assert claims_frame["statement_ko"].str.strip().str.len().gt(0).all()
    has_reason = claims_frame["reason"].fillna("") != ""
    assert claims_frame.loc[has_reason, "reason_ko"].str.strip().str.len().gt(0).all()
    assert (ledger["statement_ko"] != "").all()
    hangul = ledger["statement_ko"].str.contains("[가-힣]", regex=True)
    assert hangul.all(), list(ledger.loc[~hangul, "id"])


def test_missing_korean_text_is_an_error_naming_the_row(data_copy):
    line = line_of(data_copy / "claims.csv", id="s2-total-1897")
    edit_cell(data_copy, "claims.csv", line, "statement_ko", "")
    with pytest.raises(regional_policy.DataError) as err:
        regional_policy.load(data_copy / "datapackage.json")
    assert f"claims.csv, line {line}, column 'statement_ko'" in str(err.value)


def test_the_ledger_refuses_rows_without_korean_text(data):
    frame = data["claims"].copy()
    frame.loc[frame["id"] == "s2-total-1897", "statement_ko"] = " "
    err = data["errata"].copy()
    err.loc[err["id"] == "E3", "evidence_ko"] = ""
    with pytest.raises(regional_policy.DataError) as raised:
        claims.ledger(data.replace({"claims": frame, "errata": err}))
    text = str(raised.value)
    assert "claim 's2-total-1897' has no Korean statement" in text and "column 'statement_ko'" in text
    assert "erratum 'E3' has no Korean text in evidence_ko" in text


def test_every_check_runs_and_every_check_is_used(data):
    used = set(data["claims"]["check"].dropna())
    assert used == set(claims.CHECKS), set(claims.CHECKS) ^ used
    for name, fn in claims.CHECKS.items():
        value, arithmetic = fn(data)
        num = lift(value)
        assert math.isfinite(num.point) and num.lo <= num.point <= num.hi and arithmetic, name


def test_every_derived_value_printed_in_a_table_has_a_ledger_row(ledger):
    ids = set(ledger["id"])
    expected = {f"table2.ratio.{r['year']}" for r in read_rows(DATA / "table2-household-income.csv")}
    expected |= {f"table3.total.{c}" for c in ("total_invested", "infra", "tech_dev", "training", "business_service")}
    t4 = read_rows(DATA / "table4-investment-by-project-type.csv")
    expected |= {f"table4.column.{r['programme']}" for r in t4 if r["project_type"] == "Total"}
    expected |= {f"table4.row.{r['project_type']}" for r in t4 if r["programme"] == "Total"}
    expected |= {
        f"table4.share.{r['project_type']}.{r['programme']}"
        for r in t4
        if r["share_pct"] not in ("", "100") and r["amount"] not in ("", "-")
    }
    t5 = read_rows(DATA / "table5-budget-2010-2011.csv")
    expected |= {f"table5.total.{r['level']}.{r['year']}" for r in t5 if r["account"] == "Total"}
    assert len(expected) == 41
    assert expected <= ids, expected - ids


def test_headline_counts_add_up(ledger, data):
    s = claims.summary(ledger)
    assert list(s.index) == list(claims.STATUSES)
    assert int(s.sum()) == len(ledger) == len(data["claims"]) + 41
    assert s["discrepancy"] > 0 and s["reproduced"] > s["discrepancy"]
    assert s["within rounding"] >= 6 and s["external"] >= 1


@pytest.mark.parametrize(
    "claim_id, status, recomputed",
    [
        ("s2-ratio-2007", "reproduced", 72.48),
        ("s2-total-1897", "reproduced", 1897.0),
        ("s3-2-56-trillion", "reproduced", 2.56),
        ("s3-four-41-3", "reproduced", 41.30),
        ("s3-nine-6-5", "reproduced", 6.55),
        ("s3-nine-13-7", "discrepancy", 13.82),  # even read as the longest period 2002~2007 allows
        ("s1-five-year-plan", "within rounding", 6.0),  # 2003-2008: four to six years
        ("s3-nine-5-9", "discrepancy", 0.54),
        ("s4-ripp-456-local-private", "discrepancy", 187.0),
        ("s4-sales-600pct", "discrepancy", 504.75),
        ("s4-employees-doubled", "reproduced", 1.87),
        ("s4-iksan-jeonnam", "discrepancy", 35.0),
        # 112.6 / 702.3 = 16.03, but both are sums of rounded parts: 15.99 .. 16.08 reaches 16.05
        ("s2-share-business", "within rounding", 16.03),
        ("s3-19-industries", "reproduced", 18.97),
        ("s3-32-industries", "external", 32.0),
        ("x-mke-couple", "discrepancy", 4.0),
        ("x-daegyeong-jump", "discrepancy", 0.0),
        ("x-nine-shares-add", "reproduced", 75.7),
        ("table2.ratio.1970", "within rounding", 75.80),
        ("table2.ratio.1980", "discrepancy", 95.86),
    ],
)
def test_statuses_are_computed_from_the_data(ledger, claim_id, status, recomputed):
    row = ledger.set_index("id").loc[claim_id]
    assert row["status"] == status
    assert row["recomputed"] == pytest.approx(recomputed, abs=0.01)


def test_errata_resolve_the_mistyped_cell(ledger):
    row = ledger.set_index("id").loc["s3-nine-5-9"]
    assert row["with_errata"] == "reproduced" and row["errata"] == "E1"


def test_not_checkable_claims_have_no_recomputed_value(ledger):
    nc = ledger[ledger["status"] == "not checkable"]
    assert len(nc) > 0 and nc["recomputed"].isna().all() and (nc["arithmetic"] != "").all()


def test_changing_one_value_flips_the_status(data_copy):
    line = line_of(
        data_copy / "table5-budget-2010-2011.csv",
        level="Strategic Industry",
        account="Special Account (Mega Region)",
        year="2011",
    )
    edit_cell(data_copy, "table5-budget-2010-2011.csv", line, "amount", "275")
    # keep the Total row adding up so that the package still loads: 275 + 171 + 16 = 462
    total = line_of(data_copy / "table5-budget-2010-2011.csv", level="Strategic Industry", account="Total", year="2011")
    edit_cell(data_copy, "table5-budget-2010-2011.csv", total, "amount", "462")
    changed = ledger_of(data_copy)
    assert changed.loc["s4-ripp-269", "status"] == "discrepancy"
    assert changed.loc["s4-ripp-269", "recomputed"] == 275
    assert changed.loc["s4-linp-385", "status"] == "reproduced"


def test_changing_an_income_flips_the_ratio_claim(data_copy):
    line = line_of(data_copy / "table2-household-income.csv", year="2007")
    edit_cell(data_copy, "table2-household-income.csv", line, "rural_income_b", "2700.0")
    changed = ledger_of(data_copy)
    assert changed.loc["s2-ratio-2007", "status"] == "discrepancy"
    assert changed.loc["table2.ratio.2007", "status"] == "discrepancy"


def test_truncation_is_recognised(ledger):
    by_id = ledger.set_index("id")
    assert bool(by_id.loc["s3-four-rd-54-3", "truncated"]) is True
    assert bool(by_id.loc["s2-share-business", "truncated"]) is False
    assert bool(by_id.loc["s2-share-training", "truncated"]) is True  # 9.47 cut to 9.4, within rounding


def test_evaluate_uses_the_interval_of_the_table_cell(data):
    # Table 5's 182 (RSIP, Total, 2011) stands for 181.5 .. 182.5
    row = pd.Series({"check": "t5_rsip_total_2011", "value": 182.0, "precision": 1})
    assert claims.evaluate(row, data).status == "reproduced"
    row["value"] = 183.0  # its own interval 182.5 .. 183.5 touches 181.5 .. 182.5
    out = claims.evaluate(row, data)
    assert out.status == "within rounding" and out.distance == pytest.approx(0.5)
    row["value"] = 184.0
    out = claims.evaluate(row, data)
    assert out.status == "discrepancy" and out.distance == pytest.approx(1.5)
    row["check"] = ""
    assert claims.evaluate(row, data).status == "not checkable"


def test_external_claims_read_their_source(data):
    row = data["claims"].set_index("id").loc["s3-32-industries"].copy()
    out = claims.evaluate(row, data)
    assert out.status == "external" and "KTV" in out.arithmetic and out.recomputed == 32
    assert out.arithmetic_ko.startswith("KTV 국민방송: 32. ")  # the publisher's Korean name, from claim-sources
    lee = claims.evaluate(data["claims"].set_index("id").loc["t1-four-strategic-lee"], data)
    assert lee.arithmetic_ko.startswith("매일신문: 2. ") and "Maeil" not in lee.arithmetic_ko
    row["value"] = 30
    assert claims.evaluate(row, data).status == "discrepancy"


def test_the_engine_is_split_into_small_modules():
    from pathlib import Path

    package = Path(claims.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in package.glob("*.py")}
    assert {"engine.py", "access.py", "dates.py", "tables.py", "text.py"} <= set(sizes)
    assert max(sizes.values()) < 350, sizes


def test_a_period_printed_in_years_lasts_from_just_over_y_minus_x_minus_1_to_y_minus_x_plus_1_years(data, ledger):
    """'5-Year Plan (2003-2008)': from a day of 2003 to a day of 2008 is 4 to 6 years, so five is possible."""
    from regional_policy.claims import access

    s = access.span(2003, 2008)
    assert (s.point, s.lo, s.hi) == (6, 4, 6)
    rows = ledger.set_index("id")
    for claim_id in ("s1-five-year-plan", "s3-sum-five-year", "s5-bnd-five-year", "s3-nine-span-5-years"):
        assert rows.loc[claim_id, "status"] == "within rounding" and rows.loc[claim_id, "interval"] == "4 .. 6"
    assert rows.loc["x-nine-five-years", "status"] == "reproduced"  # 'five years from 2002 to 2006'
    row = data["claims"].set_index("id").loc["s1-five-year-plan"].copy()
    for value, status in ((4, "within rounding"), (6, "reproduced"), (3, "discrepancy"), (7, "discrepancy")):
        row["value"] = value
        assert claims.evaluate(row, data).status == status, value
