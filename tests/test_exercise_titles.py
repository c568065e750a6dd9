"""Exercise and solution titles carry the chapter's number in the edition's words (bookbuild.exercise_titles):
a small Sphinx project with the book's extension order and catalogues, built in both languages (a few seconds)."""

from __future__ import annotations

import re

import pytest
from sphinx import locale

from bookbuild import catalogues

CONF = """
extensions = ["sphinx_exercise", "bookbuild.exercise_titles"]
language = {lang!r}
def setup(app):
    from bookbuild import catalogues
    app.connect("config-inited", catalogues.install, priority=100)
"""

INDEX = """
Chapter
=======

.. exercise:: 3.1 Finding *Table 4*'s unit
   :label: ex-3-1
   :nonumber:

   Divide one total by the other.

.. solution:: ex-3-1

   The ratio is 10.0.

.. exercise:: A question with no number
   :label: ex-free
   :nonumber:

   Anything.
"""


def _titles(html: str) -> list[str]:
    found = re.findall(r'<p class="admonition-title">(.*?)</p>', html, re.S)
    return [re.sub(r"<[^>]+>", "", t).strip() for t in found]


@pytest.fixture
def build(tmp_path):
    from sphinx.application import Sphinx

    saved = dict(locale.translators)

    def run(lang: str) -> str:
        src = tmp_path / lang
        src.mkdir()
        (src / "conf.py").write_text(CONF.format(lang=lang), encoding="utf-8")
        (src / "index.rst").write_text(INDEX, encoding="utf-8")
        locale.translators.clear()  # catalogues are process-wide: each edition starts from none
        app = Sphinx(src, src, src / "_build" / "html", src / "_build" / "doctrees", "html", status=None)
        app.build()
        return (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")

    yield run
    locale.translators.clear()
    locale.translators.update(saved)


def test_english_titles_carry_the_chapter_number(build):
    html = build("en")
    assert _titles(html) == [
        "Exercise 3.1: Finding Table 4’s unit",
        "Solution to Exercise 3.1",
        "Exercise (A question with no number)",  # no number in its title: sphinx-exercise's own title
    ]
    # the solution's title links to its exercise; the exercise keeps its inline markup
    assert re.search(r'Solution to <a class="reference internal" href="#ex-3-1">Exercise 3\.1</a>', html)
    assert "<em>Table 4</em>" in html


def test_korean_titles_use_the_words_of_the_catalogue(build):
    html = build("ko")
    word = catalogues.read(catalogues.LOCALE / "ko" / "LC_MESSAGES" / "exercise.po")
    exercise, solution = word["Exercise"].string, word["Solution to"].string
    assert (exercise, solution) == ("연습문제", "해답:")
    assert _titles(html) == [
        f"{exercise} 3.1: Finding Table 4’s unit",
        f"{solution} {exercise} 3.1",
        f"{exercise} (A question with no number)",
    ]
