"""One-off ingestion: a URL or a saved page, extracted and stored."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from patclaims.crawler.fetch import FetchError, Fetcher, FetchResult, check_url
from patclaims.extractors.errors import InputError
from patclaims.extractors.limits import DEFAULT_MAX_BYTES
from patclaims.extractors.records import Document
from patclaims.storage.db import Database
from patclaims.storage.events import FetchEvent, record_events
from patclaims.storage.repository import FetchInfo, StoreResult, store_document

from .pipeline import process_page, read_page


def is_url(target: str) -> bool:
    return "://" in target or target.lower().startswith(("file:", "ftp:", "data:", "javascript:"))


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
