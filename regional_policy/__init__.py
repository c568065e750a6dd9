"""Shared logic of the book *Korea's regional industrial policies, 1998-2011*.

The notebooks in ``notebooks/`` stay thin: they call into this package, which
loads and validates the data package (:mod:`.datapackage`), checks the printed
arithmetic (:mod:`.consistency`), applies errata (:mod:`.errata`), lays out the
paper's tables (:mod:`.tables`) and draws the charts (:mod:`.charts`).
"""

from .datapackage import DataError, load
from .params import ParameterError, start

__all__ = ["DataError", "ParameterError", "load", "start"]
