"""Ctrl-C (SIGINT) or SIGTERM stops a build, and a stopped build writes nothing.

The pipeline runs inside :func:`handled`: the signal raises :class:`Interrupted` where the build is, as Python's own
SIGINT handler does, and also records that it came. The two places that write the results (moving the executed
notebooks into ``book/``, swapping the compiled site into ``_build/html``) call :func:`check` first, so that a
build whose exception was swallowed on its way (by a library, or in a finalizer) still stops there.
"""

from __future__ import annotations

import contextlib
import signal
import threading

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_RECEIVED = threading.Event()


class Interrupted(KeyboardInterrupt):
    """The build was interrupted; nothing was written."""


def _handler(signum, frame) -> None:
    _RECEIVED.set()
    raise Interrupted(signal.Signals(signum).name)


@contextlib.contextmanager
def handled():
    """Handle SIGINT and SIGTERM this way inside the block, then as before (only the main thread handles signals:
    elsewhere the block changes nothing)."""
    _RECEIVED.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {sig: signal.getsignal(sig) for sig in SIGNALS}
    for sig in SIGNALS:
        signal.signal(sig, _handler)
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def check() -> None:
    """Raise :class:`Interrupted` if a signal came, even if its exception was lost."""
    if _RECEIVED.is_set():
        raise Interrupted("interrupted")
