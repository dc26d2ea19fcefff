"""`patclaims crawl`: discover, fetch once, extract and store, over the configured sources.

Work is per host: a pool of ``workers`` threads, each serving one host at a
time, so every host gets one connection and its delay (the larger of the
source's delay and robots.txt's Crawl-delay) while hosts proceed in parallel;
on PostgreSQL the delay holds across all workers sharing the database.
Fetched articles go to extraction processes and a writer thread
(``extraction``, ``writer``) while the thread fetches the next URL.
The frontier lives in the database (``storage.frontier``): a crawl killed at
any point resumes on the next run with nothing lost and nothing stored twice.
"""
from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from patclaims.crawler.discover import SITEMAP_MAX_BYTES, feed_links, list_links, looks_like_feed, sitemap_links
from patclaims.crawler.fetch import FetchError, Fetcher, FetchOptions, FetchResult, waits_too_long
from patclaims.crawler.polite import HostGate, Robots
from patclaims.crawler.sources import Source, SourcesFile
from patclaims.crawler.urls import canonical, host_of
from patclaims.extractors.errors import PatclaimsError
from patclaims.storage import frontier
from patclaims.storage.db import Database, StorageError
from patclaims.storage.errors import is_database_error
from patclaims.storage.events import FetchEvent, close_abandoned_runs, finish_run, start_run
from patclaims.storage.frontier import Lease, NewUrl
from patclaims.storage.repository import FetchInfo
from patclaims.storage.visits import Page, Visit, VisitResult, record_visit

from .extraction import ExtractionError, ExtractionPool, default_processes
from .ingest import events_of
from .locks import crawl_lock
from .writer import Handover, VisitWriter, WriterFailed

log = logging.getLogger("patclaims.crawl")
RETRYABLE = {"timeout", "connection_error", "retries_exhausted", "error"}
CAP_HINT = "raise max_bytes in the sources file's [defaults] if the page is real"


@dataclass
class CrawlOptions:
    sources: SourcesFile
    source: str | None = None           # run one source
    workers: int = 4
    max_pages: int | None = None        # articles fetched in this run
    since: date | None = None           # skip feed/sitemap entries published before
    refresh: bool = False               # fetch stored articles again
    worker_id: str = field(default_factory=socket.gethostname)
    lease_seconds: float = 300.0
    max_attempts: int = 3
    processes: int = field(default_factory=default_processes)   # extraction processes; 0: in the crawl threads


@dataclass
class CrawlSummary:
    found: int = 0
    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    claims_added: int = 0
    seconds: float = 0.0
    status: str = "ok"

    def line(self) -> str:
        return (f"crawl {self.status}: {self.found} found, {self.fetched} fetched, {self.new} new, {self.changed} changed, "
                f"{self.failed} failed, {self.claims_added} claims added in {self.seconds:.1f}s")


class SharedHostGate:
    """HostGate's promise kept across crawl processes and machines: slots reserved in PostgreSQL."""

    def __init__(self, db: Database):
        self.db = db

    def wait(self, host: str, delay: float) -> None:
        pause = frontier.reserve_slot(self.db, host, delay)
        if pause > 0:
            time.sleep(pause)


def database_lost(e: BaseException, where: str) -> StorageError | None:
    """The one line for a database that failed under a crawl, whichever thread met it first: a host
    thread or the loop (the database's own error), or the writer thread (that error as the cause of its
    WriterFailed). None for any other failure."""
    cause = e.__cause__ if isinstance(e, WriterFailed) else e
    if cause is None or not is_database_error(cause):
        return None
    reason = (str(getattr(cause, "orig", None) or cause).strip().splitlines() or ["?"])[0]
    return StorageError(f"{where}: {reason}; the crawl stopped; run it again when the database answers "
                        "(what was stored is kept)")


