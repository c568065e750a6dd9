"""Applying the documented errata to the printed tables."""

from __future__ import annotations

import pandas as pd
import pytest

from regional_policy import errata, labels

T1, T2, T4 = "table1-key-factors", "table2-household-income", "table4-investment-by-project-type"


def changed_cells(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[int, str]]:
    """(row index, column) of every cell that differs, NA equal to NA."""
    assert list(before.index) == list(after.index) and list(before.columns) == list(after.columns)
    out = []
    for col in before.columns:
        for idx in before.index:
            a, b = before.loc[idx, col], after.loc[idx, col]
            if pd.isna(a) and pd.isna(b):
                continue
            if pd.isna(a) or pd.isna(b) or a != b:
                out.append((idx, col))
    return out


@pytest.fixture(scope="module")
def applied(data):
    return errata.apply(data)


def test_real_errata_apply_without_problems(applied):
    _, problems = applied
    assert problems == []


def test_table4_only_the_40_cell_changes(data, applied):
    fixed = applied[0][T4]
    t4 = data[T4]
    cells = changed_cells(t4, fixed)
    assert len(cells) == 1
    idx, col = cells[0]
    assert col == "amount"
    assert (t4.loc[idx, "project_type"], t4.loc[idx, "programme"]) == ("Industry Planning Agency", "9 regions")
    assert t4.loc[idx, "amount"] == 40
    assert fixed.loc[idx, "amount"] == 440
    assert str(fixed["amount"].dtype) == "Int64"
    assert list(fixed.dtypes) == list(t4.dtypes)


def test_apply_does_not_touch_the_printed_data(data, applied):
    t4 = data[T4]
    cell = t4.loc[(t4["project_type"] == "Industry Planning Agency") & (t4["programme"] == "9 regions"), "amount"]
    assert int(cell.iloc[0]) == 40
    assert applied[0][T4] is not t4


def test_table1_typo_corrected(data, applied):
    before, after = data[T1], applied[0][T1]
    cells = changed_cells(before, after)
    assert len(cells) == 1
    idx, col = cells[0]
    assert col == "item"
    assert tuple(before.loc[idx, ["administration", "aspect"]]) == ("lee", "institutional")
    assert int(before.loc[idx, "order"]) == 3
    assert before.loc[idx, "item"] == "5-Year Plan for Regional Development (2009-20013)"
    assert after.loc[idx, "item"] == "5-Year Plan for Regional Development (2009-2013)"


def test_table2_only_the_1980_ratio_corrected(data, applied):
    """E3 (1970) is withdrawn: 75.6 lies within the rounding of its incomes, so it is not changed."""
    before, after = data[T2], applied[0][T2]
    cells = changed_cells(before, after)
    assert {(int(before.loc[i, "year"]), c) for i, c in cells} == {(1980, "ratio_b_a_pct")}
    assert after.set_index("year").loc[1970, "ratio_b_a_pct"] == pytest.approx(75.6)
    assert after.set_index("year").loc[1980, "ratio_b_a_pct"] == pytest.approx(95.9)


def test_withdrawn_errata_stay_visible_with_their_reason(data):
    err = data["errata"].set_index("id")
    assert set(err["status"]) == {"active", "withdrawn"}
    assert list(err.index[err["status"] == "withdrawn"]) == ["E3"]
    assert "75.49 .. 76.11" in err.loc["E3", "evidence"] and "Withdrawn" in err.loc["E3", "status_reason"]
    assert "75.49~76.11" in err.loc["E3", "evidence_ko"] and "철회" in err.loc["E3", "status_reason_ko"]
    assert list(errata.active(data)["id"]) == ["E1", "E2", "E4", "E5", "E6", "E7", "E8"]


def test_a_withdrawn_erratum_must_still_point_at_its_cell(data):
    err = data["errata"].copy()
    err.loc[err["id"] == "E3", "printed"] = "75.7"
    _, problems = errata.apply(data.replace({"errata": err}))
    assert [(p.line, p.column) for p in problems] == [(int(err.index[err["id"] == "E3"][0]) + 2, "printed")]


def test_tables_without_errata_are_unchanged(data, applied):
    for name in ("table3-ripp-first-stage", "table5-budget-2010-2011", "rsip-performance", "places", "timeline"):
        assert changed_cells(data[name], applied[0][name]) == [], name


