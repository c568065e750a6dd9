"""The warm compiler (bookbuild/compiler.py): each job is ``jupyter-book`` with its arguments, run at the same time
as the others in a child of one warm process, with its own exit status and its own output."""

from __future__ import annotations

from bookbuild import compiler


def test_each_job_reports_its_own_status_and_output(tmp_path):
    missing = tmp_path / "no-such-book"
    results = {
        name: (code, log.read_text(encoding="utf-8"))
        for name, code, _, log in compiler.compile_editions(
            {"version": ["--version"], "broken": ["build", str(missing)]}, tmp_path / "logs"
        )
    }
    assert set(results) == {"version", "broken"}
    code, log = results["version"]
    assert code == 0 and "Jupyter Book" in log
    code, log = results["broken"]
    assert code != 0 and "no-such-book" in log


def test_a_warm_process_that_died_is_started_again(tmp_path):
    compiler.prewarm()
    compiler._WARM[0].kill()
    compiler._WARM[0].wait()
    [(name, code, _, log)] = list(compiler.compile_editions({"version": ["--version"]}, tmp_path / "logs"))
    assert (name, code) == ("version", 0) and "Jupyter Book" in log.read_text(encoding="utf-8")
