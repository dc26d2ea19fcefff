"""Crawl runs and fetch events: what was fetched, how it went, how long it took."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from .db import Database
from .models import CrawlRunRow, FetchEventRow


@dataclass
class FetchEvent:
    url: str
    outcome: str                     # ok | not_modified | http_error | too_large | bad_type | robots | ...
    status: int | None = None
    error: str | None = None
    duration_ms: int = 0
    bytes: int = 0
    attempt: int = 1
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def insert_events(conn: Connection, events: list[FetchEvent], run_id: int | None = None) -> None:
    """Add fetch events inside the caller's transaction."""
    if events:
        conn.execute(insert(FetchEventRow.__table__), [
            dict(run_id=run_id, at=e.at, url=e.url[:2048], status=e.status, outcome=e.outcome, error=e.error,
                 duration_ms=e.duration_ms, bytes=e.bytes, attempt=e.attempt) for e in events])


def record_events(db: Database, events: list[FetchEvent], run_id: int | None = None) -> None:
    if events:
        with db.transaction() as conn:
            insert_events(conn, events, run_id)


def start_run(db: Database, worker: str) -> int:
    with db.session() as s, s.begin():
        run = CrawlRunRow(started_at=datetime.now(timezone.utc), status="running", worker=worker)
        s.add(run)
        s.flush()
        return run.id


def close_abandoned_runs(db: Database, worker_id: str | None = None) -> int:
    """Close as ``interrupted`` the runs a killed crawl left ``running``: all of them (SQLite: the crawl
    lock proves no other crawl runs), or those of one worker id (PostgreSQL: its lock is held by the caller)."""
    with db.session() as s, s.begin():
        q = update(CrawlRunRow).where(CrawlRunRow.status == "running")
        if worker_id is not None:
            q = q.where(CrawlRunRow.worker.like(worker_id.replace("%", r"\%") + ":%", escape="\\"))
        return s.execute(q.values(status="interrupted", finished_at=datetime.now(timezone.utc),
                                  message="closed by the next run: this crawl was killed before it could record "
                                          "its end, so its counts were not saved")).rowcount or 0


def finish_run(db: Database, run_id: int, status: str, counts: dict, message: str | None = None) -> None:
    with db.session() as s, s.begin():
        run = s.get(CrawlRunRow, run_id)
        run.finished_at, run.status, run.message = datetime.now(timezone.utc), status, message
        for k, v in counts.items():
            setattr(run, k, v)


def events_for(db: Database, url: str) -> list[FetchEventRow]:
    with db.session() as s:
        return list(s.scalars(select(FetchEventRow).where(FetchEventRow.url == url).order_by(FetchEventRow.id)))
