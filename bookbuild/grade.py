"""Grade a class: run every submitted notebook in a sandbox and compare its answers with the keys.

    python -m bookbuild.grade SUBMISSIONS [--jobs 2] [--timeout 300] [--memory 3000]   (make grade SUBMISSIONS=...)

writes ``SUBMISSIONS/grades.csv`` (one row per notebook, one column per exercise, a total) and
``SUBMISSIONS/feedback/<notebook>.txt``. Submissions are untrusted code. Each runs in its own child process (its
kernel is a grandchild) in a scratch folder holding only a copy of ``data/``, of the analysis package and of the
submission; the child has a CPU-time, memory, file-size and wall-clock limit; before the student's first cell the
kernel installs an audit hook that refuses to open files outside the scratch folder and the Python installation,
and to delete, rename or run anything. The keys never enter the scratch folder: this process reads them from the
sources (:func:`bookbuild.exercises.all_keys`) and compares. The child reports the answers on its stdout behind a
random token it alone knows, so printing from the notebook cannot forge them. Not a jail: a submission that escapes
Python (ctypes) runs with the grader's rights, so grade a hostile class as an unprivileged user or in a container.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from regional_policy import selfcheck
from regional_policy.paths import DATA

from . import exercises
from .downloads import PACKAGE

MARK = "\u00a7answer\u00a7"
GUARD = """import sys as _sys, os as _os
def _guard(_root=_os.path.realpath(_os.getcwd()), _sys=_sys, _os=_os):
    _read = [_root, _sys.prefix, _sys.base_prefix, _sys.exec_prefix, "/usr", "/lib", "/etc", "/dev", "/proc", "/sys"]
    _write = [_root, "/dev/null"]
    def _inside(path, roots):
        if isinstance(path, int):
            return True
        path = _os.path.realpath(_os.fsdecode(path))
        return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
    def _hook(event, args):
        if event == "open" and args[0] is not None:
            mode, flags = args[1], args[2] if len(args) > 2 else 0
            writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & 3)
            roots = _write if writes else _read
            if not _inside(args[0], roots):
                raise PermissionError(f"grading sandbox: {args[0]} is outside the submission's folder")
        elif event in ("os.remove", "os.rmdir", "os.rename", "shutil.rmtree", "os.truncate", "os.chmod"):
            if not _inside(args[0], [_root]):
                raise PermissionError(f"grading sandbox: {args[0]} is outside the submission's folder")
        elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "pty.spawn"):
            raise PermissionError("grading sandbox: no programs may be started")
    _sys.addaudithook(_hook)
_guard()
del _guard"""
CAPTURE = """try:
    import json as _json
    from regional_policy.selfcheck import plain as _plain
    print({mark!r} + _json.dumps({{"id": {id!r}, "value": _plain(answer)}}, default=str))
except Exception as _e:
    print({mark!r} + _json.dumps({{"id": {id!r}, "blank": True}}))"""


def prepare(notebook: dict, ids: set[str]) -> dict:
    """The submission with the guard first and a capture cell after each answer cell."""
    cells = [exercises.new_cell("code", GUARD, [])]
    for cell in notebook.get("cells", []):
        cells.append(cell)
        ex = cell.get("metadata", {}).get("exercise_answer")
        if cell.get("cell_type") == "code" and ex in ids:
            cells.append(exercises.new_cell("code", CAPTURE.format(mark=MARK, id=ex), []))
    for i, cell in enumerate(cells):
        cell["id"] = f"c{i}"
    return {**notebook, "cells": cells, "nbformat": 4, "nbformat_minor": 5}


def _limits(seconds: int, megabytes: int):
    def apply():  # runs in the child before it starts: the kernel inherits every limit
        import resource

        # a backstop, as long as the whole run may take: a cell that loops meets its own time limit first (equal
        # limits raced, and on a quiet machine a loop was reported as a dead kernel)
        resource.setrlimit(resource.RLIMIT_CPU, (2 * seconds + 60, 2 * seconds + 65))
        resource.setrlimit(resource.RLIMIT_DATA, (megabytes << 20, megabytes << 20))  # AS would count V8's reserve
        resource.setrlimit(resource.RLIMIT_FSIZE, (200 << 20, 200 << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _scratch(submission: Path, ids: set[str]) -> Path:
    """A fresh folder: the data, the analysis package and the prepared notebook, nothing else."""
    root = Path(tempfile.mkdtemp(prefix="grade-"))
    shutil.copytree(DATA, root / "data")
    shutil.copytree(PACKAGE, root / "regional_policy", ignore=shutil.ignore_patterns("__pycache__"))
    notebook = json.loads(submission.read_text(encoding="utf-8"))
    (root / "submission.ipynb").write_text(json.dumps(prepare(notebook, ids)), encoding="utf-8")
    for sub in ("home", "tmp", "runtime"):
        (root / sub).mkdir()
    return root


def run(submission: Path, ids: set[str], timeout: int, memory: int) -> dict:
    """Execute one submission in its sandbox; return {"answers": {...}, "status": ..., "errors": [...]}."""
    try:
        root = _scratch(submission, ids)
    except (ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError) as err:
        return {"answers": {}, "status": f"not a notebook ({type(err).__name__})", "errors": []}
    token = secrets.token_hex(16)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(root),
        "HOME": str(root / "home"),
        "TMPDIR": str(root / "tmp"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "JUPYTER_DATA_DIR": str(root / "home"),
        "IPYTHONDIR": str(root / "home" / ".ipython"),
        "LANG": "C.UTF-8",
    }
    cmd = [sys.executable, "-m", "bookbuild.grade", "--child", str(timeout)]
    child = subprocess.Popen(
        cmd, cwd=root, env={**env, "PYTHONPATH": f"{root}{os.pathsep}{Path(__file__).resolve().parent.parent}"},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        preexec_fn=_limits(timeout, memory), start_new_session=True,
    )  # fmt: skip
    try:
        out, _ = child.communicate((token + "\n").encode(), timeout=2 * timeout + 60)  # after the cell limit
        status = None
    except subprocess.TimeoutExpired:
        out, status = b"", "time limit"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # the kernel and anything it started
        child.wait()
        shutil.rmtree(root, ignore_errors=True)
    report = {"answers": {}, "status": status or "did not finish", "errors": []}
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith(token):
            report = json.loads(line[len(token) :])
    if status:
        report["status"] = status
    return report


def child_main(timeout: int) -> None:
    """In the sandbox: execute submission.ipynb cell by cell, collect the captured answers, report behind the token."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    token = sys.stdin.readline().strip()
    os.environ["PYTHONPATH"] = os.getcwd()  # the kernel sees the scratch copy of the package, not the grader's tree
    nb = nbformat.read("submission.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=timeout, allow_errors=True, kernel_name="python3", resources={"metadata": {}})
    status = "ran"
    try:
        client.execute(cwd=os.getcwd())
    except DeadKernelError:
        status = "kernel died"
    except CellTimeoutError:
        status = "time limit"
    except Exception as err:  # noqa: BLE001 - any failure of the run is the submission's, reported in its feedback
        status = f"stopped ({type(err).__name__})"
    answers, errors = {}, []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"{output.get('ename')}: {str(output.get('evalue'))[:120]}")
            for line in output.get("text", "").splitlines() if output.get("name") == "stdout" else []:
                if line.startswith(MARK):
                    record = json.loads(line[len(MARK) :])
                    answers[record["id"]] = record
    print(token + json.dumps({"answers": answers, "status": status, "errors": errors}), flush=True)


