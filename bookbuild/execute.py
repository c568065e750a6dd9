"""Execute the notebooks of one or both editions: only those whose recorded inputs changed, all or none.

Every notebook runs in its own fresh kernel, forked from the build's one warm zygote (:mod:`.kernels`), driven
by papermill as usual; the executed copy is byte-identical to a fresh-kernel papermill run. Both editions
go to one pool of workers, so the zygote starts once per build. Notebooks are executed into a temporary
folder and moved into place only when all of them succeeded; then each edition's ``.deps.json`` records
what they read (:mod:`.deps`).
"""

from __future__ import annotations

import compileall
import json
import multiprocessing
import os
import signal
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from regional_policy.loader import VALIDATED, digest, load
from regional_policy.params import Parameters
from regional_policy.paths import BOOK, BUILD, NOTEBOOKS, ROOT

from . import chartfont, compiler, deps, interrupt, pythonpath, svgserver
from .deps import inputs_hash, source_hash

VOLATILE_NOTEBOOK_KEYS = (
    "start_time",
    "end_time",
    "duration",
    "exception",
    "input_path",
    "output_path",
    "environment_variables",
)
META_KEY = "regional_policy"
PROFILE = NOTEBOOKS / "profile.ipynb"


class BuildError(RuntimeError):
    """A notebook failed, or Jupyter Book did; the message says which and why."""


def chapters(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def book_dir(lang: str) -> Path:
    """Where the executed notebooks of an edition go: book/ (en) or book/ko/."""
    return BOOK if lang == "en" else BOOK / lang


@dataclass(frozen=True)
class Task:
    """One notebook to execute: its source, where it goes, its parameters, placeholders to fill."""

    source: Path
    target: Path
    parameters: dict
    fill: tuple[tuple[str, str], ...] = ()


def tasks(params: Parameters, out: Path | None = None) -> list[Task]:
    """The chapters and the 16 province profiles of an edition."""
    from regional_policy import places

    out = out or book_dir(params.lang)
    todo = [Task(s, out / s.name, vars(params)) for s in chapters()]
    if PROFILE.exists():
        for key in places.keys():
            name = places.get(key)["name_en" if params.lang == "en" else "name_ko"]
            todo.append(
                Task(
                    PROFILE,
                    out / "profiles" / f"{key.lower()}.ipynb",
                    {**vars(params), "highlight": key, "province": key},
                    (("{province}", name),),
                )
            )
    return todo


def keeps(cell: dict, lang: str) -> bool:
    """A cell tagged ``lang-xx`` belongs to that edition only; untagged cells to both."""
    tags = [t for t in cell["metadata"].get("tags", []) if t.startswith("lang-")]
    return not tags or f"lang-{lang}" in tags


def sanitize(path: Path, task: Task, inputs: str) -> None:
    """Drop the other language's prose and what changes from run to run; fill the placeholders of the
    Markdown (a profile's title). The page shows the parameters it ran with: the injected cell takes the
    place of the defaults cell, which is hidden."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    pm = nb["metadata"].get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        pm.pop(key, None)
    nb["metadata"][META_KEY] = {
        "source": f"notebooks/{task.source.name}",
        "source_sha256": source_hash(task.source),
        "inputs_sha256": inputs,
        "parameters": task.parameters,
    }
    nb["cells"] = [c for c in nb["cells"] if keeps(c, task.parameters["lang"])]
    injected = any("injected-parameters" in c["metadata"].get("tags", []) for c in nb["cells"])
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and task.fill:
            text = "".join(cell["source"])
            for old, new in task.fill:
                text = text.replace(old, new)
            cell["source"] = text
        cell["metadata"].pop("papermill", None)
        cell["metadata"].pop("execution", None)
        tags = cell["metadata"].get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill draws a random id
        elif "parameters" in tags and injected and "remove-cell" not in tags:
            tags.append("remove-cell")  # the defaults; the injected cell after it shows what was run
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


VALIDATED_STAMP = BUILD / ".validated"  # the deps.basis() of the last data package that loaded without error


def validate_data(force: bool = False) -> None:
    """Load the data package, raising DataError on any problem, unless the same data with the same code (the same
    :func:`.deps.basis`) passed before (``force``: check it all the same)."""
    current = deps.basis()
    if force or not (VALIDATED_STAMP.exists() and VALIDATED_STAMP.read_text() == current):
        load()
        BUILD.mkdir(exist_ok=True)
        VALIDATED_STAMP.write_text(current)


def _worker_start() -> None:
    from . import kernels

    signal.signal(signal.SIGINT, signal.default_int_handler)  # the pipeline's handler is the main process's
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    kernels.die_with_parent()  # an interrupted build leaves no worker behind


def _execute_one(source: str, target: str, parameters: dict, record: str | None) -> float:
    """Execute one notebook with papermill in a kernel forked from this worker's zygote (a fresh kernel
    when there is none); return the seconds it took."""
    import papermill

    from . import kernels

    start = time.perf_counter()
    name = Path(source).name + (f" (province={parameters['province']})" if "province" in parameters else "")
    extra = {}
    if kernels.CURRENT["zygote"] is not None:
        kernels.CURRENT["record"] = record
        extra["kernel_manager_class"] = kernels.ForkKernelManager
    try:
        papermill.execute_notebook(
            source,
            target,
            parameters=parameters,
            kernel_name="python3",
            cwd=str(Path(source).parent),
            progress_bar=False,
            log_output=False,
            # written once, when it ends, not twice per cell (papermill's progress saves: half a chapter's time)
            request_save_on_cell_execute=False,
            **extra,
        )
    except papermill.PapermillExecutionError as exc:
        raise BuildError(f"{name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # a kernel that dies, a timeout, a broken notebook file
        raise BuildError(f"{name} could not be executed: {type(exc).__name__}: {exc}") from None
    return time.perf_counter() - start


def _collect(pool: ProcessPoolExecutor, todo: list, staged: dict) -> None:
    """Execute the notebooks in the pool, reporting each as it ends; raise BuildError naming every one that failed."""
    futures = [
        pool.submit(_execute_one, str(t.source), str(staged[t.target]), t.parameters, f"{staged[t.target]}.deps")
        for t, _, _ in todo
    ]
    errors = []
    for n, ((task, _, root), fut) in enumerate(zip(todo, futures), start=1):
        try:
            seconds = fut.result()
            label = task.target.relative_to(root).as_posix()
            bar = ("#" * round(20 * n / len(todo))).ljust(20, ".")
            lang = task.parameters["lang"]
            print(f"  [{lang}] [{bar}] {n:>2}/{len(todo)} executed {label:<34} {seconds:5.1f} s", flush=True)
        except BuildError as exc:
            errors.append(str(exc))
        except Exception as exc:  # a worker process that died
            errors.append(f"a notebook worker died: {type(exc).__name__}: {exc}")
    if errors:
        where = ", ".join(
            sorted({(r.relative_to(ROOT) if r.is_relative_to(ROOT) else r).as_posix() for _, _, r in todo})
        )
        raise BuildError("; ".join(errors) + f" - {where}/ was left as it was")


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the notebooks not started and kill the pool's workers, the build's only multiprocessing children
    (the kernels end when the zygote is closed next)."""
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in multiprocessing.active_children():
        worker.kill()


