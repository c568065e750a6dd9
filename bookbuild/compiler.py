"""One warm process for the site compiles: Jupyter Book, Sphinx, MyST-NB, the theme and the book's extensions are
imported once, and each edition's ``jupyter-book build`` runs in a child forked from it.

Each edition's compile spent about 2 of its 3.5 s (an incremental one) importing those, and the two editions
imported them each. The pipeline starts this process (:func:`prewarm`) when notebooks are about to run, so the
imports happen while the notebooks do, and :func:`compile_editions` hands it the editions' command lines once their
pages are ready. A child is ``jupyter-book build`` with those arguments, as the command would run it: its own
process, its output in its own log, its exit status. Protocol: one line of JSON on stdin, a list of
``{"name", "argv", "log"}``; one line of JSON on stdout per finished child, ``{"name", "code", "seconds"}``.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

from regional_policy.paths import ROOT

from . import pythonpath

# jupyter-book's own extensions and the ones _config.yml adds (what a compile imports); the rest load in the child
PRELOAD = (
    "jupyter_book.cli.main",
    "jupyter_book.sphinx",
    "sphinx.application",
    "sphinx.builders.html",
    "myst_nb",
    "myst_nb.sphinx_ext",
    "sphinx_book_theme",
    "sphinx_togglebutton",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_external_toc",
    "sphinx_thebe",
    "sphinx_comments",
    "sphinxcontrib.bibtex",
    "sphinx_exercise",
    "bookbuild.sphinx_ext",
)
_WARM: list[subprocess.Popen] = []


def prewarm() -> None:
    """Start the warm process now, if it is not started, so that its imports overlap with other work."""
    if not _WARM or _WARM[0].poll() is not None:
        _WARM[:] = [_start()]


def _start() -> subprocess.Popen:
    # Sphinx imports this checkout's package (bookbuild.sphinx_ext), whatever else is installed
    env = {**os.environ, "PYTHONPATH": pythonpath(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "bookbuild.compiler"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def compile_editions(jobs: dict[str, list[str]], logs: Path):
    """Run ``jupyter-book`` with each job's arguments at the same time; yield ``(name, exit code, seconds, log)`` as
    each ends (its output is in the log file)."""
    prewarm()
    proc = _WARM.pop()
    logs.mkdir(parents=True, exist_ok=True)
    request = [{"name": n, "argv": argv, "log": str(logs / f"{n}.log")} for n, argv in jobs.items()]
    try:
        proc.stdin.write(json.dumps(request) + "\n")
        proc.stdin.close()
        done = set()
        for line in proc.stdout:
            result = json.loads(line)
            done.add(result["name"])
            yield result["name"], result["code"], result["seconds"], logs / f"{result['name']}.log"
        proc.wait()
        for name in jobs.keys() - done:  # the warm process died (killed, out of memory): no result is not success
            yield name, proc.returncode or 1, 0.0, logs / f"{name}.log"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _child(job: dict) -> None:
    """In the forked child: ``jupyter-book ARGV``, its output into the job's log; never returns."""
    from .kernels import die_with_parent

    code = 1
    try:
        die_with_parent(signal.SIGTERM)  # not inherited through fork: a killed warm process ends its compiles
        fd = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        sys.stdin.close()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.argv = ["jupyter-book", *job["argv"]]
        from jupyter_book.cli.main import main

        main(args=job["argv"], prog_name="jupyter-book")  # click ends with SystemExit in every case
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported in the log, as the command would print it
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    """The warm process: import, read the jobs, fork a child per job, report each as it ends."""
    from .kernels import die_with_parent

    die_with_parent(signal.SIGTERM)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pipeline decides; it kills us on Ctrl-C
    for name in PRELOAD:
        importlib.import_module(name)
    line = sys.stdin.readline()
    if not line:  # the pipeline needed no compile after all
        return
    started = {}
    for job in json.loads(line):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(job)
        started[pid] = (job["name"], time.perf_counter())
    while started:
        pid, status = os.wait()
        name, start = started.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        print(json.dumps({"name": name, "code": code, "seconds": time.perf_counter() - start}), flush=True)
    sys.stderr.flush()
    os._exit(0)  # at once: the interpreter's own shutdown, with Sphinx and the rest imported, takes a quarter second


if __name__ == "__main__":
    serve()
