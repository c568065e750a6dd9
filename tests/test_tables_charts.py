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
    target, vega = spec_of(page)  # the page carries the chart compiled to Vega (regional_policy.display.compiled)
    assert target == f"{fig.name}-view" and f'id="{target}"' in page
    assert vega["$schema"] == "https://vega.github.io/schema/vega/v6.json" and vega["description"] == fig.description
    spec = fig.chart.to_dict()
    title = spec["title"]  # a title wider than its chart is wrapped into lines (style.finish)
    assert (" ".join(title["text"]) if isinstance(title, dict) else title) == fig.caption
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
    spec = charts.ripp_first_stage(chapter(data, corrected, lang, highlight="Busan")).chart.to_dict()
    opacity = spec["encoding"]["opacity"]
    assert "condition" in opacity
    assert place in opacity["condition"]["test"]
    assert opacity["condition"]["value"] > opacity["value"]
    for hl in ("none", "Seoul"):  # Seoul is not in Table 3
        spec = charts.ripp_first_stage(chapter(data, corrected, lang, highlight=hl)).chart.to_dict()
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


# --- Korean number style, years, and the data page in Korean (issue 15) --------------------------


def test_years_have_no_separators_in_chart_data(data, corrected):
    for lang in LANGS:
        ch = chapter(data, corrected, lang)
        for fig in (charts.income(ch), charts.income_ratio(ch)):
            years = list(fig.data[labels.t("axis_year", lang)])
            assert years == ["1970", "1980", "1990", "2000", "2005", "2007"]


def test_korean_descriptions_use_korean_amounts(data, corrected):
    ko = chapter(data, corrected, "ko")
    assert "1조 8,970억 원 가운데 7,023억 원" in charts.ripp_first_stage(ko).description
    assert "2,750억 원에서 3,850억 원으로" in charts.budget(ko).description
    assert "6.05배" in charts.rsip_growth(ko).description
    assert "367만 5,400원" in charts.income(ko).description
    assert "십억" not in "".join(
        f(ko).description for f in (charts.ripp_first_stage, charts.budget, charts.income, charts.rsip_growth)
    )
    en = chapter(data, corrected, "en")
    assert "702.3 billion KRW of the 1,897.0 billion KRW" in charts.ripp_first_stage(en).description


def test_timeline_months_in_the_editions_style(data, corrected):
    ko = charts.timeline(chapter(data, corrected, "ko")).data
    dates = set(ko[labels.t("tooltip_date", "ko")])
    assert "2003년 4월" in dates or any(d.endswith("월") for d in dates)
    assert not any(re.fullmatch(r"\d{4}-\d{2}", d) for d in dates)


def test_rsip_table_in_korean(data, corrected):
    page = tables.rsip(chapter(data, corrected, "ko")).html()
    assert "6.05배" in page and "×" not in page
    assert "has been" not in page and "두 배로 늘었다" in page
    assert "논문 4절 본문에서 옮겨 적음" in page and "논문 -" not in page


def test_table_source_lines_name_korean_publishers(data, corrected):
    page = tables.table3(chapter(data, corrected, "ko")).html()
    assert "자료: 산업자원부, 2004." in page and "Ministry" not in page
    assert (
        "Source: Ministry of Commerce, Industry &amp; Energy, 2004." in tables.table3(chapter(data, corrected)).html()
    )


def test_data_page_in_korean(data, corrected):
    from regional_policy import datapage

    ko = chapter(data, corrected, "ko")
    assert datapage.korean_text_problems(data.descriptor) == []
    schema = datapage.schema(ko, "table3-ripp-first-stage").html()
    assert "국비: 기반구축" in schema and "National Account: Infra" not in schema
    resources = datapage.resources(ko).html()
    assert "표 2. 도시가구와 농가의 소득" in resources and "Urban and Rural" not in resources
    panel = datapage.checks(ko, "table3-ripp-first-stage", "checks-t3").html()
    assert (
        "표 3, 합계 행, 총 투자액" in panel
        and "표 3, 합계 행, 기반구축" in panel
        and "1,897<" in panel
        and "1897.00" not in panel
    )


def test_missing_korean_text_names_the_row(data):
    import copy

    from regional_policy import datapage

    desc = copy.deepcopy(data.descriptor)
    del desc["resources"][2]["schema"]["fields"][3]["description_ko"]
    assert datapage.korean_text_problems(desc) == [
        "datapackage.json, resource 'table3-ripp-first-stage', field 'total_invested': description has no description_ko"
    ]


def test_every_check_location_has_a_korean_form(data):
    from regional_policy import consistency

    for c in consistency.all_checks(data):
        assert c.label_ko and "Table" not in c.label_ko and "row" not in c.label_ko, c.label_ko


