"""Load the data package: read it (schemas), then check the errata and the printed totals.

:func:`load` is the single entry point of the notebooks. It checks, in order:

1. the data package against its schemas (:func:`.datapackage.read`);
2. that the errata point at real cells (:mod:`.errata`);
3. that every printed total is reproduced by the sum of its parts or lies within the
   rounding of those parts, once the documented errata are applied
   (:mod:`.consistency`): only a ``discrepancy`` is a data error.

All problems are collected and raised together as one :class:`.DataError`.
"""

from __future__ import annotations

from pathlib import Path

from . import consistency, errata
from .datapackage import Data, DataError, read
from .paths import DATAPACKAGE


def load(path: str | Path = DATAPACKAGE, *, check_totals: bool = True) -> Data:
    """Load and validate the data package; raise :class:`DataError` on any problem."""
    data = read(path)
    if check_totals:
        corrected, errata_problems = errata.apply(data)
        problems = errata_problems + [
            check.problem() for check in consistency.sum_checks(corrected) if check.status == "discrepancy"
        ]
        if problems:
            raise DataError(problems)
    return data