def test_corrected_cells_table4_is_one_cell(data):
    cells = errata.corrected_cells(data, T4)
    assert len(cells) == 1
    (idx, field), err = next(iter(cells.items()))
    assert field == "amount"
    t4 = data[T4]
    assert (t4.loc[idx, "project_type"], t4.loc[idx, "programme"]) == ("Industry Planning Agency", "9 regions")
    assert (err["id"], err["printed"], err["corrected"]) == ("E1", "40", "440")


def test_corrected_cells_of_other_tables(data):
    assert len(errata.corrected_cells(data, T2)) == 1  # E4 only; E3 is withdrawn
    assert len(errata.corrected_cells(data, T1)) == 1
    assert errata.corrected_cells(data, "table3-ripp-first-stage") == {}
    assert errata.corrected_cells(data, "table5-budget-2010-2011") == {}


def test_text_errata_are_not_table_errata(data, read_rows):
    rows = read_rows(data.path("errata"))
    text_ids = {r["id"] for r in rows if r["resource"] == "paper-text"}
    assert text_ids == {"E5", "E6", "E7", "E8"}
    table_ids = set(errata.table_errata(data)["id"])
    assert table_ids == {r["id"] for r in rows if r["status"] == "active"} - text_ids == {"E1", "E2", "E4"}
    assert not table_ids & text_ids


def test_text_errata_are_not_applied(data, applied):
    # E5 corrects the text's 'about 600% of growth'; the RSIP table keeps the words as printed
    rsip = applied[0]["rsip-performance"]
    assert rsip.set_index("indicator").loc["sales", "change_as_printed"] == "about 600% of growth"
    # no erratum touches a resource named paper-text, and no table gained or lost rows
    assert "paper-text" not in applied[0]
    for name in data:
        assert len(applied[0][name]) == len(data[name])
    # the errata table itself is not rewritten
    assert changed_cells(data["errata"], applied[0]["errata"]) == []


def test_broken_erratum_reports_the_problem_and_skips_it(data):
    err = data["errata"].copy()
    e1 = err.index[err["id"] == "E1"][0]
    err.loc[e1, "printed"] = "41"
    fixed, problems = errata.apply(data.replace({"errata": err}))
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line, p.column) == ("errata.csv", int(e1) + 2, "printed")
    t4 = fixed[T4]
    cell = t4.loc[(t4["project_type"] == "Industry Planning Agency") & (t4["programme"] == "9 regions"), "amount"]
    assert int(cell.iloc[0]) == 40  # not corrected
    # the other errata are still applied
    assert fixed[T2].set_index("year").loc[1980, "ratio_b_a_pct"] == pytest.approx(95.9)


def test_every_erratum_rests_on_the_computed_status_of_its_ledger_row(data):
    """An erratum stands only where the numbers prove it; one that rounding can explain is withdrawn."""
    from regional_policy import claims

    ledger = claims.ledger(data).set_index("id")
    for e in data["errata"].itertuples():
        assert e.ledger_id in ledger.index, f"{e.id}: no ledger row {e.ledger_id!r}"
        computed = ledger.loc[e.ledger_id, "status"]
        if e.status == "active":
            assert computed == "discrepancy", (e.id, computed)
        else:
            assert computed in ("reproduced", "within rounding"), (e.id, computed)
    assert ledger.loc["table2.ratio.1970", "status"] == "within rounding"
    assert ledger.loc["table2.ratio.1980", "interval"] == "95.815 .. 95.898"


def test_errata_view_shows_interval_and_status(data):
    from regional_policy import datapage
    from regional_policy.params import Chapter, Parameters

    def view(lang):  # columns named in the edition's language
        frame = datapage.errata(Chapter(Parameters(lang=lang), data, data)).styler.data
        return frame.rename(
            columns={labels.t(f"errata_col_{c}", lang): c for c in ("id", "status", "interval", "evidence")}
        )

    assert list(view("ko").columns[:3]) == ["id", "위치", "자료"]
    for lang, withdrawn, to in (("en", "withdrawn", " .. "), ("ko", "철회", "~")):  # ranges in the edition's style
        shown = view(lang).set_index("id")
        assert shown.loc["E3", "status"] == withdrawn and shown.loc["E3", "interval"] == f"75.488{to}76.114"
        assert shown.loc["E1", "interval"] == f"7,060.50{to}7,063.50"
    assert "75.49~76.11" in view("ko").set_index("id").loc["E3", "evidence"]
