"""What a page leaves for the build to fill, and the links between pages: read by the Sphinx extension and the
site's assembly (:mod:`bookbuild`) without the data or pandas.

The notebook and the commit under each table are filled when the site is compiled (``bookbuild.sphinx_ext``), so
an executed notebook does not change with every commit; a data file's hash when the site is assembled, so that a
change of a file's bytes that alters no value re-executes no notebook.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

REPORT_PAGE = "07-report.html"
NOTEBOOK_SLOT = '<span class="rp-notebook"></span>'
COMMIT_SLOT = '<span class="rp-commit"></span>'
_FILE_HASH = re.compile(r'<code class="rp-sha" data-file="([^"]+)">[0-9a-f]*</code>')


def file_hash_slot(path: str) -> str:
    """Where a page shows the first 12 digits of a data file's SHA-256 (``path`` from the site's root, e.g.
    ``data/table1-ripp-budget.csv``); empty in the notebook, filled in the site by :func:`fill_file_hashes`."""
    return f'<code class="rp-sha" data-file="{html.escape(path)}"></code>'


def fill_file_hashes(page: str, site: Path) -> str:
    """A page of the site with the hash of each file its slots name, read from the site's own copy."""
    return _FILE_HASH.sub(
        lambda m: (
            f'<code class="rp-sha" data-file="{m[1]}">'
            f"{hashlib.sha256((site / html.unescape(m[1])).read_bytes()).hexdigest()[:12]}</code>"
        ),
        page,
    )
