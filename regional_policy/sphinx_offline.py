"""A small Sphinx extension that keeps the built pages offline.

Jupyter Book always loads sphinx-thebe, which adds (twice, in Jupyter Book
1.0.4) an inline script naming a CDN URL for live code cells. The book does not
offer live code, so those scripts are dropped from every page: no page refers
to a script on another host, and no console error comes from the duplicate.
"""

from __future__ import annotations


def _drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    kept = [s for s in scripts
            if "thebe" not in str(s).lower() and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()]
    scripts[:] = kept


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
