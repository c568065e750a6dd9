"""One warm vl-convert for the whole build: every chart compiled to Vega and drawn as static SVG by one process.

vl-convert starts a JavaScript engine on its first conversion (about a second); every kernel paid it again.
During a build, the pipeline starts this server once (:func:`running`) and tells the kernels where it listens
(``RP_SVG_SERVER``, a Unix socket): :func:`regional_policy.display.compiled` sends the Vega-Lite spec and gets the
Vega spec and the SVG back, the same bytes vl-convert gives in the kernel itself (:func:`.display.convert` runs in
both; tests/test_identity.py compares the notebooks with fresh papermill runs, which convert their own). Protocol:
a request is the spec as UTF-8 JSON, the client shuts down writing; the reply is ``ok\\n`` + the JSON of
``convert`` or ``error\\n`` + message.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ENV = "RP_SVG_SERVER"


class _Handler(socketserver.StreamRequestHandler):
    lock = threading.Lock()

    def handle(self):
        import json

        from regional_policy.display import convert

        spec = json.loads(self.rfile.read().decode("utf-8"))
        try:
            with self.lock:
                result = convert(spec)
            self.wfile.write(b"ok\n" + json.dumps(result, ensure_ascii=False).encode("utf-8"))
        except Exception as exc:  # the kernel draws it itself and reports the error there
            self.wfile.write(b"error\n" + str(exc).encode("utf-8"))


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    request_queue_size = 64  # every kernel of the build may connect before the engine is warm


def serve(path: str) -> None:
    # listening first: the build starts its kernels at once, and their first requests wait here while the engine
    # starts (a connection refused in the instant between bind and listen is converted by the kernel itself)
    server = _Server(path, _Handler)
    import vl_convert as vlc

    from .kernels import die_with_parent

    die_with_parent(signal.SIGTERM)

    vlc.vegalite_to_svg({"mark": "point"})  # start the engine before the first request is read
    import regional_policy.display  # noqa: F401 (and import what converts, before the first request)

    with server:
        threading.Thread(target=_exit_with_parent, args=(server,), daemon=True).start()
        server.serve_forever()


def _exit_with_parent(server) -> None:
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    server.shutdown()


@contextlib.contextmanager
def running():
    """Start the server for the duration of a build; set ``RP_SVG_SERVER`` for the kernels started inside."""
    with tempfile.TemporaryDirectory(prefix="rp-svg-") as tmp:
        path = str(Path(tmp) / "svg.sock")
        proc = subprocess.Popen([sys.executable, "-m", "bookbuild.svgserver", path], stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not os.path.exists(path) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        old = os.environ.get(ENV)
        if os.path.exists(path):
            os.environ[ENV] = path
        try:
            yield
        finally:
            if old is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = old
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    serve(sys.argv[1])
