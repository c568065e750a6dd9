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


# each: the file, the row (by its key), the column and the bad value; what the one problem found says
BAD_CELLS = {
    "wrong_type": (T2, {"year": "1970"}, "urban_income_a", "abc", ("type",)),
    "missing_required_value": (T2, {"year": "1980"}, "urban_income_a", "", ("required",)),
    "unknown_category_foreign_key": (
        "places.csv",
        {"short_en": "Busan"},
        "economic_region",
        "nowhere",
        ("foreign-key", "nowhere"),
    ),
    "value_out_of_range": (T3, {"district": "Daegu"}, "total_invested", "-5", ("minimum",)),
    "erratum_key_points_nowhere": (
        ERRATA,
        {"id": "E1"},
        "key",
        "Industry Planning Agency|10 regions",
        ("Industry Planning Agency|10 regions", "table4-investment-by-project-type"),
    ),
    "erratum_unknown_field": (ERRATA, {"id": "E3"}, "field", "ratio", ("'ratio'",)),
}


@pytest.mark.parametrize("file, key, column, value, says", BAD_CELLS.values(), ids=BAD_CELLS)
def test_one_bad_cell_is_one_problem_at_that_cell(
    data_copy, edit_cell, line_of, load_problems, file, key, column, value, says
):
    line = line_of(data_copy / file, **key)
    edit_cell(data_copy, file, line, column, value)
    p = only(load_problems(data_copy), file=file, line=line, column=column)
    assert [text for text in says if text not in p.message] == []


def test_line_numbers_count_the_header_as_line_1(data_copy, line_of):
    assert line_of(data_copy / T2, year="1970") == 2


def test_wrong_type_in_message_text(data_copy, edit_cell, line_of):
    line = line_of(data_copy / T2, year="1990")
    edit_cell(data_copy, T2, line, "rural_income_b", "n/a")
    with pytest.raises(DataError) as info:
        regional_policy.load(data_copy / "datapackage.json")
    text = str(info.value)
    assert f"{T2}, line {line}, column 'rural_income_b'" in text
    assert "type" in text


def test_unknown_category_enum(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T3, district="Busan")
    edit_cell(data_copy, T3, line, "district", "Seoul")
    problems = load_problems(data_copy)
    district = [p for p in problems if p.file == T3 and p.column == "district"]
    p = only(district, line=line, message=next(q.message for q in district if q.message.startswith("constraint")))
    assert "enum" in p.message
    assert "Busan" in p.message  # the allowed values are listed
    # and the known extent of Table 3: an unexpected row and a missing one
    assert only(district, line=line, message=next(q.message for q in district if "not one of" in q.message))
    missing = only(district, line=None)
    assert missing.message == "the row with key 'Busan' is missing (x-extent lists 5 rows)"


def test_duplicate_primary_key(data_copy, edit_cell, line_of, load_problems):
    line = line_of(data_copy / T2, year="1980")
    edit_cell(data_copy, T2, line, "year", "1970")
    problems = [p for p in load_problems(data_copy) if p.file == T2 and p.line == line and p.column == "year"]
    assert len(problems) == 2
    assert any("primary-key" in p.message for p in problems)  # Frictionless
    assert any(p.message == "key '1970' is written twice (also on line 2)" for p in problems)  # x-extent


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
        assert int(
            t5.loc[
                (t5["level"] == "Strategic Industry") & (t5["account"] == "Local Account") & (t5["year"] == 2010),
                "amount",
            ].iloc[0]
        ) == int(value)


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


# --- the CSV files are checked before any library reads them (regional_policy.csvcheck) -------------


def _message(folder) -> str:
    with pytest.raises(DataError) as info:
        regional_policy.load(folder / "datapackage.json")
    return str(info.value)


def test_cp949_file_is_named_with_the_fix(data_copy):
    path = data_copy / "places.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp949"))
    problems = load_problems_of(data_copy)
    p = only(problems, file="places.csv")
    assert (p.line, p.column) == (2, "name_ko")  # 11,Seoul,서울특별시: the first Korean cell
    assert "not UTF-8 (it looks like CP949/EUC-KR, as Excel saves Korean CSV)" in p.message
    assert "save it as 'CSV UTF-8 (Comma delimited)'" in p.message


def test_utf8_byte_order_mark_is_accepted(data_copy):
    """Excel's "CSV UTF-8" starts the file with a byte-order mark: it loads like the file without it."""
    path = data_copy / T2
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = regional_policy.load(data_copy / "datapackage.json")
    assert list(loaded["table2-household-income"].columns)[0] == "year"
    assert list(loaded["table2-household-income"]["year"]) == [1970, 1980, 1990, 2000, 2005, 2007]


def test_empty_file(data_copy):
    (data_copy / T5).write_bytes(b"")
    p = only(load_problems_of(data_copy), file=T5)
    assert p.message == "the file is empty: it needs at least the header line level,account,year,amount"