class Crawler:
    def __init__(self, db: Database, options: CrawlOptions, on_page=None):
        self.db, self.o = db, options
        self.robots = Robots()
        # SQLite: the crawl lock makes this the only crawl, so the delay can be kept in memory
        self.gate = HostGate() if db.is_sqlite else SharedHostGate(db)
        self.extraction = ExtractionPool(options.processes)
        self.selected = {s.name: s for s in options.sources.select(options.source)}
        # a fetcher per distinct set of fetch options: sources set their own timeout and user_agent
        self._fetchers: dict[FetchOptions, Fetcher] = {}
        self.fetchers = {name: self._fetcher(src) for name, src in self.selected.items()}
        self.worker = f"{options.worker_id}:{os.getpid()}"
        self.summary = CrawlSummary()
        self._lock, self._stop, self._wake = threading.Lock(), threading.Event(), threading.Event()
        # counting ends with the run: the summary printed and the crawl_runs row hold the same counts
        self._counting = threading.Condition(self._lock)
        self._closing = self._frozen = False
        self._writing = 0
        self._errors: list[BaseException] = []
        self._articles_started = 0
        self.on_page = on_page or (lambda url, outcome: None)

    def _fetcher(self, src: Source) -> Fetcher:
        d = self.o.sources.defaults
        options = FetchOptions(user_agent=src.user_agent, timeout=src.timeout, retries=d.retries,
                               max_bytes=d.max_bytes, max_retry_after=d.max_retry_after, cap_hint=CAP_HINT)
        if options not in self._fetchers:
            self._fetchers[options] = Fetcher(options)
        return self._fetchers[options]

    # --- the run ------------------------------------------------------------------------

    def run(self) -> CrawlSummary:
        started = time.monotonic()
        with crawl_lock(self.db, self.o.worker_id):
            # SQLite: the lock proves no other crawl runs, so every lease is stale. PostgreSQL: only this
            # worker id's leases (it died); other workers' leases come back when they expire.
            frontier.release_stale(self.db, None if self.db.is_sqlite else self.o.worker_id)
            close_abandoned_runs(self.db, None if self.db.is_sqlite else self.o.worker_id)
            run_id = start_run(self.db, self.worker)
            self.run_id = run_id
            self.writer = VisitWriter(self.db, run_id, self._written)
            try:
                self._seed()
                self._loop()
                self.writer.close()
            except BaseException as e:
                with contextlib.suppress(BaseException):
                    self.writer.close()          # keep what is extracted already; the rest is leased, next run
                self._freeze_counts()
                self.summary.status = "interrupted" if isinstance(e, KeyboardInterrupt) else "failed"
                self.summary.seconds = time.monotonic() - started
                with contextlib.suppress(Exception):          # the database itself may be what failed
                    finish_run(self.db, run_id, self.summary.status, self._counts(), message=str(e)[:2000])
                lost = database_lost(e, self.db.safe_url)
                if lost is not None:
                    raise lost from e
                raise
            finally:
                for fetcher in self._fetchers.values():
                    fetcher.close()
                self.extraction.close()
            self._freeze_counts()
            self.summary.seconds = time.monotonic() - started
            if self.summary.failed and not self.summary.fetched:
                self.summary.status = "failed"
            finish_run(self.db, run_id, self.summary.status, self._counts())
        return self.summary

    def _freeze_counts(self) -> None:
        """No new visit is written or counted after this: the counts are final (wait for writes in flight)."""
        with self._counting:
            self._closing = True
            self._counting.wait_for(lambda: self._writing == 0, timeout=10)
            self._frozen = True

    def _count(self, **deltas: int) -> None:
        with self._lock:
            if not self._frozen:
                for key, n in deltas.items():
                    setattr(self.summary, key, getattr(self.summary, key) + n)

    def _counts(self) -> dict:
        s = self.summary
        return dict(found=s.found, fetched=s.fetched, new=s.new, changed=s.changed, failed=s.failed,
                    claims_added=s.claims_added)

    def _seed(self) -> None:
        urls = []
        for src in self.selected.values():
            for kind, items in (("feed", src.feeds), ("sitemap", src.sitemaps), ("list", src.start_urls)):
                for raw in items:
                    url = canonical(raw)
                    if url:
                        urls.append(NewUrl(url, host_of(url), src.name, kind, 0))
        frontier.seed(self.db, urls, list(self.selected) if self.o.refresh else None)

    def _loop(self) -> None:
        # Daemon threads, one per host being served: on Ctrl-C or a failure the run ends at once and
        # a thread stuck in a slow fetch does not hold it; its URL stays leased for the next run.
        active: dict[str, threading.Thread] = {}
        sources = list(self.selected)
        try:
            while True:
                self.writer.check()
                if self._errors:
                    raise self._errors[0]
                active = {host: t for host, t in active.items() if t.is_alive()}
                if not self._stop.is_set():
                    for host in frontier.ready_hosts(self.db, sources):
                        if host not in active and len(active) < self.o.workers:
                            active[host] = threading.Thread(target=self._host_thread, args=(host,),
                                                            name=f"crawl {host}", daemon=True)
                            active[host].start()
                if not active:
                    return
                self._wake.wait(0.2)
                self._wake.clear()
        except BaseException:
            self._stop.set()              # the other threads stop after the URL in hand
            raise

    def _host_thread(self, host: str) -> None:
        try:
            self._serve_host(host)
        except BaseException as e:        # raised again by the loop
            self._errors.append(e)
        finally:
            self._wake.set()

    def _budget_left(self) -> bool:
        with self._lock:
            if self.o.max_pages is not None and self._articles_started >= self.o.max_pages:
                self._stop.set()
                return False
            return True

    def _serve_host(self, host: str) -> None:
        sources = list(self.selected)
        while not self._stop.is_set():
            batch = frontier.lease(self.db, self.worker, host, sources, 5, self.o.lease_seconds)
            if not batch:
                return
            for i, item in enumerate(batch):
                if self._stop.is_set() or (item.kind == "article" and not self._budget_left()):
                    frontier.unlease(self.db, [b.id for b in batch[i:]])
                    return
                if item.kind == "article":
                    with self._lock:
                        self._articles_started += 1
                self._visit(item)

    # --- one URL ------------------------------------------------------------------------

    def _visit(self, item: Lease) -> None:
        src, fetcher = self.selected[item.source], self.fetchers[item.source]
        refusal = self.robots.refusal(item.url, fetcher)
        if refusal:
            visit = Visit(item.id, "failed" if refusal.disallowed else "pending", error=refusal.message,
                          retry_in=None if refusal.disallowed else 600.0,               # unreachable: next run
                          events=[FetchEvent(url=item.url, outcome="robots", error=refusal.message)])
            self._write(item, visit, "robots", failed=not refusal.disallowed)
            return
        delay = max(src.delay, self.robots.crawl_delay(fetcher, urlsplit(item.url).scheme, item.host) or 0.0)
        self.gate.wait(item.host, delay)
        conditional = item.kind != "article"
        try:
            result = fetcher.get(item.url, etag=item.etag if conditional else None,
                                 last_modified=item.last_modified if conditional else None,
                                 max_bytes=max(SITEMAP_MAX_BYTES, fetcher.options.max_bytes)
                                 if item.kind == "sitemap" else None)
        except FetchError as e:
            visit = Visit(item.id, events=[FetchEvent(url=item.url, outcome=e.outcome, status=e.status, error=str(e),
                                                      attempt=item.attempts)])
            if e.outcome == "retry_later":        # a Retry-After past the cap: back in the frontier for then
                visit.state, visit.retry_in = "pending", e.retry_after
                visit.error = waits_too_long(item.url, e.status, e.retry_after, fetcher.options.max_retry_after,
                                             "put back in the frontier for then")
            else:
                retryable = e.outcome in RETRYABLE or e.status in (429, 500, 502, 503, 504)
                self._failure(item, visit, str(e), retryable)
            self._write(item, visit, e.outcome, failed=True)
            return
        self._count(fetched=1)
        visit = Visit(item.id, events=events_of(result))
        if item.kind == "article" and not result.not_modified:
            # extraction runs in a worker process; the writer thread stores the page when it is done
            fut = self.extraction.submit(result.content, url=result.final_url, content_type=result.content_type,
                                         name=result.url, max_bytes=fetcher.options.max_bytes)
            self.writer.put(Handover(item, lambda: self._article(item, src, result, visit, fut), len(result.content)))
            return
        try:
            outcome = self._discovery(item, src, result, visit)
        except PatclaimsError as e:
            self._write(item, self._bad_page(item, visit, result, e), "failed", failed=True)
            return
        self._write(item, visit, outcome)

    def _failure(self, item: Lease, visit: Visit, error: str, retryable: bool) -> Visit:
        """Fail the visit: back to pending after a backoff while attempts are left, else failed for good."""
        retry = retryable and item.attempts < self.o.max_attempts
        visit.state, visit.error = ("pending" if retry else "failed"), error
        visit.retry_in = 30.0 * 2 ** item.attempts if retry else None
        return visit

    def _bad_page(self, item: Lease, visit: Visit, result: FetchResult, e: PatclaimsError) -> Visit:
        visit.events.append(FetchEvent(url=item.url, outcome="bad_page", status=result.status, error=str(e)))
        return self._failure(item, visit, str(e), retryable=isinstance(e, ExtractionError) and e.retryable)

    def _write(self, item: Lease, visit: Visit, outcome: str, failed: bool = False) -> None:
        """Write a visit from a fetching thread; none once the run is ending (its lease comes back next run)."""
        with self._counting:
            if self._closing:
                return
            self._writing += 1
        try:
            self._written(item, visit, record_visit(self.db, visit, self.run_id), outcome, failed)
        finally:
            with self._counting:
                self._writing -= 1
                self._counting.notify_all()

    def _written(self, item: Lease, visit: Visit, r: VisitResult, outcome: str, failed: bool) -> None:
        """Count a visit once it is in the database."""
        stored = {r.stored.status: 1, "claims_added": r.stored.claims_added} if r.stored else {}
        self._count(found=r.found, failed=int(failed), **stored)
        if r.stored:
            outcome = f"{r.stored.status}, {r.stored.claims} claims"
        if failed:
            log.warning("%s", visit.error)
        self.on_page(item.url, outcome)

    def _article(self, item: Lease, src: Source, result: FetchResult, visit: Visit, fut) -> tuple[Visit, str, bool]:
        """In the writer thread: the article's visit once its extraction is done."""
        try:
            doc = self.extraction.result(fut, result.url)
        except PatclaimsError as e:
            return self._bad_page(item, visit, result, e), "failed", True
        for warning in doc.warnings:          # repaired, not lost: kept with the fetch's events
            visit.events.append(FetchEvent(url=item.url, outcome="warning", status=result.status, error=warning))
            log.warning("%s: %s", item.url, warning)
        visit.page = Page(doc, result.content, FetchInfo(
            url=result.url, final_url=result.final_url, http_status=result.status, etag=result.etag,
            last_modified=result.last_modified, source_name=src.name))
        return visit, "stored", False

    def _discovery(self, item: Lease, src: Source, result: FetchResult, visit: Visit) -> str:
        """Fill the visit of a feed, sitemap or list page with the links it holds."""
        if result.not_modified:
            return "not modified"
        visit.etag, visit.last_modified = result.etag, result.last_modified
        if item.kind == "sitemap" or (item.kind == "feed" and not looks_like_feed(result.content)):
            links = sitemap_links(result.content, result.final_url, src)
        elif item.kind == "feed":
            links = feed_links(result.content, result.final_url, src)
        else:
            links = list_links(result.content, result.final_url, item.depth, src)
        since = self.o.since.isoformat() if self.o.since else None
        visit.links = [NewUrl(link.url, host_of(link.url), src.name, link.kind, link.depth, link.published)
                       for link in links
                       if not (since and link.kind == "article" and link.published and link.published < since)]
        if any(link.kind == "article" for link in visit.links):
            self.extraction.start()
        return f"{len(links)} links"
