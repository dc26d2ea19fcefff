"""Page extraction for the crawl, in worker processes.

Extraction (HTML parsing, trafilatura, the claim patterns) is CPU-bound
Python; run in the crawl's fetching threads it holds the GIL and stalls
every host's requests behind it. So the crawl hands page bytes to a pool of
processes (``spawn``, safe beside threads) and its threads only wait. With
``processes=0`` extraction runs in the calling thread (small runs, debugging).

A worker that dies on a page (a crash in a C parser, the OOM killer) costs
that page only: it is reported as an ExtractionError and the pool is built
again for the next one.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from extractors.errors import PatclaimsError
from extractors.records import Document

from .pipeline import process_page


class ExtractionError(PatclaimsError):
    """The extractor failed on a page: its process died (worth a retry), or a bug (not)."""

    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


def _bug(name: str, e: Exception) -> ExtractionError:
    return ExtractionError(f"{name}: the extractor failed on this page ({type(e).__name__}: {e}); "
                           "please report it with the page")


def default_processes() -> int:
    return max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _exit_with_parent(parent: int) -> None:
    # A worker blocks reading its task queue, and holds that queue's write end itself, so it would
    # never see the crawl go away: when the crawl is killed (SIGKILL, OOM), leave with it.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C reaches the whole group; the crawl decides
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _warm_up()


def _warm_up() -> None:
    # load the vocabularies and site rules once per worker, not on its first page
    process_page("<html><body><p>삼성전자는 특허 1,000건을 출원했다.</p></body></html>".encode(), name="warm-up")


class ExtractionPool:
    def __init__(self, processes: int):
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:              # started on first use: a run with no new article starts no process
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_worker, initargs=(os.getpid(),))
                self._pool.submit(os.getpid)       # processes start on the first task
            return self._pool

    def _rebuild(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)

    def submit(self, raw: bytes, *, url: str | None, content_type: str | None, name: str) -> Future:
        """Start extracting a page; pass the future to ``result``. Inline (already done) with no processes."""
        if self.processes <= 0:
            done: Future = Future()
            try:
                done.set_result(process_page(raw, url=url, content_type=content_type, name=name))
            except PatclaimsError as e:
                done.set_exception(e)
            except Exception as e:         # a bug met on one page: that page fails, the crawl goes on
                done.set_exception(_bug(name, e))
            return done
        pool = self._executor()
        try:
            fut = pool.submit(process_page, raw, url=url, content_type=content_type, name=name)
        except BrokenProcessPool:
            self._rebuild(pool)
            fut = self._executor().submit(process_page, raw, url=url, content_type=content_type, name=name)
        fut.pool = pool
        return fut

    def result(self, fut: Future, name: str) -> Document:
        """The page's document with its claims; PatclaimsError naming the page when it cannot be read."""
        try:
            return fut.result()
        except BrokenProcessPool:
            self._rebuild(fut.pool)
            raise ExtractionError(f"{name}: the extractor process died on this page", retryable=True) from None
        except PatclaimsError:
            raise
        except Exception as e:
            raise _bug(name, e) from e

    def start(self) -> None:
        """Start the worker processes now, so the first page does not wait for them."""
        if self.processes > 0 and self._pool is None:
            self._executor()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
