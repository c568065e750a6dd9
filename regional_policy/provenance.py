"""Status badges and provenance lines under every reproduced table and figure.

The badge sums up the ledger rows of the table (:mod:`.claims`): *reproduced*
(no discrepancy), *reproduced with errata* (every discrepancy is resolved by a
documented erratum) or *discrepancies* (some are not), and links to those rows
in the reproducibility report. The provenance line names the parameters and the
data files read, with their hashes. The notebook and the commit are filled in
when the site is built (``bookbuild.sphinx_ext``), so the executed notebooks do
not change with every commit; the files' hashes when it is assembled
(:func:`.slots.fill_file_hashes`), so that a change of a file's bytes that alters no
value re-executes no notebook.
"""

from __future__ import annotations

import html
from urllib.parse import quote

import pandas as pd

from . import labels, memo, reads
from .datapackage import Data
from .params import Chapter
from .slots import COMMIT_SLOT, NOTEBOOK_SLOT, REPORT_PAGE, file_hash_slot

_CACHE: dict[int, pd.DataFrame] = {}


def ledger_of(data: Data) -> pd.DataFrame:
    """The ledger of ``data``, computed once per loaded data package.

    It reads every table; a page depends only on the rows it shows, which its caller records
    (:func:`.reads.ledger_rows`)."""
    key = id(data)
    if key not in _CACHE:
        _CACHE.clear()
        with reads.quietly():
            _CACHE[key] = memo.ledger(data)  # claims.ledger(data), computed once per content
    return _CACHE[key]


def badge_status(rows: pd.DataFrame) -> str:
    disc = rows[rows["status"] == "discrepancy"]
    if disc.empty:
        return "reproduced"
    explained = (disc["with_errata"] == "reproduced") | (disc["errata"] != "")
    return "reproduced_with_errata" if explained.all() else "discrepancies"


def chapter_ledger(ch: Chapter) -> pd.DataFrame:
    """The ledger of the data the chapter runs with: as printed, or corrected (``errata`` parameter)."""
    return ledger_of(ch.data)


def counts(rows: pd.DataFrame) -> dict[str, int]:
    """The five status counts of some ledger rows, as format fields."""
    c = rows["status"].value_counts()
    return {
        "n": len(rows),
        "reproduced": int(c.get("reproduced", 0)),
        "within": int(c.get("within rounding", 0)),
        "discrepancy": int(c.get("discrepancy", 0)),
        "external": int(c.get("external", 0)),
        "nc": int(c.get("not checkable", 0)),
    }


def rows_for(ch: Chapter, section: str) -> pd.DataFrame:
    """Ledger rows of a table ('Table 2') or of the claims that read a resource ('rsip-performance')."""
    rows = chapter_ledger(ch)
    if section.startswith("Table"):
        rows = rows[rows["section"] == section]
    else:
        deps = ch.printed["claims"].set_index("id")["depends_on"].fillna("")
        rows = rows[rows["id"].map(lambda i: section in deps.get(i, ""))]
    reads.ledger_rows(rows["id"])
    return rows


def badge(ch: Chapter, section: str) -> str:
    rows = rows_for(ch, section)
    status = badge_status(rows)
    text = labels.t(f"badge_{status}", ch.lang)
    detail = labels.t("badge_detail", ch.lang).format(
        data=labels.t(f"data_{ch.params.errata}", ch.lang), **counts(rows)
    )
    href = f"{REPORT_PAGE}?section={quote(section)}#ledger"
    return (
        f'<a class="rp-badge rp-badge-{status.replace("_", "-")}" href="{href}">{html.escape(text)}</a> '
        f'<span class="rp-badge-detail">{html.escape(detail)}</span>'
    )


def provenance(ch: Chapter, resources: tuple[str, ...]) -> str:
    files = ", ".join(
        f"<code>data/{ch.printed.resource(r)['path']}</code> (SHA-256 {file_hash_slot('data/' + ch.printed.resource(r)['path'])})"
        for r in resources
    )
    return (
        f'<p class="rp-provenance">{labels.t("provenance_made_by", ch.lang)} {NOTEBOOK_SLOT} '
        f"{labels.t('provenance_with', ch.lang)} <code>{html.escape(ch.params.describe())}</code>; "
        f"{labels.t('provenance_data', ch.lang)} {files}; {labels.t('provenance_commit', ch.lang)} {COMMIT_SLOT}</p>"
    )


def footer(ch: Chapter, section: str | None, resources: tuple[str, ...]) -> str:
    status = f'<p class="rp-status">{badge(ch, section)}</p>' if section else ""
    return status + provenance(ch, resources)
