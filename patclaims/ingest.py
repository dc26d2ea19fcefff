"""One-off ingestion: a URL or a saved page, extracted and stored."""
from __future__ import annotations

import os
from dataclasses import dataclass

from patclaims.crawler.fetch import FetchError, Fetcher, FetchResult, check_url
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


def store_fetched(db: Database, result: FetchResult, source_name: str | None = None) -> StoreResult:
    doc = process_page(result.content, url=result.final_url, content_type=result.content_type, name=result.url)
    info = FetchInfo(url=result.url, final_url=result.final_url, http_status=result.status, etag=result.etag,
                     last_modified=result.last_modified, source_name=source_name)
    return store_document(db, doc, result.content, info)


@dataclass
class Ingester:
    db: Database
    fetcher: Fetcher

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
            return store_fetched(self.db, result)
        raw = read_page(target)
        doc = process_page(raw, name=target)
        doc.path = target
        return store_document(self.db, doc, raw, FetchInfo(identity=f"file:{os.path.abspath(target)}"))

