"""An edition is compiled incrementally (bookbuild.site): Sphinx reads again only the page that changed, and the
site it writes is the one a fresh compile writes, byte for byte, search index included (bookbuild.indexentries). A
change of anything else a compile reads (the tooling) compiles from scratch."""

from __future__ import annotations

import json

from conftest import fingerprint, run_pipeline


def _site(project) -> dict[str, str]:
    return {k: v for k, v in fingerprint(project / "_build" / "html").items() if k != ".build-stamp.json"}


def _compile_fresh(project) -> None:
    result = run_pipeline(project, "html", "--lang", "en", "--force")
    assert result.returncode == 0, result.stderr[-3000:]


def test_an_incremental_compile_writes_what_a_fresh_one_writes(scratch):
    _compile_fresh(scratch)  # Sphinx's record of the last compile names the folder: a copied project reads all again
    doctrees = scratch / "_build" / ".work" / "en" / "_build" / ".doctrees" / "book"
    untouched = doctrees / "01-introduction.doctree"
    read_before = untouched.stat().st_mtime_ns
    notebook = scratch / "notebooks" / "06-summary.ipynb"
    source = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in source["cells"] if "lang-en" in c["metadata"].get("tags", []))
    cell["source"] = "".join(cell["source"]) + "\n\nA sentence added by a test.\n"
    notebook.write_text(json.dumps(source, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_pipeline(scratch, "all", "--lang", "en")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "executed 06-summary.ipynb" in result.stdout and "[en] compiled the site" in result.stdout
    assert "A sentence added by a test." in (scratch / "_build" / "html" / "book" / "06-summary.html").read_text()
    assert untouched.stat().st_mtime_ns == read_before  # a page that did not change was not read again ...
    assert (doctrees / "06-summary.doctree").stat().st_mtime_ns > read_before  # ... the changed one was
    incremental = _site(scratch)
    _compile_fresh(scratch)
    assert _site(scratch) == incremental
    index = (scratch / "_build" / "html" / "searchindex.js").read_text(encoding="utf-8")
    entries = json.loads(index[index.index("(") + 1 : index.rindex(")")])["indexentries"]
    assert len(entries) > 30 and "block grant" in entries  # the glossary's terms (sphinx-doc/sphinx#12599)
    # a change of tooling (here a stylesheet; the extension, templates, labels and configuration count too)
    read_before = untouched.stat().st_mtime_ns
    css = scratch / "_static" / "book.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.rp-tooling-check { color: inherit; }\n", encoding="utf-8")
    result = run_pipeline(scratch, "html", "--lang", "en")
    assert result.returncode == 0, result.stderr[-3000:]
    assert untouched.stat().st_mtime_ns > read_before  # every page read again
