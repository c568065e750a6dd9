"""Check a CSV file's bytes before any library reads it: encoding, header, cells per row, quotes, a cut-short end.

Frictionless and pandas give obscure or no errors for the ways a spreadsheet breaks a CSV file, so every
resource is first read here with Python's ``csv`` module. The rules, each failing with a :class:`.Problem`
that names the file, the line (the header is line 1) and, where it applies, the column:

- the file is UTF-8. A UTF-8 byte-order mark (what Excel's "CSV UTF-8" writes) is accepted and ignored;
  CP949/EUC-KR (what Excel writes for Korean "CSV") and UTF-16 are recognised and the fix is named;
- the file is not empty and its header is exactly the schema's field names, in the schema's order;
- every row has as many cells as the header; no line is blank; cells are separated by ``,``;
- a cell holds no line break (one record per line), so an unclosed quote is caught where it starts;
- the file ends with a line break, so a file cut short inside its last row is not read as complete.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

BOM = b"\xef\xbb\xbf"
MAX_ROWS = 10  # row problems listed per file
SAVE_UTF8 = "save it as 'CSV UTF-8 (Comma delimited)' (Excel) or with the encoding UTF-8 (other editors)"


@dataclass(frozen=True)
class CsvText:
    """A checked CSV file: its text (UTF-8 decoded, byte-order mark removed), header and rows."""

    file: str
    text: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line, cells) of every data row

    def column(self, name: str) -> list[tuple[int, str]]:
        i = self.header.index(name)
        return [(line, cells[i]) for line, cells in self.rows]


def _position(raw: bytes, index: int) -> tuple[int, int]:
    """(line, byte column) of ``raw[index]``, both from 1."""
    return raw.count(b"\n", 0, index) + 1, index - (raw.rfind(b"\n", 0, index) + 1) + 1


def _looks_korean_ansi(raw: bytes) -> bool:
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        return False
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _decode(raw: bytes, file: str, fields: list[str]) -> tuple[str | None, list[Problem]]:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [Problem(file, None, None, f"the file is UTF-16 (Excel's 'Unicode Text'), not UTF-8: {SAVE_UTF8}")]
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]  # accepted: Excel's "CSV UTF-8" starts the file with it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        column = None
        start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[start : exc.start].decode("utf-8", errors="replace")
        cells = next(csv.reader([prefix]), [""])
        if line > 1 and len(cells) <= len(fields):
            column = fields[len(cells) - 1]
        if _looks_korean_ansi(raw):
            why = "the file is not UTF-8 (it looks like CP949/EUC-KR, as Excel saves Korean CSV)"
        else:
            why = f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at byte {col} of the line)"
        return None, [Problem(file, line, column, f"{why}: {SAVE_UTF8}")]
    if not text.strip():
        return None, [
            Problem(file, None, None, f"the file is empty: it needs at least the header line {','.join(fields)}")
        ]
    return text, []


def _header_problems(file: str, header: list[str], fields: list[str]) -> list[Problem]:
    if header == fields:
        return []
    expected = f"expected header: {','.join(fields)} (the field names in datapackage.json, in that order)"
    if any(";" in h for h in header):
        return [Problem(file, 1, None, f"cells are separated by ';', not ',': save it as CSV with commas; {expected}")]
    if sorted(header) == sorted(fields):
        return [Problem(file, 1, None, f"the columns are in another order ({','.join(header)}); {expected}")]
    problems = []
    for i in range(max(len(header), len(fields))):
        got = header[i] if i < len(header) else None
        want = fields[i] if i < len(fields) else None
        if got == want:
            continue
        if got is None:
            msg = f"header lacks '{want}' (column {i + 1})"
        elif want is None:
            msg = f"header has an extra column '{got}' (column {i + 1})"
        elif got.strip().lower() == want.lower():
            msg = f"header has '{got}' where '{want}' is expected (names are written exactly, in lower case)"
        else:
            msg = f"header has '{got}' where '{want}' is expected"
        problems.append(Problem(file, 1, want or got, msg))
    first = problems[0]
    problems[0] = Problem(first.file, first.line, first.column, f"{first.message}; {expected}")
    return problems


def _row_problem(file: str, line: int, cells: list[str], width: int) -> Problem | None:
    if not cells:
        return Problem(file, line, None, "the line is blank: delete it")
    if any("\n" in c or "\r" in c for c in cells):
        return Problem(
            file,
            line,
            None,
            "a quoted cell starting on this line runs over a line break: a closing '\"' is probably missing "
            "(a cell may not hold a line break)",
        )
    if len(cells) == width:
        return None
    hint = ""
    if len(cells) == 1 and ";" in cells[0]:
        hint = "; the cells seem separated by ';': use ','"
    elif len(cells) > width:
        hint = "; a cell holding a ',' must be put in double quotes"
    cells_ = "cell" if len(cells) == 1 else "cells"
    return Problem(file, line, None, f"row has {len(cells)} {cells_}, the header {width}{hint}")


def check(path: Path, file: str, fields: list[str]) -> tuple[CsvText | None, list[Problem]]:
    """Check the CSV file at ``path`` against the field names ``fields``: the text and rows, or the problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, None, None, f"the file cannot be read: {exc.strerror or exc}")]
    text, problems = _decode(raw, file, fields)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            msg = "a quoted cell starting on this line is never closed: a closing '\"' is missing"
        else:
            msg = (
                f"not valid CSV ({exc}) in the row starting on this line: a quote is unbalanced - a quoted cell "
                "must end with '\"' before the next ',', and a '\"' inside it must be doubled"
            )
        return None, [Problem(file, start, None, msg)]
    header, rows = records[0][1], records[1:]
    problems = _header_problems(file, header, fields)
    rows_wrong = [p for line, cells in rows if (p := _row_problem(file, line, cells, len(fields)))]
    problems += rows_wrong[:MAX_ROWS]
    if len(rows_wrong) > MAX_ROWS:
        problems.append(Problem(file, None, None, f"and {len(rows_wrong) - MAX_ROWS} more rows like these"))
    if not text.endswith(("\n", "\r")):
        last = rows[-1][0] if rows else 1
        problems.append(
            Problem(
                file,
                last,
                None,
                "the file does not end with a line break, so it may have been cut short in this row: "
                "check the row against the paper, then end the file with a line break",
            )
        )
    if problems:
        return None, problems
    return CsvText(file, text, tuple(header), tuple((line, tuple(cells)) for line, cells in rows)), []
