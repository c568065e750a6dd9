"""Kernels without the start-up: a warm parent process forks a fresh IPython kernel per notebook.

A fresh ``python -m ipykernel_launcher`` spends most of a short notebook's time starting the
interpreter and importing ipykernel, pandas, altair, shapely... A *zygote* (``python -m
bookbuild.kernels``, one per build, shared by its workers) imports those once; for each notebook it forks a child
that becomes the kernel, so every notebook still runs in its own new process with its own namespace,
execution counter and module state (``regional_policy`` is never imported by the zygote: each kernel
imports it afresh). Papermill and nbclient drive the child exactly as they drive a launched kernel:
:class:`ForkKernelManager` replaces only the launch, so the executed notebook is byte-identical to a
fresh-kernel papermill run (tests/test_identity.py checks every notebook of both editions).

The child also records what the notebook read (:mod:`regional_policy.reads`, the files opened under the
project, the package modules imported) into a JSON file when the kernel shuts down: :mod:`.deps`.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import default

# Imported once by the zygote; every kernel inherits them already imported. Not regional_policy.
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython",
    "numpy",
    "pandas",
    "altair",
    "vl_convert",
    "shapely",
    "shapely.geometry",
    "shapely.ops",
    "ipykernel.debugger",  # debugpy: a fifth of a kernel's start-up
    "pandas.io.formats.style",
    "sqlite3",
)


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask Linux to send ``sig`` to this process when its parent dies (PR_SET_PDEATHSIG), so that an interrupted
    build leaves no worker, zygote or kernel behind."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(sig))
    except (OSError, AttributeError):  # not Linux: the pipes still end them
        pass


class PidProcess:
    """The little of :class:`subprocess.Popen` that jupyter_client uses, for a kernel forked by the zygote."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)  # the zygote reaps its children: a finished kernel is gone
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class Zygote:
    """A warm process, started once, that forks kernels on request: of the process that started it, and of the
    processes forked from that one afterwards (the build's workers share one zygote; a lock keeps their requests
    apart)."""

    def __init__(self, cwd: Path):
        self._lock = multiprocessing.Lock()
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bookbuild.kernels", str(to_child_r), str(from_child_w)],
            pass_fds=(to_child_r, from_child_w),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            # ipykernel reads JPY_PARENT_PID when it is imported, that is in the zygote: set as the launcher does
            # PYDEVD_DISABLE_FILE_VALIDATION: debugpy, imported here, would warn of frozen modules on the build's
            # output (a kernel's own environment is the one its manager gives it, not this one)
            env={**os.environ, "JPY_PARENT_PID": str(os.getpid()), "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._reader = os.fdopen(self._from_child, "r", encoding="utf-8")
        self._writer = os.fdopen(self._to_child, "w", encoding="utf-8")

    def fork(self, connection_file: str, cwd: str, env: dict, record: str | None) -> int:
        request = {"connection_file": connection_file, "cwd": cwd, "env": env, "record": record}
        with self._lock:  # one request and its answer at a time, whichever worker asks
            self._writer.write(json.dumps(request) + "\n")
            self._writer.flush()
            line = self._reader.readline()
        if not line:
            raise RuntimeError(f"the kernel zygote exited (code {self.proc.poll()})")
        return int(line)

    def close(self) -> None:
        self._writer.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._reader.close()


# The build's zygote, and the record file of the notebook this worker is executing (one at a time per worker).
CURRENT: dict = {"zygote": None, "record": None}


class ForkKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels are forked from the build's zygote instead of launched.

    Kernels talk over Unix sockets in the temporary folder (``ipc``), not TCP ports: kernels started at the same
    time by two workers cannot pick the same port."""

    @default("transport")
    def _transport_default(self):
        return "ipc"

    @default("ip")
    def _ip_default(self):
        return os.path.join(tempfile.gettempdir(), f"rp-kernel-{uuid.uuid4().hex[:16]}")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        zygote: Zygote = CURRENT["zygote"]
        env = {**kw["env"], "JPY_PARENT_PID": str(os.getpid())}  # as jupyter_client's launcher sets it
        pid = zygote.fork(self.connection_file, str(kw.get("cwd") or os.getcwd()), env, CURRENT["record"])
        prov = self.provisioner
        prov.process = PidProcess(pid)
        prov.pid = prov.pgid = pid  # the child is the leader of its own process group
        prov.cwd = kw.get("cwd")
        self._reconcile_connection_info(prov.connection_info)

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts a kernel before asking it to shut down; papermill shuts it down after its last
        # cell, so there is nothing to interrupt, and the kernel would log "KeyboardInterrupt caught in kernel"
        if not self.shutting_down:
            await super()._async_interrupt_kernel()


# --- the zygote's side --------------------------------------------------------------------------------


def _kernel(request: dict) -> None:
    """In the forked child: become ``python -m ipykernel_launcher -f CONNECTION_FILE`` and record what was read."""
    import importlib.util

    os.setsid()
    die_with_parent()
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, "-f", request["connection_file"]]
    opened: set[str] = set()
    if request.get("record"):
        root = str(Path(__file__).resolve().parent.parent) + os.sep

        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

        def audit(event, args):  # files opened for reading only: what a notebook writes is not an input
            if event == "open" and isinstance(args[0], str) and args[0].startswith(root):
                mode, flags = args[1], args[2]
                if (mode is None and not flags & writing) or (isinstance(mode, str) and not set(mode) & set("wax+")):
                    opened.add(args[0])

        sys.addaudithook(audit)
    from ipykernel import kernelapp

    code = 0
    try:
        kernelapp.launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        if request.get("record"):
            reads = sys.modules.get("regional_policy.reads")
            record = {
                "modules": sorted(
                    getattr(m, "__file__", None) or ""
                    for n, m in list(sys.modules.items())
                    if n.startswith("regional_policy")
                ),
                "opened": sorted(opened),
                "reads": reads.snapshot() if reads else {},
            }
            Path(request["record"]).write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(read_fd: int, write_fd: int) -> None:
    """The zygote: import the heavy libraries once, then fork a kernel for each request line."""
    import importlib

    cwd = os.getcwd()
    if sys.path and sys.path[0] in ("", cwd):
        del sys.path[0]  # as ipykernel_launcher does; the kernel puts the notebook's folder back
    for name in PRELOAD:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished kernels are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build decides; it closes the pipes to stop us
    children: list[int] = []

    def stop(signum, frame):
        for pid in children:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)
    die_with_parent(signal.SIGTERM)
    try:
        with (
            os.fdopen(read_fd, "r", encoding="utf-8") as requests,
            os.fdopen(write_fd, "w", encoding="utf-8") as replies,
        ):
            for line in requests:
                request = json.loads(line)
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    requests.close()
                    replies.close()
                    _kernel(request)
                children.append(pid)
                replies.write(f"{pid}\n")
                replies.flush()
    except BrokenPipeError:  # a worker was killed while we answered it (an interrupted build)
        pass
    for pid in children:  # the build went away: no kernel outlives it
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # at once: the interpreter's own shutdown, with pandas and the rest imported, takes 0.4 s


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
