"""The Korean ledger shows its arithmetic and section labels in Korean (review of the Korean edition, 2026-11-28)."""

from __future__ import annotations

import re

import pytest

from regional_policy import datapackage, labels, report
from regional_policy.claims import engine, korean

LATIN_RUN = re.compile(r"[A-Za-z]+(?:[ ,;:()'/-]+[A-Za-z]+){2,}")  # three Latin words in a row
ENGLISH_WORDS = re.compile(r"\b(Table|from|until|listed|regions?|units|years?|KRW|billion|Total|Account|First)\b")


@pytest.fixture(scope="module")
def ledger():
    return engine.ledger(datapackage.read())


def test_every_korean_arithmetic_is_korean(ledger):
    # identifiers (time line keys in quotes, resource names) stay as they are in the data
    texts = {r.id: re.sub(r"'[a-z0-9-]+'|figure\d-[a-z-]+", "", r.arithmetic_ko) for r in ledger.itertuples()}
    bad = [(k, v) for k, v in texts.items() if LATIN_RUN.search(v) or ENGLISH_WORDS.search(v)]
    assert not bad, bad


def test_known_arithmetic_in_korean(ledger):
    ko = ledger.set_index("id")["arithmetic_ko"]
    assert ko["s3-nine-5-9"] == "표 4, 9개 지역: 40 / 7,462 × 100 = 0.54"
    assert korean.arithmetic("administrations: Roh until 2008") == "역대 정부: 노무현 정부 2008년까지"
    assert (
        korean.arithmetic("time line 'special-act-bnd' (3): from 2003-12")
        == "연표 'special-act-bnd'(3절): 2003년 12월부터"
    )
    assert korean.arithmetic("Table 3 National Account 702.3 billion KRW × 10 = 7,023 hundred million KRW") == (
        "표 3 국비 702.3십억 원 × 10 = 7,023억 원"
    )


def test_section_names_in_each_edition():
    assert [labels.section_name(s, "ko") for s in ("2", "Table 4", "Abstract", "Korean abstract")] == [
        "2절",
        "표 4",
        "초록",
        "국문 초록",
    ]
    assert [labels.section_name(s, "en") for s in ("2", "Table 4", "Korean abstract")] == [
        "Section 2",
        "Table 4",
        "Korean abstract",
    ]


def test_a_bad_rule_is_an_error_naming_its_line(tmp_path, monkeypatch):
    bad = tmp_path / "arithmetic_ko.csv"
    bad.write_text("pattern,ko\nTable (\\d,표 \\1\n", encoding="utf-8")
    monkeypatch.setattr(korean, "RULES", bad)
    korean.rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"arithmetic_ko.csv, line 2, column 'pattern'"):
            korean.arithmetic("Table 2")
    finally:
        korean.rules.cache_clear()


def test_a_solution_chart_without_description_is_described_in_the_chapters_language():
    import altair as alt
    import pandas as pd

    from regional_policy import display

    chart = (
        alt.Chart(pd.DataFrame({"year": [1970], "difference": [-0.2]})).mark_bar().encode(x="year:N", y="difference")
    )
    try:
        display.EDITION["lang"] = "ko"
        ko = display.embed(chart, "ex-2-4-chart").description
        display.EDITION["lang"] = "en"
        en = display.embed(chart, "ex-2-4-chart").description
    finally:
        display.EDITION["lang"] = "en"
    assert (
        ko
        == "연습문제 2.4의 풀이 코드가 그린 막대 차트이다(x: year; y: difference). 같은 셀을 실행하면 같은 차트가 다시 그려진다."
    )
    assert en == "A bar chart (x: year; y: difference) drawn by the solution of exercise 2.4."


def test_the_korean_numbers_box_states_each_claim_in_korean():
    from regional_policy.params import Chapter, Parameters

    d = datapackage.read()
    box = report.numbers_box(Chapter(Parameters(lang="ko"), d, d), 4).html_text
    korean = d["claims"].set_index("id").loc["s4-iksan-jeonnam", "statement_ko"]
    assert korean in box and "Iksan" not in box
    en = report.numbers_box(Chapter(Parameters(lang="en"), d, d), 4).html_text
    assert "Iksan located in Jeonnam" in en and 'lang="en"' not in en


def test_a_solutions_own_chart_gets_the_editions_axis_titles():
    import altair as alt
    import pandas as pd

    from regional_policy import display

    chart = (
        alt.Chart(pd.DataFrame({"year": [1970], "difference": [-0.2]})).mark_bar().encode(x="year:N", y="difference")
    )
    try:
        display.EDITION["lang"] = "ko"
        ko = display.embed(chart, "ex-2-4-chart").chart.to_dict()["encoding"]
    finally:
        display.EDITION["lang"] = "en"
    assert ko["x"]["title"] == "연도" and ko["y"]["title"] == "원문 비율 - 재계산 비율 (%p)"
    assert "title" not in display.embed(chart, "ex-2-4-chart").chart.to_dict()["encoding"]["x"]
