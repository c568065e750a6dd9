"""What a notebook read: the record behind the build's dependency tracking (``bookbuild.deps``).

The data package records which tables are looked up (:class:`.datapackage.Data`) and which ledger rows a page
shows. (The hashes of the data files that pages show are filled in when the site is assembled, so a file's bytes
are never a notebook's dependency: :func:`.slots.fill_file_hashes`.) Work that reads everything but shows
only a summary (validation in :func:`.loader.load`, computing the whole ledger) runs :func:`quietly`: it
records nothing itself, and the caller records what the page shows instead (:func:`ledger_rows`). The build
re-executes a notebook only when one of the recorded things changed in value.
"""

from __future__ import annotations

from contextlib import contextmanager

_RESOURCES: set[str] = set()  # tables read: their parsed values count
_LEDGER: set[str] = set()  # ids of the ledger rows shown
_quiet = 0


def resource(name: str) -> None:
    if not _quiet:
        _RESOURCES.add(name)


def ledger_rows(ids) -> None:
    """The rows of the claims ledger a page shows (by id)."""
    if not _quiet:
        _LEDGER.update(map(str, ids))


@contextmanager
def quietly():
    global _quiet
    _quiet += 1
    try:
        yield
    finally:
        _quiet -= 1


def snapshot() -> dict[str, list[str]]:
    return {"resources": sorted(_RESOURCES), "ledger": sorted(_LEDGER)}
