"""Page extraction for the crawl, in worker processes.

Extraction (HTML parsing, trafilatura, the claim patterns) is CPU-bound
Python; run in the crawl's fetching threads it holds the GIL and stalls
every host's requests behind it. So the crawl hands page bytes to a pool of
processes (pebble's ProcessPool, ``spawn``, safe beside threads) and its
threads only wait. With ``processes=0`` extraction runs in the calling
thread (small runs, debugging; no time limit there).

One bad page costs that page only: a page whose extraction runs past the
time limit has its worker killed and replaced; a worker that dies (a crash
in a C parser, the OOM killer) fails its own page, which is tried again on
a later run; a bug met on one page fails that page.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, TimeoutError

from pebble import ProcessExpired, ProcessPool

from patclaims.extractors.errors import PatclaimsError
from patclaims.extractors.limits import DEFAULT_MAX_BYTES
from patclaims.extractors.records import Document

from .pipeline import process_page


class ExtractionError(PatclaimsError):
    """The extractor failed on a page: its process died (worth a retry), it ran too long, or a bug."""

    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


def default_processes() -> int:
    return max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _exit_with_parent(parent: int) -> None:
    # A worker blocks reading its task pipe and would not notice the crawl go away: when the crawl
    # is killed (SIGKILL, OOM), leave with it.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C reaches the whole group; the crawl decides
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    # load the vocabularies and site rules once per worker, not on its first page
    process_page("<html><body><p>삼성전자는 특허 1,000건을 출원했다.</p></body></html>".encode(), name="warm-up")


def _bug(name: str, e: Exception) -> ExtractionError:
    return ExtractionError(f"{name}: the extractor failed on this page ({type(e).__name__}: {e}); "
                           "please report it with the page")


class ExtractionPool:
    def __init__(self, processes: int, timeout: float = 60.0):
        self.processes, self.timeout = processes, timeout
        self._pool: ProcessPool | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the worker processes now, so the first page does not wait for them."""
        if self.processes > 0:
            self._executor()

    def _executor(self) -> ProcessPool:
        with self._lock:              # started on first use: a run with no new article starts no process
            if self._pool is None:
                self._pool = ProcessPool(self.processes, initializer=_start_worker, initargs=(os.getpid(),),
                                         context=multiprocessing.get_context("spawn"))
                self._pool.schedule(os.getpid)          # workers start with the first task
            return self._pool

    def submit(self, raw: bytes, *, url: str | None, content_type: str | None, name: str,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Future:
        """Start extracting a page; pass the future to ``result``. Inline (already done) with no processes."""
        kwargs = dict(url=url, content_type=content_type, name=name, max_bytes=max_bytes)
        if self.processes > 0:
            return self._executor().schedule(process_page, args=(raw,), kwargs=kwargs, timeout=self.timeout)
        done: Future = Future()
        try:
            done.set_result(process_page(raw, **kwargs))
        except Exception as e:
            done.set_exception(e)
        return done

    def result(self, fut: Future, name: str) -> Document:
        """The page's document with its claims; PatclaimsError naming the page when it has none."""
        try:
            return fut.result()
        except TimeoutError:
            raise ExtractionError(f"{name}: extraction took longer than {self.timeout:g} s; the page is skipped") \
                from None
        except ProcessExpired as e:
            raise ExtractionError(f"{name}: the extractor process died on this page ({e})", retryable=True) \
                from None
        except PatclaimsError:
            raise
        except Exception as e:         # a bug met on one page: that page fails, the crawl goes on
            raise _bug(name, e) from e

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()               # every page handed over has been waited for by now
            pool.join()
