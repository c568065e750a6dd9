"""The shape of the code: two packages, imports only downward, small modules, licences and entry points in place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("regional_policy", "bookbuild")
MAX_LINES = 360  # "about 350": a module longer than this does more than one job


def modules(package: str) -> dict[str, Path]:
    base = ROOT / package
    out = {}
    for path in sorted(base.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path) -> set[str]:
    """Every module of ours that ``name`` imports, at module level or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] in PACKAGES}


def graph() -> dict[str, set[str]]:
    known = {**modules("regional_policy"), **modules("bookbuild")}
    return {name: {m for m in imports_of(name, path) if m in known and m != name} for name, path in known.items()}


def test_the_analysis_package_never_imports_the_build_package():
    upward = {
        name: sorted(m for m in deps if m.startswith("bookbuild"))
        for name, deps in graph().items()
        if name.startswith("regional_policy")
    }
    assert not {k: v for k, v in upward.items() if v}


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    # a package's __init__ re-exports its modules: an edge from a module to its own package is not a cycle
    edges = {name: {m for m in deps if not name.startswith(m + ".")} for name, deps in graph().items()}
    assert _cycle(edges) is None, " -> ".join(_cycle(edges))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_does_several_jobs(package):
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules(package).values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_licences_citation_and_contributor_guide_exist():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "cff-version" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "MIT" in pyproject and "CC-BY-4.0" in pyproject
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for topic in ("## Add a claim", "## Add an erratum", "## Add a chapter", "translation", "## Which tests to run"):
        assert topic in guide


def test_make_help_is_the_default_and_lists_every_documented_target():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\.DEFAULT_GOAL := help$", makefile, re.M)
    documented = set(re.findall(r"^## (\w+):", makefile, re.M))
    assert {"help", "book", "check", "test", "lint", "pdf", "bench"} <= documented
    targets = set(re.findall(r"^(\w+):", makefile, re.M))
    assert documented <= targets


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```")[1]
    assert block.splitlines()[1].startswith("make book") and block.splitlines()[2].startswith("make test")


def test_notebooks_are_numbered_in_the_order_the_book_reads():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"].split("/")[-1] for part in toc["parts"] for c in part["chapters"]]
    numbered = [f for f in files if re.match(r"\d\d-", f)]
    assert numbered == sorted(numbered)
    assert numbered == sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_hand_written_pages_live_apart_from_generated_notebooks():
    tracked_in_book = {p.suffix for p in (ROOT / "book").rglob("*") if p.is_file() and ".execute-" not in str(p)}
    assert (ROOT / "pages" / "index.md").is_file() and (ROOT / "pages" / "ko" / "index.md").is_file()
    gitignore = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "book/*.md" in gitignore  # book/ holds copies of pages/, made at build time
    assert ".ipynb" in tracked_in_book


def _untyped_channels(tree: ast.AST) -> list[tuple[int, str]]:
    """Keywords of ``.encode(...)`` calls given as a string or as ``alt.value``/``alt.condition`` (a plain dict)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "encode":
            for kw in node.keywords:
                v = kw.value
                plain = isinstance(v, (ast.Constant, ast.JoinedStr)) or (
                    isinstance(v, ast.Call)
                    and isinstance(v.func, ast.Attribute)
                    and v.func.attr in ("value", "condition")
                    and isinstance(v.func.value, ast.Name)
                    and v.func.value.id == "alt"
                )
                if plain and kw.arg:
                    found.append((node.lineno, kw.arg))
    return found


def test_charts_encode_with_typed_channels():
    """Altair matches a channel given as a string or a plain dict against the Vega-Lite schema (2 to 5 ms each); a typed
    channel (``alt.X("x:Q")``, ``style.conditional(alt.OpacityValue, ...)``) it takes as it is. A cold build encoded
    about 900 such channels before."""
    found = {
        name: hits
        for name, path in modules("regional_policy").items()
        if (hits := _untyped_channels(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}
    sample = ast.parse('c.encode(x="a:Q", y=alt.Y("b:Q"), color=alt.value("#222"), opacity=alt.condition(t, a, b))')
    assert _untyped_channels(sample) == [(1, "x"), (1, "color"), (1, "opacity")]
