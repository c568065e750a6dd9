"""The notebook parameters, their allowed values, and the first cell of every chapter.

Every chapter notebook has a cell tagged ``parameters`` that sets the defaults
below; papermill may inject other values after it. The next cell calls
:func:`start` with ``globals()``: it refuses a value that is not allowed (and
lists the allowed ones) and any name that is not a parameter, since papermill
accepts a misspelt parameter silently.
"""

from __future__ import annotations

import types
from dataclasses import dataclass

from IPython.display import HTML, display

from . import places
from .datapackage import Data
from .loader import load

LANGS = ("en", "ko")
ERRATA = ("as_printed", "corrected")
DEFAULTS = {"lang": "en", "errata": "as_printed", "highlight": "none"}

# Names IPython itself puts in a kernel's namespace.
_IPYTHON_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


class ParameterError(ValueError):
    """A parameter has a value that is not allowed, or is not a parameter at all."""


def allowed() -> dict[str, tuple[str, ...]]:
    """Each parameter and its allowed values."""
    return {"lang": LANGS, "errata": ERRATA, "highlight": ("none", *places.keys())}


@dataclass(frozen=True)
class Parameters:
    lang: str = "en"
    errata: str = "as_printed"
    highlight: str = "none"

    def __post_init__(self):
        for name, values in allowed().items():
            value = getattr(self, name)
            if value not in values:
                raise ParameterError(
                    f"parameter {name}={value!r} is not allowed; allowed values: {', '.join(map(repr, values))}"
                )

    def describe(self) -> str:
        return ", ".join(f"{k}={getattr(self, k)!r}" for k in DEFAULTS)


def check_names(namespace: dict, extra: tuple[str, ...] = ()) -> dict:
    """The parameters found in ``namespace``; refuse names that are not parameters."""
    found = {}
    for name, value in namespace.items():
        if name.startswith("_") or name in _IPYTHON_NAMES:
            continue
        if isinstance(value, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType)):
            continue
        found[name] = value
    unknown = sorted(set(found) - set(DEFAULTS) - set(extra))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s): {', '.join(unknown)}; this notebook takes: "
            f"{', '.join(list(DEFAULTS) + list(extra))}"
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


def start(namespace: dict, extra: tuple[str, ...] = ()) -> Chapter:
    """Validate the parameters in ``namespace``, load the data and say how the chapter was run."""
    from . import errata, labels

    params = Parameters(**check_names(namespace, extra))
    printed = load()
    data = errata.apply(printed)[0] if params.errata == "corrected" else printed
    display(HTML(f'<p class="rp-run-note">{labels.t("run_note", params.lang)}: <code>{params.describe()}</code></p>'))
    return Chapter(params, data, printed)
