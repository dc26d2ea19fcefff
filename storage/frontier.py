"""The crawl frontier and seen set, in the database rather than in memory.

Every URL the crawler knows is one row. Workers lease rows (PostgreSQL:
``FOR UPDATE SKIP LOCKED``; SQLite: one writer at a time) with an expiry, so
a dead worker's URLs are taken up again; several processes on several
machines share one frontier and each URL is fetched once. Articles are
fetched once; feeds, sitemaps and list pages are asked again every run, with
their ETag and Last-Modified for a conditional GET.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, bindparam, case, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from .db import Database
from .models import FrontierRow


DISCOVERY = ("feed", "sitemap", "list")      # the kinds that are asked again every run; the rest are articles


@dataclass(frozen=True)
class Lease:
    id: int
    url: str
    host: str
    source: str
    kind: str
    depth: int
    etag: str | None
    last_modified: str | None
    attempts: int


@dataclass(frozen=True)
class NewUrl:
    url: str
    host: str
    source: str
    kind: str
    depth: int = 0
    published: str | None = None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _ready(now: datetime):
    # the IN lets an index on (host, state) or (state, …) skip the done rows, nearly all of them
    pending = and_(FrontierRow.state == "pending", or_(FrontierRow.next_at.is_(None), FrontierRow.next_at <= now))
    expired = and_(FrontierRow.state == "leased", FrontierRow.lease_until < now)
    return and_(FrontierRow.state.in_(("pending", "leased")), or_(pending, expired))


def add_in(conn: Connection, db: Database, urls: list[NewUrl]) -> int:
    """Add URLs not seen before, inside the caller's transaction; returns how many were new."""
    if not urls:
        return 0
    now = _now()
    rows = list({u.url: dict(url=u.url, host=u.host, source=u.source, kind=u.kind, depth=u.depth, state="pending",
                             attempts=0, published=u.published, discovered_at=now) for u in urls}.values())
    dialect = postgresql if db.dialect == "postgresql" else sqlite
    stmt = dialect.insert(FrontierRow).on_conflict_do_nothing(index_elements=["url"]).returning(FrontierRow.id)
    return len(conn.execute(stmt, rows).all())


def add(db: Database, urls: list[NewUrl]) -> int:
    """Add URLs not seen before; returns how many were new."""
    with db.transaction() as conn:
        return add_in(conn, db, urls)


def seed(db: Database, urls: list[NewUrl], refresh_articles_of: list[str] | None = None) -> None:
    """Queue the sources' feeds, sitemaps and list pages again (keeping validators), and with
    ``refresh_articles_of`` their articles too (``--refresh``)."""
    sources = sorted({u.source for u in urls})
    again = dict(state="pending", next_at=None, attempts=0)
    with db.transaction() as conn:
        add_in(conn, db, urls)
        # by id, the state tested here: with a state filter in the UPDATE, SQLite scans every done row
        rows = conn.execute(select(FrontierRow.id, FrontierRow.state).where(FrontierRow.url.in_([u.url for u in urls])))
        ids = [i for i, state in rows if state in ("done", "failed")]
        if ids:
            conn.execute(update(FrontierRow).where(FrontierRow.id.in_(ids)).values(**again))
        # discovery pages found last run (child sitemaps, list pages) too
        conn.execute(update(FrontierRow).where(FrontierRow.kind.in_(DISCOVERY), FrontierRow.state.in_(("done", "failed")),
                                               FrontierRow.source.in_(sources)).values(**again))
        if refresh_articles_of:
            conn.execute(update(FrontierRow).where(FrontierRow.kind == "article", FrontierRow.state == "done",
                                                   FrontierRow.source.in_(refresh_articles_of)).values(**again))


def release_stale(db: Database, worker_id: str | None = None) -> int:
    """Put back leases: all of them, or those of one worker id (any of its processes)."""
    with db.session() as s, s.begin():
        q = update(FrontierRow).where(FrontierRow.state == "leased")
        if worker_id is not None:
            q = q.where(FrontierRow.leased_by.like(worker_id.replace("%", r"\%") + ":%", escape="\\"))
        return s.execute(q.values(state="pending", lease_until=None, leased_by=None)).rowcount or 0


