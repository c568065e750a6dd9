"""The book's Sphinx extension: offline pages, and provenance filled in at build time.

* Jupyter Book always loads sphinx-thebe, which adds (twice, in Jupyter Book
  1.0.4) an inline script naming a CDN URL for live code cells. The book offers
  no live code, so those scripts are dropped: no page refers to a script on
  another host, and no console error comes from the duplicate.
* Tables and charts carry empty ``rp-notebook`` and ``rp-commit`` slots
  (:mod:`.provenance`); each page fills them with its source notebook and the
  commit the site was built from, so that executed notebooks stay the same from
  commit to commit.
"""

from __future__ import annotations

import subprocess
from functools import cache

from .paths import ROOT
from .provenance import COMMIT_SLOT, NOTEBOOK_SLOT


@cache
def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" (with uncommitted changes)" if dirty else "")


def _drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [s for s in scripts if "thebe" not in str(s).lower()
                      and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()]


def _fill_provenance(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if not body or NOTEBOOK_SLOT not in body:
        return
    notebook = f'<code>notebooks/{pagename.split("/")[-1]}.ipynb</code>'
    context["body"] = (body.replace(NOTEBOOK_SLOT, f'<span class="rp-notebook">{notebook}</span>')
                       .replace(COMMIT_SLOT, f'<span class="rp-commit"><code>{commit()}</code></span>'))


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _fill_provenance, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
