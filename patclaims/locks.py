"""One crawl at a time: a file lock beside an SQLite database, an advisory lock on PostgreSQL.

On PostgreSQL the lock is per worker id (default: this machine's host name),
so cron on one machine never runs two crawls, while crawls on several
machines (or with different --worker-id) share the frontier.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
from contextlib import contextmanager, suppress
from typing import Iterator

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from patclaims.extractors.errors import PatclaimsError
from patclaims.storage.db import Database


class CrawlLocked(PatclaimsError):
    """Another crawl holds the lock: exit status 75 (EX_TEMPFAIL), so cron and systemd can tell."""

    exit_status = 75


@contextmanager
def crawl_lock(db: Database, worker_id: str) -> Iterator[None]:
    if db.is_sqlite:
        path = db.sqlite_path
        if path is None:
            yield
            return
        lock_path = path.with_name(path.name + ".crawl.lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                raise CrawlLocked(f"{db.safe_url}: another patclaims crawl is running (pid {holder}, lock {lock_path}); "
                                  "this run exits; try again when it ends") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)        # closing releases the lock, also when the process is killed
        return
    with db.engine.connect() as conn:
        # advisory locks are per database, not per schema: two patclaims databases kept in two schemas
        # of one PostgreSQL database must not block each other
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        key = int.from_bytes(hashlib.sha1(f"patclaims-crawl:{schema}:{worker_id}".encode()).digest()[:8],
                             "big", signed=True)
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            raise CrawlLocked(f"{db.safe_url}: another patclaims crawl with worker id {worker_id!r} is running; "
                              "this run exits; try again when it ends, or give another --worker-id")
        try:
            yield
        finally:
            with suppress(DBAPIError):    # the connection is gone (a server restart), and its lock with it
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
