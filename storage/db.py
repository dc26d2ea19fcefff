"""Connecting: which database, its pragmas, and migrations applied on first use.

The database is ``--db URL``, else ``PATCLAIMS_DATABASE_URL``, else an SQLite
file in the user data directory (platformdirs). SQLite runs in WAL mode with
foreign keys on and a busy timeout, and every transaction starts with
``BEGIN IMMEDIATE`` so concurrent writers wait for each other instead of
failing. PostgreSQL goes through psycopg 3.

Opened ``read_only`` (query, stats, info), a database is never created nor
migrated: SQLite opens the file with ``mode=ro``, PostgreSQL sessions are
READ ONLY, and a place without patclaims tables or with another schema
version is refused with what to do. Alembic is imported only to migrate.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar
from urllib.parse import quote

from platformdirs import user_data_path
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .errors import NoDatabase, SchemaMismatch, StorageError, mask

ENV_VAR = "PATCLAIMS_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 60_000
# The migrations, oldest first (tests/test_schema.py checks them against storage/migrations/versions).
REVISIONS = ("0001", "0002", "0003")
SCHEMA_HEAD = REVISIONS[-1]
T = TypeVar("T")

__all__ = ["Database", "StorageError", "NoDatabase", "SchemaMismatch", "resolve_url", "default_url"]


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


def _sqlite_reader(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _postgresql_setup(engine: Engine, read_only: bool) -> None:
    if read_only:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            with dbapi_conn.cursor() as cur:
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.commit()


class Database:
    """One database: its engine, sessions, and schema version."""

    def __init__(self, url: str | None = None, *, migrate: bool = True, connections: int = 5,
                 read_only: bool = False):
        """``connections``: how many threads may hold a connection at once and keep it open (the crawl:
        one per host being served, the writer and the loop); more wait for one. ``read_only``: see the
        module docstring; the schema is checked at once."""
        self.url, self.read_only = resolve_url(url), read_only
        self._given = url or os.environ.get(ENV_VAR) or self.url       # as the user wrote it, for messages
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            raise StorageError(f"{mask(self.url)}: not a database URL; give sqlite:///PATH or "
                               "postgresql://USER@HOST/DB") from None
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StorageError(f"{self.safe_url}: patclaims keeps its data in SQLite or PostgreSQL, not "
                               f"{self.dialect}; give sqlite:///PATH or postgresql://USER@HOST/DB")
        path = self.sqlite_path
        if path is not None:
            self._check_path(path)
        options: dict = {"pool_size": connections, "max_overflow": 0, "pool_recycle": 600}
        if path is not None and read_only:
            uri = f"file:{quote(str(path.resolve()))}?mode=ro"
            options["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            self.engine = create_engine(self.url, **options)
        except Exception as e:  # missing driver, bad options
            raise StorageError(f"{self.safe_url}: cannot open ({e})") from None
        if self.dialect == "sqlite":
            (_sqlite_reader if read_only else _sqlite_setup)(self.engine)
        else:
            _postgresql_setup(self.engine, read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if read_only:
            self.check_schema()
        elif migrate:
            self.upgrade(only_if_needed=True)

    def _check_path(self, path: Path) -> None:
        if path.is_dir():
            raise StorageError(f"{path}: is a directory, not a database file; give a file, "
                               f"e.g. --db sqlite:///{path / 'patclaims.db'}")
        if self.read_only:
            if not path.exists():
                raise NoDatabase(f"no patclaims database at {path} (no such file); `patclaims ingest` or "
                                 "`patclaims crawl` creates it, or check --db")
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StorageError(f"{path}: cannot create its folder ({e.strerror or e}); give another --db") from None

    @property
    def safe_url(self) -> str:
        """The URL as the user gave it, password masked."""
        try:
            return make_url(self._given).render_as_string(hide_password=True)
        except ArgumentError:
            return mask(self._given)

    @property
    def where(self) -> str:
        """The database as a user names it: the SQLite file, else the URL without its password."""
        return str(self.sqlite_path) if self.sqlite_path else self.safe_url

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        db = make_url(self.url).database
        return Path(db).expanduser() if self.is_sqlite and db and db != ":memory:" else None

    def _alembic(self):
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        return cfg

    def revision(self) -> str | None:
        """The schema version stored in the database; None when it has no patclaims tables."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def head(self) -> str:
        return SCHEMA_HEAD

    def check_schema(self) -> None:
        """Refuse, saying what to do, a database this patclaims cannot read as it is."""
        rev = self.revision()
        if rev is None:
            raise NoDatabase(f"no patclaims database at {self.where} (no patclaims tables there); `patclaims ingest`, "
                             "`patclaims crawl` or `patclaims db upgrade` creates one, or check --db")
        self._known(rev)
        if rev != SCHEMA_HEAD:
            raise SchemaMismatch(f"database schema {rev} is older than this patclaims ({SCHEMA_HEAD}): run "
                                 f"`patclaims db upgrade --db {self.safe_url}`")

    def _known(self, rev: str) -> None:
        if rev not in REVISIONS:
            raise SchemaMismatch(f"database schema {rev} is newer than this patclaims ({SCHEMA_HEAD}): upgrade "
                                 f"patclaims (pip install -U patclaims) to use {self.where}")

    def upgrade(self, only_if_needed: bool = False) -> None:
        """Apply the migrations up to the newest (``patclaims db upgrade``)."""
        if self.read_only:
            raise StorageError(f"{self.safe_url}: opened read-only; a read command does not migrate")
        rev = self.revision()
        if rev is not None:
            self._known(rev)
        if only_if_needed and rev == SCHEMA_HEAD:
            return
        from alembic import command
        cfg = self._alembic()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

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
