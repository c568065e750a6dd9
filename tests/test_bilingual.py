"""Each pair of English and Korean markdown cells cites the same numbers (issue 15, item 5).

The cells of a chapter come in pairs: a ``lang-en`` cell followed by its
``lang-ko`` twin. From each the test takes every number it cites, read in the
edition's style: Korean amounts (1조 8,970억 원, 367만 5,400원) are converted to
the English units (billion KRW, hundred million KRW, thousand KRW), number words
(three, 세 단계) become digits, and ranges (1998-2003, 1998~2003) become their two
years. Code, link targets and labels are left out. The two sets must be equal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "07-report.ipynb")
NUMBER = r"\d[\d,]*(?:\.\d+)?"
EN_WORDS = {  # phrases first: a phrase is taken out of the text before single words are looked for
    "sixty-five": 65, "three in four": 0.75, "four in five": 0.8, "two fifths": 0.4, "a third": 1 / 3, "a quarter": 0.25, "a fifth": 0.2, "one fifth": 0.2,
    "only one": 1, "one year": 1, "half": 0.5, "hundred": 100,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "twice": 2, "both": 2,
    "doubled": 2,
}  # fmt: skip
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
KO_WORDS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}  # 열 is also 'column'
KO_COUNTERS = r"\s(?=[가-힣])"  # a native number word standing before a noun: 세 단계, 두 목록
KO_ALONE = {"둘": 2, "셋": 3, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}  # a number word alone: 넷
KO_PHRASES = {"절반": 0.5}
# numbers only one edition cites, each with its reason (notebook, start of the English cell): numbers, reason
ALLOWED: dict[tuple[str, str], set[float]] = {
    # "right after the 1997-98 crisis ... another decade": 외환위기 직후 ... 다시 10년 (same facts, said differently)
    ("01-introduction", "The first regional programme came five years after"): {1997.0, 1998.0, 10.0},
    # "Every item of both drawings": 지도와 타일 격자에 실린 모든 항목 (the two drawings are named)
    ("05-maps", "Every item of both drawings"): {2.0},
    # "in both editions": 어느 판에서든
    ("08-data", "## Errata"): {2.0},
    # "none for the LINPs": 선도산업은 0%
    ("04-expansionary-phase", "About 41% of the RIPPs' 2011 budget"): {0.0},
}


def _clean(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)  # code blocks
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", " ", text)  # roles: {ref}`...`, {doc}`...`, {cite:p}`...`
    text = re.sub(r"`[^`]*`", " ", text)  # inline code
    text = re.sub(r"\([a-z0-9-]+\)=", " ", text)  # MyST labels
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"§\s?(\d)(?:\s?[-~]\s?§?(\d))?", " ", text)  # section references are words in both
    return text


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def numbers_en(text: str) -> set[float]:
    """The numbers an English cell cites, raw (amounts stay in the paper's units)."""
    text = _clean(text)
    text = re.sub(r"\b(?:100|hundred) million KRW", " KRW", text)  # a unit, not a number cited
    text = re.sub(r"\b(first|second|third)[- ](?:stage|phase)", " ", text)  # ordinals of stages: words in Korean
    out: set[float] = set()
    for i, month in enumerate(MONTHS, start=1):
        if re.search(rf"\b{month}\b", text):
            out.add(float(i))
    text = re.sub(r"(\d{4})\s*[-–]\s*(\d{2,4})\b", lambda m: f" {m.group(1)} {_century(m.group(1), m.group(2))} ", text)
    out |= {_num(x) for x in re.findall(NUMBER, text)}
    for word, value in EN_WORDS.items():
        pattern = rf"\b{word}(?:fold)?\b"
        if re.search(pattern, text, re.I):
            out.add(float(value))
            text = re.sub(pattern, " ", text, flags=re.I)
    return out


def _century(start: str, end: str) -> str:
    return start[:2] + end if len(end) == 2 else end


def _jo(m: re.Match, out: set[float]) -> str:
    out.add(_num(m.group(3)) * 10_000)
    return " "


def numbers_ko(text: str) -> set[float]:
    """The numbers a Korean cell cites: 억/조 amounts in 억 원, 만 원 amounts in thousand won, fractions as values."""
    text = _clean(text)
    out: set[float] = set()

    def amount(m: re.Match) -> str:  # 1조 8,970억 -> 18,970 (억 원); 2조 원 -> 20,000
        jo, eok = (_num(g) if g else 0.0 for g in m.group(1, 2))
        out.add(round(jo * 10_000 + eok, 4))
        return " "

    text = re.sub(
        rf"(?:({NUMBER})조\s*)?({NUMBER})억|({NUMBER})조(?=\s*원)",
        lambda m: amount(m) if m.group(2) else _jo(m, out),
        text,
    )

    def man(m: re.Match) -> str:
        won = _num(m.group(1)) * 10_000 + (_num(m.group(2)) * (1000 if m.group(3) else 1) if m.group(2) else 0)
        out.add(round(won / 1000, 4))  # thousand KRW
        return " "

    text = re.sub(rf"({NUMBER})만(?:\s*({NUMBER})(천)?)?\s*원", man, text)
    text = re.sub(r"(\d{4})\s*~\s*(\d{2,4})(?!\d)", lambda m: f" {m.group(1)} {m.group(2)} ", text)
    text = re.sub(r"(\d+)\s?(?:단계|년 차|차년도)", " ", text)  # ordinals of stages and years: words in English
    for m in re.finditer(r"(\d+)분의\s?(\d+)", text):
        out.add(_num(m.group(2)) / _num(m.group(1)))
    text = re.sub(r"(\d+)분의\s?(\d+)", " ", text)
    out |= {_num(x) for x in re.findall(NUMBER, text)}
    out |= {float(v) for w, v in KO_WORDS.items() if re.search(rf"(?<![가-힣]){w}{KO_COUNTERS}", text)}
    out |= {float(v) for w, v in KO_ALONE.items() if re.search(rf"(?<![가-힣]){w}(?![가-힣])", text)}
    out |= {v for w, v in KO_PHRASES.items() if w in text}
    return out


# a number in English units may appear in Korean units: billion KRW -> 억 원 (x10), trillion -> 억 (x10,000),
# million KRW -> thousand-won values of 만 원 (x1,000)
FACTORS = (1, 10, 1_000, 10_000)


def _same(x: float, values: set[float]) -> bool:
    return any(abs(x - v) < 1e-6 * max(1.0, abs(v)) for v in values)


def pairs():
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for en, ko in zip(cells, cells[1:]):
            tags_en, tags_ko = en.get("metadata", {}).get("tags", []), ko.get("metadata", {}).get("tags", [])
            if en["cell_type"] == ko["cell_type"] == "markdown" and "lang-en" in tags_en and "lang-ko" in tags_ko:
                en_text, ko_text = "".join(en["source"]), "".join(ko["source"])
                yield pytest.param(path.stem, en_text, ko_text, id=f"{path.stem}:{en_text[:40]!r}")


def test_the_converters_read_both_styles():
    assert numbers_ko("네 지역을 더하면 1조 8,970억 원이다") == {18970.0, 4.0}
    assert numbers_en("the four districts add up to 1,897.0 billion KRW") == {1897.0, 4.0}
    assert numbers_ko("2만 4,400원, 48만 2천 원") == {24.4, 482.0}
    assert numbers_ko("1998~2003년, 0.2%p") == {1998.0, 2003.0, 0.2}
    assert numbers_en("1998-2003, 0.2 percentage points") == {1998.0, 2003.0, 0.2}


def difference(en: str, ko: str, allowed: frozenset[float] = frozenset()) -> tuple[set[float], set[float]]:
    """The numbers only the English cell cites, and those only the Korean one cites (after unit conversion)."""
    en_numbers, ko_numbers = numbers_en(en), numbers_ko(ko)
    only_en = {x for x in en_numbers - allowed if not any(_same(x * f, ko_numbers) for f in FACTORS)}
    only_ko = {y for y in ko_numbers - allowed if not any(_same(y / f, en_numbers) for f in FACTORS)}
    return only_en, only_ko


def test_a_different_number_is_caught():
    assert difference("702.3 billion KRW in 2003", "2003년 7,023억 원") == (set(), set())
    assert difference("702.3 billion KRW in 2003", "2003년 7,032억 원") == ({702.3}, {7032.0})
    assert difference("April 2003", "2003년 5월") == ({4.0}, {5.0})
    assert difference("three phases", "네 단계") == ({3.0}, {4.0})


@pytest.mark.parametrize("name, en, ko", list(pairs()))
def test_each_pair_of_cells_cites_the_same_numbers(name, en, ko):
    allowed = next((v for (n, start), v in ALLOWED.items() if n == name and en.startswith(start)), set())
    only_en, only_ko = difference(en, ko, frozenset(allowed))
    assert not only_en and not only_ko, f"only in English: {sorted(only_en)}; only in Korean: {sorted(only_ko)}"


def _bib_entries(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"@\w+\{([^,]+),(.*?)\n\}", text, re.S)}


