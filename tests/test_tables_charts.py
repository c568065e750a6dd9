"""The paper's tables and the charts, in both languages, both errata modes and with a highlight."""

from __future__ import annotations

import html
import itertools
import json
import re

import pytest

from regional_policy import charts, errata, labels, tables
from regional_policy.display import VEGALITE_MIME, Figure, Table
from regional_policy.params import Chapter, Parameters

LANGS = ("en", "ko")
MODES = ("as_printed", "corrected")
HIGHLIGHTS = ("Busan", "none")
COMBOS = list(itertools.product(LANGS, MODES, HIGHLIGHTS))
NUMBERED = {"table1": 1, "table2": 2, "table3": 3, "table4": 4, "table5": 5}
TABLES = [*NUMBERED, "rsip"]
CHARTS = [
    "timeline",
    "income",
    "income_ratio",
    "ripp_first_stage",
    "ripp_national_share",
    "investment_shares",
    "budget",
    "rsip_growth",
]
SCRIPT = re.compile(r'<script type="application/json" class="rp-vega-spec" data-target="([^"]+)">(.*?)</script>', re.S)
TAG = re.compile(r"<[^>]+>")
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def corrected(data):
    return errata.apply(data)[0]


def chapter(data, corrected, lang="en", mode="as_printed", highlight="none") -> Chapter:
    return Chapter(
        Parameters(lang=lang, errata=mode, highlight=highlight), corrected if mode == "corrected" else data, data
    )


def caption_of(page: str) -> str:
    found = re.findall(r"<caption>(.*?)</caption>", page, re.S)
    assert len(found) == 1
    return found[0]


def headers_of(page: str) -> list[str]:
    return [html.unescape(TAG.sub("", h)).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]


def spec_of(page: str) -> tuple[str, dict]:
    found = SCRIPT.findall(page)
    assert len(found) == 1
    target, text = found[0]
    assert "</" not in text
    return target, json.loads(text.replace("<\\/", "</"))


# --- tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, mode, highlight", COMBOS)
@pytest.mark.parametrize("name", TABLES)
def test_every_table_renders_with_its_caption(data, corrected, name, lang, mode, highlight):
    table = getattr(tables, name)(chapter(data, corrected, lang, mode, highlight))
    assert isinstance(table, Table)
    page = table.html()
    if hasattr(table, "_repr_mimebundle_"):
        assert table._repr_mimebundle_()["text/html"] == page
    else:
        assert table._repr_html_() == page
    assert page.startswith(f'<div class="rp-table" id="{table.name}-table" role="region" tabindex="0" aria-label="')
    caption = caption_of(page)
    if name in NUMBERED:
        word = "Table" if lang == "en" else "표"
        assert caption.startswith(f"{word} {NUMBERED[name]}. ")
    else:
        assert caption.startswith(html.escape(labels.t("rsip_title", lang)))
    if lang == "ko":
        # no English word in the caption of a Korean table
        assert not LATIN.search(TAG.sub("", caption)), caption
    assert 'class="rp-source"' in page


@pytest.mark.parametrize("name", TABLES)
def test_korean_headers_carry_no_english_labels(data, corrected, name):
    page = getattr(tables, name)(chapter(data, corrected, "ko")).html()
    english = {
        row["en"]
        for row in labels.table().values()
        if row["en"] != row["ko"] and LATIN.search(row["en"]) and len(row["en"]) > 3
    }
    leaked = [h for h in headers_of(page) if h in english]
    assert leaked == []
    assert "Table" not in caption_of(page)


def test_table2_korean(data, corrected):
    page = tables.table2(chapter(data, corrected, "ko")).html()
    assert "도시가구" in page and "농가" in page
    assert "Urban Households" not in page and "Rural Households" not in page
    assert "표 2." in page


