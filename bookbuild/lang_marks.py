"""English that the Korean edition keeps on purpose, marked ``lang="en"``.

The glossary's headwords are the paper's English terms (the Korean name leads each definition), and each
definition gives the English name as the paper prints it; the general index lists the same headwords. The
references page quotes the paper's citations as printed and the original titles of English works. In the
Korean edition those English words are marked as English, for screen readers (they switch voice) and for the
check of the Korean site, which leaves out elements marked as another language (tests/test_korean_site.py).
Acronyms (no lower-case letter) are left unmarked: Korean text writes them so (the site check's allow-list).
"""

from __future__ import annotations

import re

HANGUL = re.compile(r"[가-힣]")
# a glossary term: <dt id="term-Block-grant">Block grant<a class="headerlink" ...
TERM = re.compile(r'<dt id="(term-[^"]*)">([^<]*)')
# an index entry pointing at a glossary term: <a href="glossary.html#term-BT"><strong>BT</strong></a>
INDEX_ENTRY = re.compile(r'(<a href="[^"]*#term-[^"]*")>((?:<strong>)?)([^<]*)')
# pages whose every run of English words is a name or a quotation kept in English on purpose
ENGLISH_NAMES = {"glossary", "references"}
# a run of Latin-script words (with the digits, ampersands and punctuation inside a name or a citation)
# (never starting inside an entity such as &amp;)
WORD = r"[A-Za-z0-9][A-Za-z0-9'’.\-]*"
LATIN_RUN = re.compile(
    r"(?<![&#A-Za-z0-9])[A-Za-z]" + WORD[len("[A-Za-z0-9]") :] + r"(?:[ ,:]+(?:&amp;|" + WORD + "))*"
)
# the index's letters: the jump bar <a href="#C"><strong>C</strong></a> and the headings <h2 id="C">C</h2>
INDEX_LETTER = re.compile(r'<(a href="#|h2 id=")([A-Z])(">(?:<strong>)?\2<)')
TEXT = re.compile(r'(?<!lang="en")>([^<]+)<')  # a text node, unless its element is already marked


CODE_OR_SCRIPT = re.compile(r"(<(script|style|code|pre)\b.*?</\2>)", re.S)


def _outside_code(body: str, change) -> str:
    """``body`` with ``change`` applied to what lies outside scripts, styles and code."""
    out, end = [], 0
    for m in CODE_OR_SCRIPT.finditer(body):
        out += [change(body[end : m.start()]), m[0]]
        end = m.end()
    return "".join(out) + change(body[end:])


def _text_node(m: re.Match) -> str:
    return ">" + LATIN_RUN.sub(_span, m[1]) + "<"


def _latin(text: str) -> bool:
    return bool(text.strip()) and not HANGUL.search(text)


def _span(m: re.Match) -> str:
    run = re.sub(r"(?:[ ,:.]|&amp;)+$", "", m[0])
    if not re.search(r"[a-z]", run):
        return m[0]
    return f'<span lang="en">{run}</span>{m[0][len(run) :]}'


def mark_english(body: str, pagename: str) -> str:
    """``body`` of a Korean page with its deliberate English marked; other pages unchanged."""
    page = pagename.split("/")[-1]
    if page in ENGLISH_NAMES:
        body = TERM.sub(lambda m: f'<dt id="{m[1]}" lang="en">{m[2]}' if _latin(m[2]) else m[0], body)
        body = _outside_code(body, lambda part: TEXT.sub(_text_node, part))
    elif page == "genindex":
        body = INDEX_ENTRY.sub(lambda m: f'{m[1]} lang="en">{m[2]}{m[3]}' if _latin(m[3]) else m[0], body)
        body = INDEX_LETTER.sub(lambda m: f'<{m[1]}{m[2]}" lang="en{m[3]}', body)
    return body
