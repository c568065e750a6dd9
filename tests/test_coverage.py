"""Every number of the paper's text has a row in the claims ledger.

The test reads the paper's text (``../shared/paper/``), leaves out the data tables
(Tables 2 to 5 are checked cell by cell from their data files), finds every number in
digits and every number word ("four", "a couple", "half", "doubled", ...), and counts
each token against the ``printed`` quotations of ``data/claims.csv``: a token printed
three times in the text needs three quotations that hold it. What it does not count is
the small, reviewed allow-list below, one pattern per kind of number, with the reason.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import DATA, ROOT, read_rows

PAPER = ROOT.parent / "shared" / "paper"
WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirty",
    "sixty-five",
    "couple",
    "half",
    "doubled",
    "twice",
]
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|\b(" + "|".join(WORDS) + r")\b", re.I)

# (pattern, reason): every match of the pattern is left out of the count.
ALLOWED = [
    (r"^\s*\d\.\s+[A-Z][a-z]", "a section number (the heading of sections 1 to 5)"),
    (r"\b(?:Table|Figure)\s+\d\b", "a table or figure number in a caption or a reference (the tables are data files)"),
    (
        r"\((?:[A-Z][A-Za-z&.]*(?:\s+(?:&\s+)?[A-Z][A-Za-z]*)*(?:\s+et\s+al)?,?\s+)?\d{4}\)|World Bank\s+\(\d{4}\)",
        "a citation year, e.g. (Kim, 2009): when a source was published, not a finding",
    ),
    (r"(?<![\w.])\d\)", "a list marker, 1) to 4): the count of the list is a row"),
    (
        r"\b\d(?:st|nd|rd)\b(?!\s+year)",
        "an ordinal naming a stage or plan (1st stage, 2nd stage); the stages' dates are rows",
    ),
    (r"\b[Oo]ne\s+of\b|\bOne key\b|-driven one\b|\bthe one hand\b", "'one' as a pronoun or idiom, not a count"),
    (r"Four-rive", "part of a project's name (the Four-river project), not a count"),
    (
        r"(?:\d regions\s*\n)?\(\d{4}~\d{4}\)",
        "a column header of Table 3 or 4 (programme and period), printed after the table body; in the data files",
    ),
    (
        r"^ Kim Administration\s*\(1998-2003\)\s*Roh Administration \(2003-2008\) Lee Administration \(2008-\)",
        "Table 1's column headers repeated at the top of its second page (the first page's are rows)",
    ),
]


def _text_without_data_tables(text: str) -> list[str]:
    out, skip = [], False
    for line in text.split("\n"):
        if re.match(r"\s*Table [2345]\. ", line):
            skip = True
        if skip:
            if line.strip().startswith("Source:"):
                skip = False
            continue
        out.append(line)
    return out


def _tokens(line: str) -> list[str]:
    return [(m.group(1) or m.group(2)).lower() for m in NUMBER.finditer(line)]


def _allowed_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern, _ in ALLOWED for m in re.finditer(pattern, text, re.M)]


def paper_tokens(text: str) -> Counter:
    """Numbers of the text outside the data tables and the allow-list (patterns may span lines)."""
    body = "\n".join(_text_without_data_tables(text))
    spans = _allowed_spans(body)
    counts: Counter = Counter()
    for m in NUMBER.finditer(body):
        if not any(a <= m.start() < b for a, b in spans):
            counts[(m.group(1) or m.group(2)).lower()] += 1
    return counts


def ledger_tokens() -> Counter:
    counts: Counter = Counter()
    for row in read_rows(DATA / "claims.csv"):
        counts.update(_tokens(row["printed"]))
    return counts


@pytest.fixture(scope="module")
def paper_text() -> str:
    files = sorted(PAPER.glob("*.txt")) if PAPER.is_dir() else []
    if not files:
        pytest.skip(f"the paper's text is not available at {PAPER} (it is not part of the book's repository)")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def test_every_number_of_the_text_has_a_row(paper_text):
    found, covered = paper_tokens(paper_text), ledger_tokens()
    missing = {t: n - covered[t] for t, n in found.items() if n > covered[t]}
    assert not missing, f"numbers of the paper with no (or too few) rows in claims.csv: {missing}"


def test_the_scan_finds_numbers_in_digits_and_words():
    sample = "In 2003, four regions and a couple of projects; 1,547 billion; 75.7%; (Kim,\n2009);\n3. Systematizing"
    assert paper_tokens(sample) == Counter({"2003": 1, "four": 1, "couple": 1, "1,547": 1, "75.7": 1})


def test_each_allowed_pattern_is_used_and_has_a_reason(paper_text):
    for pattern, reason in ALLOWED:
        assert len(reason) > 20, pattern
        hits = re.findall(pattern, "\n".join(_text_without_data_tables(paper_text)), re.M)
        assert hits, f"allow-list pattern {pattern!r} matches nothing: remove it"


def test_an_uncovered_number_would_fail(paper_text):
    found = paper_tokens(paper_text + "\nA sentence with 4,321 new firms.")
    assert found["4,321"] == 1 and ledger_tokens()["4,321"] == 0
