"""Build the book: validate the data, execute the chapters, compile the site, in two languages.

    python -m bookbuild.pipeline validate      # data and parameters only
    python -m bookbuild.pipeline execute       # papermill: notebooks/ -> book/ (en) and book/ko/ (ko)
    python -m bookbuild.pipeline html          # jupyter-book: -> _build/html (en) and _build/html/ko
    python -m bookbuild.pipeline all           # the three in order

Options: ``--lang en|ko`` builds one edition only; ``--errata`` and ``--highlight``
set the other parameters; ``--force`` re-executes every notebook; ``--jobs N``.

Nothing is written before the data and the parameters are valid. A notebook is
executed only when something it depends on changed (its source, the
parameters, the data files, the package code, the pinned requirements: see
:func:`inputs_hash`); notebooks are executed in parallel into a temporary
folder and moved into place only when all of them succeeded. The site is
compiled into a work folder and swapped into ``_build/html`` only when Jupyter
Book succeeded with no warning. A failed build never replaces the last good one.
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
from dataclasses import dataclass
from pathlib import Path

import regional_policy
from regional_policy.datapackage import DataError
from regional_policy.loader import load
from regional_policy.params import DEFAULTS, LANGS, ParameterError, Parameters
from regional_policy.paths import BOOK, BUILD, DATA, NOTEBOOKS, PAGES, ROOT, STATIC

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
PACKAGE = Path(regional_policy.__file__).resolve().parent  # the analysis package: all that the notebooks import
TOOLING = Path(__file__).resolve().parent  # this package: the site depends on it, the notebooks do not
SITE_FILES = ("_config.yml", "_toc.yml")
# Files of the built site that may differ between two builds of the same sources (regular expressions on
# paths relative to _build/html): the stamp records when inputs were hashed, nothing else is volatile.
VOLATILE_HTML = (r"\.build-stamp\.json",)


class BuildError(RuntimeError):
    """A notebook failed, or Jupyter Book did; the message says which and why."""


def chapters(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def book_dir(lang: str) -> Path:
    """Where the executed notebooks of an edition go: book/ (en) or book/ko/."""
    return BOOK if lang == "en" else BOOK / lang


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_hash(path: Path) -> str:
    """Hash of a notebook's cell types, tags and sources: what the executed copy must come from."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [
        [
            c["cell_type"],
            c["metadata"].get("tags", []),
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
        ]
        for c in nb["cells"]
    ]
    return _sha(json.dumps(cells, ensure_ascii=False).encode())


def environment_hash() -> str:
    """What every notebook depends on besides its own source: data, package code, requirements."""
    code = sorted(PACKAGE.rglob("*.py"))
    files = sorted(DATA.glob("*")) + code + sorted(PACKAGE.glob("*.csv")) + [ROOT / "requirements.txt"]
    h = hashlib.sha256()
    for f in files:
        if f.is_file():
            h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def inputs_hash(source: Path, params: Parameters | dict, env: str | None = None) -> str:
    parameters = params if isinstance(params, dict) else vars(params)
    blob = json.dumps([source_hash(source), parameters, env or environment_hash()], sort_keys=True)
    return _sha(blob.encode())


@dataclass(frozen=True)
class Task:
    """One notebook to execute: its source, where it goes, its parameters, placeholders to fill."""

    source: Path
    target: Path
    parameters: dict
    fill: tuple[tuple[str, str], ...] = ()


