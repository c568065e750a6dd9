"""The Korean interface's message catalogues (locale/ko) and the Korean search terms, without a build."""

from __future__ import annotations

import gettext
import json
import re

import pytest

from bookbuild import catalogues, search_ko

INTERFACE = {
    "sphinx": {
        "Skip to main content": "본문 바로가기",
        "Back to top": "맨 위로",
        "Search": "검색",
        "On this page": "이 페이지의 내용",
        "Toggle primary sidebar": "왼쪽 사이드바 열기/닫기",
        "Search finished, found ${resultCount} page(s) matching the search query.": (
            "검색을 마쳤다. 검색어와 일치하는 페이지는 ${resultCount}개이다."
        ),
    },
    "booktheme": {"By": "지은이:", "Contents": "목차", "Print to PDF": "PDF로 인쇄"},
    "exercise": {"Exercise": "연습문제", "Solution to": "해답:"},
    "togglebutton": {"Click to show": "펼쳐 보기"},
}


def test_the_korean_catalogues_compile_and_translate_the_interface(tmp_path):
    compiled = catalogues.compile_all("ko", tmp_path)
    assert set(INTERFACE) <= set(compiled)
    for domain, messages in INTERFACE.items():
        with open(compiled[domain], "rb") as fh:
            translation = gettext.GNUTranslations(fh)
        for english, korean in messages.items():
            assert translation.gettext(english) == korean, (domain, english)


def test_compiling_is_deterministic(tmp_path):
    first = {d: p.read_bytes() for d, p in catalogues.compile_all("ko", tmp_path / "a").items()}
    second = {d: p.read_bytes() for d, p in catalogues.compile_all("ko", tmp_path / "b").items()}
    assert first == second


def test_the_javascript_catalogue_lays_the_book_over_sphinx(tmp_path):
    js = catalogues.write_js("ko", tmp_path).read_text(encoding="utf-8")
    assert js.startswith("Documentation.addTranslations(")
    assert "검색을 마쳤다." in js  # ours
    assert '"Hide Search Matches": "검색어 강조 지우기"' in js  # ours over Sphinx's
    assert '"Go": "이동"' in js  # Sphinx's, kept


def test_an_untranslated_message_is_an_error_naming_the_file_and_the_message(tmp_path):
    folder = tmp_path / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "booktheme.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "By"\nmsgstr ""\n', encoding="utf-8"
    )
    with pytest.raises(catalogues.CatalogueError, match=r"booktheme\.po, line 5: msgid 'By' has no translation"):
        catalogues.compile_all("ko", tmp_path / "out", source=tmp_path)
    assert not (tmp_path / "out" / "ko" / "LC_MESSAGES" / "booktheme.mo").exists()


def test_korean_index_terms_are_stems_and_compound_parts():
    terms = search_ko.terms("균형발전을 위한 지역산업진흥사업의 성과는 불균형이다")
    for expected in ("균형", "발전", "균형발전", "지역산업진흥사업", "산업진흥", "진흥사업", "성과"):
        assert expected in terms, expected
    for particle in ("균형발전을", "지역산업진흥사업의", "성과는", "을", "의", "는"):
        assert particle not in terms, particle
    assert "균형" in search_ko.terms("불균형")  # a noun prefix does not hide the noun


def test_raw_html_cells_do_not_run_together():
    html = "<table><tr><td>0020</td><td>재현됨</td></tr></table><svg><text>1970</text><text>1980</text></svg>"
    text = search_ko.spaced(html)
    stripped = " ".join(re.sub(r"<[^<]+?>", "", text).split())
    assert stripped == "0020 재현됨 1970 1980"
    assert search_ko.spaced("<b>균형</b>발전") == "<b>균형</b>발전"  # inline markup inside a word stays


def test_korean_terms_are_analysed_once_and_the_memo_keeps_what_the_last_build_used(tmp_path, monkeypatch):
    monkeypatch.setattr(search_ko._Memo, "folder", tmp_path)
    first = search_ko._Memo()
    kept = first.terms("균형발전을 위한 지역산업진흥사업")
    assert "지역산업진흥사업" in kept and "균형발전" in kept
    first.terms("선도산업은")
    first.save()
    monkeypatch.setattr(search_ko, "terms", lambda text: pytest.fail(f"analysed again: {text}"))
    second = search_ko._Memo()
    assert second.terms("균형발전을 위한 지역산업진흥사업") == kept
    second.save()
    [memo] = tmp_path.glob("*.json")
    assert list(json.loads(memo.read_text(encoding="utf-8")).values()) == [kept]
