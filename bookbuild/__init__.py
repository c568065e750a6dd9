"""Build tooling of the book: execute the notebooks, compile the site, write downloads, print the PDF, measure.

Nothing here is imported by a notebook: the notebooks import the analysis package :mod:`regional_policy`,
and this package imports it, never the other way round.

- :mod:`.pipeline`: ``python -m bookbuild.pipeline all`` (what ``make book`` runs); its parts:
  :mod:`.execute` (which notebooks run, all or none), :mod:`.kernels` (kernels forked from a warm zygote),
  :mod:`.svgserver` (one vl-convert per build), :mod:`.deps` (what each notebook read, by value),
  :mod:`.site` (Jupyter Book, swapped in on success), :mod:`.compiler` (both editions' compiles forked from one
  warm process), :mod:`.interrupt` (Ctrl-C: nothing written)
- :mod:`.sphinx_ext`: the Sphinx extension (language switch, provenance slots); :mod:`.pageassets` (scripts
  only where needed, the icons used, meta description)
- :mod:`.downloads`: per-chapter downloads and the student copies
- :mod:`.assets`: the offline Vega bundle
- :mod:`.pdf`: ``make pdf``
- :mod:`.bench`: ``make bench`` (:mod:`.benchweb`: page bytes in Chromium, Lighthouse)
"""

import os
from pathlib import Path


def pythonpath(first: Path) -> str:
    """``PYTHONPATH`` for a child process that must import ``first``'s packages (this checkout's, or a scratch
    copy's) before anything installed: ``first``, then what is set already."""
    return os.pathsep.join(filter(None, [str(first), os.environ.get("PYTHONPATH", "")]))
