"""Build the book: validate the data, execute the chapters, compile the site.

    python -m regional_policy.pipeline validate      # data and parameters only
    python -m regional_policy.pipeline execute       # papermill: notebooks/ -> book/
    python -m regional_policy.pipeline html          # jupyter-book: book/ -> _build/html
    python -m regional_policy.pipeline all           # the three in order

Nothing is written before the data and the parameters are valid. Notebooks
are executed into a temporary folder and moved into ``book/`` only when all of
them succeeded; the site is compiled into a temporary folder and swapped into
``_build/html`` only when Jupyter Book succeeded with no warning. A failed
build therefore never replaces the last good one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .datapackage import DataError, load
from .params import DEFAULTS, ParameterError, Parameters
from .paths import BOOK, BUILD, DATA, NOTEBOOKS, ROOT

VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "exception", "input_path", "output_path",
                          "environment_variables")
META_KEY = "regional_policy"


def chapters() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def source_hash(path: Path) -> str:
    """Hash of a notebook's cell types and sources: what the executed copy must come from."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [[c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]]
             for c in nb["cells"]]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def sanitize(path: Path, source: Path) -> None:
    """Remove what changes from run to run; hide the injected-parameters cell; record the source hash."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    pm = nb["metadata"].get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        pm.pop(key, None)
    nb["metadata"][META_KEY] = {"source": f"notebooks/{source.name}", "source_sha256": source_hash(source)}
    for cell in nb["cells"]:
        cell["metadata"].pop("papermill", None)
        cell["metadata"].pop("execution", None)
        tags = cell["metadata"].get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill draws a random id
            if "remove-cell" not in tags:
                tags.append("remove-cell")
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _execute_one(source: str, target: str, parameters: dict) -> tuple[str, float]:
    import papermill

    start = time.perf_counter()
    papermill.execute_notebook(source, target, parameters=parameters, kernel_name="python3", cwd=str(NOTEBOOKS),
                               progress_bar=False, log_output=False, report_mode=False)
    return Path(source).name, time.perf_counter() - start


def validate(params: Parameters) -> None:
    """Raise DataError or ParameterError before anything is written."""
    load()
    Parameters(**vars(params))


def execute(params: Parameters, jobs: int | None = None, out: Path = BOOK) -> list[Path]:
    validate(params)
    sources = chapters()
    if not sources:
        raise SystemExit(f"no chapter notebooks in {NOTEBOOKS}")
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = str(ROOT) + (os.pathsep + env_path if env_path else "")
    jobs = jobs or min(len(sources), os.cpu_count() or 1)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".execute-", dir=out.parent) as tmp:
        targets = [Path(tmp) / s.name for s in sources]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_execute_one, str(s), str(t), dict(vars(params))) for s, t in zip(sources, targets)]
            for fut in futures:
                name, seconds = fut.result()
                print(f"  executed {name:<40} {seconds:6.1f} s", flush=True)
        for source, target in zip(sources, targets):
            sanitize(target, source)
        for target in targets:
            os.replace(target, out / target.name)
    return [out / s.name for s in sources]


def html(strict: bool = True) -> Path:
    from .assets import write_bundle

    write_bundle()
    BUILD.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".html-", dir=BUILD))
    try:
        cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--path-output", str(tmp), "--builder", "html"]
        if strict:
            cmd += ["-W", "-n", "--keep-going"]
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout[-20000:] + result.stderr[-20000:])
            raise SystemExit(f"jupyter-book build failed (exit {result.returncode}); _build/html was left as it was")
        built = tmp / "_build" / "html"
        shutil.copytree(DATA, built / "data")  # the download links of the data page
        final = BUILD / "html"
        old = BUILD / ".html-old"
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        built.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        return final
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m regional_policy.pipeline", description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["validate", "execute", "html", "all"])
    for name, default in DEFAULTS.items():
        parser.add_argument(f"--{name}", default=default)
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: the cores)")
    args = parser.parse_args(argv)
    try:
        params = Parameters(**{k: getattr(args, k) for k in DEFAULTS})
        if args.step in ("validate", "execute", "all"):
            validate(params)
            print("data package and parameters are valid", flush=True)
        if args.step in ("execute", "all"):
            execute(params, args.jobs)
        if args.step in ("html", "all"):
            print(f"site built: {html()}", flush=True)
    except (DataError, ParameterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
