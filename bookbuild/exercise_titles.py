"""Exercise and solution titles numbered per chapter: "Exercise 3.1: Title", "Solution to Exercise 3.1".

A chapter writes each exercise as ``{exercise} 3.1 Title`` with ``:nonumber:``: the number is the chapter's, not
the book-wide count sphinx-exercise would give. Left alone, sphinx-exercise shows such a title as
"Exercise (3.1 Title)" and its solution as "Solution to Exercise (3.1 Title)". This post-transform runs before
sphinx-exercise resolves its titles and gives both nodes a plain title of their own:

* exercise: ``<Exercise> 3.1: Title`` (Korean ``연습문제 3.1: 제목``);
* solution: ``<Solution to> <Exercise> 3.1``, the second part a link to the exercise (``해답: 연습문제 3.1``).

The words come from the ``exercise`` message catalogue (``locale/<lang>/LC_MESSAGES/exercise.po``, compiled by
:mod:`.catalogues`), the same messages sphinx-exercise asks for. An exercise whose title does not start with a
number is left as sphinx-exercise shows it.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

# "3.1 Title", "M.1 Title", "H.4 (exam) Title": the chapter's number, then the title
NUMBERED = re.compile(r"^\s*([0-9A-Z]+\.[0-9]+)\s+")

translate = get_translation("exercise")


def split_number(subtitle: nodes.Element) -> tuple[str, list[nodes.Node]] | None:
    """(number, the title's nodes without the number) of an exercise subtitle, or None when it has no number."""
    children = list(subtitle.children)
    if not children or not isinstance(children[0], nodes.Text):
        return None
    match = NUMBERED.match(children[0].astext())
    if not match:
        return None
    rest = children[0].astext()[match.end() :]
    return match.group(1), ([nodes.Text(rest)] if rest else []) + [c.deepcopy() for c in children[1:]]


def numbered(exercise: nodes.Element) -> tuple[str, list[nodes.Node]] | None:
    """(number, title nodes) of an unresolved, unnumbered sphinx-exercise exercise node, else None."""
    from sphinx_exercise.nodes import exercise_node, exercise_subtitle, exercise_title

    if not isinstance(exercise, exercise_node) or not exercise.children:
        return None
    title = exercise.children[0]
    if not isinstance(title, exercise_title) or len(title.children) < 2:
        return None
    subtitle = title.children[1]
    return split_number(subtitle) if isinstance(subtitle, exercise_subtitle) else None


def exercise_name(number: str) -> str:
    return f"{translate('Exercise')} {number}"


class NumberExerciseTitles(SphinxPostTransform):
    """Gives numbered exercises and their solutions their titles before sphinx-exercise resolves them (20, 21)."""

    default_priority = 19

    def run(self):
        from sphinx_exercise.nodes import exercise_node, solution_node, solution_title
        from sphinx_exercise.post_transforms import build_reference_node

        registry = getattr(self.env, "sphinx_exercise_registry", None)
        if not registry:
            return
        for node in list(self.document.findall(exercise_node)):
            found = numbered(node)
            if found is None:
                continue
            number, rest = found
            title = nodes.title("", exercise_name(number) + (": " if rest else ""), *rest)
            title.parent = node
            node.children[0] = title
            node["title"] = title.astext()
        for node in list(self.document.findall(solution_node)):
            target = registry.get(node.get("target_label", ""))
            found = numbered(target["node"]) if target else None
            if found is None or not node.children or not isinstance(node.children[0], solution_title):
                continue
            link = build_reference_node(self.app, target["node"])
            link += nodes.Text(exercise_name(found[0]))
            title = nodes.title("", f"{translate('Solution to')} ", link)
            title.parent = node
            node.children[0] = title
            node["title"] = title.astext()


def setup(app):
    app.add_post_transform(NumberExerciseTitles)
