"""The exercises of a notebook, their keys, and the student copy made from it.

In a chapter source an exercise is a question cell per language (a MyST ``{exercise}`` fence, ``:label: ex-3-1``)
followed by ``{solution-start}``, a solution code cell whose ``metadata.exercise`` holds the key
(``{"id", "answer", "tolerance"}``), the explanation cells and ``{solution-end}``. The student copy of a notebook
keeps one language, drops every solution block, and puts after each question an answer cell (``answer = ...``)
and a check cell (:mod:`regional_policy.selfcheck`) that carries only a hash of the key.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from regional_policy import selfcheck
from regional_policy.paths import NOTEBOOKS, ROOT

HOMEWORK = ROOT / "instructor" / "homework.ipynb"  # items whose solutions appear nowhere on the public site
LANGS = ("en", "ko")
LABEL = re.compile(r"^:label:\s*(\S+)\s*$", re.M)
ANSWER_TAG, CHECK_TAG = "exercise-answer", "exercise-check"


@dataclass(frozen=True)
class Key:
    id: str
    answer: object
    tolerance: float | None
    notebook: str

    @property
    def number(self) -> str:
        """``ex-3-1`` -> ``3.1``; ``hw-2`` -> ``H.2``."""
        if self.id.startswith("hw-"):
            return "H." + self.id.removeprefix("hw-")
        return self.id.removeprefix("ex-").replace("-", ".")

    @property
    def decimals(self) -> int | None:
        return selfcheck.decimals_of(self.tolerance)


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def sources() -> list[Path]:
    """Every notebook that holds exercises: the chapters, then the homework."""
    return [*sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")), HOMEWORK]


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def keys(notebook: dict, name: str = "") -> list[Key]:
    """The keys of a notebook's exercises, in order."""
    out = []
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("exercise")
        if meta:
            out.append(Key(meta["id"], meta["answer"], meta["tolerance"], name))
    return out


def all_keys() -> dict[str, Key]:
    return {k.id: k for path in sources() for k in keys(read(path), path.stem)}


def keeps(cell: dict, lang: str) -> bool:
    """A cell tagged ``lang-xx`` belongs to that language only; untagged cells to both (as the pipeline)."""
    tags = [t for t in cell["metadata"].get("tags", []) if t.startswith("lang-")]
    return not tags or f"lang-{lang}" in tags


def question_id(cell: dict) -> str | None:
    text = source(cell).lstrip()
    if cell["cell_type"] == "markdown" and text.startswith("```{exercise}"):
        found = LABEL.search(text)
        return found.group(1) if found else None
    return None


def new_cell(kind: str, text: str, tags: list[str], **meta) -> dict:
    cell = {"cell_type": kind, "metadata": {"tags": tags, **meta}, "source": text}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


@functools.cache
def _digests() -> tuple[Path, dict[str, str]]:
    """The memo of :func:`digest`, named by the code that hashes (``regional_policy/selfcheck.py``)."""
    code = hashlib.sha256(Path(selfcheck.__file__).read_bytes()).hexdigest()[:16]
    path = ROOT / ".cache" / f"selfcheck-{code}.json"
    try:
        return path, json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path, {}


def digest(key: Key) -> str:
    """:func:`regional_policy.selfcheck.digest` of a key, kept in ``.cache/`` by what it hashes: its 100,000 PBKDF2
    rounds (what makes a key slow to guess) cost 35 ms, for each of the 48 check cells written at every build."""
    path, memo = _digests()
    name = hashlib.sha256(f"{key.id}\0{selfcheck.canonical(key.answer, key.decimals)}".encode()).hexdigest()
    if name not in memo:
        memo[name] = selfcheck.digest(key.id, key.answer, key.decimals)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(memo, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)  # whole, even with another build writing beside it
    return memo[name]


def answer_cells(key: Key, lang: str, cell_id: str) -> list[dict]:
    """The empty answer cell and the self-check cell that follow a question."""
    expected = digest(key)
    check = (
        "from regional_policy.selfcheck import check\n\n"
        f'check("{key.id}", answer, "{expected}", decimals={key.decimals}, lang="{lang}")'
    )
    answer = new_cell("code", "answer = ...", [ANSWER_TAG], exercise_answer=key.id)
    checker = new_cell("code", check, [CHECK_TAG])
    answer["id"], checker["id"] = f"{cell_id}-answer", f"{cell_id}-check"
    return [answer, checker]


def _set_lang(cell: dict, lang: str) -> dict:
    text = re.sub(r'^lang = "[a-z]+"', f'lang = "{lang}"', source(cell), count=1, flags=re.M)
    return {**cell, "source": text}


def student_copy(notebook: dict, lang: str, name: str = "") -> dict:
    """``notebook`` in one language, without solutions or outputs, with answer and check cells per exercise."""
    by_id = {k.id: k for k in keys(notebook, name)}
    cells, inside = [], False
    for cell in notebook["cells"]:
        text = source(cell).lstrip()
        if text.startswith("```{solution-start}"):
            inside = True
            continue
        if text.startswith("```{solution-end}"):
            inside = False
            continue
        if inside or "exercise" in cell["metadata"] or not keeps(cell, lang):
            continue
        cell = _blank_copy(cell, lang)
        cells.append(cell)
        ex = question_id(cell)
        if ex in by_id:
            cells.extend(answer_cells(by_id[ex], lang, cell.get("id", ex)))
    meta = {**notebook["metadata"], "regional_policy": {"notebook": name, "lang": lang, "exercises": list(by_id)}}
    return {**notebook, "metadata": meta, "cells": cells}


def reader_copy(notebook: dict, lang: str) -> dict:
    """``notebook`` in one language with its solutions (the instructor's copy), outputs removed."""
    cells = []
    for cell in notebook["cells"]:
        if not keeps(cell, lang):
            continue
        cells.append(_blank_copy(cell, lang))
    return {**notebook, "cells": cells}


def _blank_copy(cell: dict, lang: str) -> dict:
    """A copy of ``cell`` without outputs; the parameters cell set to ``lang``."""
    cell = copy.deepcopy(cell)
    if cell["cell_type"] == "code":
        cell.update(outputs=[], execution_count=None)
        if "parameters" in cell["metadata"].get("tags", []):
            cell = _set_lang(cell, lang)
    return cell