@pytest.mark.parametrize(
    "header, column, text",
    [
        ("Year,urban_income_a,rural_income_b,ratio_b_a_pct", "year", "header has 'Year' where 'year' is expected"),
        ("urban_income_a,year,rural_income_b,ratio_b_a_pct", None, "the columns are in another order"),
        ("year,urban,rural_income_b,ratio_b_a_pct", "urban_income_a", "header has 'urban' where 'urban_income_a'"),
        ("year;urban_income_a;rural_income_b;ratio_b_a_pct", None, "cells are separated by ';', not ','"),
    ],
)
def test_header_problems(data_copy, header, column, text):
    path = data_copy / T2
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(header + "\n" + "".join(lines[1:]), encoding="utf-8")
    problems = [p for p in load_problems_of(data_copy) if p.line == 1]
    assert len(problems) == 1 and problems[0].file == T2 and problems[0].column == column
    assert text in problems[0].message
    assert "expected header: year,urban_income_a,rural_income_b,ratio_b_a_pct" in problems[0].message


def test_wrong_cell_count(data_copy):
    path = data_copy / T2
    path.write_text(path.read_text(encoding="utf-8").replace("2000,2386.9,", "2000,2,386.9,"), encoding="utf-8")
    p = only(load_problems_of(data_copy), file=T2)
    assert (p.line, p.message) == (
        5,
        "row has 5 cells, the header 4; a cell holding a ',' must be put in double quotes",
    )


def test_unclosed_quote_is_found_where_it_starts(data_copy):
    path = data_copy / T3
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",Textile,", ',"Textile,')
    path.write_text("".join(lines), encoding="utf-8")
    p = only(load_problems_of(data_copy), file=T3)
    assert p.line == 3 and "never closed" in p.message


def test_file_cut_short_in_its_last_row(data_copy):
    path = data_copy / T2
    path.write_bytes(path.read_bytes()[:-3])  # 2007,...,7 -> the last ratio loses a digit
    problems = load_problems_of(data_copy)
    assert [p.file for p in problems] == [T2]
    assert problems[0].line == 7 and "does not end with a line break" in problems[0].message


def test_file_cut_short_at_a_line_end_loses_rows_of_a_known_extent(data_copy):
    path = data_copy / T2
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:5]), encoding="utf-8")
    problems = load_problems_of(data_copy)
    assert {p.message for p in problems} == {
        "the row with key '2005' is missing (x-extent lists 6 rows)",
        "the row with key '2007' is missing (x-extent lists 6 rows)",
    }
    assert {(p.file, p.column) for p in problems} == {(T2, "year")}


def test_a_row_deleted_from_a_figure_list_fails(data_copy, line_of, delete_line):
    f2 = "figure2-leading-industries.csv"
    delete_line(data_copy, f2, line_of(data_copy / f2, version="final", economic_region="capital", order="1"))
    p = only(load_problems_of(data_copy), file=f2)
    assert p.message == "the row with key 'final|capital|1' is missing (x-extent lists 26 rows)"


def test_every_paper_table_and_fixed_list_declares_its_extent(data):
    extents = {r["name"]: r["x-extent"]["keys"] for r in data.descriptor["resources"] if "x-extent" in r}
    assert extents["table2-household-income"] == ["1970", "1980", "1990", "2000", "2005", "2007"]
    assert len(extents["places"]) == 16 and len(extents["tile-grid"]) == 16
    assert len(extents["economic-regions"]) == 7
    assert extents["rsip-performance"] == ["technology_commercialization", "sales", "employees"]
    assert len(extents["table4-investment-by-project-type"]) == 25 and len(extents["table5-budget-2010-2011"]) == 24
    for name in ("table1-key-factors", "table3-ripp-first-stage", "figure1-strategic-industries"):
        assert name in extents
    assert {"timeline", "claims", "errata", "sources"}.isdisjoint(extents)  # open lists
    for name, keys in extents.items():
        assert len(data[name]) == len(keys), name


def test_mutated_descriptor_names_datapackage_json(data_copy):
    path = data_copy / "datapackage.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["resources"][1]["schema"]["primaryKey"] = ["nope"]
    doc["resources"][2]["x-extent"] = {"keys": "Busan"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    problems = load_problems_of(data_copy)
    assert {p.file for p in problems} == {"datapackage.json"}
    assert "resource 'table2-household-income': 'primaryKey' ['nope'] must name fields" in problems[0].message
    assert "resource 'table3-ripp-first-stage': 'x-extent' must be an object" in problems[1].message


def test_renamed_resource_is_a_data_error(data_copy):
    path = data_copy / "datapackage.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["resources"][1]["name"] = "t2"
    path.write_text(json.dumps(doc), encoding="utf-8")
    p = only(load_problems_of(data_copy), file="datapackage.json")
    assert "a resource or field the book uses is missing or renamed" in p.message and "table2" in p.message


def test_data_error_shows_no_traceback_in_ipython():
    err = DataError([Problem("x.csv", 3, "a", "bad")])
    assert err._render_traceback_() == [
        "DataError: the data package is invalid (1 problem(s)):\n  - x.csv, line 3, column 'a': bad"
    ]


def load_problems_of(folder):
    with pytest.raises(DataError) as info:
        regional_policy.load(folder / "datapackage.json")
    assert info.value.problems
    return info.value.problems


def test_descriptor_is_checked_against_the_data_package_specification(data_copy):
    path = data_copy / "datapackage.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["resources"][0]["name"] = "Table 1"
    path.write_text(json.dumps(doc), encoding="utf-8")
    problems = load_problems_of(data_copy)
    assert [p.file for p in problems] == ["datapackage.json"]
    assert "'Table 1' does not match" in problems[0].message
