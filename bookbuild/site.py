"""Compile the site: Jupyter Book for each edition, then swapped into ``_build/html`` only when it succeeded.

The site is compiled into a work folder and swapped into ``_build/html`` only when Jupyter Book succeeded
with no warning; a failed build never replaces the last good one. An edition is compiled again only when something
it depends on changed (:func:`site_hash`): incrementally when only its pages changed (Sphinx reads again the ones
that did), from scratch when anything else did (:func:`tooling_hash`) or with ``--force``. The data files are not
among those: they are copied into the site when it is assembled, with the downloads and the files' hashes that
pages show (:func:`data_hash`), so a change of a file's bytes that alters no value (CSV quoting) compiles nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from regional_policy.params import LANGS
from regional_policy.paths import BOOK, BUILD, DATA, PAGES, ROOT, STATIC
from regional_policy.slots import fill_file_hashes

from . import compiler, interrupt
from .assets import write_bundle
from .deps import MANIFEST, PACKAGE
from .execute import BuildError, book_dir

TOOLING = Path(__file__).resolve().parent  # this package: the site depends on it, the notebooks do not
SITE_FILES = ("_config.yml", "_toc.yml")
# Files of the built site that may differ between two builds of the same sources (regular expressions on
# paths relative to _build/html): the stamp records when inputs were hashed, nothing else is volatile.
VOLATILE_HTML = (r"\.build-stamp\.json",)


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
    config["bibtex_bibfiles"] = [
        "references.bib"
    ]  # the Korean edition's (pages/ko/references.bib): 외, ·, Korean notes
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


def _hash(h, files: list[Path]) -> str:
    for f in files:
        h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def data_hash() -> str:
    """The data files, which the site's assembly copies (and whose hashes some pages show)."""
    return _hash(hashlib.sha256(b"data"), sorted(f for f in DATA.rglob("*") if f.is_file()))


# The pages of an edition, which Sphinx itself tracks from one compile to the next (an incremental compile reads
# again the ones that changed); everything else a compile reads is "tooling", and a change there compiles from scratch.
PAGE_SOURCES = (".ipynb", ".md")


def _edition_files(lang: str) -> list[Path]:
    """What a compile of the edition reads from its folder: every file but the build's manifest (:mod:`.deps`)."""
    root = book_dir(lang)
    return [f for f in sorted(root.glob("*")) + sorted(root.glob("profiles/*")) if f.is_file() and f.name != MANIFEST]


def tooling_hash(lang: str) -> str:
    """What a compile of the edition reads besides its pages: configuration, templates, scripts and stylesheets,
    message catalogues, the Sphinx extension and the package whose labels it shows."""
    files = (
        [f for f in _edition_files(lang) if f.suffix not in PAGE_SOURCES]
        + [ROOT / f for f in SITE_FILES]
        + sorted(STATIC.glob("*.*"))
        + sorted((ROOT / "locale").rglob("*.po"))  # the interface's message catalogues (bookbuild.catalogues)
        + sorted(f for f in TOOLING.rglob("*") if f.suffix in (".html", ".js"))  # theme components, search query
        + sorted(PACKAGE.rglob("*.py"))
        + sorted(TOOLING.glob("*.py"))
        + sorted(PACKAGE.glob("*.csv"))
    )
    return _hash(hashlib.sha256(lang.encode() + b" tooling"), files)


def site_hash(lang: str) -> str:
    """Everything the compiled site of an edition depends on (its notebooks say what they read of the data)."""
    return _hash(hashlib.sha256(tooling_hash(lang).encode()), _edition_files(lang))


def _compile_args(lang: str, strict: bool, fresh: bool) -> list[str]:
    """The ``jupyter-book`` arguments that compile one edition into its work folder (from scratch when ``fresh``,
    else Sphinx's incremental build, which reads again only the pages that changed)."""
    work = BUILD / ".work" / lang
    if fresh:
        shutil.rmtree(work / "_build", ignore_errors=True)
    root, config, toc = _site_config(lang, work / "config")
    args = ["build", str(root), "--config", str(config), "--toc", str(toc), "--path-output", str(work)]
    return args + ["--builder", "html"] + (["-W", "-n", "--keep-going"] if strict else [])


