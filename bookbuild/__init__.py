"""Build tooling of the book: execute the notebooks, compile the site, write downloads, print the PDF, measure.

Nothing here is imported by a notebook: the notebooks import the analysis package :mod:`regional_policy`,
and this package imports it, never the other way round.

- :mod:`.pipeline`: ``python -m bookbuild.pipeline all`` (what ``make book`` runs)
- :mod:`.sphinx_ext`: the Sphinx extension (language switch, provenance slots)
- :mod:`.downloads`: per-chapter downloads and the student copies
- :mod:`.assets`: the offline Vega bundle
- :mod:`.pdf`: ``make pdf``
- :mod:`.bench`: ``make bench``
"""
