"""Generated prose quotes no third value.

Every number in a chart's caption and description (its alt text) and in a table's
caption must be a value of the data package (as printed or corrected by the errata
that stand), a value the ledger states (a printed claim, a recomputed value, the
arithmetic or the evidence of an erratum), or a count of the items drawn. The case
that motivated the test: Chart 3.1 said the nine regions put 73.8% into innovation
infrastructure, a share of the parts' sum that the paper prints nowhere (it prints
69.8% and 75.7%).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from regional_policy import charts, claims, errata, maps, tables
from regional_policy.params import Chapter, Parameters

NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
FIGURES = [
    charts.timeline,
    charts.income,
    charts.income_ratio,
    charts.ripp_first_stage,
    charts.ripp_national_share,
    charts.investment_shares,
    charts.budget,
    charts.rsip_growth,
    maps.figure1_tiles,
    maps.figure2_tiles,
    maps.overlap_chart,
    maps.old_complexes_map,
]
TABLES = [tables.table1, tables.table2, tables.table3, tables.table4, tables.table5, tables.rsip]
# Reviewed exceptions, each with its reason: (figure number, number as shown).
ALLOWED = {
    ("1.1", "2014"): "the end of the time axis, one year after the last dated event (2013)",
    ("4.1", "200"): "a round bound: the RSIP totals, 197 and 182 billion KRW, stay below it",
    (
        "2.3",
        "37.0",
    ): "the national share of the total invested, 702.3 / 1,897.0, both printed and named in the sentence",
}


def _norm(text: str) -> str:
    return text.replace(",", "")


# Korean amounts (numbers.won): "1조 8,970억 원" is 18,970 (100 million KRW, the unit of Table 4) or 1,897.0
# (billion KRW, Tables 3 and 5); "367만 5,400원" is 3,675.4 thousand KRW (Table 2).
EOK = re.compile(r"(?:(\d+)조\s*)?(\d{1,3}(?:,\d{3})+|\d+)억(?:\s*원)?|(\d+)조(?:\s*원)")
MAN = re.compile(r"(\d+)만(?:\s*(\d{1,3}(?:,\d{3})+|\d+)(천)?)?\s*원")


def _korean_amounts(text: str) -> tuple[str, list[str]]:
    """The text without its Korean amounts, and each amount in the units of the data (as number strings)."""
    found: list[str] = []

    def eok(m):
        jo = int(m.group(1) or m.group(3) or 0)
        value = jo * 10_000 + int(_norm(m.group(2) or "0"))
        found.append(f"{value}|{value / 10:g}|{value / 10:.1f}")
        return " "

    def man(m):
        rest = int(_norm(m.group(2) or "0")) * (1000 if m.group(3) else 1)
        thousand = (int(m.group(1)) * 10_000 + rest) / 1000
        found.append(f"{thousand:g}|{thousand:.1f}")
        return " "

    return MAN.sub(man, EOK.sub(eok, text)), found


def _numbers(text: str) -> list[str]:
    text, amounts = _korean_amounts(text)
    return amounts + [_norm(m) for m in NUMBER.findall(text)]


def _allowed(token: str, allowed: set[str]) -> bool:
    return any(t in allowed for t in token.split("|"))


def _forms(x: float) -> set[str]:
    out = set()
    for d in range(0, 4):
        out.add(f"{x:.{d}f}")
    if float(x).is_integer():
        out.add(str(int(x)))
    return out


def allowed_values(data) -> set[str]:
    fixed = errata.apply(data)[0]
    out: set[str] = set()
    for d in (data, fixed):
        for name in d:
            for col in d[name].columns:
                for v in d[name][col].dropna():
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        out |= _forms(float(v))
                    else:
                        out |= set(_numbers(str(v)))
    ledger = claims.ledger(data)
    for v in ledger["recomputed"].dropna():
        out |= _forms(float(v))
    for col in ("printed", "arithmetic", "interval"):
        for text in ledger[col].astype(str):
            out |= set(_numbers(text))
    for text in pd.concat([data["errata"]["evidence"], data["errata"]["corrected"]]):
        out |= set(_numbers(str(text)))
    return out


@pytest.fixture(scope="module")
def allowed(data) -> set[str]:
    return allowed_values(data)


def _chapters(data):
    for which in ("as_printed", "corrected"):
        used = errata.apply(data)[0] if which == "corrected" else data
        for lang in ("en", "ko"):
            yield Chapter(Parameters(lang=lang, errata=which), used, data)


def _is_count(token: str) -> bool:
    """A small whole number: how many items a chart draws (regions, milestones, industries)."""
    return token.isdigit() and int(token) <= 100


def test_korean_amounts_are_read_in_the_units_of_the_data():
    assert _numbers("1조 8,970억 원 가운데 7,023억 원(37.0%)") == ["18970|1897|1897.0", "7023|702.3|702.3", "37.0"]
    assert _numbers("367만 5,400원, 약 48만 2천 원") == ["3675.4|3675.4", "482|482.0"]


def test_chart_captions_and_descriptions_quote_no_third_value(data, allowed):
    bad = []
    for ch in _chapters(data):
        for fn in FIGURES:
            fig = fn(ch)
            for token in _numbers(f"{fig.caption} {fig.description}"):
                if _allowed(token, allowed) or _is_count(token) or (fig.number, token) in ALLOWED:
                    continue
                bad.append((ch.params.errata, ch.lang, fig.number, token))
    assert not bad, bad


def test_table_captions_quote_no_third_value(data, allowed):
    bad = []
    for ch in _chapters(data):
        for fn in TABLES:
            caption = str(fn(ch).styler.caption or "")
            caption = re.sub(r"<[^>]+>", " ", caption)
            bad += [(fn.__name__, t) for t in _numbers(caption) if not _allowed(t, allowed) and not _is_count(t)]
    assert not bad, bad


def test_chart_3_1_quotes_the_printed_share(data):
    for ch in _chapters(data):
        desc = charts.investment_shares(ch).description
        assert "69.8" in desc and "73.8" not in desc


def test_chart_2_2_names_only_the_years_rounding_cannot_explain(data):
    printed, fixed = list(_chapters(data))[0], list(_chapters(data))[2]
    assert printed.params.errata == "as_printed" and fixed.params.errata == "corrected"
    assert charts.income_ratio(printed).description.endswith("1980.")
    assert "1970" not in charts.income_ratio(printed).description.split(";")[-1]
    assert charts.income_ratio(fixed).description.endswith("none.")


def test_the_check_would_catch_a_third_value(allowed):
    assert "73.8" not in allowed and "69.8" in allowed and "75.7" in allowed
