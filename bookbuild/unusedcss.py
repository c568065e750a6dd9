"""The theme's stylesheets without the rules that no page of the edition can use.

pydata-sphinx-theme ships the whole of Bootstrap 5 in ``styles/pydata-sphinx-theme.css`` (397 KB) and sphinx-design
every one of its components (55 KB). Every page loads both before its first paint, and on a phone most of the time
before that paint goes to reading them and matching their rules (Lighthouse, bench/results.md). When an edition has
been built, this module drops each rule whose selectors all name a class or an id that appears nowhere in the
edition: the content approach of PurgeCSS, with its cautions.

- Every word of every page and script counts as used, so the classes that scripts add (Bootstrap's ``show``, the
  theme's ``pst-...``, sphinx-togglebutton's ``toggle-hidden``) keep their rules.
- Element names, attribute selectors and whatever sits inside ``:not()``, ``:is()``, ``:where()`` or ``:has()``
  never count against a rule.
- At-rules other than grouping ones (``@font-face``, ``@keyframes``, ...) are kept whole; ``@media`` and
  ``@supports`` blocks are purged inside, and dropped only when nothing is left.

The same goes for the font of the admonitions' icons (Font Awesome Free, SIL OFL 1.1): it keeps the glyphs that the
stylesheets name once purged, cut with fontTools, and linked with a digest of its bytes. The pages link the purged
files through one bundle (:mod:`.cssbundle`), whose link carries its own digest, so a browser never keeps an older
copy. tests/test_page_speed_browser.py compares the computed style of every element of three
pages with the theme's own stylesheets and with these.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
from pathlib import Path

import tinycss2

from regional_policy.paths import ROOT

PURGED = ("styles/pydata-sphinx-theme.css", "sphinx-design.min.css")
CACHE = ROOT / ".cache" / "unusedcss"
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_NAMED = re.compile(r"([.#])((?:\\.|[A-Za-z0-9_-])+)")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(", re.IGNORECASE)
_GROUPING = {"media", "supports", "container", "layer", "document"}
_SKIPPED = {"searchindex.js"}  # the search index is data, not markup
# The admonitions' icons are glyphs of Font Awesome's solid web font (the theme's ``content: "\uf0f3"`` and the
# like), a font of 1,400 glyphs and 156 KB.
ICON_FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
_GLYPH = re.compile(r"[\ue000-\uf8ff]|\\([ef][0-9a-fA-F]{3})(?![0-9a-fA-F])")


def words(folder: Path) -> set[str]:
    """Every word of the edition's pages and scripts."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".html", ".js") and path.name not in _SKIPPED and path.is_file():
            found.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def _outside_functions(selector: str) -> str:
    """The selector without the arguments of :not(), :is(), :where() and :has()."""
    kept, i = [], 0
    while (m := _FUNCTIONAL.search(selector, i)) is not None:
        kept.append(selector[i : m.start()])
        depth, i = 1, m.end()
        while i < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
    kept.append(selector[i:])
    return "".join(kept)


def needs(selector: str) -> set[str]:
    """The words a page must have for the selector to count as used: each class and id it names, outside functions
    and attribute tests (a name with an escaped character, ``.w-1\\/2``, needs each of its words)."""
    plain = re.sub(r"\[[^\]]*\]", "", _outside_functions(selector))
    return {word for _, name in _NAMED.findall(plain) for word in _WORD.findall(name)}


def _selectors(prelude) -> list[str]:
    """A rule's selectors (its prelude split at the commas outside brackets)."""
    parts, depth, current = [], 0, []
    for ch in tinycss2.serialize(prelude):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _index(rules) -> list:
    """The stylesheet as JSON-ready entries: ``["rule", [[selector, needed words], ...], body]``,
    ``["group", "@media ...", entries]`` or ``["keep", text]``."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [[s, sorted(needs(s))] for s in _selectors(rule.prelude)]
            out.append(["rule", selectors, tinycss2.serialize(rule.content)])
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            head = "@" + rule.at_keyword + tinycss2.serialize(rule.prelude)
            out.append(["group", head, _index(tinycss2.parse_rule_list(rule.content, True, True))])
        elif rule.type not in ("comment", "whitespace"):
            out.append(["keep", tinycss2.serialize([rule])])
    return out


def index(css: str) -> list:
    """The stylesheet's entries (:func:`_index`), kept in ``.cache/unusedcss/`` under a hash of the stylesheet and
    of this module: reading 400 KB of CSS takes half a second, and the theme's stylesheet does not change."""
    key = hashlib.sha256(css.encode() + Path(__file__).read_bytes()).hexdigest()
    cached = CACHE / f"{key}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(cached.read_text(encoding="utf-8"))
    entries = _index(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    with contextlib.suppress(OSError):
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(entries), encoding="utf-8")
    return entries


def _purged(entries: list, used: set[str]) -> list[str]:
    out = []
    for kind, *rest in entries:
        if kind == "rule":
            kept = [selector for selector, needed in rest[0] if used.issuperset(needed)]
            if kept:
                out.append(",".join(kept) + "{" + rest[1] + "}")
        elif kind == "group":
            inner = _purged(rest[1], used)
            if inner:
                out.append(rest[0] + "{" + "".join(inner) + "}")
        else:
            out.append(rest[0])
    return out


def purge(css: str, used: set[str]) -> str:
    """The stylesheet with only the rules a page using ``used`` words can match (comments dropped)."""
    return "".join(_purged(index(css), used))


def icon_codepoints(css: str) -> set[int]:
    """The Font Awesome glyphs a stylesheet names: characters of the Private Use Area, literal or escaped."""
    return {ord(m.group(0)) if len(m.group(0)) == 1 else int(m.group(1), 16) for m in _GLYPH.finditer(css)}


def subset_font(path: Path, codepoints: set[int]) -> bytes:
    """The WOFF2 font with only the glyphs of ``codepoints`` (fontTools; the same bytes each time, kept in the cache
    like the stylesheets' entries)."""
    key = hashlib.sha256(path.read_bytes() + repr(sorted(codepoints)).encode() + Path(__file__).read_bytes())
    cached = CACHE / f"{key.hexdigest()}.woff2"
    with contextlib.suppress(OSError):
        return cached.read_bytes()
    from fontTools import subset

    options = subset.Options(flavor="woff2", recalc_timestamp=False)
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    with contextlib.suppress(OSError):
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def _write(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    used = words(Path(app.outdir))
    sheets = {name: purge((static / name).read_text(encoding="utf-8"), used) for name in PURGED}
    # the icon font, cut to the glyphs of every stylesheet the pages load, and linked by its new digest
    others = [
        p.read_text(encoding="utf-8")
        for p in sorted(static.rglob("*.css"))
        if p.relative_to(static).as_posix() not in PURGED
    ]
    font = subset_font(static / ICON_FONT, set().union(*map(icon_codepoints, [*sheets.values(), *others])))
    (static / ICON_FONT).write_bytes(font)
    font_url = re.compile(r"(" + re.escape(ICON_FONT.split("/", 1)[1]) + r")(?=[\"')])")
    for name, text in sheets.items():  # pages link them through one bundle, with its own digest (.cssbundle)
        (static / name).write_text(font_url.sub(lambda m: f"{m.group(1)}?v={_digest(font)}", text), encoding="utf-8")


def setup(app):
    app.connect("build-finished", _write, priority=900)  # after the extensions that copy their files then