def test_table4_as_printed_and_corrected(data, corrected):
    printed = tables.table4(chapter(data, corrected, "en", "as_printed")).html()
    assert "40(5.9) †" in printed
    assert "440(5.9)" not in printed
    assert printed.count(tables.MARK) == 2  # the cell and its note
    assert "E1" in printed and labels.t("errata_shown_as_printed", "en") in printed
    fixed = tables.table4(chapter(data, corrected, "en", "corrected")).html()
    assert "440(5.9) †" in fixed
    assert ">40(5.9)" not in fixed
    assert labels.t("errata_shown_corrected", "en") in fixed
    # both editions document printed 40 and corrected 440
    for page in (printed, fixed):
        assert "<code>40</code>" in page and "<code>440</code>" in page


def test_table4_layout(data, corrected):
    page = tables.table4(chapter(data, corrected)).html()
    assert "25,600(100)" in page
    assert "7,462(100)" in page
    assert "3,302(47.0)" in page
    assert page.count(">-<") == 3  # the three printed '-' cells


def test_table1_marks_the_corrected_item(data, corrected):
    printed = tables.table1(chapter(data, corrected, "en", "as_printed")).html()
    assert "(2009-20013) †" in printed
    fixed = tables.table1(chapter(data, corrected, "en", "corrected")).html()
    assert "(2009-2013) †" in fixed
    assert "(2009-20013) †" not in fixed


def test_table2_marks_the_corrected_ratios(data, corrected):
    printed = tables.table2(chapter(data, corrected, "en", "as_printed")).html()
    # E3 (1970) is withdrawn: 75.6 lies within the rounding of its incomes, so it is not marked
    assert "75.6 †" not in printed and "95.6 †" in printed and "97.4 †" not in printed
    fixed = tables.table2(chapter(data, corrected, "en", "corrected")).html()
    assert "75.8" not in fixed and "95.9 †" in fixed


def test_tables_without_errata_have_no_mark(data, corrected):
    for name in ("table3", "table5", "rsip"):
        assert tables.MARK not in getattr(tables, name)(chapter(data, corrected)).html(), name


def test_table3_highlight(data, corrected):
    busan = tables.table3(chapter(data, corrected, highlight="Busan")).html()
    rows = re.findall(r"<tr>(.*?)</tr>", busan, re.S)
    highlighted = [r for r in rows if "rp-highlight" in r]
    assert len(highlighted) == 1 and "Busan" in highlighted[0] and "386.6" in highlighted[0]
    for hl in ("none", "Seoul"):
        assert 'rp-highlight"' not in tables.table3(chapter(data, corrected, highlight=hl)).html()


def test_table4_highlight_marks_the_programmes_of_the_group(data, corrected):
    four = tables.table4(chapter(data, corrected, highlight="Busan")).html()
    cells = re.findall(r'<td [^>]*class="data [^"]*rp-highlight[^"]*"[^>]*>(.*?)</td>', four)
    assert len(cells) == 2 * 5  # two columns (1st and 2nd phase), five rows
    assert "7,023(100)" in cells and "9,496(100)" in cells
    nine = tables.table4(chapter(data, corrected, highlight="Daejeon")).html()
    cells = re.findall(r'<td [^>]*class="data [^"]*rp-highlight[^"]*"[^>]*>(.*?)</td>', nine)
    assert len(cells) == 5 and "7,462(100)" in cells
    assert "rp-highlight" not in re.sub(
        r"<style.*?</style>", "", tables.table4(chapter(data, corrected, highlight="Seoul")).html(), flags=re.S
    )


def test_table_html_is_deterministic(data, corrected):
    for name in TABLES:
        ch = chapter(data, corrected, "ko", "corrected", "Busan")
        assert getattr(tables, name)(ch).html() == getattr(tables, name)(ch).html(), name


