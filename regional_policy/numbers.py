"""One number style for each edition: amounts, years, ranges, months, multiples, points, and Korean particles.

English keeps the paper's units (``1,897.0 billion KRW``); Korean follows Korean
usage (``1조 8,970억 원``, ``2만 4,400원``, ``1998~2003``, ``2003년 4월``,
``6.05배``, ``0.2%p``). Years never get separators, decimals never get a
spurious ``.00``. :func:`particle` chooses 은/는, 이/가, 을/를, 과/와, 으로/로 from
the last syllable of a word as it is read aloud (digits and Latin letters
included), and :func:`particles` resolves markers such as ``[을/를]`` in a text.
"""

from __future__ import annotations

import re

LANGS = ("en", "ko")
UNITS = {"won": 1, "thousand": 1_000, "100m": 100_000_000, "billion": 1_000_000_000}
EN_UNITS = {"won": "KRW", "thousand": "thousand KRW", "100m": "hundred million KRW", "billion": "billion KRW"}
PAIRS = {
    "은/는": ("은", "는"),
    "이/가": ("이", "가"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "으로/로": ("으로", "로"),
}
# the Korean reading of a digit or Latin letter: whether it ends in a consonant, and whether that consonant is ㄹ
_DIGIT = {"0": "ng", "1": "l", "2": "", "3": "m", "4": "", "5": "", "6": "k", "7": "l", "8": "l", "9": ""}
_LATIN = {"l": "l", "m": "m", "n": "n", "r": "l"}  # 엘, 엠, 엔, 알; every other letter ends in a vowel
_MARKER = re.compile(r"\[(은/는|이/가|을/를|과/와|으로/로)\]")


def _check(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r} is not allowed; allowed values: 'en', 'ko'")
    return lang


def plain(x: float, decimals: int | None = None) -> str:
    """``x`` with thousands separators; ``decimals=None`` drops trailing zeros (1897.00 -> 1,897; 6.050 -> 6.05)."""
    if decimals is not None:
        return f"{x:,.{decimals}f}"
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def year(y) -> str:
    """A year, never with a separator: 1970, not 1,970."""
    return str(int(y))


YEAR_UNITS = ("year", "decade", "since")  # units (or their first word) whose values are years


def measured(x: float, unit: str, digits: int = 6) -> str:
    """A ledger value to ``digits`` significant digits, with separators unless ``unit`` counts years (1,963.5 is the
    year 1963.5)."""
    years = str(unit).split(" ")[0] in YEAR_UNITS
    return f"{x:.{digits}g}" if years else f"{x:,.{digits}g}"


def year_range(start, end, lang: str) -> str:
    """1998-2003 (en) or 1998~2003 (ko); an open end stays open (2008-, 2008~)."""
    sep = "-" if _check(lang) == "en" else "~"
    return f"{year(start)}{sep}{'' if end in (None, '') else year(end)}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def month(date: str, lang: str) -> str:
    """'2003-04' -> 'April 2003' (en) or '2003년 4월' (ko); a day and a bare year too ('2004-06-17' -> '2004년 6월 17일')."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(date))
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12) or (m.group(3) and not 1 <= int(m.group(3)) <= 31):
        raise ValueError(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = m.groups()
    if _check(lang) == "en":
        return " ".join(x for x in (str(int(d)) if d else "", MONTHS[int(mo) - 1] if mo else "", y) if x)
    return " ".join(x for x in (f"{y}년", f"{int(mo)}월" if mo else "", f"{int(d)}일" if d else "") if x)


def multiple(x: float, lang: str, decimals: int = 2) -> str:
    """6.05× (en) or 6.05배 (ko)."""
    return f"{plain(x, decimals)}{'×' if _check(lang) == 'en' else '배'}"


def points(x: float, lang: str, decimals: int = 1) -> str:
    """A difference of percentages: 0.2 percentage points (en) or 0.2%p (ko)."""
    return f"{plain(x, decimals)} percentage points" if _check(lang) == "en" else f"{plain(x, decimals)}%p"


def percent(x: float, decimals: int = 1) -> str:
    return f"{plain(x, decimals)}%"


def _korean_won(won: int) -> str:
    """Won in Korean units: 조, 억, 만 with separators inside each group; 천 for a round remainder below 만."""
    if won == 0:
        return "0원"
    sign, won = ("-" if won < 0 else ""), abs(won)
    jo, rest = divmod(won, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, rest = divmod(rest, 10**4)
    parts = [f"{jo:,}조" if jo else "", f"{eok:,}억" if eok else "", f"{man:,}만" if man else ""]
    if rest:
        parts.append(f"{rest // 1000}천" if rest % 1000 == 0 and (jo or eok or man) else f"{rest:,}")
    text = " ".join(p for p in parts if p)
    return sign + text + ("원" if text[-1].isdigit() else " 원")


def won(amount: float, unit: str, lang: str, decimals: int | None = None) -> str:
    """An amount given in ``unit`` (won, thousand, 100m, billion) in the edition's style.

    en: ``1,897.0 billion KRW`` (``decimals`` as printed); ko: ``1조 8,970억 원``, ``2만 4,400원``.
    A Korean amount that does not fall on a whole won (or, for 억 원 amounts, a whole 억) keeps one decimal of 억.
    """
    if unit not in UNITS:
        raise ValueError(f"unit={unit!r} is not allowed; allowed values: {', '.join(map(repr, UNITS))}")
    if _check(lang) == "en":
        return f"{plain(amount, decimals)} {EN_UNITS[unit]}"
    total = round(amount * UNITS[unit], 6)
    if unit in ("100m", "billion") and abs(total / 10**8 - round(total / 10**8)) > 1e-6:  # not a whole 억 (floats)
        return f"{plain(total / 10**8, 1)}억 원"
    return _korean_won(int(round(total)))


def _final(word: str) -> str | None:
    """The final consonant of ``word`` read aloud: '' (none), 'l' (ㄹ) or another consonant; None if unreadable."""
    if re.search(r"%p?[\s)\]}'\"”’.,;:!?]*$", word):  # 퍼센트, 포인트
        return ""
    core = re.sub(r"[\s)\]}'\"”’.,;:!?]+$", "", word)
    if not core:
        return None
    ch = core[-1]
    if "가" <= ch <= "힣":
        jong = (ord(ch) - 0xAC00) % 28
        return "" if jong == 0 else ("l" if jong == 8 else "c")
    if ch.isdigit():
        digits = re.sub(r"[^0-9]", "", core.split(".")[-1] if "." in core else core)
        zeros = len(digits) - len(digits.rstrip("0"))
        if digits and zeros == len(digits):  # 0 read 영
            return "c"
        if zeros == 0 or "." in core:
            return _DIGIT[ch]
        return "" if zeros >= 12 and zeros < 16 else "c"  # 십 백 천 만 ... 억: a consonant; 조: none
    if ch.isascii() and ch.isalpha():
        return _LATIN.get(ch.lower(), "")
    return None


def particle(word: str, pair: str) -> str:
    """``word`` followed by the right particle of ``pair`` ('은/는', '이/가', '을/를', '과/와', '으로/로')."""
    if pair not in PAIRS:
        raise ValueError(f"particle {pair!r} is not allowed; allowed values: {', '.join(map(repr, PAIRS))}")
    final = _final(word)
    if final is None:
        raise ValueError(f"cannot choose {pair} after {word!r}: it does not end in a readable character")
    consonant, vowel = PAIRS[pair]
    if pair == "으로/로":
        return word + (consonant if final not in ("", "l") else vowel)
    return word + (consonant if final else vowel)


def particles(text: str) -> str:
    """Replace every ``[을/를]``-style marker in ``text`` by the particle that fits the word before it."""

    def repl(m: re.Match) -> str:
        before = text[: m.start()]
        return particle(before, m.group(1))[len(before) :]

    return _MARKER.sub(repl, text)
