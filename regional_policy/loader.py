"""Load the data package: read it (schemas), then check the errata and the printed totals.

:func:`load` is the single entry point of the notebooks. It checks, in order:

1. the data package against its schemas (:func:`.datapackage.read`);
2. that the errata point at real cells (:mod:`.errata`);
3. that every printed total is reproduced by the sum of its parts or lies within the
   rounding of those parts, once the documented errata are applied
   (:mod:`.consistency`): only a ``discrepancy`` is a data error.

All problems are collected and raised together as one :class:`.DataError`.

The checks are pure functions of the files' bytes, so content that passed them once is not checked again:
in the same process (a notebook calls :func:`load` in several cells), or when the build has just loaded it
(it sets ``RP_VALIDATED`` to the :func:`digest` of what it checked). Each call returns fresh tables.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import reads
from .paths import DATAPACKAGE
from .problems import DataError, Problem

if TYPE_CHECKING:
    from .datapackage import Data

VALIDATED = "RP_VALIDATED"  # environment variable: digest of a data package the build loaded without error
_checked: set[tuple[str, bool]] = set()  # (digest, check_totals) that passed in this process


def digest(path: str | Path = DATAPACKAGE) -> str | None:
    """sha256 of the descriptor and every resource file; None when a file is missing or unreadable."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        h = hashlib.sha256(raw)
        for res in json.loads(raw)["resources"]:
            h.update(b"\0" + res["path"].encode() + b"\0" + (path.parent / res["path"]).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # a path that is not text
        return None
    return h.hexdigest()


def load(path: str | Path = DATAPACKAGE, *, check_totals: bool = True) -> Data:
    """Load and validate the data package; raise :class:`DataError` on any problem."""
    from . import consistency, errata  # with pandas: not for the build's own process, which needs only digest()
    from .datapackage import read

    with reads.quietly():  # validation reads every table; what a notebook reads is what it looks up later
        key = (digest(path), check_totals)
        known = key[0] is not None and (key in _checked or os.environ.get(VALIDATED) == key[0])
        data = read(path, validate=not known)
        if check_totals and not known:
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
            problems = errata_problems + [check.problem() for check in checks if check.status == "discrepancy"]
            if problems:
                raise DataError(problems)
        if key[0] is not None:
            _checked.add(key)
    return data