def test_the_korean_bibliography_has_every_entry_in_korean_style():
    en = _bib_entries(ROOT / "pages" / "references.bib")
    ko = _bib_entries(ROOT / "pages" / "ko" / "references.bib")
    assert set(ko) == set(en) and len(ko) == 13
    for key, body in ko.items():
        author = re.search(r"author\s*=\s*\{(.*)\},", body).group(1)
        assert " and " not in author and "et al" not in author and "others" not in author, key
        note = re.search(r"note\s*=\s*\{(.*)\}", body, re.S).group(1)
        assert re.search(r"[가-힣]", note) and not re.search(r"\bthe full reference\b", note), key
    assert "{{Kim 외}}" in ko["kimetal2007"] and "{{김동수·이두희·김계환}}" in ko["kim2011regional"]


# the printed value and its Korean rendering (claims.csv, errata.csv): the same numbers, in either style
DATA = ROOT / "data"
# (file, id, English column): numbers only one of the pair cites, with the reason
DATA_ALLOWED: dict[tuple[str, str, str], set[float]] = {
    # "(456 billion KRW in total)": (세 재원 합계 4,560억 원): the Korean counts the three sources of funds of the total
    ("errata.csv", "E6", "corrected"): {3.0},
}


def data_pairs():
    import csv

    for file, columns in (("claims.csv", ("printed",)), ("errata.csv", ("printed", "corrected"))):
        with open(DATA / file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for col in columns:
                    if row[f"{col}_ko"]:
                        yield pytest.param(file, row["id"], col, row[col], row[f"{col}_ko"], id=f"{row['id']}:{col}")


def test_the_data_pairs_are_read_like_the_cells():
    assert numbers_ko("넷") == {4.0} and numbers_en("four") == {4.0}
    assert numbers_en("Sixty-five regions") == {65.0} and numbers_ko("65개 지역") == {65.0}
    assert numbers_ko("지역발전 5개년계획(2009~20013)") == {5.0, 2009.0, 20013.0}
    assert difference("ranged from 2.6 billion KRW", "연 26억 원") == (set(), set())
    assert difference("seven", "여섯") == ({7.0}, {6.0})
    assert len(list(data_pairs())) == 72 + 8 + 8


@pytest.mark.parametrize("file, key, column, en, ko", list(data_pairs()))
def test_each_printed_value_and_its_korean_cite_the_same_numbers(file, key, column, en, ko):
    only_en, only_ko = difference(en, ko, frozenset(DATA_ALLOWED.get((file, key, column), set())))
    assert not only_en and not only_ko, f"{file} {key} {column}: only in English {only_en}; only in Korean {only_ko}"
