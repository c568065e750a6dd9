"""The book's Sphinx extension: offline pages, and provenance filled in at build time.

* Jupyter Book always loads sphinx-thebe, which adds (twice, in Jupyter Book
  1.0.4) an inline script naming a CDN URL for live code cells. The book offers
  no live code, so those scripts are dropped: no page refers to a script on
  another host, and no console error comes from the duplicate.
* The bibliography loses two ARIA roles that no longer fit together.
* Every page gets a language switch to the same page in the other edition
  (the English site at the root of ``_build/html``, the Korean one in ``ko/``).
* The interface speaks the edition's language: message catalogues from
  ``locale/`` (:mod:`.catalogues`); the Korean search index and query
  (:mod:`.search_ko`); the strings our own scripts show, from the label table
  (:func:`script_labels`).
* Exercises and solutions are titled with the chapter's number ("Exercise 3.1: Title"; :mod:`.exercise_titles`).
* Tables and charts carry empty ``rp-notebook`` and ``rp-commit`` slots
  (:mod:`.provenance`); each page fills them with its source notebook and the
  commit the site was built from, so that executed notebooks stay the same from
  commit to commit.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
from functools import cache

from regional_policy.paths import ROOT
from regional_policy.slots import COMMIT_SLOT, NOTEBOOK_SLOT, REPORT_PAGE


@cache
def other_edition_url(pagename: str, lang: str) -> str:
    """The same page in the other edition, relative to this page (the language switch)."""
    if lang == "en":
        here = pagename + ".html"
        there = "ko/" + (pagename[len("book/") :] if pagename.startswith("book/") else pagename) + ".html"
    else:
        here = "ko/" + pagename + ".html"
        there = ("book/" + pagename if pagename not in ("genindex", "search") else pagename) + ".html"
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


def commit(lang: str = "en") -> str:
    """The commit the site was built from, and whether the work tree differed from it, in the edition's language."""
    from regional_policy import labels

    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return labels.t("commit_unknown", lang)
    return head + (f" ({labels.t('commit_dirty', lang)})" if dirty else "")


def _visit_hidden_cell(self, node):
    """myst-nb's collapsed code cell, named by its visible prompt (in the edition's language, ``nb_code_prompt_show``)
    instead of the fixed English aria-label "Toggle hidden content" that myst-nb gives it."""
    from myst_nb.sphinx_ import visit_HideCellInput

    visit_HideCellInput(self, node)
    self.body[-4:] = [b.replace(' aria-label="Toggle hidden content"', "") for b in self.body[-4:]]


SCRIPT_LABEL = "script_"  # labels.csv keys of the strings our scripts show (_static/charts.js, interface.js)


def script_labels(lang: str) -> str:
    """The inline script that gives our scripts their strings in the edition's language: ``window.rpLabels``,
    every ``script_*`` label of the label table."""
    from regional_policy import labels

    table = {k: labels.t(k, lang) for k in sorted(labels.table()) if k.startswith(SCRIPT_LABEL)}
    return "var rpLabels = " + json.dumps(table, ensure_ascii=False).replace("</", "<\\/") + ";"


def _add_script_labels(app, config):
    app.add_js_file(None, body=script_labels(config.rp_lang), priority=200)  # before every script that reads it


def _drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [
            s
            for s in scripts
            if "thebe" not in str(s).lower()
            and "thebe" not in str(getattr(s, "attributes", {}).get("body", "")).lower()
        ]


