"""Search that works in Korean: the index holds word stems and compound parts, the query is read the same way.

Sphinx has no Korean search language: it indexes every space-separated word with its particles attached
(선도산업과, 선도산업은 ... are different terms) and never the parts of a compound (균형 is only ever inside
균형발전, so searching 균형 finds nothing). :class:`SearchKorean` analyses the text at build time with Kiwi
(kiwipiepy): each run of content morphemes written together (nouns, roots, numbers, Latin words, noun
prefixes and suffixes) is indexed whole and in every contiguous part - 지역산업진흥사업의 gives 지역산업진흥사업,
지역, 산업, 진흥, 사업, 지역산업, 산업진흥, ..., and never its particle 의.

In the browser (``search_ko.js``, Sphinx's ``splitQuery`` for this language) the reader's words are
split at spaces and punctuation; a word is looked up as typed, else with a particle or ending stripped
(균형발전을 -> 균형발전), else as a sequence of indexed terms (균형발전정책 -> 균형발전 + 정책), which must all
occur on a page.

For both editions, raw HTML (the tables and notes the notebooks write) is indexed with a space at every
tag but the inline ones, so that two table cells never run together into one term (``0020재현됨``).

Kiwi takes seconds to load its model and analyse a whole edition, and most text is the same from one build to the
next: the terms of each text are kept in ``.cache/search-ko/`` under a hash of the analyser (kiwipiepy's version and
this module), so a build analyses only the text it has not seen. The cache keeps what the last build used.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from importlib.metadata import version
from pathlib import Path

from docutils import nodes
from sphinx.search import SearchLanguage

from regional_policy.paths import ROOT

# The query side, embedded by Sphinx in the Korean edition's language_data.js. Not in _static/: Jupyter Book
# loads every .js file under _static/ on every page of the English edition, where it would replace the
# English query splitting.
SCRIPT = Path(__file__).with_name("search_ko.js")
# morphemes that a compound is made of: common and proper nouns, bound nouns, numerals, roots, foreign words,
# Hanja, numbers, noun prefixes and suffixes (Sejong tag set, as Kiwi uses it)
CONTENT = frozenset({"NNG", "NNP", "NNB", "NR", "XR", "SL", "SH", "SN", "XPN", "XSN"})
LONGEST_PART = 8  # morphemes; a longer run is indexed whole and in parts of at most this many
# every tag but the inline ones that may sit inside a word (<b>균형</b>발전): cells, paragraphs, SVG text ...
BLOCK_TAG = re.compile(
    r"<(?!/?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var"
    r"|wbr)\b)[^>]*>",
    re.I,
)


@cache
def _kiwi():
    from kiwipiepy import Kiwi

    # without the typo and multi-word dictionaries: they serve typo correction and multi-word entries, which the
    # index does not use; the terms of every Korean text of the site are the same, and Kiwi loads in half the time
    # and analyses a third faster
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def terms(text: str) -> list[str]:
    """The index terms of a Korean text: every content-morpheme run written together, whole and in parts."""
    out: list[str] = []
    run: list[tuple[int, int]] = []  # (start, end) of the morphemes of the current run

    def flush():
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + LONGEST_PART) + 1):
                out.append(text[run[i][0] : run[j - 1][1]])
        if len(run) > LONGEST_PART:
            out.append(text[run[0][0] : run[-1][1]])
        run.clear()

    for token in _kiwi().tokenize(text):
        start, end = token.start, token.start + token.len
        if token.tag in CONTENT and text[start:end] == token.form:
            if run and run[-1][1] != start:
                flush()
            run.append((start, end))
        else:
            flush()
    flush()
    return out


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    js_splitter_code = SCRIPT.read_text(encoding="utf-8") if SCRIPT.exists() else ""

    def split(self, input: str) -> list[str]:
        return _terms_cached(input) if input.strip() else []

    def stem(self, word: str) -> str:
        return word

    def word_filter(self, word: str) -> bool:
        return any(ch.isalnum() for ch in word)


class _Memo:
    """The terms of the texts analysed before, by the text's hash, for this analyser (the file's name)."""

    folder = ROOT / ".cache" / "search-ko"

    def __init__(self):
        analyser = hashlib.sha256(version("kiwipiepy").encode() + Path(__file__).read_bytes()).hexdigest()[:16]
        self.path = self.folder / f"{analyser}.json"
        try:
            self.known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: analyse again
            self.known = {}
        self.used: dict[str, list[str]] = {}

    def terms(self, text: str) -> list[str]:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.used:
            self.used[key] = self.known[key] if key in self.known else terms(text)
        return self.used[key]

    def save(self) -> None:
        if self.used == self.known:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.used, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


@cache
def _memo() -> _Memo:
    return _Memo()


def _terms_cached(text: str) -> list[str]:
    return _memo().terms(text)


def _save_memo(app, exception) -> None:
    if exception is None and _memo.cache_info().currsize:
        _memo().save()


def spaced(html: str) -> str:
    """Raw HTML with a space after every tag but the inline ones: what Sphinx indexes once it has dropped the tags."""
    return BLOCK_TAG.sub(lambda m: m.group(0) + " ", html)


def _feed_with_spaced_html(feed):
    def wrapped(pagename, filename, title, doctree):
        swapped = []
        for node in doctree.findall(nodes.raw):
            if "html" in node.get("format", "").split() and len(node) == 1 and isinstance(node[0], nodes.Text):
                swapped.append((node, node[0]))
                node[0] = nodes.Text(spaced(node[0].astext()))
        try:
            return feed(pagename, filename, title, doctree)
        finally:
            for node, text in swapped:  # the page itself is written from the untouched doctree
                node[0] = text

    wrapped.rp_spaced = True
    return wrapped


def _space_raw_html(app, doctree, docname):
    """``doctree-resolved``: the HTML builder's indexer exists once writing starts; wrap its ``feed`` once."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None and not getattr(indexer.feed, "rp_spaced", False):
        indexer.feed = _feed_with_spaced_html(indexer.feed)


def setup(app):
    app.add_search_language(SearchKorean)
    app.connect("doctree-resolved", _space_raw_html)
    app.connect("build-finished", _save_memo)
