"""The site builds with zero warnings, and every table and chart anchor exists in its page."""

from __future__ import annotations

import json
import re

import pytest

from regional_policy.paths import BOOK

# The session-scoped `site` fixture (a fresh strict build) is in conftest.py, shared with the browser tests.


def _anchors_of(notebook):
    """The MyST targets `(name)=` the chapter declares for its tables and charts."""
    text = "\n".join(
        "".join(c["source"])
        for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "markdown"
    )
    return re.findall(r"^\(((?:table|chart)-[\w-]+)\)=", text, flags=re.M)


@pytest.mark.parametrize("notebook", sorted(BOOK.glob("0*.ipynb")), ids=lambda p: p.name)
def test_every_table_and_chart_anchor_is_in_the_page(site, notebook):
    page = (site / "book" / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
    for anchor in _anchors_of(notebook):
        assert f'id="{anchor}"' in page, f"{anchor} missing from {notebook.stem}.html"


def test_all_tables_and_charts_of_the_paper_are_anchored():
    anchors = {a for nb in BOOK.glob("0*.ipynb") for a in _anchors_of(nb)}
    assert {f"table-{n}" for n in range(1, 6)} | {"table-rsip"} <= anchors
    assert {"chart-1-1", "chart-2-1", "chart-2-2", "chart-2-3", "chart-3-1", "chart-4-1", "chart-4-2"} <= anchors


def test_pages_exist_and_load_only_local_scripts(site):
    pages = [
        "index",
        "01-introduction",
        "02-introducing-phase",
        "03-systematizing-phase",
        "04-expansionary-phase",
        "06-summary",
        "08-data",
        "glossary",
        "references",
    ]
    for name in pages:
        html = (site / "book" / f"{name}.html").read_text(encoding="utf-8")
        for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", src), f"{name}.html loads {src}"
        for href in re.findall(r'<link[^>]*\bhref="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", href), f"{name}.html links {href}"
    assert (site / "_static" / "vendor" / "vega-bundle.js").stat().st_size > 500_000


@pytest.mark.parametrize("edition", ["book", "ko"])
def test_only_the_search_page_loads_the_search_index(site, edition):
    def scripts(page):
        html = (site / page).read_text(encoding="utf-8")
        return {src.split("?")[0].rsplit("/", 1)[-1] for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)}

    search_tools = {"searchtools.js", "language_data.js", "searchindex.js"}
    search = "search.html" if edition == "book" else "ko/search.html"
    assert search_tools <= scripts(search)
    pages = [p.relative_to(site) for p in sorted((site / edition).glob("*.html"))]
    assert len(pages) > 10
    for page in pages:
        if page.as_posix() != search:
            assert not search_tools & scripts(page), page.as_posix()


def test_chart_pages_carry_their_specs_and_the_data_downloads_exist(site):
    html = (site / "book" / "04-expansionary-phase.html").read_text(encoding="utf-8")
    specs = re.findall(r'<script type="application/json" class="rp-vega-spec" data-target="([^"]+)">', html)
    assert specs[:2] == ["chart-4-1-view", "chart-4-2-view"]
    assert all(s.startswith("ex-4-") for s in specs[2:])
    data_page = (site / "book" / "08-data.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="\.\./data/([^"]+)"', data_page):
        assert (site / "data" / link).is_file(), link
    assert "table4-investment-by-project-type.csv" in data_page


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_exercises_and_solutions_are_titled_with_the_chapter_number(site, lang):
    """'Exercise 3.1: Title' and 'Solution to Exercise 3.1', never sphinx-exercise's 'Exercise (3.1 Title)' or a
    book-wide count; the words are the edition's (locale/<lang>/LC_MESSAGES/exercise.po, bookbuild.exercise_titles)."""
    page = site / ("book" if lang == "en" else "ko") / "03-systematizing-phase.html"
    html = page.read_text(encoding="utf-8")
    titles = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'<p class="admonition-title">(.*?)</p>', html)]
    exercise, solution = ("Exercise", "Solution to") if lang == "en" else ("연습문제", "해답:")
    first = "Finding Table 4’s unit" if lang == "en" else "표 4의 단위 찾기"
    assert f"{exercise} 3.1: {first}" in titles
    for n in range(1, 5):
        assert sum(t.startswith(f"{exercise} 3.{n}: ") for t in titles) == 1, titles
        assert titles.count(f"{solution} {exercise} 3.{n}") == 1, titles
    assert f'{solution} <a class="reference internal" href="#ex-3-2">{exercise} 3.2</a>' in html
    assert not [t for t in titles if re.match(rf"{exercise} \(|{exercise} \d+$", t)], titles
