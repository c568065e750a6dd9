"""One terminology: the term table (data/terms.csv) and every source of both editions.

Each row of the table gives the preferred Korean and English name of a policy, programme, account, agency,
plan, phase ... and the variants to avoid (regular expressions). A variant anywhere in the sources the pages
are made from - the notebooks, the hand-written pages, the label table, the text columns of the data package -
fails the test with the file, the line (a notebook: the cell) and the preferred term.

English variants are looked for in the book's own English only (notebooks, pages, the label table's ``en``
column, the data's ``*_en`` columns), never in text transcribed as printed.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "data" / "terms.csv"
HANGUL = re.compile(r"[가-힣]")


def _rows() -> list[dict[str, str]]:
    with open(TERMS, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _patterns(cell: str) -> list[str]:
    return [p for p in (cell or "").split(";") if p.strip()]


def rules(lang: str) -> list[tuple[dict, re.Pattern]]:
    """(row, compiled variant) for every variant of a language."""
    return [(row, re.compile(p)) for row in _rows() for p in _patterns(row[f"{lang}_avoid"])]


def sources() -> list[tuple[str, int, str, tuple[str, ...]]]:
    """(file, line or cell, text, languages to check) of every source text of both editions."""
    out = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for n, cell in enumerate(cells, start=1):
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            out.append((f"notebooks/{nb.name}, cell {n}", n, text, ("ko", "en")))
    for page in sorted((ROOT / "pages").rglob("*.md")):
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            out.append((f"{page.relative_to(ROOT).as_posix()}, line {n}", n, line, ("ko", "en")))
    labels = ROOT / "regional_policy" / "labels.csv"
    for path in [labels] + sorted((ROOT / "data").glob("*.csv")):
        if path == TERMS:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                for column, value in row.items():
                    if not value or column is None:
                        continue
                    langs = ("ko",) if HANGUL.search(value) else ()
                    if column == "en" or column.endswith("_en"):
                        langs += ("en",)
                    if langs:
                        where = f"{path.relative_to(ROOT).as_posix()}, line {n}, column '{column}'"
                        out.append((where, n, value, langs))
    return out


def violations(texts=None) -> list[str]:
    found = []
    texts = sources() if texts is None else texts
    for lang in ("ko", "en"):
        for row, pattern in rules(lang):
            allowed = set(_patterns(row["allowed_in"]))
            for where, _, text, langs in texts:
                if lang not in langs or where.split(",")[0] in allowed:
                    continue
                for m in pattern.finditer(text):
                    found.append(f"{where}: {m.group(0)!r} - use {row[lang]!r} (data/terms.csv, {row['id']})")
    return sorted(found)


def test_the_term_table_is_well_formed():
    rows = _rows()
    assert len(rows) >= 40, "the term table should name every policy, programme, account, agency, plan, phase"
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    kinds = {r["kind"] for r in rows}
    assert {"programme", "account", "agency", "plan", "phase", "law"} <= kinds
    for row in rows:
        assert row["ko"] and HANGUL.search(row["ko"]), row["id"]
        assert row["en"] and not HANGUL.search(row["en"]), row["id"]
        for lang in ("ko", "en"):
            for p in _patterns(row[f"{lang}_avoid"]):
                re.compile(p)
        for path in _patterns(row["allowed_in"]):
            assert (ROOT / path).is_file(), f"{row['id']}: allowed_in names a missing file {path}"


def test_no_preferred_term_is_a_variant_of_any_term():
    """The table does not contradict itself: no preferred name matches an avoided pattern."""
    rows = _rows()
    for lang in ("ko", "en"):
        for row, pattern in rules(lang):
            hits = [r["id"] for r in rows if pattern.search(r[lang])]
            assert not hits, f"{row['id']}: the {lang} variant {pattern.pattern!r} matches the preferred term of {hits}"


def test_the_review_pairs_are_in_the_table():
    """The variants that the review of the Korean edition (2026-11-28) found have a preferred form."""
    by_ko = {r["ko"]: r for r in _rows()}
    for preferred, variant in (
        ("확장기", "확대기"),
        ("확정안", "최종 목록"),
        ("구상안", "제안안"),
        ("의약바이오", "바이오의약"),
        ("IT융복합", "IT융합"),
        ("광역·지역발전특별회계 광역발전계정", "특별회계 (광역계정)"),
        ("기업지원", "기업지원 서비스"),
        ("동남권", "동남 해안"),
        ("지방비·민자", "지방비·민자 회계"),
    ):
        assert preferred in by_ko, preferred
        assert any(re.search(p, variant) for p in _patterns(by_ko[preferred]["ko_avoid"])), (preferred, variant)


def test_the_checker_finds_a_variant_and_names_where():
    texts = [
        ("notebooks/x.ipynb, cell 3", 3, "도입기와 확대기의 예산을 비교한다.", ("ko", "en")),
        ("pages/ko/x.md, line 1", 1, "시·도 전략산업 육성사업과 확장기", ("ko", "en")),
        ("pages/x.md, line 2", 2, "the expansion phase", ("ko", "en")),
    ]
    found = violations(texts)
    assert any(f.startswith("notebooks/x.ipynb, cell 3: '확대기' - use '확장기'") for f in found), found
    assert any(f.startswith("pages/x.md, line 2: 'expansion phase' - use 'expansionary phase'") for f in found)
    assert not [f for f in found if f.startswith("pages/ko/x.md")], found  # preferred forms pass


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_discouraged_variant_in_the_sources(lang):
    found = [v for v in violations() if re.search(r" - use ", v) and _lang_of(v) == lang]
    assert not found, f"{len(found)} discouraged {lang} term(s):\n" + "\n".join(found)


def _lang_of(violation: str) -> str:
    preferred = violation.rsplit(" - use ", 1)[1]
    return "ko" if HANGUL.search(preferred) else "en"
