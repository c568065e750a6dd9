"""Self-checks for the exercises: right or wrong, without the answer being readable in the notebook.

A student notebook carries, for each exercise, an answer cell (``answer = ...``) and a check cell::

    from regional_policy.selfcheck import check
    check("ex-3-1", answer, "3f1c...", decimals=2)

The third argument is a salted, slow hash (PBKDF2) of the key written in a canonical form: numbers rounded to the
key's precision (``decimals``), lists element by element, text in lower case without surrounding spaces. The check
puts the student's answer in the same form and compares the hashes, so an answer is accepted when it agrees with
the key at the precision the question asks for. The hash does not print the key; like any check that runs on the
student's machine, it can be defeated by trying every candidate, which the slow hash makes tedious, not impossible.
The grader (``bookbuild.grade``) does not rely on it: it compares with the keys, which only the instructor holds.

The same normalisation (:func:`canonical`) serves the grader, so tuples, NumPy numbers and arrays, pandas Series
and strings in any case are all read alike.
"""

from __future__ import annotations

import hashlib
import math
from numbers import Number

from .labels import t

SALT = b"regional-policy-1998-2011/"
ROUNDS = 100_000


class NotAnswered(Exception):
    """The answer cell still holds ``...``."""


def plain(value):
    """The answer as plain Python: lists for tuples, arrays and Series; float or int for NumPy numbers."""
    if value is Ellipsis or value is None:
        raise NotAnswered
    if hasattr(value, "tolist"):  # NumPy arrays and scalars, pandas Series and Index
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, Number):
        return float(value) if isinstance(value, float) or not float(value).is_integer() else int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def canonical(value, decimals: int | None) -> str:
    """``value`` written at ``decimals`` places (numbers), element by element (lists), case-folded (text)."""
    value = plain(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical(v, decimals) for v in value) + "]"
    if isinstance(value, Number) and not isinstance(value, bool):
        if not math.isfinite(value):
            return str(value)
        d = decimals or 0
        text = f"{round(float(value) + 0.0, d):.{d}f}"
        return "0" if text.strip("-0.") == "" else text  # -0.0 and 0.00 read as 0
    return str(value).casefold()


def digest(exercise: str, value, decimals: int | None) -> str:
    """The salted hash of ``value`` in canonical form, for exercise ``exercise``."""
    text = canonical(value, decimals).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha256", text, SALT + exercise.encode(), ROUNDS).hex()[:40]


def decimals_of(tolerance: float | None) -> int | None:
    """The number of decimals a tolerance stands for: 0.005 -> 2, 0.05 -> 1; None (exact) -> 0."""
    if not tolerance:
        return 0
    return max(0, round(-math.log10(2 * tolerance)))


def verdict(exercise: str, value, expected: str, decimals: int | None) -> str | None:
    """``None`` when unanswered, else ``"right"`` or ``"wrong"``."""
    try:
        return "right" if digest(exercise, value, decimals) == expected else "wrong"
    except NotAnswered:
        return None


def check(exercise: str, value, expected: str, decimals: int | None = None, lang: str = "en") -> str:
    """Print (and return) whether ``value`` answers ``exercise``, and at what precision it was compared."""
    number = exercise.removeprefix("ex-").replace("-", ".")
    result = verdict(exercise, value, expected, decimals)
    if result is None:
        message = t("selfcheck_blank", lang).format(number=number)
    else:
        message = t(f"selfcheck_{result}", lang).format(number=number)
        if decimals:
            message += " " + t("selfcheck_precision", lang).format(decimals=decimals)
    print(message)
    return message
