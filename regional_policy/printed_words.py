"""How the Korean edition shows a value the paper prints in English words.

A claim's ``printed`` cell quotes the paper ('1,897 billion', 'four', 'doubled between 2007 and 2010'). The Korean
ledger shows the number the ledger checks exactly as printed when the phrase holds it ('1,897'); otherwise the
phrase rendered in Korean, from the claim's ``printed_ko`` column ('넷', '2007년과 2010년 사이에 두 배가 되었다').
A phrase without English words ('1993-1998') is shown as printed. :func:`needs_korean` is the one rule: the
validation of ``claims.csv`` (:mod:`.claims.engine`) and the ledger (:mod:`.report`) both use it.
"""

from __future__ import annotations

import re

LATIN = re.compile(r"[A-Za-z]{2,}")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def printed_number(printed: str, value: float) -> str | None:
    """The number in a printed phrase that the ledger checks, exactly as printed ('1,897 billion' -> '1,897');
    None when the phrase holds no such number (a number written as a word: 'four', 'doubled')."""
    tokens = NUMBER.findall(printed)
    same = [t for t in tokens if float(t.replace(",", "")) == value]
    return same[0] if same else None


def needs_korean(printed: str, value: float) -> bool:
    """Whether the Korean edition needs the phrase in Korean: it has English words and no number to show instead."""
    return bool(LATIN.search(printed)) and printed_number(printed, value) is None


def shown(printed: str, value: float, printed_ko: str, lang: str) -> str:
    """The printed value as the edition shows it (plain text): English as printed; Korean: the number as printed,
    the Korean rendering, or the phrase itself when it has no English words."""
    if lang == "en" or not LATIN.search(printed):
        return printed
    return printed_number(printed, value) or printed_ko
