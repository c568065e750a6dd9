"""The pipeline's forked kernels change nothing: every notebook of both editions is byte-identical to a
fresh-kernel papermill run of the same source with the same parameters, and to the committed book/.

Expensive (both editions twice): one pipeline run into a scratch folder, shared by the tests of this module,
which xdist keeps on one worker (``xdist_group``).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from bookbuild import pipeline
from regional_policy.params import LANGS, Parameters


def _fresh(source: str, target: str, parameters: dict) -> None:
    import papermill

    papermill.execute_notebook(
        source, target, parameters=parameters, kernel_name="python3", cwd=str(Path(source).parent), progress_bar=False
    )


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """(pipeline output folder, fresh papermill output folder, tasks by edition) for both editions."""
    base = tmp_path_factory.mktemp("identity")
    editions = [(Parameters(lang=lang), base / "pipeline" / lang) for lang in LANGS]
    pipeline.run(editions, force=True)
    todo = {lang: pipeline.tasks(params, out) for (params, out), lang in zip(editions, LANGS)}
    jobs = []
    # spawned, not forked: a child forked from this process (which has just run the pipeline, and may have run other
    # tests) inherits its ZeroMQ and asyncio state, and its kernels then now and then never answer
    # (nteract/papermill#239, jupyter/jupyter_client#437); a fresh interpreter is also what a fresh run means
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        for tasks in todo.values():
            for task in tasks:
                fresh = base / "fresh" / task.target.relative_to(base / "pipeline")
                fresh.parent.mkdir(parents=True, exist_ok=True)
                jobs.append((task, fresh, pool.submit(_fresh, str(task.source), str(fresh), task.parameters)))
        for task, fresh, fut in jobs:
            fut.result()
            pipeline.sanitize(fresh, task, pipeline.inputs_hash(task.source, task.parameters))
    return base, todo


def test_every_notebook_is_byte_identical_to_a_fresh_papermill_run(executed):
    base, todo = executed
    tasks = [t for ts in todo.values() for t in ts]
    assert len(tasks) == 2 * (len(pipeline.chapters()) + 16)
    different = []
    for task in tasks:
        fresh = base / "fresh" / task.target.relative_to(base / "pipeline")
        if fresh.read_bytes() != task.target.read_bytes():
            different.append(task.target.relative_to(base).as_posix())
    assert not different, different


def test_the_committed_book_is_what_the_pipeline_produces(executed):
    """book/ and book/ko/ are this checkout's sources executed (after `make book`)."""
    base, todo = executed
    stale = []
    for lang, tasks in todo.items():
        for task in tasks:
            committed = pipeline.book_dir(lang) / task.target.relative_to(base / "pipeline" / lang)
            if not committed.exists() or committed.read_bytes() != task.target.read_bytes():
                stale.append(committed.as_posix())
    assert not stale, f"run `make book`: {stale[:5]}"
