"""Ctrl-C between units of work: the first stops after the one in hand, so the summary counts exactly what was
stored; a second stops at once (what was committed is kept either way)."""
from __future__ import annotations

import signal
import threading


class StopAfterCurrent:
    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def _handler(self, _signum, _frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> StopAfterCurrent:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *_exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
