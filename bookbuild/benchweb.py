"""The browser half of the bench: bytes a chapter page loads in Chromium, and Lighthouse scores.

Used by :mod:`.bench` only (no test depends on Lighthouse or on the network).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

from regional_policy.paths import ROOT

from .pdf import CHARTS_DRAWN

CHROME = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".geojson", ".txt", ".map")


class Server:
    """The built site on a free port of 127.0.0.1 (python http.server); ``gzip=True`` compresses text files for
    clients that accept it, as a web host would."""

    def __init__(self, site: Path, gzip: bool = False):
        import gzip as gz
        import http.server
        import io
        import mimetypes
        import threading
        from functools import partial

        cache: dict[str, bytes] = {}

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_head(self):
                path = self.translate_path(self.path)
                accepts = "gzip" in self.headers.get("Accept-Encoding", "")
                if not (gzip and accepts and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
                    return super().send_head()
                if path not in cache:
                    cache[path] = gz.compress(Path(path).read_bytes(), 6, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", mimetypes.guess_type(path)[0] or "application/octet-stream")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(cache[path])))
                self.end_headers()
                return io.BytesIO(cache[path])

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}/"

    def close(self):
        self.server.shutdown()


def chapter_pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.glob("book/0*.html")) + sorted(site.glob("ko/0*.html"))]


def first_load_bytes(site: Path, base: str) -> dict:
    """Bytes each chapter page loads in Chromium on a first visit (empty cache, no scrolling), uncompressed bodies,
    until the network is idle; and the milliseconds until every chart reports it has drawn (those below the first
    screen once asked to, as printing does)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        for page_path in chapter_pages(site):
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}

            def done(request, sizes=sizes):
                response = request.response()
                if response is not None:
                    with contextlib.suppress(Exception):  # a redirect or an aborted request has no body
                        sizes[request.url] = len(response.body())

            page.on("requestfinished", done)
            start = time.perf_counter()
            page.goto(base + page_path, wait_until="networkidle")
            sizes = dict(sizes)  # what the first screen loads; the charts further down are drawn as they near it
            page.wait_for_function(CHARTS_DRAWN, timeout=30000)
            ms = round(1000 * (time.perf_counter() - start))
            kinds = {"html": 0, "js": 0, "css": 0, "font": 0, "other": 0}
            for url, n in sizes.items():
                path = url.split("?")[0]
                kind = next(
                    (k for k, ext in (("html", ".html"), ("js", ".js"), ("css", ".css")) if path.endswith(ext)), None
                )
                kind = kind or ("font" if re.search(r"\.(woff2?|ttf|eot)$", path) else "other")
                kinds[kind] += n
            out[page_path] = {**kinds, "total": sum(kinds.values()), "requests": len(sizes), "charts_drawn_ms": ms}
            context.close()
        browser.close()
    return out


def lighthouse(pages: list[str], base: str, folder: Path, runs: int = 3) -> dict:
    """Lighthouse 12.2.3 (bench/package-lock.json), default mobile settings, Debian's Chromium: each page ``runs``
    times, and the median of each score and timing."""
    bench = ROOT / "bench"
    if not (bench / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=bench, check=True, capture_output=True)
    out = {}
    for page in pages:
        measured = []
        for n in range(runs):
            report = folder / (page.replace("/", "_") + f".{n}.json")
            subprocess.run(
                [
                    str(bench / "node_modules" / ".bin" / "lighthouse"),
                    base + page,
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--disable-full-page-screenshot",  # a picture for the HTML report (1.2 s a run); no score uses it
                    "--chrome-flags=" + " ".join(CHROME_FLAGS),
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "CHROME_PATH": CHROME},
            )
            r = json.loads(report.read_text(encoding="utf-8"))
            audits = r["audits"]
            measured.append(
                {
                    **{k: round(100 * v["score"]) for k, v in r["categories"].items() if v["score"] is not None},
                    "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
                    "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
                    "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
                    "bytes": round(audits["total-byte-weight"]["numericValue"]),
                }
            )
        out[page] = {k: round(statistics.median(m[k] for m in measured)) for k in measured[0]} | {"runs": runs}
    return out
