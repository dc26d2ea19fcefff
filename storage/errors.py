"""Database failures as one line: which database (password masked), what went wrong, what to do next.

The drivers (sqlite3, psycopg), SQLAlchemy and Alembic each raise their own
exceptions with their own wording; ``explain`` reads the driver's first line
and adds the next step from the table below. Nothing here imports a driver.
"""
from __future__ import annotations

import re

from patclaims.extractors.errors import PatclaimsError


class StorageError(PatclaimsError):
    """The database cannot be opened, read or written; the message names it."""


class NoDatabase(StorageError):
    """A read command was pointed at a place that holds no patclaims database."""


class SchemaMismatch(StorageError):
    """The database's schema is not the one this patclaims reads."""


# (pattern in the driver's message, what it means and what to do); first match wins
_HINTS: tuple[tuple[str, str], ...] = (
    (r"unable to open database file", "cannot open the database file; check that its folder exists and is writable"),
    (r"file is not a database|disk image is malformed|database corrupt",
     "not a readable SQLite database (corrupted, or another kind of file); restore it from a backup or give "
     "another --db"),
    (r"readonly database|read-only|read only",
     "the database is read-only; make the file and its folder writable, or use a read command (query, stats, info)"),
    (r"database is locked", "the database is locked by another program; try again when it is done"),
    (r"disk is full|database or disk is full|No space left", "the disk is full; free some space and run again"),
    (r"connection refused|Connection refused",
     "cannot connect (connection refused): is PostgreSQL running on that host and port?"),
    (r'role "([^"]+)" does not exist', r'role "\1" does not exist; create it, or give another user in the URL'),
    (r'database "([^"]+)" does not exist', r'database "\1" does not exist; create it (createdb \1), or give another'),
    (r"password authentication failed|no password supplied",
     "password authentication failed; check the user and password in the URL"),
    (r"could not translate host name|Name or service not known|nodename nor servname",
     "unknown host; check the host name in the URL"),
    (r"timeout expired|timed out", "the connection timed out; check the host and port, and that the server answers"),
    (r"server closed the connection|terminating connection|connection is closed|consuming input failed",
     "the server closed the connection; run again when it is back (what was stored is kept)"),
    (r"no such table|does not exist|no such column|UndefinedTable|UndefinedColumn",
     "the database lacks patclaims tables or columns ({reason}); run `patclaims db upgrade`"),
    (r"Can't load plugin|NoSuchModuleError|Could not parse SQLAlchemy URL",
     "not a database patclaims can use; give sqlite:///PATH or postgresql://USER@HOST/DB"),
)


def mask(url: str) -> str:
    """The URL with any password replaced by ***."""
    return re.sub(r"(://[^/:@\s]*:)[^@/\s]*@", r"\1***@", url)


def _reason(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    lines = [line.strip() for line in str(orig).strip().splitlines() if line.strip()]
    text = lines[0] if lines else type(orig).__name__
    # psycopg: 'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused'
    return text.removeprefix("(psycopg.OperationalError) ")[:300]


def explain(e: BaseException, url: str) -> str:
    """One line for a database failure on ``url``."""
    reason = _reason(e)
    full = f"{type(e).__name__} {reason} {getattr(e, 'orig', '') or ''}"
    for pattern, hint in _HINTS:
        m = re.search(pattern, full)
        if m:
            return f"{mask(url)}: {m.expand(hint).replace('{reason}', reason)}"
    return f"{mask(url)}: database error ({reason}); check the database, or run again with --debug for details"


def is_database_error(e: BaseException) -> bool:
    """Whether ``e`` comes from SQLAlchemy, a driver or Alembic (checked by module, importing none of them)."""
    for cls in type(e).__mro__:
        root = cls.__module__.split(".")[0]
        if root in ("sqlalchemy", "psycopg", "sqlite3", "alembic", "_sqlite3") and cls.__name__ != "object":
            return True
    return False