# --- charts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, mode, highlight", COMBOS)
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_renders(data, corrected, name, lang, mode, highlight):
    fig = getattr(charts, name)(chapter(data, corrected, lang, mode, highlight))
    assert isinstance(fig, Figure)
    assert fig.lang == lang
    page = fig.html()
    assert fig.name and fig.name in page
    assert f'id="{fig.name}-figure"' in page
    figcaption = re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)
    assert len(figcaption) == 1
    assert figcaption[0].startswith(f"<strong>{labels.t('chart', lang)} {fig.number}.</strong>")
    assert html.escape(fig.caption) in figcaption[0]
    assert fig.description and html.escape(fig.description) in page
    target, spec = spec_of(page)
    assert target == f"{fig.name}-view" and f'id="{target}"' in page
    assert spec["title"] == fig.caption
    assert spec["description"] == fig.description
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert len(fig.data) > 0
    if lang == "ko":
        assert re.search("[\uac00-\ud7a3]", fig.caption) and re.search("[\uac00-\ud7a3]", fig.description)


def test_chart_names_and_numbers_are_unique(data, corrected):
    figs = [getattr(charts, n)(chapter(data, corrected)) for n in CHARTS]
    assert len({f.name for f in figs}) == len(CHARTS)
    assert len({f.number for f in figs}) == len(CHARTS)


@pytest.mark.parametrize("name", CHARTS)
def test_chart_spec_is_deterministic(data, corrected, name):
    ch = chapter(data, corrected, "ko", "corrected", "Busan")
    first, second = getattr(charts, name)(ch), getattr(charts, name)(ch)
    assert spec_of(first.html())[1] == spec_of(second.html())[1]
    assert first.html() == second.html()


def test_mimebundle(data, corrected):
    fig = charts.budget(chapter(data, corrected))
    bundle = fig._repr_mimebundle_()
    assert bundle["text/html"] == fig.html()
    assert bundle[VEGALITE_MIME]["title"] == fig.caption
    assert bundle["text/plain"].startswith(f"Chart {fig.number}. ")


@pytest.mark.parametrize("lang, place", [("en", "Busan"), ("ko", "부산")])
def test_ripp_first_stage_highlight(data, corrected, lang, place):
    _, spec = spec_of(charts.ripp_first_stage(chapter(data, corrected, lang, highlight="Busan")).html())
    opacity = spec["encoding"]["opacity"]
    assert "condition" in opacity
    assert place in opacity["condition"]["test"]
    assert opacity["condition"]["value"] > opacity["value"]
    for hl in ("none", "Seoul"):  # Seoul is not in Table 3
        _, spec = spec_of(charts.ripp_first_stage(chapter(data, corrected, lang, highlight=hl)).html())
        assert "condition" not in spec["encoding"]["opacity"]
        assert "condition" not in json.dumps(spec)


def test_investment_shares_follow_the_errata(data, corrected):
    printed = charts.investment_shares(chapter(data, corrected, "en", "as_printed"))
    fixed = charts.investment_shares(chapter(data, corrected, "en", "corrected"))
    # the description quotes the printed share (5,212 / 7,462 = 69.8%), never the share of the parts' sum (73.8%)
    assert "69.8%" in printed.description and "73.8%" not in printed.description
    assert "69.8%" in fixed.description


def test_ripp_first_stage_description_arithmetic(data, corrected):
    fig = charts.ripp_first_stage(chapter(data, corrected))
    national = 330.2 + 193.0 + 66.5 + 112.6
    total = 386.6 + 680.0 + 402.0 + 428.4
    assert f"{national:,.1f}" in fig.description and f"{total:,.1f}" in fig.description
    assert f"{100 * national / total:.1f}%" in fig.description


def test_rsip_growth_description(data, corrected):
    fig = charts.rsip_growth(chapter(data, corrected))
    assert f"{433 / 71.6:.2f}" in fig.description and f"{2377 / 1271:.2f}" in fig.description


@pytest.mark.parametrize("lang", LANGS)
def test_income_ratio_description_names_the_peak_year_as_a_year(data, corrected, lang):
    """The printed ratio peaks at 97.4 in 1990: the year must read '1990', not '1990.0'."""
    fig = charts.income_ratio(chapter(data, corrected, lang))
    assert "97.4%" in fig.description
    assert "1990" in fig.description
    assert "1990.0" not in fig.description