def ready_hosts(db: Database, sources: list[str]) -> list[str]:
    now = _now()
    with db.session() as s:
        return list(s.scalars(select(FrontierRow.host).where(_ready(now), FrontierRow.source.in_(sources))
                              .group_by(FrontierRow.host).order_by(func.min(FrontierRow.id))))


def lease(db: Database, worker: str, host: str, sources: list[str], limit: int, seconds: float) -> list[Lease]:
    """Take up to ``limit`` ready URLs of one host; discovery pages come before articles."""
    now = _now()
    order = case((FrontierRow.kind == "article", 1), else_=0)
    with db.transaction() as conn:
        q = (select(FrontierRow.id).where(_ready(now), FrontierRow.host == host, FrontierRow.source.in_(sources))
             .order_by(order, FrontierRow.id).limit(limit).with_for_update(skip_locked=True))
        ids = list(conn.scalars(q))
        if not ids:
            return []
        conn.execute(update(FrontierRow).where(FrontierRow.id.in_(ids)).values(
            state="leased", leased_by=worker, lease_until=now + timedelta(seconds=seconds),
            attempts=FrontierRow.attempts + 1))
        rows = conn.execute(select(FrontierRow.id, FrontierRow.url, FrontierRow.host, FrontierRow.source,
                                   FrontierRow.kind, FrontierRow.depth, FrontierRow.etag, FrontierRow.last_modified,
                                   FrontierRow.attempts).where(FrontierRow.id.in_(ids)).order_by(order, FrontierRow.id))
        return [Lease(*r) for r in rows]


_FRONTIER = FrontierRow.__table__
_FINISH = update(_FRONTIER).where(_FRONTIER.c.id == bindparam("lease_id")).values(
    state=bindparam("state"), lease_until=None, leased_by=None, fetched_at=bindparam("now"),
    last_error=bindparam("error"), next_at=bindparam("next_at"),
    etag=func.coalesce(bindparam("etag"), _FRONTIER.c.etag),
    last_modified=func.coalesce(bindparam("last_modified"), _FRONTIER.c.last_modified))


def finish_in(conn: Connection, lease_id: int, state: str, *, etag: str | None = None,
              last_modified: str | None = None, error: str | None = None, retry_in: float | None = None) -> None:
    """Close a lease inside the caller's transaction: done, failed, or back to pending after ``retry_in``
    seconds. Validators given replace the stored ones; None keeps them."""
    now = _now()
    retry = retry_in is not None
    conn.execute(_FINISH, dict(lease_id=lease_id, state="pending" if retry else state, now=now, error=error,
                               next_at=now + timedelta(seconds=retry_in) if retry else None,
                               etag=etag, last_modified=last_modified))


def unlease(db: Database, lease_ids: list[int]) -> None:
    """Give back leases not started (a run that stops at --max-pages)."""
    if lease_ids:
        with db.session() as s, s.begin():
            s.execute(update(FrontierRow).where(FrontierRow.id.in_(lease_ids))
                      .values(state="pending", lease_until=None, leased_by=None, attempts=FrontierRow.attempts - 1))


_RESERVE = text("""
INSERT INTO host_slots (host, next_at) VALUES (:host, clock_timestamp() + :delay * interval '1 second')
ON CONFLICT (host) DO UPDATE
   SET next_at = GREATEST(host_slots.next_at, clock_timestamp()) + :delay * interval '1 second'
RETURNING EXTRACT(EPOCH FROM host_slots.next_at - clock_timestamp()) - :delay
""")


def reserve_slot(db: Database, host: str, delay: float) -> float:
    """PostgreSQL: take the next request slot of ``host``, ``delay`` seconds after the one before it,
    whichever worker on whichever machine took that; returns the seconds to wait for it. The
    database's clock decides, so the workers' clocks need not agree."""
    with db.transaction() as conn:
        return max(0.0, float(conn.execute(_RESERVE, {"host": host, "delay": float(delay)}).scalar_one()))


__all__ = ["Lease", "NewUrl", "DISCOVERY", "add", "add_in", "seed", "release_stale", "ready_hosts", "lease", "finish_in",
           "unlease", "reserve_slot"]
