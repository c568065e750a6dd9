"""The notebook parameters, their allowed values, and the first cell of every chapter.

Every chapter notebook has a cell tagged ``parameters`` that sets the defaults
below; papermill may inject other values after it. The next cell calls
:func:`start` with ``globals()``: it refuses a value that is not allowed (and
lists the allowed ones) and any name that is not a parameter, since papermill
accepts a misspelt parameter silently.

``highlight`` takes a province in English or Korean, in any case, short or in
full (``busan``, ``BUSAN``, ``부산``, ``부산광역시``, ``Gyeonggi-do``); it is
stored as the short English name (``Busan``) that the rest of the book uses.
A refused value stops the notebook with one paragraph (the parameter, the value,
what is allowed) and no traceback: IPython shows the ``_render_traceback_`` of
:class:`ParameterError` and of :class:`.DataError` instead of their stack.
"""

from __future__ import annotations

import csv
import difflib
import types
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import places
from .problems import DataError, Problem

if TYPE_CHECKING:  # the data (pandas) is imported when a chapter starts, not with the parameters
    from .datapackage import Data

LANGS = ("en", "ko")
ERRATA = ("as_printed", "corrected")
DEFAULTS = {"lang": "en", "errata": "as_printed", "highlight": "none"}

# Names IPython itself puts in a kernel's namespace.
_IPYTHON_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


class ParameterError(ValueError):
    """A parameter has a value that is not allowed, or is not a parameter at all."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback: the message alone."""
        return [f"{type(self).__name__}: {self}"]


def _fold(text: str) -> str:
    """A name compared without case, spaces, hyphens or dots, Korean in composed form."""
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if ch not in " -._·\t")


def _places() -> tuple[dict, ...]:
    """``data/places.csv`` as rows; a broken file ends in the :class:`.DataError` that :func:`.read` reports."""
    columns = ("short_en", "short_ko", "name_en", "name_ko")
    try:
        rows = places.table()
        if not rows or not all(isinstance(row.get(c), str) and row[c] for row in rows for c in columns):
            raise ValueError("a name is missing")
        return rows
    except (OSError, ValueError, KeyError, TypeError, csv.Error) as exc:
        from .datapackage import read

        places.table.cache_clear()
        read()  # raises the DataError naming places.csv, the line and the column
        raise DataError([Problem("places.csv", None, None, f"cannot be read ({type(exc).__name__}: {exc})")]) from None


def province_aliases() -> dict[str, str]:
    """Every accepted spelling of a province (folded, see :func:`_fold`) and its short English name."""
    out = {}
    for row in _places():
        for name in (row["short_en"], row["name_en"], row["short_ko"], row["name_ko"]):
            out[_fold(name)] = row["short_en"]
            out[_fold(name.removesuffix("-do"))] = row["short_en"]
    return out


def allowed() -> dict[str, tuple[str, ...]]:
    """Each parameter and its allowed values (for ``highlight``: the canonical ones)."""
    return {"lang": LANGS, "errata": ERRATA, "highlight": ("none", *(row["short_en"] for row in _places()))}


_EXPLAIN = {
    "lang": "lang is the language of the edition",
    "errata": "errata says whether the documented corrections are applied",
}
_PROVINCE = (
    "{name} names a province, in English or Korean and in any case: busan, BUSAN, 부산 and 부산광역시 all mean Busan"
)


def refuse(name: str, value, values: Iterable[str], explain: str = "") -> ParameterError:
    """The one-paragraph error for ``name=value``: what the parameter is, what is allowed, the closest value."""
    values = tuple(values)
    if not isinstance(value, str):
        got = f"of type {type(value).__name__} ({value!r}), not a string"
    elif not value.strip():
        got = "empty"
    else:
        got = None
    text = f"parameter {name}={value!r} is not allowed" + (f": it is {got}" if got else "")
    text += f"; allowed values: {', '.join(map(repr, values))}" + (f" ({explain})." if explain else ".")
    if isinstance(value, str) and value.strip():
        close = difflib.get_close_matches(value, values, n=1, cutoff=0.6)
        if close:
            text += f" Did you mean {close[0]!r}?"
    return ParameterError(text)


