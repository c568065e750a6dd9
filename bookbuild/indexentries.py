"""The search index's index entries kept through an incremental build, as a fresh build writes them.

Each edition is compiled incrementally (:mod:`.site`): Sphinx reads again only the pages that changed. It reloads the
search index of the last build for the other pages, but not its ``indexentries`` (the glossary's terms, which the
search page offers as index hits): Sphinx 7.4 keeps them only in memory while it writes the pages, so an incremental
build drops those of every page it does not write again (sphinx-doc/sphinx#12599, open). This module puts them back
from the last index, for the pages that were not written again, and writes them in the order of the page names, so
that an incremental build and a fresh one give the same ``searchindex.js`` (tests/test_site_incremental.py).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.search import js_index


def _last_entries(builder, keep: set[str]) -> dict[str, list[tuple[str, str, str]]]:
    """The index entries of the pages in ``keep``, from the search index that the last build wrote."""
    try:
        frozen = js_index.loads((Path(builder.outdir) / builder.searchindex_filename).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    names = frozen["docnames"]
    found: dict[str, list[tuple[str, str, str]]] = {}
    for entry, hits in frozen.get("indexentries", {}).items():
        for page, target, main in hits:
            if names[page] in keep:  # the index keeps an entry lowercased, and "main" as a flag
                found.setdefault(names[page], []).append((entry, target, "main" if main else ""))
    return {name: sorted(entries) for name, entries in found.items()}


def _patch(app):
    builder = app.builder
    if not hasattr(builder, "load_indexer"):
        return
    load = builder.load_indexer

    def load_indexer(docnames):
        load(docnames)
        indexer = builder.indexer
        keep = set(builder.env.all_docs) - set(docnames)
        for name, entries in _last_entries(builder, keep).items():
            indexer._index_entries.setdefault(name, entries)
        freeze = indexer.freeze

        def freeze_in_page_order():
            indexer._index_entries = dict(sorted(indexer._index_entries.items()))
            return freeze()

        indexer.freeze = freeze_in_page_order

    builder.load_indexer = load_indexer


def setup(app):
    app.connect("builder-inited", _patch)
