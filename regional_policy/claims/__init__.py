"""The claims ledger: every number the paper prints, with a status computed by one rule.

``data/claims.csv`` lists every quantitative statement of the paper's text (and the
numbers of Table 1), one row each, with the value as printed, its precision, and
either the name of a check, a source row (``claim-sources``) or the reason it cannot
be checked. The modules:

- :mod:`.engine`: the registry of checks, :func:`evaluate`, :func:`ledger`, :func:`summary`;
- :mod:`.access`: table cells and dates as intervals;
- catalogue: :mod:`.dates` (dates, periods, plans), :mod:`.tables` (Tables 2-5, RSIP
  results), :mod:`.text` (places, listed counts, figures, cross-statement checks),
  :mod:`.cross` (dates against periods and rules, who did what when, Table 4 against
  Table 3, trend words, the range a printed average's counts allow).

The status rule (``reproduced``, ``within rounding``, ``discrepancy``, ``external``,
``not checkable``) is the one of :mod:`regional_policy.intervals`, the same for the
text and for the tables (:mod:`regional_policy.consistency`).
"""

from ..intervals import STATUSES
from . import cross, dates, tables, text  # noqa: F401  (register the checks)
from .engine import CHECKS, SOURCES, Outcome, check, evaluate, ledger, summary, validate

__all__ = ["CHECKS", "SOURCES", "STATUSES", "Outcome", "check", "evaluate", "ledger", "summary", "validate"]