def score(key: exercises.Key, record: dict | None) -> float:
    """1 for a right answer, a fraction for a list partly right, 0 otherwise."""
    if not record or record.get("blank"):
        return 0.0
    got, want = record.get("value"), key.answer
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return 0.0
        return sum(_same(g, w, key) for g, w in zip(got, want)) / len(want)
    return float(_same(got, want, key))


def _same(got, want, key: exercises.Key) -> bool:
    try:
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            return abs(float(got) - float(want)) <= (key.tolerance or 0) + 1e-9
        return selfcheck.canonical(got, 0) == selfcheck.canonical(want, 0)
    except (TypeError, ValueError, selfcheck.NotAnswered):
        return False


def _feedback(name: str, report: dict, keys: list[exercises.Key], scores: dict[str, float]) -> str:
    lines = [f"{name}: {sum(scores.values()):g} of {len(keys)} points", f"run: {report['status']}"]
    for key in keys:
        record = report["answers"].get(key.id)
        state = "not reached" if record is None else "blank" if record.get("blank") else None
        state = state or ("right" if scores[key.id] == 1 else "partly right" if scores[key.id] else "wrong")
        lines.append(f"  exercise {key.number}: {state} ({scores[key.id]:g})")
    if report["errors"]:
        lines.append("errors raised by cells:")
        lines += [f"  {e}" for e in report["errors"][:10]]
    return "\n".join(lines) + "\n"


def _asked(submission: Path) -> list[str]:
    """The exercises a student copy was made with (its metadata), so an unfinished run still has its columns."""
    try:
        meta = json.loads(submission.read_text(encoding="utf-8"))["metadata"]["regional_policy"]
        return list(meta["exercises"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []


def grade(folder: Path, jobs: int = 2, timeout: int = 300, memory: int = 2000, progress: bool = True) -> Path:
    """Grade every notebook in ``folder``; return the path of grades.csv."""
    from tqdm import tqdm

    submissions = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    if not submissions:
        raise SystemExit(f"{folder}: no submitted notebooks (*.ipynb)")
    all_keys = exercises.all_keys()
    ids = set(all_keys)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run, s, ids, timeout, memory): s for s in submissions}
        done = {}
        for future in tqdm(
            as_completed(futures), total=len(futures), desc="grading", unit="notebook", disable=not progress
        ):
            done[futures[future]] = future.result()
        reports = [done[s] for s in submissions]
    asked = {i for s in submissions for i in _asked(s)} | {i for r in reports for i in r["answers"]}
    keys = [k for k in all_keys.values() if k.id in asked]
    (folder / "feedback").mkdir(exist_ok=True)
    out = folder / "grades.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", *(k.number for k in keys), "total", "max", "run"])
        for sub, report in zip(submissions, reports):
            scores = {k.id: score(k, report["answers"].get(k.id)) for k in keys}
            writer.writerow([sub.name, *(f"{scores[k.id]:g}" for k in keys), f"{sum(scores.values()):g}", len(keys),
                             report["status"]])  # fmt: skip
            (folder / "feedback" / f"{sub.stem}.txt").write_text(_feedback(sub.name, report, keys, scores))
    return out


def main(argv: list[str] | None = None) -> None:
    if argv is None and sys.argv[1:2] == ["--child"]:
        return child_main(int(sys.argv[2]))
    parser = argparse.ArgumentParser(prog="python -m bookbuild.grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="the folder of submitted notebooks")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks graded at once (default 2)")
    parser.add_argument(
        "--timeout",
        type=int,
        default=300,
        help="seconds of each cell (default 300); the whole run gets twice that and a minute, of CPU and of time",
    )
    parser.add_argument("--memory", type=int, default=2000, help="megabytes of data memory (default 2000)")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        raise SystemExit(f"SUBMISSIONS={args.submissions}: not a folder")
    print(grade(args.submissions, args.jobs, args.timeout, args.memory))


if __name__ == "__main__":
    main()
