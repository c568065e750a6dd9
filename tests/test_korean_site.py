"""The built Korean site reads as Korean, and every chart's text fits its chart (issue 15, items 7 and 8).

* The visible text of every Korean page - the interface and the content, with every ``<details>`` opened -
  outside code, math, and elements marked as another language (the switch to the English edition), holds no
  English sentence (three or more Latin-script words in a row) and under 2% Latin-script words. Acronyms,
  romanised names and tool names that a Korean text keeps in Latin letters are allowed, each with its reason,
  in ``tests/korean_site_allowlist.csv``.
* For every chart of both editions, every text element that Vega draws (SVG ``text``) lies inside the chart's
  drawing area (its SVG box, which clips what lies outside).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from visits import TEXT_BOXES

HERE = Path(__file__).parent
ALLOWLIST = HERE / "korean_site_allowlist.csv"
MAX_LATIN_SHARE = 0.02
SENTENCE_WORDS = 3
TOLERANCE = 1.0  # px: anti-aliasing of glyph boxes at the very edge

LATIN_WORD = r"[A-Za-z]+(?:['’.\-][A-Za-z]+)*"
SENTENCE = re.compile(LATIN_WORD + r"(?:[ \u00a0]+" + LATIN_WORD + r"){" + str(SENTENCE_WORDS - 1) + ",}")


def allowlist() -> dict[str, str]:
    with open(ALLOWLIST, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for n, row in enumerate(rows, start=2):
        assert row["word"].strip() and row["reason"].strip(), f"{ALLOWLIST.name}, line {n}: a word needs a reason"
    return {row["word"]: row["reason"] for row in rows}


def english_in(text: str, allowed: set[str]) -> tuple[list[str], int, int]:
    """(English sentences, Latin-script words, all words) of a text, allowed words taken out first."""
    words = re.findall(LATIN_WORD, text)
    kept = re.sub(LATIN_WORD, lambda m: " | " if m.group(0) in allowed else m.group(0), text)
    sentences = [m.group(0) for m in SENTENCE.finditer(kept)]
    latin = [w for w in words if w not in allowed]
    hangul = re.findall(r"\S*[가-힣]\S*", text)
    return sentences, len(latin), len(latin) + len(hangul)


def _pages(lang: str) -> list[str]:
    """The pages an edition's build must hold, from ``_toc.yml`` (known before the build, unlike its output)."""
    import yaml

    from regional_policy.paths import ROOT

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    if lang == "ko":
        return sorted(f"ko/{f.removeprefix('book/')}.html" for f in files + ["genindex", "search"])
    return sorted([f"{f}.html" for f in files] + ["genindex.html", "search.html"])


KOREAN_PAGES = _pages("ko")
ALL_PAGES = _pages("en") + KOREAN_PAGES


def test_the_allowlist_has_reasons_and_no_sentence():
    allowed = allowlist()
    assert len(allowed) >= 10
    assert not [w for w in allowed if " " in w], "the allow-list names single words"


def test_the_checker_finds_english_and_spares_allowed_words():
    allowed = set(allowlist())
    sentences, latin, total = english_in("자료: Ministry of Commerce, Industry & Energy, 2004.", allowed)
    assert sentences == ["Ministry of Commerce"] and latin == 5
    sentences, latin, total = english_in("지역산업진흥사업(RIPP)과 광역경제권 선도산업 육성사업(LINP)", allowed)
    assert sentences == [] and latin == 0 and total == 4


@pytest.mark.parametrize("name", KOREAN_PAGES)
def test_korean_page_has_no_english_sentence(visits, site, name):
    assert (site / name).exists() and name in visits, f"{name} is not in the fresh build"
    allowed = set(allowlist())
    sentences, latin, total = english_in(visits[name].text, allowed)
    assert total > 20, f"{name}: hardly any text ({total} words)"
    share = latin / total
    assert not sentences and share < MAX_LATIN_SHARE, (
        f"{name}: {len(sentences)} English sentence(s), Latin-script words {latin}/{total} = {share:.1%}: "
        + " | ".join(sorted(set(sentences))[:40])
    )


def test_every_page_of_the_fresh_build_is_checked(site):
    fresh = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    fresh = {p for p in fresh if not {"_static", "_sources", "downloads", "data"} & set(p.split("/"))}
    fresh.discard("index.html")  # the redirect to book/index.html
    assert fresh == set(ALL_PAGES), (
        f"built, not checked: {fresh - set(ALL_PAGES)}; checked, not built: {set(ALL_PAGES) - fresh}"
    )


ATTRIBUTE = re.compile(r'<[^>]*?\b(aria-label|title|alt|placeholder)="([^"]*)"')


def test_korean_pages_name_things_in_korean_for_screen_readers(site):
    """What a screen reader says but the eye does not see - labels, titles, alt texts - is Korean too (outside
    elements marked as English, and apart from the allow-list)."""
    import html

    allowed = set(allowlist())
    bad = []
    for name in KOREAN_PAGES:
        page = re.sub(r"<(script|style)\b.*?</\1>", "", (site / name).read_text(encoding="utf-8"), flags=re.S)
        for m in ATTRIBUTE.finditer(page):
            if 'lang="en"' in m.group(0) or 'href="references.html#' in m.group(0):
                continue  # marked English, or a citation's title: the bibliography entry, with its work's own title
            words = [w for w in re.findall(LATIN_WORD, html.unescape(m.group(2))) if w not in allowed]
            if words:
                bad.append(f"{name}: {m.group(1)}={m.group(2)[:80]!r}")
    assert not bad, f"{len(bad)} English attribute(s): " + " | ".join(sorted(set(bad))[:20])


def _static_boxes(browser, url: str) -> list[dict]:
    """Text boxes of the static SVGs a page shows without scripts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        return page.evaluate(TEXT_BOXES, "figure.rp-figure .rp-static")
    finally:
        context.close()


def _outside(box: dict, t: dict) -> list[str]:
    return [
        side
        for side, bad in (
            ("left", t["left"] < box["left"] - TOLERANCE),
            ("right", t["right"] > box["right"] + TOLERANCE),
            ("top", t["top"] < box["top"] - TOLERANCE),
            ("bottom", t["bottom"] > box["bottom"] + TOLERANCE),
        )
        if bad
    ]


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_chart_text_lies_inside_its_chart(visits, browser, site_url, site, name):
    """Drawn by Vega in the browser (measured in the page's one visit) and, where the page has them, the static SVGs
    shown without scripts."""
    assert name in visits, f"{name} was not visited"
    charts = list(visits[name].chart_texts)
    if "rp-static" in (site / name).read_text(encoding="utf-8"):
        static = _static_boxes(browser, site_url + name)  # figures without one: test_browser.py
        charts += [dict(c, id=c["id"] + " (static SVG)") for c in static if c["svg"]]
    outside, unmeasured = [], []
    for chart in charts:
        box = chart["svg"]
        if not box or box["width"] == 0:
            unmeasured.append(chart["id"])
            continue
        for t in chart["texts"]:
            if t["width"] and _outside(box, t):  # an empty or collapsed label draws nothing
                outside.append(f"{chart['id']}: {t['text']!r} crosses the {'/'.join(_outside(box, t))} edge")
    assert not unmeasured, f"{name}: charts with no drawn SVG to measure: {unmeasured}"
    assert not outside, f"{name}: {len(outside)} chart label(s) cut at the chart's edge:\n" + "\n".join(outside)