def _record(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def default_jobs() -> int:
    """Notebooks executed at once: two more than the cores. A kernel waits (for its start, its shutdown, a flush of
    its messages) about a third of a short notebook's time, and the extra workers fill those waits. Cold builds on 2
    cores: 44 s with 3 workers against 49 s with 2 (an Intel Xeon); 31.6 s with 4 against 32.9 s with 3 and 31.4 s
    with 5 (an AMD EPYC; medians of six, six and three runs)."""
    return (os.cpu_count() or 1) + 2


def run(
    editions: list[tuple[Parameters, Path | None]], jobs: int | None = None, force: bool = False, compiles: bool = False
) -> None:
    """Execute the notebooks of the given editions ((parameters, output folder or None)) whose inputs changed.

    The data are validated first (:func:`validate_data`; all of it again with ``force``), and nothing is written
    before. Raises :class:`BuildError` and leaves every edition's folder as it was when any notebook fails.
    ``compiles``: the site is compiled next, so the warm compiler (:mod:`.compiler`) starts importing while the
    notebooks run."""
    with ExitStack() as stack:
        # with ``force`` every notebook runs: the zygote's and the compiler's imports (a second or so) overlap the
        # validation, which leaves the other core idle; they write nothing
        _execute(editions, jobs, force, compiles, stack, _warm(stack, compiles) if force else None)


def _warm(stack: ExitStack, compiles: bool):
    """Start the build's one kernel zygote (:mod:`.kernels`; its imports take longest), closed with ``stack``, and the
    warm compiler when the site is compiled next."""
    from . import kernels

    os.environ["PYTHONPATH"] = pythonpath(ROOT)  # the zygote's path, which its kernels inherit, and the workers'
    kernels.CURRENT["zygote"] = zygote = kernels.Zygote(NOTEBOOKS)
    stack.callback(kernels.CURRENT.update, zygote=None)
    stack.callback(zygote.close)
    if compiles:
        compiler.prewarm()
    return zygote


def _execute(editions, jobs, force, compiles, stack: ExitStack, zygote) -> None:
    """:func:`run` within its stack: validate, find the stale notebooks, execute them, move them into place."""
    validate_data(force)
    current = deps.Current()  # loads the data only if a dependency needs checking by value
    todo, manifests, restamped = [], {}, set()
    for params, out in editions:
        root = out or book_dir(params.lang)
        manifests[root] = manifest = deps.read_manifest(root)
        everything = tasks(params, out)
        stale = []
        for task in everything:
            inputs = inputs_hash(task.source, task.parameters)
            entry = manifest.get(task.target.relative_to(root).as_posix())
            why = "forced" if force else deps.changed(entry, inputs, current)
            if why is None and not task.target.exists():
                why = "missing"
            if why:
                stale.append((task, inputs, root))
            elif entry["basis"] != current.basis:
                # up to date: every value it read is the same now, so it is recorded under the current basis, as a
                # build that executed it now would record it (the manifest depends on the inputs, not on history)
                entry["basis"] = current.basis
                restamped.add(root)
        if len(everything) > len(stale):
            print(f"  [{params.lang}] up to date: {len(everything) - len(stale)} notebooks", flush=True)
        todo += stale
    if todo and (why := chartfont.missing()):
        raise BuildError(why)  # before anything is written
    for root in restamped:
        deps.write_manifest(root, manifests[root])
    if not todo:
        return
    current.seed(e for m in manifests.values() for e in m.values())  # the values hashed by the last builds
    os.environ[VALIDATED] = digest() or ""  # the kernels need not validate again what validate() just did
    jobs = max(1, min(jobs or default_jobs(), len(todo)))
    tmp = {}  # a work folder in each edition's folder, so that moving a notebook into place is atomic
    for root in dict.fromkeys(r for _, _, r in todo):
        root.mkdir(parents=True, exist_ok=True)
        tmp[root] = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=".execute-", dir=root)))
    staged = {t.target: tmp[r] / f"{n:03d}-{t.target.name}" for n, (t, _, r) in enumerate(todo)}
    # every kernel imports the analysis package, so it is compiled to bytecode once, here, not from source in each
    # (Python would not write the bytecode itself where PYTHONDONTWRITEBYTECODE is set)
    compileall.compile_dir(deps.PACKAGE, quiet=2)
    if zygote is None:  # one zygote for the whole build; the workers inherit it
        _warm(stack, compiles)
    stack.enter_context(svgserver.running())  # one warm vl-convert for the static SVGs of every kernel
    import papermill  # noqa: F401 - once, here, rather than once in each worker

    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start) as pool:
        try:
            _collect(pool, todo, staged)
        except BaseException:  # Ctrl-C, or an error of our own: stop the notebooks still running now
            _stop(pool)
            raise
    interrupt.check()  # an interruption whose exception was lost on its way: nothing is moved into place
    records = {t.target: _record(Path(f"{staged[t.target]}.deps")) for t, _, _ in todo}
    for task, inputs, _ in todo:
        sanitize(staged[task.target], task, inputs)
    for task, inputs, root in todo:
        task.target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged[task.target], task.target)
        record = records[task.target]
        manifests[root][task.target.relative_to(root).as_posix()] = {
            "inputs": inputs,
            "basis": current.basis,
            # no record (a kernel that could not write one): an entry that never matches, so it runs again
            "deps": {k: current[k] for k in deps.keys(record)} if record else {"file:?": "unknown"},
        }
    for root, manifest in manifests.items():
        if any(r == root for _, _, r in todo):
            deps.write_manifest(root, manifest)


def validate(params: Parameters, force: bool = False) -> None:
    """Raise DataError, ParameterError or ValueError (labels) before anything is written."""
    from regional_policy import labels

    validate_data(force)
    labels.table()
    Parameters(**vars(params))


def execute(params: Parameters, jobs: int | None = None, out: Path | None = None, force: bool = False) -> list[Path]:
    """Execute the notebooks of an edition whose inputs changed; return all its executed notebooks."""
    validate(params)
    if not chapters():
        raise BuildError(f"no chapter notebooks in {NOTEBOOKS}")
    run([(params, out)], jobs, force)
    return [task.target for task in tasks(params, out)]
