"""The analysis package of the book *Korea's regional industrial policies, 1998-2011*: what the notebooks import.

Layers, each importing only the ones above it in this list:

- :mod:`.paths`, :mod:`.labels` (en/ko strings), :mod:`.places` (provinces), :mod:`.slots` (what a page leaves for the
  build to fill)
- :mod:`.datapackage`: the shared types and :func:`~.datapackage.read` (schemas); below it, the checks it runs
  first: :mod:`.problems` (DataError), :mod:`.descriptor`, :mod:`.csvcheck` (each CSV file's bytes),
  :mod:`.extents` (known extents ``x-extent``, foreign keys)
- :mod:`.intervals`: the one rounding rule (a printed number is an interval; computed statuses)
- :mod:`.consistency` (printed totals), :mod:`.errata` (documented corrections)
- :mod:`.loader`: :func:`load` = read + errata + totals, the notebooks' entry point
- :mod:`.claims`: the claims ledger, a package (engine, access, and the catalogue: dates, tables, text)
- :mod:`.params`: a chapter's parameters (:func:`start`)
- rendering: :mod:`.display`, :mod:`.provenance`, :mod:`.tables`, :mod:`.charts`, :mod:`.maps`, :mod:`.geo`,
  :mod:`.datapage` (the data page), :mod:`.report` (the reproducibility report), :mod:`.profiles`

The build tooling (pipeline, Sphinx extension, downloads, PDF, bench) is the separate package ``bookbuild``,
which imports this one and is never imported by it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .datapackage import DataError
    from .loader import load
    from .params import ParameterError, start

__all__ = ["DataError", "ParameterError", "load", "start"]
_WHERE = {"DataError": ".datapackage", "load": ".loader", "ParameterError": ".params", "start": ".params"}


def __getattr__(name: str):
    """``rp.start``, ``rp.load``... imported on first use, so that what needs only the labels, the paths or the
    page slots (the Sphinx extension, the pipeline when nothing changed) does not import pandas."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value
