"""The one error type for bad data: :class:`DataError`, a list of :class:`Problem` (file, line, column, what is wrong).

Both are re-exported by :mod:`.datapackage`; this module has no imports from the package so that the
checking modules (:mod:`.csvcheck`, :mod:`.extents`) can use them without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the data."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """The data package is broken; ``problems`` says where and how."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"the data package is invalid ({len(self.problems)} problem(s)):\n{lines}")

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the problems only (they name the file to fix)."""
        return [f"{type(self).__name__}: {self}"]
