"""Visited URLs, each written in one transaction.

Visiting a leased URL writes its fetch events, then either the page it
stored (document and claims) or the links it found, and closes the lease.
All of it commits together: a crawl killed at any moment leaves the URL
either untouched and leased (taken up again on the next run) or finished
with everything it produced, never a document stored without its lease
closed or a lease closed without its document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from patclaims.extractors.records import Document

from .db import Database
from .events import FetchEvent, insert_events
from .frontier import NewUrl, add_in, finish_in
from .repository import FetchInfo, StoreResult, store_in


@dataclass
class Page:
    """A fetched article ready to store: its extracted document, raw bytes and fetch details."""

    document: Document
    raw: bytes
    fetch: FetchInfo


@dataclass
class Visit:
    lease_id: int
    state: str = "done"                   # done | failed | pending (with retry_in)
    events: list[FetchEvent] = field(default_factory=list)
    error: str | None = None
    retry_in: float | None = None
    etag: str | None = None               # validators of a discovery page, for the next conditional GET
    last_modified: str | None = None
    page: Page | None = None
    links: list[NewUrl] = field(default_factory=list)


@dataclass
class VisitResult:
    stored: StoreResult | None = None
    found: int = 0                        # links new to the frontier


def record_in(conn: Connection, db: Database, visit: Visit, run_id: int | None = None) -> VisitResult:
    """Write one visit inside the caller's transaction."""
    insert_events(conn, visit.events, run_id)
    result = VisitResult(found=add_in(conn, db, visit.links))
    if visit.page is not None:
        p = visit.page
        result.stored = store_in(conn, db, p.document, p.raw, p.fetch)
    finish_in(conn, visit.lease_id, visit.state, etag=visit.etag, last_modified=visit.last_modified,
              error=visit.error, retry_in=visit.retry_in)
    return result


def record_visits(db: Database, visits: list[Visit], run_id: int | None = None) -> list[VisitResult]:
    """Write visits, all in one transaction (a group commit)."""
    return db.write(lambda conn: [record_in(conn, db, v, run_id) for v in visits])


def record_visit(db: Database, visit: Visit, run_id: int | None = None) -> VisitResult:
    return record_visits(db, [visit], run_id)[0]
