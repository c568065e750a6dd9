"""Interval arithmetic for printed numbers: one rounding rule for the tables and the text.

A printed number stands for every value that rounds to it: ``75.6`` for any value in
75.55 .. 75.65, half a unit of its last printed digit either side. An exact count (4
regions, 10 years) stands for itself. :class:`Num` carries a value as printed (its
*point*) together with that interval, and every operation (sum, difference, product,
ratio, share, average, multiple, growth rate) computes both: the point from the
points, the interval from the parts' intervals, so the interval holds every result
the unrounded parts could have given.

:func:`judge` sets a printed value against a recomputed :class:`Num` and computes the
status, never typed:

* ``reproduced``: the point, rounded to the printed precision, is the printed value;
* ``within rounding``: it is not, but the printed value is possible: some value in the
  recomputed interval rounds to it (the printed value's own interval meets the
  recomputed one);
* ``discrepancy``: no value the parts allow rounds to the printed one; ``distance``
  says how far the printed value lies outside the recomputed interval, in units of its
  last printed digit (always more than 0.5).

``truncated`` is a separate flag: the printed value is the point cut off, not rounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EPS = 1e-9
STATUSES = ("reproduced", "within rounding", "discrepancy", "external", "not checkable")


@dataclass(frozen=True)
class Num:
    """A value as computed from printed numbers (``point``) and every value it may truly have."""

    point: float
    lo: float
    hi: float

    def __post_init__(self):
        if not self.lo - EPS * max(1.0, abs(self.lo)) <= self.point <= self.hi + EPS * max(1.0, abs(self.hi)):
            raise ValueError(f"point {self.point} outside its interval {self.lo}..{self.hi}")

    # --- construction ---
    @staticmethod
    def exact(value: float) -> Num:
        """A count or a date: no rounding."""
        v = float(value)
        return Num(v, v, v)

    @staticmethod
    def printed(value: float, unit: float) -> Num:
        """A value printed to a last digit of ``unit`` (0.1, 1, ...): half a unit either side."""
        v, h = float(value), float(unit) / 2
        return Num(v, v - h, v + h)

    # --- arithmetic ---
    @staticmethod
    def _lift(other) -> Num:
        return lift(other)

    def __add__(self, other) -> Num:
        o = self._lift(other)
        return Num(self.point + o.point, self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> Num:
        return Num(-self.point, -self.hi, -self.lo)

    def __sub__(self, other) -> Num:
        return self + (-self._lift(other))

    def __rsub__(self, other) -> Num:
        return self._lift(other) - self

    def __mul__(self, other) -> Num:
        o = self._lift(other)
        ends = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Num(self.point * o.point, min(ends), max(ends))

    __rmul__ = __mul__

    def __truediv__(self, other) -> Num:
        o = self._lift(other)
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError(f"dividing by an interval that holds zero: {o.lo}..{o.hi}")
        return self * Num(1 / o.point, 1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, other) -> Num:
        return self._lift(other) / self

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def contains(self, x: float) -> bool:
        tol = EPS * max(1.0, abs(x))
        return self.lo - tol <= x <= self.hi + tol

    def __str__(self) -> str:
        return f"{self.point:,.6g} (interval {self.lo:,.6g} .. {self.hi:,.6g})"


def lift(x) -> Num:
    """A :class:`Num` as is; a plain number as an exact one."""
    return x if isinstance(x, Num) else Num.exact(x)


def total(parts) -> Num:
    """Sum of several numbers."""
    out = Num.exact(0)
    for p in parts:
        out = out + p
    return out


def share(part, whole) -> Num:
    """``part`` as a percentage of ``whole``."""
    return 100 * (lift(part) / whole)


def growth(before, after) -> Num:
    """Percentage growth from ``before`` to ``after``."""
    return 100 * (lift(after) / before) - 100


def mean(parts) -> Num:
    parts = list(parts)
    return total(parts) / len(parts)


def decimals_of(unit: float) -> int:
    """Number of decimals a printed unit (0.01, 0.1, 1, 5) keeps."""
    return max(0, -int(math.floor(math.log10(unit) + EPS)))


def round_to(x: float, unit: float) -> float:
    """``x`` rounded half away from zero to a multiple of ``unit`` (how printed tables round)."""
    q = abs(x) / unit
    r = math.floor(q + 0.5 + EPS)
    return round(math.copysign(r * unit, x), decimals_of(unit) + 2)


def unit_of(printed: str) -> float:
    """The unit of the last digit of a printed number: '1,897.0' -> 0.1, '75' -> 1."""
    text = printed.strip().replace(",", "").rstrip("%")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    return 1.0


@dataclass(frozen=True)
class Verdict:
    status: str
    distance: float  # how far the printed value lies outside the recomputed interval, in printed units
    truncated: bool

    def describe(self, printed: float, recomputed: Num, unit: float) -> str:
        d = decimals_of(unit) + 2
        where = f"{recomputed.lo:,.{d}f} .. {recomputed.hi:,.{d}f}"
        if self.status == "discrepancy":
            return f"{printed:,g} lies {self.distance:,.2f} units of {unit:g} outside {where}"
        return f"{printed:,g} is within {where}"


def judge(printed: float, unit: float, recomputed: Num) -> Verdict:
    """The status of a printed value against the value recomputed from printed parts."""
    p = float(printed)
    if math.isnan(p):
        return Verdict("discrepancy", math.inf, False)
    tol = EPS * max(1.0, abs(p))
    if abs(round_to(recomputed.point, unit) - p) <= tol or abs(recomputed.point - p) <= tol:
        return Verdict("reproduced", 0.0, False)
    outside = max(recomputed.lo - p, p - recomputed.hi, 0.0)
    distance = round(outside / unit, 6)
    truncated = abs(math.floor(recomputed.point / unit + EPS) * unit - p) <= tol
    status = "within rounding" if distance <= 0.5 + EPS else "discrepancy"
    return Verdict(status, distance, truncated)
