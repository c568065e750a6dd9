"""Load the data package: read it (schemas), then check the errata and the printed totals.

:func:`load` is the single entry point of the notebooks. It checks, in order:

1. the data package against its schemas (:func:`.datapackage.read`);
2. that the errata point at real cells (:mod:`.errata`);
3. that every printed total equals the sum of its parts within rounding, once
   the documented errata are applied (:mod:`.consistency`).

All problems are collected and raised together as one :class:`.DataError`.
"""

from __future__ import annotations

from pathlib import Path

from . import consistency, errata
from .datapackage import Data, DataError, Problem, read
from .paths import DATAPACKAGE


def load(path: str | Path = DATAPACKAGE, *, check_totals: bool = True) -> Data:
    """Load and validate the data package; raise :class:`DataError` on any problem."""
    data = read(path)
    if check_totals:
        try:
            corrected, errata_problems = errata.apply(data)
            checks = consistency.sum_checks(corrected)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            # read() has checked every file against its schema, so what is left is a schema (a resource
            # or field renamed or removed) that no longer describes the tables the book is about.
            raise DataError(
                [
                    Problem(
                        Path(path).name,
                        None,
                        None,
                        f"a resource or field the book uses is missing or renamed ({type(exc).__name__}: {exc}); "
                        "compare the descriptor with the one in the book's repository",
                    )
                ]
            ) from None
        problems = errata_problems + [check.problem() for check in checks if check.status != "reproduced"]
        if problems:
            raise DataError(problems)
    return data