def _fill_provenance(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if not body or NOTEBOOK_SLOT not in body:
        return
    source = "profile" if "profiles/" in pagename else pagename.split("/")[-1]
    notebook = f"<code>notebooks/{source}.ipynb</code>"
    body = body.replace(NOTEBOOK_SLOT, f'<span class="rp-notebook">{notebook}</span>').replace(
        COMMIT_SLOT, f'<span class="rp-commit"><code>{commit(app.config.rp_lang)}</code></span>'
    )
    # links to the report are written relative to a chapter; a profile sits one folder deeper
    report = ("book/" if app.config.rp_lang == "en" else "") + REPORT_PAGE
    relative = posixpath.relpath(report, posixpath.dirname(pagename) or ".")
    if relative != REPORT_PAGE:
        body = body.replace(f'href="{REPORT_PAGE}', f'href="{relative}')
    context["body"] = body


def _language_switch(app, pagename, templatename, context, doctree):
    from regional_policy import labels

    lang = app.config.rp_lang
    other = "ko" if lang == "en" else "en"
    url = other_edition_url(pagename, lang)
    link = (
        f'<p class="rp-lang-switch"><a href="{url}" hreflang="{other}" lang="{other}" '
        f'rel="alternate">{labels.t("switch_language", other)}</a></p>'
    )
    if "body" in context:
        context["body"] = link + context["body"]


def _download_links(app, pagename, templatename, context, doctree):
    """Each chapter page offers its notebook, a student copy without solutions, and an archive to run it."""
    from regional_policy import labels
    from regional_policy.paths import NOTEBOOKS

    name = pagename.split("/")[-1]
    if "body" not in context or not (NOTEBOOKS / f"{name}.ipynb").exists():
        return
    lang = app.config.rp_lang
    # the downloads sit at the root of the English site; the Korean site is its ko/ folder
    up = "../" * (pagename.count("/") + (0 if lang == "en" else 1))
    links = " · ".join(
        f'<a href="{up}downloads/{path}" download>{labels.t(key, lang)}</a>'
        for key, path in (
            ("download_notebook", f"notebooks/{name}.ipynb"),
            ("download_student", f"student/{'' if lang == 'en' else lang + '/'}{name}.ipynb"),
            ("download_archive", f"{name}.zip"),
        )
    )
    box = f'<p class="rp-downloads">{labels.t("download_title", lang)}: {links}</p>'
    context["body"] = context["body"].replace("</h1>", "</h1>" + box, 1)


def _bibliography_roles(app, pagename, templatename, context, doctree):
    """Docutils marks the bibliography up as role="list" with role="doc-biblioentry" children, a pairing that
    ARIA 1.2 no longer accepts (axe: aria-required-children); plain markup reads the same to everyone."""
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = body.replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        ).replace(' role="doc-biblioentry"', "")


def _mark_english(app, pagename, templatename, context, doctree):
    """The Korean edition's deliberate English (glossary headwords, English names) is marked lang="en"."""
    from .lang_marks import mark_english

    if app.config.rp_lang == "ko" and context.get("body"):
        context["body"] = mark_english(context["body"], pagename)


def _mark_index(app, exception):
    """The general index is drawn by its template, not from a body: its English entries are marked once written."""
    from pathlib import Path

    from .lang_marks import mark_english

    index = Path(app.outdir) / "genindex.html"
    if exception is None and app.config.rp_lang == "ko" and index.exists():
        index.write_text(mark_english(index.read_text(encoding="utf-8"), "genindex"), encoding="utf-8")


def _template_cache(app) -> None:
    """Jinja compiles the theme's templates afresh on every compile (0.4 s of an incremental one); its bytecode cache
    keeps them compiled in ``.cache/jinja``, each under its name and the hash of its source."""
    import jinja2

    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        folder = ROOT / ".cache" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def setup(app):
    from . import catalogues, exercise_titles, search_ko

    app.add_config_value("rp_lang", "en", "html")
    app.connect("config-inited", catalogues.interface, priority=100)  # before extensions read their messages
    app.connect("config-inited", _add_script_labels)
    app.connect("builder-inited", _template_cache)
    search_ko.setup(app)
    exercise_titles.setup(app)  # "Exercise 3.1: Title", "Solution to Exercise 3.1"
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _language_switch, priority=900)
    app.connect("html-page-context", _download_links, priority=900)
    app.connect("html-page-context", _bibliography_roles, priority=900)
    app.connect("html-page-context", _fill_provenance, priority=900)
    app.connect("html-page-context", _mark_english, priority=900)
    app.connect("build-finished", _mark_index)
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_cell, depart_HideCellInput))
    from . import pageassets

    pageassets.setup(app)  # scripts only where needed and deferred, the icons used, a meta description
    from . import unusedcss

    unusedcss.setup(app)  # the theme's stylesheets without the rules no page can use
    from . import cssbundle

    cssbundle.setup(app)  # then one stylesheet per page
    from . import indexentries

    indexentries.setup(app)  # an incremental compile writes the search index as a fresh one (sphinx#12599)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
