"""English that the Korean edition keeps on purpose, marked ``lang="en"``.

The glossary's headwords are the paper's English terms (the Korean name leads each definition), and each
definition gives the English name in brackets; the general index lists the same headwords. In the Korean
edition those English words are marked as English, for screen readers (they switch voice) and for the
check of the Korean site, which leaves out elements marked as another language (tests/test_korean_site.py).
"""

from __future__ import annotations

import re

HANGUL = re.compile(r"[가-힣]")
# a glossary term: <dt id="term-Block-grant">Block grant<a class="headerlink" ...
TERM = re.compile(r'<dt id="(term-[^"]*)">([^<]*)')
# an index entry pointing at a glossary term: <a href="glossary.html#term-BT"><strong>BT</strong></a>
INDEX_ENTRY = re.compile(r'(<a href="[^"]*#term-[^"]*")>((?:<strong>)?)([^<]*)')
# an English name in brackets inside a definition: (Economic Region Development Committee)
BRACKETED = re.compile(r"\(((?:[A-Z][A-Za-z&'.,-]*)(?: [A-Za-z&'.,-]+)+)([.)])")


def _latin(text: str) -> bool:
    return bool(text.strip()) and not HANGUL.search(text)


def mark_english(body: str, pagename: str) -> str:
    """``body`` of a Korean page with its deliberate English marked; other pages unchanged."""
    page = pagename.split("/")[-1]
    if page == "glossary":
        body = TERM.sub(lambda m: f'<dt id="{m[1]}" lang="en">{m[2]}' if _latin(m[2]) else m[0], body)
        body = BRACKETED.sub(lambda m: f'(<span lang="en">{m[1]}</span>{m[2]}', body)
    elif page == "genindex":
        body = INDEX_ENTRY.sub(lambda m: f'{m[1]} lang="en">{m[2]}{m[3]}' if _latin(m[3]) else m[0], body)
    return body
