"""One stylesheet per page instead of eleven.

Each page links the theme's stylesheets and the extensions' (eleven files, one of which imports a twelfth), and a
browser fetches every one of them before it paints anything. On a phone's network each file costs a round trip, so
the first paint waits for the slowest of several rounds (Lighthouse, bench/results.md). When an edition has been
built (after :mod:`.unusedcss` has purged the theme's files), this module joins the local stylesheets that a page's
head links, in their order, into ``_static/styles/bundle-<key>.css`` and links that file instead:

- ``@import`` of a local file is replaced by the file, ``url()`` is rewritten to point from the bundle's folder to
  the same file, and ``@charset`` is said once, first; source-map comments are dropped (the bundle has no map);
- the key names the list of files, and the link carries a digest of the bundle's bytes (``?v=``), so that a browser
  never keeps an older copy;
- the bundle's first comment lists its files: a page that an incremental build did not write again links the bundle
  already, and its bundle is made again from that list.

The separate files stay in ``_static``; tests/test_page_speed_browser.py shows that every element looks the same.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

STYLES = "styles"  # the bundle's folder, in _static
_LINK = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
_HREF = re.compile(r'\bhref="([^"]*_static/)([^"?#]+)[^"]*"')
_BUNDLE = re.compile(STYLES + r"/bundle-[0-9a-f]+\.css")
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s]+)["']?\s*\)?\s*;""")
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""")
_SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")
_SOURCES = re.compile(r"^/\* bundle of: ([^*]+) \*/")


def _local(url: str) -> bool:
    return not re.match(r"(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.IGNORECASE)


def _sheet(name: str, read: Callable[[str], str], seen: frozenset = frozenset()) -> str:
    """A stylesheet of ``_static`` with its local imports in place and its urls relative to the bundle's folder."""
    if name in seen:
        raise ValueError(f"_static/{name}: @import cycle")
    folder = posixpath.dirname(name)

    def moved(url: str) -> str:
        path, sep, rest = url.partition("?") if "?" in url else url.partition("#")
        return posixpath.relpath(posixpath.normpath(posixpath.join(folder, path)), STYLES) + sep + rest

    text = _SOURCE_MAP.sub("", _CHARSET.sub("", read(name)))
    text = _URL.sub(lambda m: f"url({m[1]}{moved(m[2])}{m[1]})" if _local(m[2]) else m[0], text)
    return _IMPORT.sub(
        lambda m: (
            _sheet(posixpath.normpath(posixpath.join(folder, m[1])), read, seen | {name}) if _local(m[1]) else m[0]
        ),
        text,
    )


def bundle(names: list[str], read: Callable[[str], str]) -> str:
    """The stylesheets of ``_static`` named, in this order, as one; ``read(name)`` gives a file's text."""
    parts = [f"/* {name} */\n{_sheet(name, read).strip()}\n" for name in names]
    return f'@charset "UTF-8";\n/* bundle of: {" ".join(names)} */\n' + "\n".join(parts)


def key(names: list[str]) -> str:
    return hashlib.sha256(" ".join(names).encode()).hexdigest()[:12]


def _page_sheets(head: str, static: Path) -> list[str] | None:
    """The local stylesheets a page's head links (from its bundle's list, if it links one already)."""
    names = []
    for link in _LINK.findall(head):
        href = _HREF.search(link)
        if href is None or " media=" in link:
            continue
        if _BUNDLE.fullmatch(href[2]):
            found = _SOURCES.search((static / href[2]).read_text(encoding="utf-8").split("\n", 2)[1])
            return found[1].split() if found else None
        names.append(href[2])
    return names if len(names) > 1 else None


def _joined(link: str, names: list[str]) -> str | None:
    """The path in ``_static`` of a link that the bundle replaces (one of its files, or an older bundle)."""
    href = _HREF.search(link)
    if href is None or " media=" in link or not (href[2] in names or _BUNDLE.fullmatch(href[2])):
        return None
    return href[1]


def _write(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    digests: dict[str, str] = {}  # bundle key -> digest of its bytes
    for page in sorted(Path(app.outdir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        head, sep, body = text.partition("</head>")
        names = _page_sheets(head, static) if sep else None
        if not names:
            continue
        k = key(names)
        if k not in digests:
            css = bundle(names, lambda name: (static / name).read_text(encoding="utf-8")).encode()
            (static / STYLES / f"bundle-{k}.css").write_bytes(css)
            digests[k] = hashlib.sha256(css).hexdigest()[:20]
        links = [link for link in _LINK.findall(head) if _joined(link, names) is not None]
        prefix = _joined(links[0], names)
        new = f'<link rel="stylesheet" href="{prefix}{STYLES}/bundle-{k}.css?v={digests[k]}" />\n'
        head = head.replace(links[0], new, 1)
        for link in links[1:]:
            head = head.replace(link, "", 1)
        if head + sep + body != text:
            page.write_text(head + sep + body, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _write, priority=950)  # after unusedcss (900) has purged the files it joins
