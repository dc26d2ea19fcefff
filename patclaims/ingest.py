"""One-off ingestion: a URL or a saved page, extracted and stored; and the counts a run reports."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Callable

from patclaims.crawler.fetch import FetchError, Fetcher, FetchResult, check_url
from patclaims.extractors.errors import InputError
from patclaims.extractors.limits import DEFAULT_MAX_BYTES
from patclaims.extractors.records import Document
from patclaims.storage.db import Database
from patclaims.storage.events import FetchEvent, record_events
from patclaims.storage.repository import FetchInfo, StoreResult, store_document

from .inputs import is_url
from .pipeline import process_page, read_page

__all__ = ["Ingester", "IngestSummary", "events_of", "store_fetched", "is_url"]


def events_of(result: FetchResult) -> list[FetchEvent]:
    per = int(result.elapsed * 1000 / max(1, len(result.attempts)))
    return [FetchEvent(url=a.url, outcome="ok" if a.status and a.status < 400 else ("error" if a.error else "http_error"),
                       status=a.status, error=a.error, duration_ms=per,
                       bytes=len(result.content) if i == len(result.attempts) - 1 else 0, attempt=i + 1)
            for i, a in enumerate(result.attempts)]


def warning_events(result: FetchResult, doc: Document) -> list[FetchEvent]:
    """A fetched page's repairs (bytes that were not valid in its charset...) as fetch events."""
    return [FetchEvent(url=result.url, outcome="warning", status=result.status, error=w) for w in doc.warnings]


def store_fetched(db: Database, result: FetchResult, source_name: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[StoreResult, Document]:
    doc = process_page(result.content, url=result.final_url, content_type=result.content_type, name=result.url,
                       max_bytes=max_bytes)
    info = FetchInfo(url=result.url, final_url=result.final_url, http_status=result.status, etag=result.etag,
                     last_modified=result.last_modified, source_name=source_name)
    return store_document(db, doc, result.content, info), doc


@dataclass
class Ingester:
    db: Database
    fetcher: Fetcher
    max_bytes: int = DEFAULT_MAX_BYTES
    on_warning: Callable[[str, str], None] = lambda target, warning: None

    def ingest(self, target: str) -> StoreResult:
        """Store one URL or file; raises PatclaimsError with a one-line reason."""
        if is_url(target):
            check_url(target)
            try:
                result = self.fetcher.get(target)
            except FetchError as e:
                record_events(self.db, [FetchEvent(url=target, outcome=e.outcome, status=e.status, error=str(e))])
                raise
            record_events(self.db, events_of(result))
            try:
                stored, doc = store_fetched(self.db, result, max_bytes=self.max_bytes)
            except InputError as e:             # fetched, but no page to keep: recorded as the crawl does
                record_events(self.db, [FetchEvent(url=target, outcome="bad_page", status=result.status,
                                                   error=str(e))])
                raise
            record_events(self.db, warning_events(result, doc))
        else:
            raw = read_page(target, self.max_bytes)
            doc = process_page(raw, name=target, max_bytes=self.max_bytes)
            doc.path = target
            stored = store_document(self.db, doc, raw, FetchInfo(identity=f"file:{os.path.abspath(target)}"))
        for warning in doc.warnings:
            self.on_warning(target, warning)
        return stored


@dataclass
class IngestSummary:
    """What an ingest run did: the counts a monitor reads (`--format json`), and each page's outcome."""

    pages: int = 0                     # inputs asked for
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    claims_added: int = 0
    interrupted: bool = False
    results: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def stored(self, target: str, r: StoreResult) -> None:
        setattr(self, r.status, getattr(self, r.status) + 1)
        self.claims_added += r.claims_added
        self.results.append({"target": target, "status": r.status, "document_id": r.document_id, "claims": r.claims})

    def failure(self, target: str, message: str) -> None:
        self.failed += 1
        self.errors.append({"target": target, "error": message})

    @property
    def done(self) -> int:
        return self.new + self.changed + self.unchanged + self.failed

    def line(self) -> str:
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        head = f"ingest interrupted after {self.done} of {pages}" if self.interrupted else f"ingested {pages}"
        return (f"{head}: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.failed} failed; "
                f"{self.claims_added} claims added")

    def to_dict(self) -> dict:
        return asdict(self)
