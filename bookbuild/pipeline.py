"""Build the book: validate the data, execute the chapters, compile the site, in two languages.

    python -m bookbuild.pipeline validate      # data and parameters only
    python -m bookbuild.pipeline execute       # papermill: notebooks/ -> book/ (en) and book/ko/ (ko)
    python -m bookbuild.pipeline html          # jupyter-book: -> _build/html (en) and _build/html/ko
    python -m bookbuild.pipeline all           # the three in order

Options: ``--lang en|ko`` builds one edition only; ``--errata`` and ``--highlight``
set the other parameters; ``--force`` re-executes every notebook and compiles the site again; ``--jobs N``.

Nothing is written before the data and the parameters are valid. A notebook is executed only when its
source or parameters changed or something it read changed in value (:mod:`.deps`); the notebooks of both
editions are executed in parallel, each in a fresh kernel forked from a warm process (:mod:`.kernels`), into
a temporary folder, and moved into place only when all of them succeeded (:mod:`.execute`). The site is
compiled into a work folder and swapped into ``_build/html`` only when Jupyter Book succeeded with no warning
(:mod:`.site`). A failed build never replaces the last good one, nor does an interrupted one (Ctrl-C or SIGTERM:
exit 130, :mod:`.interrupt`).
"""

from __future__ import annotations

import argparse
import sys
import time

from regional_policy.params import DEFAULTS, LANGS, ParameterError, Parameters
from regional_policy.paths import NOTEBOOKS
from regional_policy.problems import DataError

from .execute import (  # noqa: F401 - the public names of the build, imported from here by tests and tools
    META_KEY,
    PROFILE,
    VOLATILE_NOTEBOOK_KEYS,
    BuildError,
    Task,
    book_dir,
    chapters,
    execute,
    inputs_hash,
    keeps,
    run,
    sanitize,
    source_hash,
    tasks,
    validate,
    validate_data,
)
from .interrupt import Interrupted, handled
from .site import VOLATILE_HTML, assemble_pages, html, site_hash  # noqa: F401


def _steps(args: argparse.Namespace) -> None:
    langs = LANGS if args.lang is None else (args.lang,)
    editions = [Parameters(lang=lang, errata=args.errata, highlight=args.highlight) for lang in langs]
    if args.step in ("validate", "execute", "all"):
        for n, params in enumerate(editions):
            # --force checks the data in full again: a build that executes does it in run(), as its kernels start
            validate(params, force=args.force and n == 0 and args.step == "validate")
        print("data package and parameters are valid", flush=True)
    if args.step in ("execute", "all"):
        if not chapters():
            raise BuildError(f"no chapter notebooks in {NOTEBOOKS}")
        run([(params, None) for params in editions], args.jobs, force=args.force, compiles=args.step == "all")
    if args.step in ("html", "all"):
        print(f"site: {html(langs=langs, force=args.force)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.pipeline", description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["validate", "execute", "html", "all"])
    parser.add_argument("--lang", default=None, help="one edition only: en or ko (default: both)")
    parser.add_argument("--errata", default=DEFAULTS["errata"])
    parser.add_argument("--highlight", default=DEFAULTS["highlight"])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: the cores + 2)")
    parser.add_argument("--force", action="store_true", help="execute and compile even when nothing changed")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        with handled():
            _steps(args)
    except (DataError, ParameterError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Interrupted:
        print("interrupted: book/ and _build/html were left as they were", file=sys.stderr)
        return 130
    print(f"done in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
