"""Writing article visits off the fetching threads.

A fetching thread hands an article over as soon as it is fetched, its
extraction still running in a worker process, and goes on to the next URL
of its host. One writer thread takes the articles in order, waits for each
extraction, and commits the visits that are ready together in one
transaction. The queue is bounded, in bytes and in articles: fetching runs
at most that far ahead of extraction and storage, then waits.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Callable

from patclaims.storage.db import Database
from patclaims.storage.frontier import Lease
from patclaims.storage.visits import Visit, VisitResult, record_visits

from .errors import PatclaimsError


@dataclass
class Handover:
    """An article in flight: ``complete()`` waits for its extraction and returns (visit, outcome, failed)."""

    item: Lease
    complete: Callable[[], tuple[Visit, str, bool]]
    size: int = 0                          # bytes it holds (the fetched page)


class WriterFailed(PatclaimsError):
    """The database could not be written during the crawl."""


class VisitWriter:
    def __init__(self, db: Database, run_id: int | None,
                 on_written: Callable[[Lease, Visit, VisitResult, str, bool], None],
                 max_bytes: int = 64 * 2**20, max_items: int = 1024, group: int = 32):
        self.db, self.run_id, self.on_written = db, run_id, on_written
        self.max_bytes, self.max_items, self.group = max_bytes, max_items, group
        self._items: deque[Handover] = deque()
        self._bytes = 0
        self._closing = False
        self._cond = threading.Condition()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="crawl-writer", daemon=True)
        self._thread.start()

    def put(self, handover: Handover) -> None:
        """Queue an article; waits while the queue is full (in bytes or items); raises once the writer failed."""
        with self._cond:
            while self._items and (self._bytes + handover.size > self.max_bytes or len(self._items) >= self.max_items):
                self.check()
                self._cond.wait(0.5)
            self.check()
            self._items.append(handover)
            self._bytes += handover.size
            self._cond.notify_all()

    def close(self) -> None:
        """Write everything queued, stop the thread, and raise if any write failed."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join()
        self.check()

    def check(self) -> None:
        """Raise WriterFailed once a write has failed."""
        if self._error is not None:
            reason = (str(getattr(self._error, "orig", None) or self._error).splitlines() or ["?"])[0]
            raise WriterFailed(f"writing to {self.db.safe_url} failed: {reason}; fix the database, "
                               "then run the crawl again (unwritten pages are fetched again)") from self._error

    def _take(self) -> list[Handover]:
        """The next articles, up to ``group``; none once closing and drained."""
        with self._cond:
            while not self._items and not self._closing:
                self._cond.wait()
            batch = [self._items.popleft() for _ in range(min(self.group, len(self._items)))]
            self._bytes -= sum(h.size for h in batch)
            self._cond.notify_all()
            return batch

    def _run(self) -> None:
        while batch := self._take():
            try:
                done = [(h.item, *h.complete()) for h in batch]
                results = record_visits(self.db, [visit for _, visit, _, _ in done], self.run_id)
            except BaseException as e:              # the crawl stops; the leases stay and come back next run
                with self._cond:
                    self._error = e
                    self._cond.notify_all()
                return
            for (item, visit, outcome, failed), result in zip(done, results):
                self.on_written(item, visit, result, outcome, failed)
