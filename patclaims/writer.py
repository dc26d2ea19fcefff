"""Writing article visits off the fetching threads.

A fetching thread hands an article over as soon as it is fetched, its
extraction still running in a worker process, and goes on to the next URL
of its host. One writer thread takes the articles in order, waits for each
extraction, and commits the visits that are ready together in one
transaction. The queue is bounded: fetching runs at most ``capacity``
articles ahead of extraction and storage, then waits.
"""
from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Callable

from storage.db import Database
from storage.frontier import Lease
from storage.visits import Visit, VisitResult, record_visits

from .errors import PatclaimsError

_DONE = object()


@dataclass
class Handover:
    """An article in flight: ``complete()`` waits for its extraction and returns (visit, outcome, failed)."""

    item: Lease
    complete: Callable[[], tuple[Visit, str, bool]]


class WriterFailed(PatclaimsError):
    """The database could not be written during the crawl."""


class VisitWriter:
    def __init__(self, db: Database, run_id: int | None,
                 on_written: Callable[[Lease, Visit, VisitResult, str, bool], None],
                 capacity: int = 64, group: int = 32):
        self.db, self.run_id, self.on_written, self.group = db, run_id, on_written, group
        self._queue: queue.Queue = queue.Queue(maxsize=capacity)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="crawl-writer", daemon=True)
        self._thread.start()

    def put(self, handover: Handover) -> None:
        """Queue an article; waits while the queue is full; raises once the writer has failed."""
        while True:
            self.check()
            try:
                self._queue.put(handover, timeout=0.5)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Write everything queued, stop the thread, and raise if any write failed."""
        if self._thread.is_alive():
            while True:
                try:
                    self._queue.put(_DONE, timeout=0.5)
                    break
                except queue.Full:
                    if not self._thread.is_alive():
                        break
            self._thread.join()
        self.check()

    def check(self) -> None:
        """Raise WriterFailed once a write has failed."""
        if self._error is not None:
            reason = (str(getattr(self._error, "orig", None) or self._error).splitlines() or ["?"])[0]
            raise WriterFailed(f"writing to {self.db.safe_url} failed: {reason}; fix the database, "
                               "then run the crawl again (unwritten pages are fetched again)") from self._error

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is _DONE:
                return
            batch = [first]
            while len(batch) < self.group:         # and whatever else is queued now
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _DONE:
                    stopping = True
                    break
                batch.append(nxt)
            try:
                done = [(h.item, *h.complete()) for h in batch]
                results = record_visits(self.db, [visit for _, visit, _, _ in done], self.run_id)
            except BaseException as e:              # the crawl stops; the leases stay and come back next run
                self._error = e
                return
            for (item, visit, outcome, failed), result in zip(done, results):
                self.on_written(item, visit, result, outcome, failed)
