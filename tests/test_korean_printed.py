"""The paper's printed words in the Korean edition: the number as printed, or the phrase rendered in Korean
(``printed_ko`` of claims.csv and errata.csv), never the English words (issue 15, items 1 and 5)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import edit_cell, ledger_of, line_of

import regional_policy
from regional_policy import datapage, errata, report, tables
from regional_policy.params import Chapter, Parameters
from regional_policy.printed_words import LATIN, needs_korean, printed_number

ROW = re.compile(r'<tr id="claim-([^"]+)"[^>]*>(.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
PRINTED_COLUMN = 3  # id, section, statement, printed, ...


def chapter(data, lang: str, mode: str = "as_printed") -> Chapter:
    shown = errata.apply(data)[0] if mode == "corrected" else data
    return Chapter(Parameters(lang=lang, errata=mode), shown, data)


def printed_cells(page: str) -> dict[str, str]:
    """The printed cell of every row of a ledger table, by claim id."""
    return {cid: html.unescape(CELL.findall(row)[PRINTED_COLUMN]) for cid, row in ROW.findall(page)}


@pytest.fixture(scope="module")
def ledgers(data):
    return {lang: report.ledger_table(chapter(data, lang)).html_text for lang in ("en", "ko")}


def test_printed_ko_is_filled_exactly_where_the_korean_ledger_needs_it(data):
    claims = data["claims"].fillna({"printed_ko": ""})
    needed = [needs_korean(r.printed, r.value) for r in claims.itertuples()]
    filled = list(claims["printed_ko"].str.strip() != "")
    assert needed == filled
    assert sum(filled) == 72  # 'four', 'doubled', 'the largest', ...: the phrases that print no checked number
    assert printed_number("1,897 billion", 1897) == "1,897" and printed_number("four", 4) is None
    assert not needs_korean("1993-1998", 1993) and not needs_korean("about 1.9 trillion", 1.9)
    assert needs_korean("doubled between 2007 and 2010", 2)


def test_the_korean_ledger_shows_numbers_as_printed_and_words_in_korean(ledgers):
    ko, en = printed_cells(ledgers["ko"]), printed_cells(ledgers["en"])
    assert ko["abs-four-provinces"] == "넷" and en["abs-four-provinces"] == "four"
    assert ko["s4-tech-doubled"] == "2007년과 2010년 사이에 두 배가 되었다"
    assert ko["s4-iksan-jeonnam"] == "전남에 있는 익산" and en["s4-iksan-jeonnam"] == "Iksan located in Jeonnam"
    assert ko["x-daegyeong-jump"] == "연 16.2%로 큰 도약이다"
    assert ko["s2-total-1897"] == "1,897" and en["s2-total-1897"] == "1,897 billion"  # the number as printed
    assert ko["abs-civilian-period"] == "1993-1998"  # no English words: as printed
    assert ko["table2.ratio.1970"] == en["table2.ratio.1970"] == "75.6"


def test_no_english_is_left_in_the_korean_ledger(ledgers):
    assert 'lang="en"' not in ledgers["ko"]
    english = {cid: text for cid, text in printed_cells(ledgers["ko"]).items() if LATIN.search(text)}
    assert not english
    assert "원문(문구는 번역)" in ledgers["ko"]


def test_the_korean_discrepancies_quote_the_printed_value_in_korean(data):
    ko = report.discrepancies(chapter(data, "ko")).html_text
    en = report.discrepancies(chapter(data, "en")).html_text
    assert "원문 <code>전남에 있는 익산</code>" in ko and "Iksan located in" not in ko
    assert "printed <code>Iksan located in Jeonnam</code>" in en


@pytest.mark.parametrize(
    ("claim", "printed_ko", "says"),
    [
        ("s4-tech-doubled", "", "prints 'doubled between 2007 and 2010'"),  # needed, blank
        ("s2-total-1897", "1조 8,970억 원", "never shows"),  # filled, never shown (the ledger shows the number)
    ],
)
def test_printed_ko_where_it_is_not_needed_or_missing_is_an_error_naming_file_row_and_column(
    data_copy, claim, printed_ko, says
):
    line = line_of(data_copy / "claims.csv", id=claim)
    edit_cell(data_copy, "claims.csv", line, "printed_ko", printed_ko)
    with pytest.raises(regional_policy.DataError) as err:
        ledger_of(data_copy)
    text = str(err.value)
    assert f"claims.csv, line {line}, column 'printed_ko'" in text and f"claim '{claim}'" in text and says in text


def test_the_korean_errata_list_shows_the_printed_words_in_korean(data):
    ko = datapage.errata(chapter(data, "ko")).html()
    en = datapage.errata(chapter(data, "en")).html()
    for words, korean in (
        ("Iksan located in Jeonnam", "전남에 있는 익산"),
        ("See Table 5", "표 5 참조"),
        ("5-Year Plan for Regional Development (2009-20013)", "지역발전 5개년계획(2009~20013)"),
        (
            "456 billion KRW in the local account and private investment account",
            "지방비 계정과 민간투자 계정 4,560억 원",
        ),
    ):
        assert korean in ko and words not in ko, words
        assert words in en and korean not in en, words
    assert 'lang="en"' not in ko


def test_the_korean_table1_erratum_note_quotes_the_printed_words_in_korean(data):
    for mode in ("as_printed", "corrected"):
        ko = tables.table1(chapter(data, "ko", mode)).html()
        assert "원문 <code>지역발전 5개년계획(2009~20013)</code>" in ko, mode
        assert "5-Year Plan for Regional Development" not in ko, mode


def test_an_erratum_without_printed_ko_does_not_load(data_copy, load_problems):
    line = line_of(data_copy / "errata.csv", id="E8")
    edit_cell(data_copy, "errata.csv", line, "printed_ko", "")
    problems = load_problems(data_copy)
    assert any(p.file == "errata.csv" and p.line == line and p.column == "printed_ko" for p in problems), [
        str(p) for p in problems
    ]