@pytest.mark.parametrize("mode", MODES)
def test_table1_in_korean_with_the_erratum_applied_to_the_translation(data, corrected, mode):
    page = tables.table1(chapter(data, corrected, "ko", mode)).html()
    cells = html.unescape(TAG.sub(" ", page.split("<tbody>")[1].split("</tbody>")[0]))
    words = re.findall(r"[A-Za-z][A-Za-z&-]+", cells)
    assert set(words) <= {
        "RIPP",
        "RDA",
        "RIA",
        "Connect",
        "Korea",
        "RSIP",
        "MOCIE",
        "MCT",
        "MKE",
        "PCBND",
        "PCRD",
        "ERDC",
    }
    assert "수도권 집중 억제" in cells and "광역·지역발전특별회계" in cells
    assert ("지역발전 5개년계획(2009~2013)" if mode == "corrected" else "지역발전 5개년계획(2009~20013)") in cells


def test_table1_missing_korean_text_is_an_error_naming_the_row(data, corrected):
    t1 = data["table1-key-factors"].copy()
    t1.loc[5, "item_ko"] = ""
    broken_frames = {"table1-key-factors": t1}

    class Patched:
        def __init__(self, base):
            self.base = base

        def __getitem__(self, name):
            return broken_frames.get(name, self.base[name])

        def __getattr__(self, name):
            return getattr(self.base, name)

    ch = Chapter(Parameters(lang="ko", errata="as_printed", highlight="none"), Patched(data), Patched(data))
    with pytest.raises(ValueError, match=r"table1-key-factors.csv, row 7, column 'item_ko'"):
        tables.table1(ch)


def test_chapter4_region_table_and_chapter6_summary_in_korean(data, corrected):
    from regional_policy import datapage

    ko = chapter(data, corrected, "ko")
    regions = html.unescape(TAG.sub(" ", datapage.economic_regions(ko).html()))
    assert "9개 지역 (2002)" in regions and "없음" in regions
    assert "regions (" not in regions and " none " not in regions
    page = datapage.check_summary(ko).html()
    assert (
        headers_of(page)[:4] == ["표", "재현됨", "반올림 범위 내", "불일치"] and ">표 4<" in page and ">합계<" in page
    )
    page = datapage.check_summary(chapter(data, corrected)).html()
    assert headers_of(page)[:4] == ["Table", "reproduced", "within rounding", "discrepancy"] and ">Table 4<" in page


def test_profile_caption_is_whole_and_a_cut_label_row_is_an_error(tmp_path, monkeypatch, data):
    from regional_policy import labels, profiles
    from regional_policy.params import Chapter as Ch

    ch = profiles.start(Ch(Parameters(lang="ko", errata="as_printed", highlight="none"), data, data), "Busan")
    assert "<caption>지역산업진흥사업 예산 (표 3과 표 4)</caption>" in profiles.ripp_money(ch).html()
    bad = tmp_path / "labels.csv"
    bad.write_text("key,en,ko\nx,Tables 3 and 4,표 3, 표 4\n", encoding="utf-8")
    monkeypatch.setattr(labels, "LABELS", bad)
    labels.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="labels.csv, line 2: more than 3 fields"):
            labels.table()
    finally:
        monkeypatch.undo()
        labels.table.cache_clear()


def test_solution_charts_are_labelled_in_both_languages(data):
    from regional_policy import solution_charts

    counts = data["timeline"].groupby("administration").size().reset_index(name="milestones")
    ko = solution_charts.chart("ex-1-2", counts, "ko")
    spec = ko.chart.to_dict()
    assert spec["encoding"]["x"]["title"] == "정부" and spec["encoding"]["y"]["title"] == "날짜가 있는 주요 사건 수"
    assert "노무현 정부 9" in ko.description and "Roh" not in ko.description
    en = solution_charts.chart("ex-1-2", counts, "en")
    assert "Roh Moo-hyun 9" in en.description and en.chart.to_dict()["encoding"]["x"]["sort"][0] in (
        "Civilian government",
        "Kim Dae-jung",
    )
    rsip = data["rsip-performance"].dropna(subset=["value_2007"]).copy()
    rsip["multiple"] = rsip["value_2010"] / rsip["value_2007"]
    assert "6.05" in solution_charts.chart("ex-4-4", rsip, "ko").description
    with pytest.raises(ValueError, match="exercise='ex-9-9' has no solution chart"):
        solution_charts.chart("ex-9-9", counts, "ko")


def test_source_keys_show_as_code_and_other_cells_of_a_sources_column_as_they_are():
    from regional_policy import display

    assert display._keys_html("S15a;S15b") == "<code>S15a</code>, <code>S15b</code>"
    assert display._keys_html("논문 (표 1, 1절)") == "논문 (표 1, 1절)"  # the data page's origin column, also 출처
