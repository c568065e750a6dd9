"""Loading and validating the data package: the real one loads, each kind of bad data is reported
with the file, the line (header = line 1), the column and what is wrong."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import regional_policy
from regional_policy.datapackage import Data, DataError, Problem

T2 = "table2-household-income.csv"
T3 = "table3-ripp-first-stage.csv"
T4 = "table4-investment-by-project-type.csv"
T5 = "table5-budget-2010-2011.csv"
ERRATA = "errata.csv"


def only(problems, **attrs):
    """The single problem whose attributes equal ``attrs``."""
    hits = [p for p in problems if all(getattr(p, k) == v for k, v in attrs.items())]
    assert len(hits) == 1, f"expected one problem with {attrs}, got: {[str(p) for p in problems]}"
    return hits[0]


# --- the real package -------------------------------------------------------------------------


def test_real_package_loads_every_resource(data):
    descriptor = json.loads((data.base / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert isinstance(data, Data)
    assert list(data) == names
    assert {
        "table1-key-factors",
        "table2-household-income",
        "table3-ripp-first-stage",
        "table4-investment-by-project-type",
        "table5-budget-2010-2011",
        "rsip-performance",
        "places",
        "errata",
        "claims",
    } <= set(names)


def test_real_package_row_counts_match_the_csv_files(data, read_rows):
    for res in data.descriptor["resources"]:
        assert len(data[res["name"]]) == len(read_rows(data.base / res["path"])), res["name"]


def test_real_package_types_and_missing_values(data):
    t4 = data["table4-investment-by-project-type"]
    assert str(t4["amount"].dtype) == "Int64"
    # '-' is a missing value in Table 4, never the string '-'
    cell = t4.loc[(t4["project_type"] == "Corporate support service") & (t4["programme"] == "9 regions"), "amount"]
    assert cell.isna().all() and len(cell) == 1
    assert t4["amount"].notna().sum() == 22  # 25 cells, 3 printed '-'
    places = data["places"]
    assert str(places["capital_region"].dtype) == "boolean"
    assert set(places.loc[places["capital_region"], "short_en"]) == {"Seoul", "Incheon", "Gyeonggi"}
    t2 = data["table2-household-income"]
    assert list(t2["year"]) == [1970, 1980, 1990, 2000, 2005, 2007]
    assert t2.loc[t2["year"] == 2000, "urban_income_a"].iloc[0] == pytest.approx(2386.9)


def test_every_resource_has_x_source_with_section(data):
    descriptor = json.loads((data.base / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        src = res.get("x-source")
        assert isinstance(src, dict), res["name"]
        assert isinstance(src.get("section"), str) and src["section"].strip(), res["name"]
        assert src.get("source"), res["name"]


def test_data_helpers(data):
    assert data.field("table2-household-income", "ratio_b_a_pct")["precision"] == 0.1
    assert data.path("errata").name == ERRATA
    assert len(data.sha256("errata")) == 64
    with pytest.raises(KeyError, match="nope"):
        data.resource("nope")
    with pytest.raises(KeyError, match="nope"):
        data.field("errata", "nope")


def test_edit_cell_helper_keeps_other_bytes(data_copy, edit_cell):
    before = (data_copy / ERRATA).read_bytes()
    assert edit_cell(data_copy, ERRATA, 2, "printed", "41") == "40"
    changed = (data_copy / ERRATA).read_bytes()
    assert changed != before and changed.count(b"\n") == before.count(b"\n")
    assert edit_cell(data_copy, ERRATA, 2, "printed", "40") == "41"
    assert (data_copy / ERRATA).read_bytes() == before


def test_copy_loads_like_the_original(data_copy):
    copy = regional_policy.load(data_copy / "datapackage.json")
    assert copy.base == data_copy
    assert list(copy) == list(regional_policy.load())


# --- one test per kind of bad data ------------------------------------------------------------


def test_wrong_type(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T2, year="1970")
    edit_cell(data_copy, T2, line, "urban_income_a", "abc")
    problems = load_problems(data_copy)
    p = only(problems, file=T2, line=line, column="urban_income_a")
    assert "type" in p.message
    assert line == 2


def test_wrong_type_in_message_text(data_copy, edit_cell, line_of):
    line = line_of(data_copy / T2, year="1990")
    edit_cell(data_copy, T2, line, "rural_income_b", "n/a")
    with pytest.raises(DataError) as info:
        regional_policy.load(data_copy / "datapackage.json")
    text = str(info.value)
    assert f"{T2}, line {line}, column 'rural_income_b'" in text
    assert "type" in text


def test_missing_required_value(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T2, year="1980")
    edit_cell(data_copy, T2, line, "urban_income_a", "")
    p = only(load_problems(data_copy), file=T2, line=line, column="urban_income_a")
    assert "required" in p.message


def test_unknown_category_enum(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T3, district="Busan")
    edit_cell(data_copy, T3, line, "district", "Seoul")
    problems = load_problems(data_copy)
    p = only(problems, file=T3, line=line, column="district")
    assert "enum" in p.message
    assert "Busan" in p.message  # the allowed values are listed


def test_unknown_category_foreign_key(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / "places.csv", short_en="Busan")
    edit_cell(data_copy, "places.csv", line, "economic_region", "nowhere")
    p = only(load_problems(data_copy), file="places.csv", line=line, column="economic_region")
    assert "foreign-key" in p.message
    assert "nowhere" in p.message


def test_value_out_of_range(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T3, district="Daegu")
    edit_cell(data_copy, T3, line, "total_invested", "-5")
    p = only(load_problems(data_copy), file=T3, line=line, column="total_invested")
    assert "minimum" in p.message


def test_duplicate_primary_key(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T2, year="1980")
    edit_cell(data_copy, T2, line, "year", "1970")
    p = only(load_problems(data_copy), file=T2, line=line, column="year")
    assert "primary-key" in p.message


def test_total_that_does_not_add_up(data_copy, edit_cell, line_of, read_rows, load_problems):
    part = line_of(data_copy / T5, level="Strategic Industry", account="Local Account", year="2010")
    total = line_of(data_copy / T5, level="Strategic Industry", account="Total", year="2010")
    assert edit_cell(data_copy, T5, part, "amount", "205") == "202"
    rows = [
        r
        for r in read_rows(data_copy / T5)
        if r["level"] == "Strategic Industry" and r["year"] == "2010" and r["account"] != "Total"
    ]
    parts_sum = sum(int(r["amount"]) for r in rows)
    assert parts_sum == 331 + 205 + 18 == 554
    problems = load_problems(data_copy)
    assert len(problems) == 1
    p = only(problems, file=T5, line=total, column="amount")
    assert "551" in p.message and "554" in p.message
    assert "Strategic Industry" in p.message and "2010" in p.message


@pytest.mark.parametrize("value, fails", [("203", False), ("204", False), ("205", True)])
def test_total_tolerance_is_half_a_unit_per_part(data_copy, edit_cell, line_of, value, fails):
    """Three integer parts stand for their sum ± 3 × 0.5 = 1.5; the printed total for itself ± 0.5.

    331 + 204 + 18 = 553 (551.5 .. 554.5) may be the true value of a printed 551 (550.5 .. 551.5):
    within rounding; 554 (552.5 .. 555.5) may not: a discrepancy.
    """
    part = line_of(data_copy / T5, level="Strategic Industry", account="Local Account", year="2010")
    edit_cell(data_copy, T5, part, "amount", value)
    if fails:
        with pytest.raises(DataError) as info:
            regional_policy.load(data_copy / "datapackage.json")
        assert [p.file for p in info.value.problems] == [T5]
    else:
        loaded = regional_policy.load(data_copy / "datapackage.json")
        t5 = loaded["table5-budget-2010-2011"]
        assert (
            int(
                t5.loc[
                    (t5["level"] == "Strategic Industry") & (t5["account"] == "Local Account") & (t5["year"] == 2010),
                    "amount",
                ].iloc[0]
            )
            == int(value)
        )


def test_totals_are_not_checked_when_asked(data_copy, edit_cell, line_of):
    part = line_of(data_copy / T5, level="Strategic Industry", account="Local Account", year="2010")
    edit_cell(data_copy, T5, part, "amount", "300")
    loaded = regional_policy.load(data_copy / "datapackage.json", check_totals=False)
    assert 300 in set(loaded["table5-budget-2010-2011"]["amount"].dropna())


def test_broken_datapackage_json(data_copy, load_problems):
    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    assert text.count('"version": "1.0.0",') == 1
    broken = text.replace('"version": "1.0.0",', '"version": "1.0.0"')
    path.write_text(broken, encoding="utf-8")
    # the parser notices the missing comma at the next key
    expected_line = next(i for i, line in enumerate(broken.splitlines(), start=1) if '"licenses"' in line)
    problems = load_problems(data_copy)
    assert len(problems) == 1
    p = problems[0]
    assert p.file == "datapackage.json"
    assert p.line == expected_line
    assert "invalid JSON" in p.message


def test_datapackage_json_not_an_object(data_copy, load_problems):
    (data_copy / "datapackage.json").write_text("[]", encoding="utf-8")
    p = only(load_problems(data_copy), file="datapackage.json")
    assert "resources" in p.message


def test_missing_datapackage_json(data_copy, load_problems):
    (data_copy / "datapackage.json").unlink()
    problems = load_problems(data_copy)
    assert len(problems) == 1
    assert problems[0].file.endswith("datapackage.json")
    assert "not found" in problems[0].message


def test_missing_csv_file(data_copy, load_problems):
    (data_copy / "timeline.csv").unlink()
    problems = load_problems(data_copy)
    p = only(problems, file="timeline.csv")
    assert "not found" in p.message
    assert "timeline" in p.message
    assert len(problems) == 1


def test_erratum_key_points_nowhere(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / ERRATA, id="E1")
    edit_cell(data_copy, ERRATA, line, "key", "Industry Planning Agency|10 regions")
    p = only(load_problems(data_copy), file=ERRATA, line=line, column="key")
    assert "Industry Planning Agency|10 regions" in p.message
    assert "table4-investment-by-project-type" in p.message


def test_erratum_unknown_field(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / ERRATA, id="E3")
    edit_cell(data_copy, ERRATA, line, "field", "ratio")
    p = only(load_problems(data_copy), file=ERRATA, line=line, column="field")
    assert "'ratio'" in p.message


def test_erratum_printed_value_does_not_match(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / ERRATA, id="E1")
    edit_cell(data_copy, ERRATA, line, "printed", "41")
    cell_line = line_of(data_copy / T4, project_type="Industry Planning Agency", programme="9 regions")
    p = only(load_problems(data_copy), file=ERRATA, line=line, column="printed")
    assert "'41'" in p.message
    assert T4 in p.message and f"line {cell_line}" in p.message and "'amount'" in p.message


def test_text_erratum_with_any_key_is_not_checked_against_tables(data_copy, edit_cell, line_of):
    line = line_of(data_copy / ERRATA, id="E5")
    edit_cell(data_copy, ERRATA, line, "key", "no|such|row")
    assert len(regional_policy.load(data_copy / "datapackage.json")["errata"]) == 8


def test_removing_erratum_e1_leaves_the_printed_40_undocumented(
    data_copy, delete_line, line_of, read_rows, load_problems
):
    removed = delete_line(data_copy, ERRATA, line_of(data_copy / ERRATA, id="E1"))
    assert removed.startswith("E1,")
    column_total = line_of(data_copy / T4, project_type="Total", programme="9 regions")
    row_total = line_of(data_copy / T4, project_type="Industry Planning Agency", programme="Total")
    rows = read_rows(data_copy / T4)
    nine = sum(
        int(r["amount"])
        for r in rows
        if r["programme"] == "9 regions" and r["project_type"] != "Total" and r["amount"] != "-"
    )
    assert nine == 5212 + 1810 + 40 == 7062
    problems = load_problems(data_copy)
    assert {(p.file, p.line, p.column) for p in problems} == {(T4, column_total, "amount"), (T4, row_total, "amount")}
    by_line = {p.line: p.message for p in problems}
    assert "9 regions" in by_line[column_total] and "7462" in by_line[column_total] and "7,062" in by_line[column_total]
    assert "Industry Planning Agency" in by_line[row_total] and "608" in by_line[row_total]


def test_dataerror_problems_are_problem_objects(data_copy, edit_cell, line_of):
    line = line_of(data_copy / T2, year="1970")
    edit_cell(data_copy, T2, line, "urban_income_a", "abc")
    edit_cell(data_copy, T2, line_of(data_copy / T2, year="2005"), "rural_income_b", "")
    with pytest.raises(DataError) as info:
        regional_policy.load(data_copy / "datapackage.json")
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err.problems, list) and len(err.problems) == 2
    for p in err.problems:
        assert isinstance(p, Problem)
        assert p.file == T2
        assert isinstance(p.line, int)
        assert p.column in {"urban_income_a", "rural_income_b"}
        assert isinstance(p.message, str) and p.message
        assert str(p) in str(err)
    assert "2 problem(s)" in str(err)


def test_problem_str():
    assert str(Problem("a.csv", 3, "x", "bad")) == "a.csv, line 3, column 'x': bad"
    assert str(Problem("a.csv", None, None, "gone")) == "a.csv: gone"


def test_data_replace_keeps_the_original(data):
    t2 = data["table2-household-income"].copy()
    t2["ratio_b_a_pct"] = 0.0
    other = data.replace({"table2-household-income": t2})
    assert (other["table2-household-income"]["ratio_b_a_pct"] == 0).all()
    assert data["table2-household-income"]["ratio_b_a_pct"].iloc[0] == pytest.approx(75.6)
    assert other["table4-investment-by-project-type"] is data["table4-investment-by-project-type"]
    assert isinstance(other["places"], pd.DataFrame)
