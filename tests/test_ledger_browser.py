"""The claims ledger of the report page in the browser (``regional_policy.report.ledger``, ``_static/ledger.js``).

Its rows are in a closed ``<details>`` when the page loads, so that a phone does not lay out 265 rows before the
reader can scroll (issue 14: Lighthouse's blocking time on the report pages). Its summary opens it, and so do a
filter, ``?section=...`` in the address, a link to one claim (``#claim-...``) and printing.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

import regional_policy
from regional_policy import claims

PAGES = {"en": "book/07-report.html", "ko": "ko/07-report.html"}
SUMMARY = {"en": "All {n} numbers of the ledger", "ko": "원장의 수치 {n}개 전체"}
SHOWN = "() => [...document.querySelectorAll('#ledger-table tbody tr')].filter(tr => tr.checkVisibility()).length"


@pytest.fixture(scope="module")
def ledger():
    return claims.ledger(regional_policy.load())


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 412, "height": 823})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_ledger_is_closed_when_the_page_loads_and_its_summary_opens_it(page, site_url, ledger, lang):
    page.goto(site_url + PAGES[lang], wait_until="networkidle")
    assert page.evaluate(SHOWN) == 0
    summary = page.locator("details.rp-ledger-rows > summary")
    assert summary.inner_text() == SUMMARY[lang].format(n=len(ledger))
    summary.click()
    assert page.evaluate(SHOWN) == len(ledger) == 265


def test_a_link_to_one_claim_opens_the_ledger_at_its_row(page, site_url, ledger):
    claim = ledger["id"].iloc[200]
    page.goto(f"{site_url}{PAGES['en']}#claim-{claim}", wait_until="networkidle")
    assert page.evaluate(SHOWN) == len(ledger)
    top = page.evaluate(f"() => document.getElementById('claim-{claim}').getBoundingClientRect().top")
    assert 0 <= top < 823, top


def test_a_filter_opens_the_ledger_and_counts_the_rows_it_keeps(page, site_url, ledger):
    page.goto(site_url + PAGES["en"], wait_until="networkidle")
    page.fill('[data-filter="text"]', "Busan")
    shown = page.evaluate(SHOWN)
    assert 0 < shown < len(ledger)
    assert page.locator(".rp-ledger-count").inner_text() == f"{shown} / {len(ledger)}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_section_in_the_address_opens_the_ledger_with_that_sections_rows(page, site_url, ledger, lang):
    page.goto(f"{site_url}{PAGES[lang]}?section={quote('Table 3')}", wait_until="networkidle")
    assert page.evaluate(SHOWN) == int((ledger["section"] == "Table 3").sum()) > 0


def test_printing_shows_every_row_of_the_closed_ledger_without_its_summary(page, site_url, ledger):
    page.goto(site_url + PAGES["en"], wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.evaluate(SHOWN) == len(ledger)
    assert not page.locator("details.rp-ledger-rows > summary").is_visible()
