"""Whether this process was sent SIGINT (Ctrl-C, or ``kill -INT`` to the process group) since a
given moment, whatever the code it interrupted then did with the ``KeyboardInterrupt``.

    seen = interrupts()       # start watching (main thread; once per process)
    ...
    if interrupts() != seen:  # a SIGINT arrived in between

A test library may catch the ``KeyboardInterrupt`` (or turn it into another error) on its way
up; the count is kept by the signal handler itself, before any of that happens. The watcher
wraps Python's own handler (which raises ``KeyboardInterrupt``) and changes nothing else: when
another handler is installed, or outside the main thread, it does not watch and the count stays
0, so only the test's own outcome decides.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

__all__ = ["interrupts"]

_count = 0


def _counting_handler(signum: int, frame: FrameType | None) -> None:
    global _count
    _count += 1
    signal.default_int_handler(signum, frame)


def interrupts() -> int:
    """The SIGINTs this process received since it started watching (watching from now on)."""
    main = threading.current_thread() is threading.main_thread()
    if main and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _counting_handler)
    return _count
