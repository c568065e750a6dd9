"""Korean chart labels fit their chart: a long title wraps, a section label is Korean (browser check, item 7)."""

from __future__ import annotations

from regional_policy import charts, datapackage, report
from regional_policy.params import Chapter, Parameters


def _ko():
    d = datapackage.read()
    return Chapter(Parameters(lang="ko", errata="as_printed", highlight="none"), d, d)


def test_chart_4_2_korean_title_wraps_and_english_stays_one_line():
    ko = charts.rsip_growth(_ko()).chart.to_dict()["title"]
    assert isinstance(ko, dict) and ko["text"] == ["지역특화산업 성과: 2007년 대비 2010년", "(2007 = 100)"]
    d = datapackage.read()
    en = charts.rsip_growth(Chapter(Parameters(lang="en", errata="as_printed", highlight="none"), d, d))
    assert en.chart.to_dict()["title"] == "RSIP results: 2010 against 2007 (2007 = 100)"


def test_report_chart_sections_are_korean():
    spec = report.summary_chart(_ko()).chart.to_dict()
    sections = spec["encoding"]["y"]["sort"]
    assert "국문 초록" in sections and "표 4" in sections and "2절" in sections
    assert not [s for s in sections if any("a" <= c.lower() <= "z" for c in s)], sections
