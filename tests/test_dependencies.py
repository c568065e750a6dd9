"""A data edit re-executes exactly the notebooks that read what changed, compared by value (bookbuild.deps).

Each test changes a scratch copy of the built English edition (tests/conftest.py ``scratch``) and checks which
notebooks the next ``execute`` ran, and that no other executed notebook changed by a byte.
"""

from __future__ import annotations

import json
import re

from conftest import edit_cell, fingerprint, line_of, run_pipeline

TABLE5 = "table5-budget-2010-2011.csv"


def _execute(copy) -> set[str]:
    """Run ``execute --lang en`` in the copy; the notebooks it executed (paths relative to book/)."""
    before = fingerprint(copy / "book")
    result = run_pipeline(copy, "execute", "--lang", "en")
    assert result.returncode == 0, result.stderr[-3000:]
    executed = set(re.findall(r" executed (\S+)", result.stdout))
    after = fingerprint(copy / "book")
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)} - {".deps.json"}
    assert changed <= executed, f"changed without being executed: {changed - executed}"
    return executed


def _recorded(copy, key: str) -> set[str]:
    manifest = json.loads((copy / "book" / ".deps.json").read_text(encoding="utf-8"))
    return {name for name, entry in manifest.items() if any(k.startswith(key) for k in entry["deps"])}


def test_every_notebook_has_a_record_of_what_it_read(built):
    manifest = json.loads((built / "book" / ".deps.json").read_text(encoding="utf-8"))
    assert len(manifest) == 8 + 16
    maps = manifest["05-maps.ipynb"]["deps"]
    assert "file:regional_policy/maps/figure2.py" in maps and "file:regional_policy/labels.csv" in maps
    assert "file:regional_policy/maps/figure2.py" not in manifest["02-introducing-phase.ipynb"]["deps"]
    assert "table:table5-budget-2010-2011" in manifest["04-expansionary-phase.ipynb"]["deps"]
    # a chapter depends on the ledger rows its numbers box shows, not on every table behind the ledger
    intro = manifest["02-introducing-phase.ipynb"]["deps"]
    assert "table:table5-budget-2010-2011" not in intro
    assert any(k.startswith("ledger:") and "s2-" in k and "s4-" not in k for k in intro)


def _ledger(folder):
    from regional_policy import claims, load

    return claims.ledger(load(folder / "datapackage.json")).set_index("id").astype(str)


def test_one_value_of_table5_re_executes_only_the_notebooks_that_read_it(scratch):
    data = scratch / "data"
    before = _ledger(data)
    where = {"level": "Strategic Industry", "year": "2010"}
    edit_cell(data, TABLE5, line_of(data / TABLE5, account="Local Account", **where), "amount", "203")
    edit_cell(data, TABLE5, line_of(data / TABLE5, account="Total", **where), "amount", "552")  # totals still add up
    after = _ledger(data)
    changed_rows = {i for i in before.index if not before.loc[i].equals(after.loc[i])}
    manifest = json.loads((scratch / "book" / ".deps.json").read_text(encoding="utf-8"))
    shows_a_changed_row = {
        name
        for name, entry in manifest.items()
        for key in entry["deps"]
        if key.startswith("ledger:") and set(key[len("ledger:") :].split(",")) & changed_rows
    }
    executed = _execute(scratch)
    assert executed == _recorded(scratch, "table:table5-budget-2010-2011") | shows_a_changed_row
    assert "04-expansionary-phase.ipynb" in executed
    assert "02-introducing-phase.ipynb" not in executed and "profiles/busan.ipynb" not in executed


def test_a_byte_change_that_alters_no_value_re_executes_and_compiles_nothing(scratch):
    import hashlib

    path = scratch / "data" / TABLE5
    text = path.read_text(encoding="utf-8")
    assert "Strategic Industry,Local Account,2010,202\n" in text
    before = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    notebooks = fingerprint(scratch / "book")
    path.write_text(
        text.replace("Strategic Industry,Local Account,2010,202\n", 'Strategic Industry,"Local Account",2010,202\n')
    )
    result = run_pipeline(scratch, "all", "--lang", "en")
    assert result.returncode == 0, result.stderr[-3000:]
    assert " executed " not in result.stdout and "compiled the site" not in result.stdout, result.stdout
    assert "assembling the site again" in result.stdout
    # not a notebook changed; the manifest records them under the new basis (the data's bytes), as a cold build would
    assert {k: v for k, v in fingerprint(scratch / "book").items() if k != ".deps.json"} == {
        k: v for k, v in notebooks.items() if k != ".deps.json"
    }
    # the provenance lines and the data page show the file's new hash, filled in when the site was assembled
    after = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert after != before
    for page in ("08-data.html", "04-expansionary-phase.html"):
        shown = (scratch / "_build" / "html" / "book" / page).read_text(encoding="utf-8")
        assert f'<code class="rp-sha" data-file="data/{TABLE5}">{after}</code>' in shown and before not in shown
    assert (scratch / "_build" / "html" / "data" / TABLE5).read_bytes() == path.read_bytes()


def test_a_file_no_notebook_reads_re_executes_nothing(scratch):
    for name in ("pages/glossary.md", "bookbuild/pdf.py"):
        path = scratch / name
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _execute(scratch) == set()


def test_a_module_re_executes_only_the_notebooks_that_import_it(scratch):
    path = scratch / "regional_policy" / "maps" / "figure2.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    executed = _execute(scratch)
    assert executed == _recorded(scratch, "file:regional_policy/maps/figure2.py")
    assert "05-maps.ipynb" in executed and "02-introducing-phase.ipynb" not in executed


def test_a_change_of_the_package_records_the_notebooks_it_left_alone_as_a_cold_build_would(scratch):
    """A top-level module changes what every value is a function of (``deps.basis``); the notebooks that did not
    import it are up to date, and their manifest entries take the new basis, so the manifest after this build is the
    one a cold build writes."""
    path = scratch / "regional_policy" / "solution_charts.py"
    old = json.loads((scratch / "book" / ".deps.json").read_text(encoding="utf-8"))["03-systematizing-phase.ipynb"]
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    executed = _execute(scratch)
    assert executed == _recorded(scratch, "file:regional_policy/solution_charts.py")
    assert "06-summary.ipynb" in executed and "03-systematizing-phase.ipynb" not in executed
    manifest = json.loads((scratch / "book" / ".deps.json").read_text(encoding="utf-8"))
    assert len({entry["basis"] for entry in manifest.values()}) == 1
    assert manifest["03-systematizing-phase.ipynb"]["basis"] != old["basis"]
    assert manifest["03-systematizing-phase.ipynb"]["deps"] == old["deps"]
