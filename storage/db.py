"""Connecting: which database, its pragmas, and migrations applied on first use.

The database is ``--db URL``, else ``PATCLAIMS_DATABASE_URL``, else an SQLite
file in the user data directory (platformdirs). SQLite runs in WAL mode with
foreign keys on and a busy timeout, and every transaction starts with
``BEGIN IMMEDIATE`` so concurrent writers wait for each other instead of
failing. PostgreSQL goes through psycopg 3.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_path
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from patclaims.extractors.errors import PatclaimsError

ENV_VAR = "PATCLAIMS_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 60_000
T = TypeVar("T")


class StorageError(PatclaimsError):
    """The database cannot be opened or written; the message names it."""


def default_url() -> str:
    return f"sqlite:///{user_data_path('patclaims', appauthor=False) / 'patclaims.db'}"


def resolve_url(explicit: str | None = None) -> str:
    url = explicit or os.environ.get(ENV_VAR) or default_url()
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_setup(engine: Engine) -> None:
    # Writers of this process queue on a lock instead of on SQLite's busy handler, which sleeps in
    # growing steps (up to 100 ms) and so makes contended threads wait far longer than the writes take.
    # Other processes still wait on busy_timeout.
    writer = threading.Lock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):          # pragma per connection; take over BEGIN from pysqlite
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if not conn.info.get("writer"):
            writer.acquire()
            conn.info["writer"] = True
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record):       # back in the pool: the transaction is over
        if record is not None and record.info.pop("writer", False):
            writer.release()


class Database:
    """One database: its engine, sessions, and schema version."""

    def __init__(self, url: str | None = None, *, migrate: bool = True, connections: int = 5):
        """``connections``: how many threads may hold a connection at once and keep it open (the crawl:
        one per host being served, the writer and the loop); more wait for one."""
        self.url = resolve_url(url)
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            raise StorageError(f"{self.url}: not a database URL; use sqlite:///PATH or postgresql://HOST/DB") from None
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite" and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(self.url, pool_size=connections, max_overflow=0, pool_recycle=600)
        except Exception as e:  # missing driver, bad options
            raise StorageError(f"{self.safe_url}: cannot open ({e})") from None
        if self.dialect == "sqlite":
            _sqlite_setup(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.upgrade(only_if_needed=True)

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        db = make_url(self.url).database
        return Path(db).expanduser() if self.is_sqlite and db and db != ":memory:" else None

    def _alembic(self) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        return cfg

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic()).get_current_head()

    def upgrade(self, only_if_needed: bool = False) -> None:
        """Apply the migrations up to the newest (``patclaims db upgrade``)."""
        try:
            if only_if_needed and self.revision() == self.head():
                return
            cfg = self._alembic()
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as e:
            raise StorageError(f"{self.safe_url}: cannot open or migrate the database ({e.orig})") from None

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A Core connection in one transaction: committed on exit, rolled back on an exception."""
        with self.engine.begin() as conn:
            yield conn

    def write(self, work: Callable[[Connection], T], attempts: int = 3) -> T:
        """``work(conn)`` in one transaction, run again when a concurrent writer inserted the same
        row first (an IntegrityError): the next attempt sees the winner's row."""
        for attempt in range(attempts):
            try:
                with self.transaction() as conn:
                    return work(conn)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()
