"""The theme's stylesheets without the rules no page can use (bookbuild.unusedcss): what a rule needs to stay."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bookbuild import unusedcss
from bookbuild.pageassets import theme_static

CSS = """@charset "UTF-8";
/* a comment */
:root{--bs-blue:#0d6efd}
p,.lead{margin:0}
.modal{display:none}
.modal.show,.toast.show{display:block}
#pst-back-to-top{top:1rem}
.btn:not(.collapsed)>.icon{color:red}
.dropdown-menu[data-bs-popper]{left:0}
@media (min-width:960px){.bd-sidebar{width:20%}.offcanvas{width:0}}
@media print{.carousel{display:none}}
@font-face{font-family:x;src:url(../vendor/x.woff2)}
@keyframes spin{to{transform:rotate(1turn)}}
"""
USED = {"show", "modal", "btn", "bd-sidebar", "pst-back-to-top", "dropdown-menu"}


def test_a_rule_stays_when_a_page_or_script_has_every_class_and_id_it_names():
    out = unusedcss.purge(CSS, USED)
    assert out == (
        '@charset "UTF-8";'
        ":root{--bs-blue:#0d6efd}"
        "p{margin:0}"  # .lead is gone from the list; the element selector stays
        ".modal{display:none}"
        ".modal.show{display:block}"  # .toast is not used, so .toast.show is dropped
        "#pst-back-to-top{top:1rem}"  # .btn:not(.collapsed)>.icon is dropped: no page has .icon
        ".dropdown-menu[data-bs-popper]{left:0}"
        "@media (min-width:960px){.bd-sidebar{width:20%}}"  # and @media print is gone: nothing was left in it
        "@font-face{font-family:x;src:url(../vendor/x.woff2)}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )


@pytest.mark.parametrize(
    ("selector", "used", "kept"),
    [
        (".btn:not(.collapsed)", {"btn"}, True),  # what :not() names never counts against a rule
        (".btn:not(.collapsed)>.icon", {"btn"}, False),  # .icon outside the function does
        (".a:is(.b,.c) .d", {"a", "d"}, True),
        ("[data-theme=dark] .x", {"x"}, True),  # attribute tests never count
        ("a:hover", set(), True),
        (".w-1\\/2", {"w-1", "2"}, True),  # an escaped character: each word of the name is needed
        (".w-1\\/2", {"w-1"}, False),
        ("#main .y", {"main"}, False),
    ],
)
def test_which_selectors_count_as_used(selector, used, kept):
    assert used.issuperset(unusedcss.needs(selector)) is kept


def test_the_words_of_an_edition_come_from_its_pages_and_scripts_not_its_search_index(tmp_path: Path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "page.html").write_text('<div class="bd-main shown">', encoding="utf-8")
    (tmp_path / "_static" / "theme.js").write_text('el.classList.add("collapsing")', encoding="utf-8")
    (tmp_path / "searchindex.js").write_text("Search.setIndex({terms: {tooltip: 1}})", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("offcanvas", encoding="utf-8")
    words = unusedcss.words(tmp_path)
    assert {"bd-main", "shown", "collapsing"} <= words
    assert "tooltip" not in words and "offcanvas" not in words


def _theme_font() -> Path:
    return theme_static() / unusedcss.ICON_FONT


def test_the_glyphs_a_stylesheet_names_literal_or_escaped():
    css = 'a:after{content:"\uf0f3"} b:after{content:"\\f107"} c{content:"\\f10"} d{content:"\\e0050"} e{content:"x"}'
    assert unusedcss.icon_codepoints(css) == {0xF0F3, 0xF107}


def test_the_icon_font_keeps_the_glyphs_asked_for_with_their_outlines_and_no_other(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    asked = {0xF0F3, 0xF071, 0xF05A}  # bell, triangle, circled i: the admonitions' default, warning and note
    monkeypatch.setattr(unusedcss, "CACHE", tmp_path / "first")
    data = unusedcss.subset_font(_theme_font(), asked)
    monkeypatch.setattr(unusedcss, "CACHE", tmp_path / "second")
    assert data == unusedcss.subset_font(_theme_font(), asked)  # the same bytes each time
    assert (tmp_path / "second").is_dir() and unusedcss.subset_font(_theme_font(), asked) == data  # and from the cache
    assert len(data) < 3_000 < 150_000 < _theme_font().stat().st_size
    ours, theirs = TTFont(io.BytesIO(data)), TTFont(_theme_font())
    assert set(ours.getBestCmap()) == asked
    for codepoint in asked:
        mine, original = ours.getBestCmap()[codepoint], theirs.getBestCmap()[codepoint]
        assert (
            ours["glyf"][mine].getCoordinates(ours["glyf"])[0]
            == theirs["glyf"][original].getCoordinates(theirs["glyf"])[0]
        )
        assert ours["hmtx"][mine] == theirs["hmtx"][original]