PROFILE = NOTEBOOKS / "profile.ipynb"


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
    """Drop the other language's prose and what changes from run to run; hide the injected cell;
    fill the placeholders of the Markdown (a profile's title)."""
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
            if "remove-cell" not in tags:
                tags.append("remove-cell")
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def recorded_inputs(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["metadata"][META_KEY]["inputs_sha256"]
    except (OSError, ValueError, KeyError):
        return None


def _execute_one(source: str, target: str, parameters: dict) -> tuple[str, float]:
    import papermill

    start = time.perf_counter()
    name = Path(source).name + (f" (province={parameters['province']})" if "province" in parameters else "")
    try:
        papermill.execute_notebook(
            source,
            target,
            parameters=parameters,
            kernel_name="python3",
            cwd=str(Path(source).parent),
            progress_bar=False,
            log_output=False,
        )
    except papermill.PapermillExecutionError as exc:
        raise BuildError(f"{name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # a kernel that dies, a timeout, a broken notebook file
        raise BuildError(f"{name} could not be executed: {type(exc).__name__}: {exc}") from None
    return Path(source).name, time.perf_counter() - start


def validate(params: Parameters) -> None:
    """Raise DataError, ParameterError or ValueError (labels) before anything is written."""
    from regional_policy import labels

    load()
    labels.table()
    Parameters(**vars(params))


def execute(params: Parameters, jobs: int | None = None, out: Path | None = None, force: bool = False) -> list[Path]:
    """Execute the notebooks of an edition whose inputs changed; return all its executed notebooks."""
    validate(params)
    if not chapters():
        raise BuildError(f"no chapter notebooks in {NOTEBOOKS}")
    everything = tasks(params, out)
    env = environment_hash()
    todo = []
    for task in everything:
        inputs = inputs_hash(task.source, task.parameters, env)
        if force or recorded_inputs(task.target) != inputs:
            todo.append((task, inputs))
    fresh = len(everything) - len(todo)
    if fresh:
        print(f"  [{params.lang}] up to date: {fresh} notebooks", flush=True)
    if todo:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
        root = out or book_dir(params.lang)
        root.mkdir(parents=True, exist_ok=True)
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        with tempfile.TemporaryDirectory(prefix=".execute-", dir=root) as tmp:
            staged = {task.target: Path(tmp) / f"{n:03d}-{task.target.name}" for n, (task, _) in enumerate(todo)}
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [
                    pool.submit(_execute_one, str(t.source), str(staged[t.target]), t.parameters) for t, _ in todo
                ]
                errors = []
                for n, ((task, _), fut) in enumerate(zip(todo, futures), start=1):
                    try:
                        _, seconds = fut.result()
                        label = task.target.relative_to(root).as_posix()
                        bar = ("#" * round(20 * n / len(todo))).ljust(20, ".")
                        print(
                            f"  [{params.lang}] [{bar}] {n:>2}/{len(todo)} executed {label:<34} {seconds:5.1f} s",
                            flush=True,
                        )
                    except BuildError as exc:
                        errors.append(str(exc))
                    except Exception as exc:  # a worker process that died
                        errors.append(f"a notebook worker died: {type(exc).__name__}: {exc}")
                if errors:
                    raise BuildError(
                        "; ".join(errors)
                        + f" - {root.relative_to(ROOT) if root.is_relative_to(ROOT) else root}/ was left as it was"
                    )
            for task, inputs in todo:
                sanitize(staged[task.target], task, inputs)
            for task, _ in todo:
                task.target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged[task.target], task.target)
    return [task.target for task in everything]


# --- the site ---------------------------------------------------------------------------------


def _yaml():
    import yaml

    return yaml


def _site_config(lang: str, work: Path) -> tuple[Path, Path, Path]:
    """(project root, config, toc) for an edition; the Korean ones are derived from the English files."""
    if lang == "en":
        return ROOT, ROOT / "_config.yml", ROOT / "_toc.yml"
    from regional_policy import labels

    yaml = _yaml()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = labels.t("book_title", lang)
    config["bibtex_bibfiles"] = ["references.bib"]  # the Korean edition's (pages/ko/references.bib): 외, ·, Korean notes
    config["exclude_patterns"] = [".execute-*", "**/.ipynb_checkpoints"]
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["language"] = lang
    sphinx["html_static_path"] = [str(STATIC)]
    sphinx["html_favicon"] = str(ROOT / sphinx.get("html_favicon", "_static/favicon.svg"))
    sphinx["rp_lang"] = lang
    sphinx["nb_code_prompt_show"] = labels.t("code_prompt_show", lang)
    sphinx["nb_code_prompt_hide"] = labels.t("code_prompt_hide", lang)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def local(entry):
        return entry.replace("book/", "", 1)

    toc["root"] = local(toc["root"])
    for part in toc["parts"]:
        part["caption"] = labels.t("toc_" + part["caption"].lower().replace(" ", "_").replace(",", ""), lang)
        for chapter in part["chapters"]:
            chapter["file"] = local(chapter["file"])
    work.mkdir(parents=True, exist_ok=True)
    (work / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (work / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return book_dir(lang), work / "_config.yml", work / "_toc.yml"


def assemble_pages() -> None:
    """Copy the hand-written pages (``pages/``: front page, glossary, teaching guide, references, and their Korean
    versions in ``pages/ko/``) into the editions' folders in ``book/``, beside the executed notebooks.

    ``pages/`` is the source; ``book/`` is generated only (its copies of the pages are not kept in git).
    """
    for source in sorted(PAGES.rglob("*")):
        if source.is_file():
            target = BOOK / source.relative_to(PAGES)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != source.read_bytes():
                shutil.copyfile(source, target)


def site_hash(lang: str) -> str:
    """Everything the compiled site of an edition depends on."""
    root = book_dir(lang)
    files = (
        [f for f in sorted(root.glob("*")) + sorted(root.glob("profiles/*")) if f.is_file()]
        + [ROOT / f for f in SITE_FILES]
        + sorted(STATIC.glob("*.*"))
        + sorted(f for f in PAGES.rglob("*") if f.is_file())
        + sorted(PACKAGE.rglob("*.py"))
        + sorted(TOOLING.glob("*.py"))
        + sorted(PACKAGE.glob("*.csv"))
        + sorted(DATA.glob("*"))
    )
    h = hashlib.sha256(lang.encode())
    for f in files:
        h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _build_one(lang: str, strict: bool) -> Path:
    """Compile one edition into its work folder; return the built html folder."""
    work = BUILD / ".work" / lang
    # always from scratch: Sphinx's incremental builds write some asset links differently (?v=) on a second pass
    shutil.rmtree(work / "_build", ignore_errors=True)
    root, config, toc = _site_config(lang, work / "config")
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(root),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(work),
        "--builder",
        "html",
    ]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    start = time.perf_counter()
    # Sphinx imports this checkout's package (bookbuild.sphinx_ext), whatever else is installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-20000:] + result.stderr[-20000:])
        raise BuildError(
            f"jupyter-book build ({lang}) failed (exit {result.returncode}); _build/html was left as it was"
        )
    print(f"  [{lang}] compiled the site {time.perf_counter() - start:5.1f} s", flush=True)
    return work / "_build" / "html"


def html(strict: bool = True, langs: tuple[str, ...] = LANGS, force: bool = False) -> Path:
    """Compile the editions and swap them into ``_build/html`` (English) and ``_build/html/ko``."""
    from regional_policy.geo import write as write_boundaries

    from .assets import write_bundle

    write_bundle()
    assemble_pages()
    write_boundaries()  # the maps' geometry, if the boundaries are available (never committed)
    final = BUILD / "html"
    stamp = final / ".build-stamp.json"
    hashes = {lang: site_hash(lang) for lang in langs}
    old = json.loads(stamp.read_text()) if stamp.exists() else {}
    if not force and final.exists() and all(old.get(k) == v for k, v in hashes.items()):
        print("  site up to date", flush=True)
        return final
    built = {lang: _build_one(lang, strict) for lang in langs}  # raises before anything is replaced
    BUILD.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".html-", dir=BUILD))
    try:
        site = staging / "html"
        if "en" in built:
            shutil.copytree(built["en"], site)
            for lang in LANGS:  # keep an edition that was not rebuilt this time
                if lang != "en" and lang not in built and (final / lang).is_dir():
                    shutil.copytree(final / lang, site / lang)
        elif final.exists():
            shutil.copytree(final, site, ignore=shutil.ignore_patterns(*built))
        else:
            site.mkdir()
        for lang, path in built.items():
            if lang != "en":
                shutil.copytree(path, site / lang)
        shutil.rmtree(site / "data", ignore_errors=True)
        shutil.copytree(DATA, site / "data")  # the download links of the data pages
        from .downloads import write as write_downloads

        shutil.rmtree(site / "downloads", ignore_errors=True)
        write_downloads(site)  # notebooks, student copies and archives per chapter
        (site / ".build-stamp.json").write_text(json.dumps({**old, **hashes}, sort_keys=True))
        previous = BUILD / ".html-old"
        shutil.rmtree(previous, ignore_errors=True)
        if final.exists():
            final.rename(previous)
        site.rename(final)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.pipeline", description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["validate", "execute", "html", "all"])
    parser.add_argument("--lang", default=None, help="one edition only: en or ko (default: both)")
    parser.add_argument("--errata", default=DEFAULTS["errata"])
    parser.add_argument("--highlight", default=DEFAULTS["highlight"])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: the cores)")
    parser.add_argument("--force", action="store_true", help="execute and compile even when nothing changed")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        langs = LANGS if args.lang is None else (args.lang,)
        editions = [Parameters(lang=lang, errata=args.errata, highlight=args.highlight) for lang in langs]
        if args.step in ("validate", "execute", "all"):
            for params in editions:
                validate(params)
            print("data package and parameters are valid", flush=True)
        if args.step in ("execute", "all"):
            for params in editions:
                execute(params, args.jobs, force=args.force)
        if args.step in ("html", "all"):
            print(f"site: {html(langs=langs, force=args.force)}", flush=True)
    except (DataError, ParameterError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"done in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
