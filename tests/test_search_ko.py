"""Korean search finds what the Korean pages contain (issue 15, item 9).

The terms come from the term table (``data/terms.csv``): every preferred Korean name, each of its words, and
the nouns a compound is made of (국가균형발전 -> 국가, 균형, 발전). For each term, the Korean pages whose visible
text (the article, as a reader sees it) contains it are compared with the pages the site's own search code
lists for it (``Search._parseQuery`` and ``Search._performSearch`` of the built search page, with the Korean
query splitting of ``bookbuild/search_ko.js``). Recall over all (term, page) pairs must reach 95%; the misses
are listed. One search is also run through the search page's form, as a reader would, and must list the same
pages. The Korean index must hold particle-free stems, and no table cells run together.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECALL = 0.95
SPLIT = re.compile(r"[\s·/,()]+")

ARTICLE_TEXT = """() => {
  const a = document.querySelector('article.bd-article');
  return a ? a.innerText.replace(/\\s+/g, ' ') : '';
}"""

SEARCH = """(terms) => terms.map(term => {
  const parsed = Search._parseQuery(term);
  return [term, [...parsed[1]], Search._performSearch(...parsed).map(r => r[0])];
})"""


def term_list() -> list[str]:
    from bookbuild.search_ko import terms as index_terms

    with open(ROOT / "data" / "terms.csv", encoding="utf-8", newline="") as fh:
        preferred = [row["ko"] for row in csv.DictReader(fh)]
    out = set(preferred)
    for term in preferred:
        words = [w for w in SPLIT.split(term) if w]
        out.update(w for w in words if len(w) >= 2)
        for word in words:  # compound parts: the nouns Kiwi finds in the term, two syllables or more
            out.update(p for p in index_terms(word) if len(p) >= 2 and re.fullmatch(r"[가-힣]+", p))
    return sorted(out)


def korean_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site / "ko").as_posix()
        for p in (site / "ko").rglob("*.html")
        if not {"_static", "_sources"} & set(p.relative_to(site / "ko").parts)
        and p.name not in ("search.html", "genindex.html")
    )


@pytest.fixture(scope="module")
def page_texts(browser, site, site_url) -> dict[str, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    texts = {}
    try:
        for name in korean_pages(site):
            page.goto(f"{site_url}ko/{name}", wait_until="load")
            texts[name.removesuffix(".html")] = page.evaluate(ARTICLE_TEXT)
    finally:
        context.close()
    return texts


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(f"{site_url}ko/search.html", wait_until="load")
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()", timeout=30_000)
    yield page
    context.close()


def test_the_korean_search_page_uses_the_korean_search_language(site):
    language_data = (site / "ko" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "var splitQuery" in language_data and "ENDINGS" in language_data
    index = (site / "ko" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    # stems without particles, and compound parts
    for stem in ("균형", "균형발전", "전략산업", "선도산업", "특별회계"):
        assert stem in terms, f"{stem!r} is not an index term"
    with_particles = sorted(t for t in terms if re.fullmatch(r"(선도산업|전략산업)(과|은|는|을|를|의|이|가)", t))
    assert not with_particles, f"terms with a particle attached: {with_particles}"
    # table cells do not run together (digits glued to Hangul, as in '0020재현됨')
    glued = sorted(t for t in terms if re.fullmatch(r"\d{3,}[가-힣]{2,}.*", t))
    assert len(glued) <= 5, f"table cells run together into terms: {glued[:20]}"


def test_the_query_is_read_like_the_index(search_page):
    parsed = dict((t, q) for t, q, _ in search_page.evaluate(SEARCH, ["균형발전을", "선도산업은", "균형발전정책"]))
    assert parsed["균형발전을"] == ["균형발전"], parsed
    assert parsed["선도산업은"] == ["선도산업"], parsed
    # a compound the index does not hold whole is split into indexed parts (which ones depends on the index)
    parts = parsed["균형발전정책"]
    assert len(parts) >= 2 and "".join(parts) == "균형발전정책", parsed


def test_korean_search_recall_over_the_term_table(page_texts, search_page, artifacts):
    terms = term_list()
    assert len(terms) >= 80, len(terms)
    found = {t: set(pages) for t, _, pages in search_page.evaluate(SEARCH, terms)}
    expected = {t: {p for p, text in page_texts.items() if t in text} for t in terms}
    pairs = sum(len(v) for v in expected.values())
    misses = {t: sorted(expected[t] - found[t]) for t in terms if expected[t] - found[t]}
    hit = pairs - sum(len(v) for v in misses.values())
    report = {
        "recall": hit / pairs if pairs else None,
        "pairs": pairs,
        "misses": misses,
        "terms": {t: {"pages": len(expected[t]), "found": len(expected[t] & found[t])} for t in terms},
    }
    (artifacts / "search-ko-recall.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    assert pairs >= 300, f"the term list hits only {pairs} (term, page) pairs"
    assert hit / pairs >= RECALL, (
        f"Korean search recall {hit}/{pairs} = {hit / pairs:.1%} < {RECALL:.0%}; misses: {misses}"
    )


def test_a_search_typed_on_the_page_lists_what_the_search_code_finds(browser, site_url, search_page):
    term = "균형"
    expected = search_page.evaluate(SEARCH, [term])[0][2]
    assert len(expected) >= 10, f"{term!r} found only {expected}"
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    try:
        page.goto(f"{site_url}ko/search.html?q={quote(term)}", wait_until="load")
        page.wait_for_function(
            "() => (document.querySelector('#search-results .search-summary') || {}).textContent", timeout=30_000
        )
        page.wait_for_function(
            "(n) => document.querySelectorAll('#search-results ul.search li a').length >= n", arg=len(expected)
        )
        hrefs = page.eval_on_selector_all("#search-results ul.search > li > a", "els => els.map(a => a.href)")
        summary = page.text_content("#search-results .search-summary")
    finally:
        context.close()
    listed = {h.split("/ko/", 1)[1].split("?")[0].split("#")[0].removesuffix(".html") for h in hrefs}
    assert listed == set(expected)
    assert re.search(r"[가-힣]", summary) and str(len(expected)) in summary, summary
