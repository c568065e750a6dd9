"""What a notebook read: the record behind the build's dependency tracking (``bookbuild.deps``).

The data package records which tables are looked up (:class:`.datapackage.Data`), which files' bytes are
hashed (a provenance line shows them) and which ledger rows a page shows. Work that reads everything but shows
only a summary (validation in :func:`.loader.load`, computing the whole ledger) runs :func:`quietly`: it
records nothing itself, and the caller records what the page shows instead (:func:`ledger_rows`). The build
re-executes a notebook only when one of the recorded things changed in value.
"""

from __future__ import annotations

from contextlib import contextmanager

_RESOURCES: set[str] = set()  # tables read: their parsed values count
_BYTES: set[str] = set()  # resources whose file bytes were hashed (shown on a page)
_LEDGER: set[str] = set()  # ids of the ledger rows shown
_quiet = 0


def resource(name: str) -> None:
    if not _quiet:
        _RESOURCES.add(name)


def file_bytes(name: str) -> None:
    if not _quiet:
        _BYTES.add(name)


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
    return {"resources": sorted(_RESOURCES), "bytes": sorted(_BYTES), "ledger": sorted(_LEDGER)}
