"""Property tests of the one rounding rule (regional_policy.intervals).

True values are drawn at random, rounded to random precisions as a printer would, and
the derived value (sum, difference, ratio, share, average, growth, multiple) is
printed rounded too. Whatever the draw, the check must never call that a discrepancy;
a printed value pushed outside the interval must always be one; and every interval
operation must contain every point result of values taken inside its operands.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from regional_policy.intervals import Num, growth, judge, mean, round_to, share, total, unit_of

UNITS = st.sampled_from([0.01, 0.1, 1.0, 10.0])
POSITIVE = st.floats(min_value=1.0, max_value=1e5, allow_nan=False, allow_infinity=False)
FRACTION = st.floats(min_value=0.0, max_value=1.0)
BOOK = settings(max_examples=300, deadline=None, derandomize=True)  # deterministic, like the book


def printed(true: float, unit: float) -> Num:
    """What a table shows for ``true`` printed to ``unit``, as the interval the reader must assume."""
    return Num.printed(round_to(true, unit), unit)


def inside(n: Num, t: float) -> float:
    return n.lo + t * (n.hi - n.lo)


OPERATIONS = {
    "sum": lambda xs: total(xs),
    "difference": lambda xs: xs[0] - xs[1],
    "ratio": lambda xs: xs[0] / xs[1],
    "share": lambda xs: share(xs[0], xs[0] + xs[1]),
    "average": lambda xs: mean(xs),
    "growth": lambda xs: growth(xs[0], xs[1]),
    "multiple": lambda xs: xs[0] * 3,
}
POINTS = {
    "sum": lambda xs: sum(xs),
    "difference": lambda xs: xs[0] - xs[1],
    "ratio": lambda xs: xs[0] / xs[1],
    "share": lambda xs: 100 * xs[0] / (xs[0] + xs[1]),
    "average": lambda xs: sum(xs) / len(xs),
    "growth": lambda xs: 100 * xs[1] / xs[0] - 100,
    "multiple": lambda xs: xs[0] * 3,
}


# one of the operations, on 2 to 5 true values
OPERATION = {"op": st.sampled_from(sorted(OPERATIONS)), "trues": st.lists(POSITIVE, min_size=2, max_size=5)}


def _positive_parts(trues: list[float], unit: float) -> list[Num]:
    """The true values as printed to ``unit``; an example where one prints as zero or less is dropped."""
    parts = [printed(t, unit) for t in trues]
    assume(all(p.lo > 0 for p in parts))
    return parts


@BOOK
@given(**OPERATION, part_unit=UNITS, result_unit=UNITS)
def test_honest_rounding_is_never_a_discrepancy(op, trues, part_unit, result_unit):
    parts = _positive_parts(trues, part_unit)
    true_result = POINTS[op](trues)
    shown = round_to(true_result, result_unit)
    verdict = judge(shown, result_unit, OPERATIONS[op](parts))
    assert verdict.status in ("reproduced", "within rounding"), (op, trues, shown, verdict)


@BOOK
@given(**OPERATION, part_unit=UNITS, result_unit=UNITS, push=st.floats(min_value=0.51, max_value=1e4), up=st.booleans())
def test_a_value_outside_the_interval_is_always_a_discrepancy(op, trues, part_unit, result_unit, push, up):
    parts = _positive_parts(trues, part_unit)
    recomputed = OPERATIONS[op](parts)
    # a printed value further than half its unit beyond the interval
    shown = recomputed.hi + push * result_unit if up else recomputed.lo - push * result_unit
    verdict = judge(shown, result_unit, recomputed)
    assert verdict.status == "discrepancy"
    assert verdict.distance == pytest.approx(push, rel=1e-6, abs=1e-6)
    assert verdict.distance > 0.5


@BOOK
@given(**OPERATION, unit=UNITS, positions=st.lists(FRACTION, min_size=5, max_size=5))
def test_interval_operations_contain_every_point_result(op, trues, unit, positions):
    parts = _positive_parts(trues, unit)
    result = OPERATIONS[op](parts)
    points = [inside(p, t) for p, t in zip(parts, positions)]
    value = POINTS[op](points)
    assert result.contains(value), (op, points, value, result)
    assert result.contains(POINTS[op]([p.point for p in parts]))
    assert result.contains(result.point)


@BOOK
@given(true=POSITIVE, unit=UNITS)
def test_a_value_printed_as_recomputed_is_reproduced(true, unit):
    n = printed(true, unit)
    assert judge(n.point, unit, n).status == "reproduced"


@BOOK
@given(a=POSITIVE, b=POSITIVE)
def test_exact_counts_carry_no_interval(a, b):
    n = Num.exact(math.floor(a)) + Num.exact(math.floor(b))
    assert n.lo == n.hi == n.point


def test_the_worked_example_e3():
    """Table 2, 1970: 21.3 / 28.1 = 75.80, printed 75.6 - within rounding, not an error."""
    r = share(Num.printed(21.3, 0.1), Num.printed(28.1, 0.1))
    assert round(r.point, 2) == 75.80
    assert (round(r.lo, 2), round(r.hi, 2)) == (75.49, 76.11)
    v = judge(75.6, 0.1, r)
    assert v.status == "within rounding" and v.distance == 0 and not v.truncated


def test_truncation_is_a_separate_flag():
    r = share(Num.printed(1922.7, 0.1), Num.printed(2386.9, 0.1))  # 80.552
    v = judge(80.5, 0.1, r)
    assert v.truncated and v.status == "within rounding"
    assert not judge(80.6, 0.1, r).truncated


def test_units_of_printed_numbers():
    assert unit_of("1,897.0") == 0.1 and unit_of("75") == 1 and unit_of("2.56") == 0.01 and unit_of("72.5%") == 0.1


def test_dividing_by_an_interval_around_zero_is_refused():
    with pytest.raises(ZeroDivisionError):
        Num.printed(1, 1) / Num.printed(0.2, 1)


@BOOK
@given(
    first=st.integers(min_value=1950, max_value=2020),
    length=st.integers(min_value=0, max_value=12),
    start=FRACTION,
    end=FRACTION,
)
def test_a_period_between_two_printed_years_lies_within_its_span(first, length, start, end):
    """Any day of the first year to any later day of the last year: its length lies in access.span."""
    from regional_policy.claims.access import span

    last = first + length
    true_length = (last + end) - (first + start)
    assume(true_length > 0)
    s = span(first, last)
    assert s.lo - 1e-9 <= true_length <= s.hi + 1e-9
    assert judge(round(true_length), 1.0, s).status != "discrepancy"
