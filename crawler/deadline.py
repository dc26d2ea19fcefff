"""An overall deadline for each request: connecting, headers and body together.

urllib3's timeouts bound each socket operation, not the exchange: a server
that sends one byte every 2 s never trips a 10 s read timeout, in the headers
or in the body, and the fetch never ends. Neither requests nor urllib3 offers a
deadline for the whole exchange, so it is written here. Each request attempt
arms a deadline for the connection it runs on (``_Armed`` hooks urllib3's
``connect`` and ``request``); one watchdog thread per Fetcher shuts the
socket down when a deadline passes, which ends the blocked read in the
fetching thread at once. The fetch then reports a timeout.
"""
from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from contextlib import contextmanager, suppress
from typing import Iterator

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()       # the Watch of the fetch running in this thread


class Watch:
    """The deadline of one fetch, re-armed for each attempt (a retry, a redirect) on its connection."""

    def __init__(self, dog: Watchdog, seconds: float):
        self.dog, self.seconds = dog, seconds
        self.deadline = float("inf")
        self.conn = None
        self.fired = False              # the last attempt ran past its deadline and was cut
        self.attempts = 0
        self.closed = False

    def arm(self, conn) -> None:
        with self.dog.cond:
            self.conn, self.fired = conn, False
            self.deadline = time.monotonic() + self.seconds
            self.attempts += 1
            self.dog.schedule(self)

    def stop(self) -> None:
        """The fetch is over: its deadline no longer cuts the connection (which may serve another fetch)."""
        with self.dog.cond:
            self.closed = True

    def cut(self) -> None:
        """Called by the watchdog (holding its lock) at the deadline."""
        self.fired = True
        sock = getattr(self.conn, "sock", None)
        if sock is not None:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class Watchdog:
    """One thread that cuts the connections of attempts past their deadline."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self._heap: list[tuple[float, int, Watch]] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None
        self._closed = False

    @contextmanager
    def watching(self, seconds: float) -> Iterator[Watch]:
        """Give requests made in this thread, inside the block, ``seconds`` each from connect to last byte."""
        watch = Watch(self, seconds)
        _current.watch = watch
        try:
            yield watch
        finally:
            _current.watch = None
            watch.stop()

    def schedule(self, watch: Watch) -> None:       # holding self.cond
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="fetch-deadlines", daemon=True)
            self._thread.start()
        heapq.heappush(self._heap, (watch.deadline, next(self._seq), watch))
        self.cond.notify()

    def _run(self) -> None:
        with self.cond:
            while not self._closed:
                now = time.monotonic()
                while self._heap and self._heap[0][0] <= now:
                    deadline, _, watch = heapq.heappop(self._heap)
                    if not watch.closed and watch.deadline == deadline:    # else re-armed or done since
                        watch.cut()
                self.cond.wait(self._heap[0][0] - now if self._heap else None)

    def close(self) -> None:
        with self.cond:
            self._closed = True
            self._heap.clear()
            self.cond.notify()


class _Armed:
    """urllib3 connection hooks: each attempt arms the deadline of the fetch running in this thread."""

    _in_request = False
    _armed_by_connect = False

    def connect(self):
        watch = getattr(_current, "watch", None)
        if watch is not None and not self._in_request:          # HTTPS connects before the request
            watch.arm(self)
            self._armed_by_connect = True
        super().connect()
        if watch is not None and watch.fired:                   # the deadline passed while connecting
            with suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)

    def request(self, *args, **kwargs):
        watch = getattr(_current, "watch", None)
        if watch is not None and not self._armed_by_connect:
            watch.arm(self)
        self._armed_by_connect, self._in_request = False, True
        try:
            return super().request(*args, **kwargs)
        finally:
            self._in_request = False


class _HTTPConnection(_Armed, HTTPConnection):
    pass


class _HTTPSConnection(_Armed, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' HTTPAdapter whose connections keep the deadline of the fetch in hand."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
