"""The errata parameter reaches every check panel, badge and 'numbers in this chapter' box."""

from __future__ import annotations

import pytest

from regional_policy import datapage, errata, provenance, report
from regional_policy.params import Chapter, Parameters


def chapter(data, lang: str, which: str) -> Chapter:
    used = errata.apply(data)[0] if which == "corrected" else data
    return Chapter(Parameters(lang=lang, errata=which), used, data)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_table4_panel_reports_the_data_it_was_run_with(data, lang):
    printed = datapage.checks(chapter(data, lang, "as_printed"), "table4-investment-by-project-type", "checks-table4")
    fixed = datapage.checks(chapter(data, lang, "corrected"), "table4-investment-by-project-type", "checks-table4")
    assert printed.html() != fixed.html()
    p, f = printed.styler.data, fixed.styler.data
    status = p.columns[4]
    # first rows: Table 4's column totals; the 9-regions column is the third
    assert p.iloc[2, 2] == "7,062" and f.iloc[2, 2] == "7,462"  # formatted with separators (numbers.plain)
    discrepancy = "불일치" if lang == "ko" else "discrepancy"
    assert p.iloc[2][status].startswith(discrepancy)
    reproduced = "재현됨" if lang == "ko" else "reproduced"
    # the 9-regions column and the Industry Planning Agency row add up once E1 is applied
    assert f.iloc[2][status] == reproduced and f.iloc[9][status] == reproduced
    assert p.iloc[9][status].startswith(discrepancy)
    assert ("errata = corrected" in fixed.notes[0]) and ("errata = as_printed" in printed.notes[0])
    if lang == "ko":
        assert "표 4" in p.iloc[2, 0] and "합계" in p.iloc[2, 0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_numbers_box_and_badge_follow_the_errata_parameter(data, lang):
    printed, fixed = chapter(data, lang, "as_printed"), chapter(data, lang, "corrected")
    a, b = report.numbers_box(printed, 3), report.numbers_box(fixed, 3)
    assert a.text != b.text and a.html_text != b.html_text
    word = "정오표를 적용한 자료" if lang == "ko" else "the corrected data"
    assert word in b.text and word not in a.text
    ledger_printed = provenance.chapter_ledger(printed).set_index("id")
    ledger_fixed = provenance.chapter_ledger(fixed).set_index("id")
    assert ledger_printed.loc["s3-nine-5-9", "status"] == "discrepancy"
    assert ledger_fixed.loc["s3-nine-5-9", "status"] == "reproduced"
    assert provenance.badge(printed, "Table 4") != provenance.badge(fixed, "Table 4")


def test_ledger_views_use_the_korean_statements(data):
    ko = chapter(data, "ko", "as_printed")
    table = report.ledger_table(ko).html_text
    assert "1단계 사업의 총투자액" in table and "Total invested in the first stage" not in table
    en = report.ledger_table(chapter(data, "en", "as_printed")).html_text
    assert "Total invested in the first stage" in en
    disc = report.discrepancies(ko).html_text
    assert "잘못" not in disc or "불일치" in disc
    assert "구간" in disc  # every discrepancy with a recomputed interval says how far outside it lies


def test_headline_has_the_five_counts(data):
    text = report.headline(chapter(data, "en", "as_printed")).text
    for word in ("reproduced", "within rounding", "discrepancies", "external", "not checkable"):
        assert word in text
