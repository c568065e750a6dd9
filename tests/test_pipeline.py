"""The executed book/ notebooks are the current notebooks/ sources, run deterministically."""

from __future__ import annotations

import json

import papermill
import pytest

from bookbuild import pipeline, sphinx_ext
from regional_policy.params import LANGS, Parameters
from regional_policy.paths import BOOK, NOTEBOOKS

SOURCES = pipeline.chapters()
EDITIONS = [(lang, source) for lang in LANGS for source in SOURCES]


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_there_is_a_chapter_per_section_a_data_page_and_a_report():
    assert {"01", "02", "03", "04", "05", "06", "08"} <= {p.name[:2] for p in SOURCES}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_sources_are_stored_without_outputs_and_have_a_parameters_cell(source):
    cells = _cells(source)
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert "rp.start(globals()" in "".join(code[1]["source"])


@pytest.mark.parametrize("lang, source", EDITIONS, ids=lambda x: getattr(x, "name", x))
def test_book_notebook_is_the_source_executed(lang, source):
    executed = pipeline.book_dir(lang) / source.name
    assert executed.exists(), f"{executed} missing: run `make book`"
    meta = json.loads(executed.read_text(encoding="utf-8"))["metadata"]["regional_policy"]
    assert meta["source_sha256"] == pipeline.source_hash(source), (
        f"{executed.name} was executed from another version of {source}: run `make book`"
    )
    assert meta["parameters"]["lang"] == lang
    assert meta["inputs_sha256"] == pipeline.inputs_hash(source, Parameters(**meta["parameters"])), (
        f"{executed} is older than the data, the package or the requirements: run `make book`"
    )
    book_cells = [c for c in _cells(executed) if "injected-parameters" not in c["metadata"].get("tags", [])]
    wanted = [c for c in _cells(source) if pipeline.keeps(c, lang)]
    assert ["".join(c["source"]) for c in book_cells] == ["".join(c["source"]) for c in wanted]
    # the page shows the parameters it ran with: the injected cell, not the defaults above it
    injected = [c for c in _cells(executed) if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and "remove-cell" not in injected[0]["metadata"]["tags"]
    assert f'lang = "{lang}"' in "".join(injected[0]["source"])
    defaults = [c for c in _cells(executed) if "parameters" in c["metadata"].get("tags", [])]
    assert len(defaults) == 1 and "remove-cell" in defaults[0]["metadata"]["tags"]


def test_each_edition_keeps_only_its_own_prose():
    for lang in LANGS:
        for path in pipeline.book_dir(lang).glob("*.ipynb"):
            tags = {t for c in _cells(path) for t in c["metadata"].get("tags", []) if t.startswith("lang-")}
            assert tags <= {f"lang-{lang}"}, (path, tags)


def test_executed_notebooks_have_no_errors_or_stderr():
    for path in [*BOOK.glob("*.ipynb"), *BOOK.glob("ko/*.ipynb")]:
        for cell in _cells(path):
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", f"{path.name}: {out.get('evalue')}"
                assert out.get("name") != "stderr", f"{path.name}: {''.join(out.get('text', ''))[:200]}"


def test_up_to_date_notebooks_are_not_executed_again(capsys):
    before = {p: p.stat().st_mtime_ns for p in BOOK.glob("*.ipynb")}
    pipeline.execute(Parameters())
    assert "executed" not in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in BOOK.glob("*.ipynb")} == before


def test_language_switch_urls():
    assert sphinx_ext.other_edition_url("book/02-introducing-phase", "en") == "../ko/02-introducing-phase.html"
    assert sphinx_ext.other_edition_url("02-introducing-phase", "ko") == "../book/02-introducing-phase.html"
    assert sphinx_ext.other_edition_url("genindex", "en") == "ko/genindex.html"
    assert sphinx_ext.other_edition_url("search", "ko") == "../search.html"


def _execution_error(notebook: str, out, **parameters) -> papermill.PapermillExecutionError:
    """Execute ``notebook`` with ``parameters`` into ``out``, which must fail: the error it raised."""
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(
            str(NOTEBOOKS / notebook),
            str(out),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(NOTEBOOKS),
        )
    return info.value


def test_invalid_parameter_value_fails_in_the_first_cell(tmp_path):
    error = _execution_error("02-introducing-phase.ipynb", tmp_path / "out.ipynb", lang="fr")
    assert error.ename == "ParameterError"
    assert "'en'" in error.evalue and "'ko'" in error.evalue
    failed = [
        c
        for c in _cells(tmp_path / "out.ipynb")
        if c["cell_type"] == "code" and any(o["output_type"] == "error" for o in c.get("outputs", []))
    ]
    assert "rp.start(globals())" in "".join(failed[0]["source"])


def test_misspelt_parameter_name_fails(tmp_path):
    error = _execution_error("06-summary.ipynb", tmp_path / "out.ipynb", hilight="Busan")
    assert "hilight" in error.evalue and "highlight" in error.evalue


def test_pipeline_refuses_bad_parameters_before_writing_anything(capsys):
    before = {p.name: p.stat().st_mtime_ns for p in BOOK.glob("*.ipynb")}
    assert pipeline.main(["execute", "--errata", "fixed"]) == 2
    err = capsys.readouterr().err
    assert "errata='fixed'" in err and "'as_printed'" in err and "'corrected'" in err
    assert {p.name: p.stat().st_mtime_ns for p in BOOK.glob("*.ipynb")} == before


def test_sanitize_shows_the_parameters_the_page_ran_with(tmp_path):
    """A Korean page shows `lang = "ko"`, not the defaults cell `lang = "en"` above the note that it ran in Korean."""
    source = NOTEBOOKS / "06-summary.ipynb"
    out = tmp_path / "06.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    at = next(i for i, c in enumerate(nb["cells"]) if "parameters" in c["metadata"].get("tags", []))
    injected = {
        "cell_type": "code",
        "execution_count": None,
        "id": "random",
        "metadata": {"tags": ["injected-parameters"]},
        "outputs": [],
        "source": '# Parameters\nlang = "ko"\n',
    }
    nb["cells"].insert(at + 1, injected)
    out.write_text(json.dumps(nb), encoding="utf-8")
    task = pipeline.Task(source, out, {"lang": "ko", "errata": "as_printed", "highlight": "none"})
    pipeline.sanitize(out, task, "x")
    cells = _cells(out)
    shown = [c for c in cells if c["cell_type"] == "code" and "remove-cell" not in c["metadata"].get("tags", [])]
    assert shown[0]["id"] == "injected-parameters" and 'lang = "ko"' in "".join(shown[0]["source"])
    defaults = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    assert "remove-cell" in defaults[0]["metadata"]["tags"] and 'lang = "en"' in "".join(defaults[0]["source"])
    assert not [c for c in cells if "lang-en" in c["metadata"].get("tags", [])]