def _compile(stale: list[str], strict: bool, fresh: dict[str, bool], meanwhile: Callable[[], None]) -> dict[str, Path]:
    """Compile the editions at the same time (:mod:`.compiler`); return each one's html folder. ``meanwhile`` is called
    once on success: when the first edition is compiled and the other one still compiles (a core is free then), or
    with nothing to compile. Raises BuildError, with the output of every edition that failed, before anything is
    replaced."""
    jobs = {lang: _compile_args(lang, strict, fresh[lang]) for lang in stale}
    failed = []
    for lang, code, seconds, log in compiler.compile_editions(jobs, BUILD / ".work" / "logs"):
        if code == 0:
            print(f"  [{lang}] compiled the site {seconds:5.1f} s", flush=True)
            if not failed and meanwhile:
                meanwhile()
                meanwhile = None
            continue
        output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        sys.stderr.write(output[-40000:])
        failed.append(f"jupyter-book build ({lang}) failed (exit {code})")
    if failed:
        raise BuildError("; ".join(failed) + "; _build/html was left as it was")
    if meanwhile:  # no edition was compiled (the data files changed)
        meanwhile()
    return {lang: BUILD / ".work" / lang / "_build" / "html" for lang in stale}


def html(strict: bool = True, langs: tuple[str, ...] = LANGS, force: bool = False) -> Path:
    """Compile the editions and swap them into ``_build/html`` (English) and ``_build/html/ko``."""
    from regional_policy.geo import write as write_boundaries

    write_bundle()  # the Vega runtime, from bookbuild/vendor (a concatenation: rewritten only when it changed)
    assemble_pages()
    write_boundaries()  # the maps' geometry, if the boundaries are available (never committed)
    final = BUILD / "html"
    stamp = final / ".build-stamp.json"
    hashes = {lang: site_hash(lang) for lang in langs} | {"data": data_hash()}
    tooling = {f"{lang} tooling": tooling_hash(lang) for lang in langs}
    old = json.loads(stamp.read_text()) if stamp.exists() else {}
    if not force and final.exists() and all(old.get(k) == v for k, v in hashes.items()):
        print("  site up to date", flush=True)
        return final
    stale = [lang for lang in langs if force or not final.exists() or old.get(lang) != hashes[lang]]
    if not stale:
        print("  sites up to date; the data files changed: assembling the site again", flush=True)
    fresh = {lang: force or old.get(f"{lang} tooling") != tooling[f"{lang} tooling"] for lang in stale}
    from .downloads import INSTRUCTOR, write_instructor
    from .downloads import write as write_downloads

    BUILD.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".html-", dir=BUILD))
    try:
        site, extra = staging / "html", staging / "extra"
        # the notebooks, student copies and archives per chapter need no compiled page
        built = _compile(stale, strict, fresh, meanwhile=lambda: write_downloads(extra, instructor=None))
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
        for info in site.rglob(".buildinfo"):  # Sphinx's own record for incremental builds (a config hash that
            info.unlink()  # varies from run to run); every edition is compiled from scratch, and a reader needs none
        shutil.rmtree(site / "data", ignore_errors=True)
        shutil.copytree(DATA, site / "data")  # the download links of the data pages
        for page in site.rglob("*.html"):  # the files' hashes that provenance lines and the data page show
            text = page.read_text(encoding="utf-8")
            filled = fill_file_hashes(text, site)
            if filled != text:
                page.write_text(filled, encoding="utf-8")
        shutil.rmtree(site / "downloads", ignore_errors=True)
        (extra / "downloads").rename(site / "downloads")
        write_instructor(INSTRUCTOR)
        (site / ".build-stamp.json").write_text(json.dumps({**old, **hashes, **tooling}, sort_keys=True))
        interrupt.check()  # an interruption whose exception was lost on its way: the last site stays
        previous = BUILD / ".html-old"
        shutil.rmtree(previous, ignore_errors=True)
        if final.exists():
            final.rename(previous)
        site.rename(final)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final