def province(value, name: str = "highlight", allow_none: bool = True) -> str:
    """The short English name of the province ``value`` names in any accepted spelling ('none' if allowed)."""
    if isinstance(value, str) and value.strip():
        folded = _fold(value)
        if allow_none and folded == "none":
            return "none"
        found = province_aliases().get(folded)
        if found:
            return found
    values = allowed()["highlight"]
    explain = _PROVINCE.format(name=name) + ("; or 'none'" if allow_none else "")
    raise refuse(name, value, values if allow_none else values[1:], explain)


@dataclass(frozen=True)
class Parameters:
    lang: str = "en"
    errata: str = "as_printed"
    highlight: str = "none"

    def __post_init__(self):
        object.__setattr__(self, "highlight", province(self.highlight))
        for name in ("lang", "errata"):
            value, values = getattr(self, name), allowed()[name]
            if not isinstance(value, str) or value not in values:
                raise refuse(name, value, values, _EXPLAIN[name])

    def describe(self) -> str:
        return ", ".join(f"{k}={getattr(self, k)!r}" for k in DEFAULTS)


def check_names(namespace: dict, extra: tuple[str, ...] = ()) -> dict:
    """The parameters found in ``namespace``; refuse names that are not parameters."""
    found = {}
    for name, value in namespace.items():
        if not isinstance(name, str) or name.startswith("_") or name in _IPYTHON_NAMES:
            continue
        if isinstance(value, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType)):
            continue
        found[name] = value
    unknown = sorted(set(found) - set(DEFAULTS) - set(extra))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s): {', '.join(unknown)}; this notebook takes: "
            f"{', '.join(list(DEFAULTS) + list(extra))} (a misspelt name would otherwise be ignored)."
        )
    return {k: v for k, v in found.items() if k in DEFAULTS}


@dataclass(frozen=True)
class Chapter:
    """What a chapter needs: its parameters and the data, with errata applied if asked."""

    params: Parameters
    data: Data
    printed: Data

    @property
    def lang(self) -> str:
        return self.params.lang

    @property
    def highlight(self) -> str | None:
        return None if self.params.highlight == "none" else self.params.highlight

    def highlight_note(self, shown: Iterable[str]) -> str:
        """The caption line saying what ``highlight`` emphasised in a chart or table showing ``shown``.

        ``shown``: the provinces (short English names) the chart or table has. Empty without a highlight;
        when the province is not among them, a note that nothing is emphasised (so dimmed marks are explained).
        """
        from . import labels

        if self.highlight is None:
            return ""
        key = "highlight_shown" if self.highlight in set(shown) else "highlight_absent"
        return labels.t(key, self.lang).format(province=places.name(self.highlight, self.lang))

    def highlight_notes(self, shown: Iterable[str]) -> tuple[str, ...]:
        """:meth:`highlight_note` as the ``notes`` of a :class:`.display.Figure` or :class:`.display.Table`."""
        note = self.highlight_note(shown)
        return (note,) if note else ()


def start(namespace: dict, extra: tuple[str, ...] = ()) -> Chapter:
    """Validate the parameters in ``namespace``, load the data and say how the chapter was run."""
    from IPython.display import HTML, display

    from . import display as rp_display
    from . import errata, labels
    from .loader import load

    params = Parameters(**check_names(namespace, extra))
    rp_display.EDITION["lang"] = params.lang
    printed = load()
    data = errata.apply(printed)[0] if params.errata == "corrected" else printed
    display(HTML(f'<p class="rp-run-note">{labels.t("run_note", params.lang)}: <code>{params.describe()}</code></p>'))
    return Chapter(params, data, printed)
