"""The whole book as one PDF, printed offline by Chromium through Playwright.

    python -m bookbuild.pdf                 # _build/html -> _build/pdf/book.pdf
    python -m bookbuild.pdf --html DIR --out FILE.pdf

The built site (``_build/html``, see :mod:`.pipeline`) is served on
127.0.0.1 by a throw-away HTTP server; Debian's Chromium (``/usr/bin/chromium``,
or ``$CHROMIUM``) opens each page of ``_toc.yml`` in order, waits until every
chart is drawn, and prints it with the book's print stylesheet
(``_static/book.css``). The pages are merged with pypdf behind a contents page
that gives each chapter's first page; the PDF's outline (bookmarks) has one
entry per page, named by its title. Any request to another host is refused, so
the PDF is made from the local files only.

:func:`serve` and :func:`launch` are also what the browser tests use.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from regional_policy.paths import BUILD, ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# charts.js draws a chart when it nears the screen; rpDrawAll() asks for the rest (the predicate is polled)
CHARTS_DRAWN = """() => { if (window.rpDrawAll) window.rpDrawAll();
                          return Array.from(document.querySelectorAll('div.rp-vega'))
                            .every(d => d.dataset.rendered === '1' || d.textContent.includes('could not be drawn')); }"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1 in a thread; yield its base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def launch(playwright, **kwargs):
    """Debian's Chromium, headless (Playwright downloads no browser of its own here)."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium (or set $CHROMIUM)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], **kwargs)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS | {"::1"}


def block_other_hosts(context) -> list[str]:
    """Abort every request to another host; return the list that collects their URLs."""
    blocked: list[str] = []

    def handle(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", handle)
    return blocked


def toc_pages(root: Path = ROOT) -> list[str]:
    """The pages of the book in the order of ``_toc.yml`` (paths without suffix, e.g. ``book/index``)."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [p.removesuffix(".md").removesuffix(".ipynb") for p in pages]


@dataclass
class Printed:
    page: str
    title: str
    pdf: bytes


def page_title(page) -> str:
    text = page.evaluate("""() => { const h = document.querySelector('article h1, main h1');
                                    return h ? h.textContent : document.title; }""")
    return " ".join(text.replace("#", "").split())


PDF_OPTIONS = dict(
    format="A4",
    print_background=True,
    prefer_css_page_size=True,
    margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
)


def print_pages(base: str, pages: list[str], browser) -> list[Printed]:
    context = browser.new_context(locale="en-GB")
    blocked = block_other_hosts(context)
    out = []
    try:
        page = context.new_page()
        for name in pages:
            response = page.goto(base + name + ".html", wait_until="load")
            if response is None or response.status != 200:
                raise SystemExit(f"{name}.html: HTTP {response.status if response else 'no response'}")
            page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
            page.evaluate("document.fonts.ready")
            out.append(Printed(name, page_title(page), page.pdf(**PDF_OPTIONS)))
    finally:
        context.close()
    if blocked:
        raise SystemExit("requests to other hosts were refused: " + ", ".join(sorted(set(blocked))))
    return out


def contents_html(title: str, entries: list[tuple[str, int]]) -> str:
    rows = "".join(f'<li><span class="t">{html.escape(t)}</span><span class="n">{n}</span></li>' for t, n in entries)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
 body {{ font-family: sans-serif, "NanumGothic"; margin: 0; color: #111; }}
 h1 {{ font-size: 22pt; margin: 30mm 0 6mm; }}
 h2 {{ font-size: 14pt; margin: 14mm 0 4mm; }}
 ol {{ list-style: none; padding: 0; font-size: 12pt; }}
 li {{ display: flex; gap: 0.5em; margin: 0.35em 0; }}
 .t {{ flex: 1; border-bottom: 1px dotted #888; }}
</style></head><body><h1>{html.escape(title)}</h1><h2>Contents</h2><ol>{rows}</ol></body></html>"""


def build(site: Path | None = None, out: Path | None = None, root: Path = ROOT, browser=None) -> Path:
    """Print every page of the book and merge them into ``out``; return its path.

    ``browser``: a Playwright Chromium already running (the tests'); by default one is launched.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            chromium = launch(pw)
            try:
                return build(site, out, root, chromium)
            finally:
                chromium.close()

    import yaml
    from pypdf import PdfReader, PdfWriter

    site = Path(site or BUILD / "html")
    out = Path(out or BUILD / "pdf" / "book.pdf")
    if not (site / "book" / "index.html").is_file():
        raise SystemExit(f"no built site in {site}: run `python -m bookbuild.pipeline html` first")
    book_title = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")).get("title", "The book")
    pages = toc_pages(root)
    with serve(site) as base:
        printed = print_pages(base, pages, browser)
    readers = [PdfReader(io.BytesIO(p.pdf)) for p in printed]
    # The contents page(s) come first: print once to know how many pages they take.
    context = browser.new_context()
    block_other_hosts(context)
    page = context.new_page()
    contents_pages, starts = 1, []
    for _ in range(3):
        start, starts = contents_pages + 1, []
        for reader in readers:
            starts.append(start)
            start += len(reader.pages)
        page.set_content(contents_html(book_title, [(p.title, s) for p, s in zip(printed, starts)]))
        contents = PdfReader(io.BytesIO(page.pdf(**PDF_OPTIONS)))
        if len(contents.pages) == contents_pages:
            break
        contents_pages = len(contents.pages)
    context.close()
    writer = PdfWriter()
    writer.append(contents, import_outline=False)
    writer.add_outline_item(title="Contents", page_number=0)
    for p, reader, start in zip(printed, readers, starts):
        writer.append(reader, import_outline=False)
        writer.add_outline_item(title=p.title, page_number=start - 1)
    writer.add_metadata({"/Title": book_title, "/Creator": "bookbuild.pdf (Chromium via Playwright)"})
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=BUILD / "html", help="the built site (default: _build/html)")
    parser.add_argument("--out", type=Path, default=BUILD / "pdf" / "book.pdf", help="default: _build/pdf/book.pdf")
    args = parser.parse_args(argv)
    path = build(args.html, args.out)
    print(f"PDF written: {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
