"""The options every command shares, in one object carried in click's context, and their click options.

``--db``, ``-v`` and ``--debug`` are accepted before the command (global) and
after it; the later one wins. Nothing heavy is imported here: the database
opens on first use, read-only for the read commands.

The caps as options, each with its environment variable: ``--max-bytes``
(extract, ingest, reextract) and ``--timeout`` (ingest). The caps themselves
live where they are enforced: the page size in ``extractors.limits``, the
request deadline and the Retry-After cap in ``crawler.fetch``; the crawl takes
its caps from the sources file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from patclaims.storage.db import Database

DB_ENV = "PATCLAIMS_DATABASE_URL"
DEFAULT_TIMEOUT = 20.0


@dataclass
class Settings:
    db_url: str | None = None
    verbosity: int = 0
    debug: bool = False
    connections: int = 5              # threads that use the database at once (the crawl sets its own)
    _db: Database | None = field(default=None, repr=False)

    def database(self, *, read_only: bool = False) -> Database:
        """The database, opened once: read-only (never created nor migrated) for the read commands."""
        if self._db is None:
            from patclaims.storage.db import Database
            self._db = Database(self.db_url, connections=self.connections, read_only=read_only)
        return self._db

    @property
    def db(self) -> Database:
        """The database for a write command: created and migrated as needed."""
        return self.database()

    @property
    def where(self) -> str:
        """The database URL for messages, password masked (without opening anything)."""
        from patclaims.storage.errors import mask
        if self._db is not None:
            return self._db.safe_url
        url = self.db_url or os.environ.get(DB_ENV)
        if url:
            return mask(url)
        from patclaims.storage.db import default_url
        return default_url()

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


pass_settings = click.make_pass_decorator(Settings, ensure=True)


def date_option(_ctx, param, value):
    """click callback: a YYYY-MM-DD option value as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param=param) from None


def _set(attr: str, combine=None):
    def callback(ctx, _param, value):
        settings = ctx.ensure_object(Settings)
        if value:
            setattr(settings, attr, combine(getattr(settings, attr), value) if combine else value)
        if attr == "verbosity":
            from .logs import configure
            configure(settings.verbosity)
        return value
    return callback


def db_option(envvar: bool = False):
    return click.option("--db", "db_url", metavar="URL", expose_value=False, is_eager=True, callback=_set("db_url"),
                        envvar=DB_ENV if envvar else None,
                        help="database URL (default: PATCLAIMS_DATABASE_URL, else SQLite in the user data directory)")


def verbose_option(f):
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=_set("verbosity", int.__add__),
                        help="-v: patclaims' own log messages; -vv: the libraries' too")(f)


def debug_option(f):
    return click.option("--debug", is_flag=True, expose_value=False, callback=_set("debug"),
                        help="show the traceback of a failure")(f)


def with_db(f):
    """--db after the command, as before it."""
    return db_option()(f)


def common(f):
    """-v and --debug after the command, as before it."""
    return verbose_option(debug_option(f))


def max_bytes_option(f):
    from patclaims.extractors.limits import DEFAULT_MAX_BYTES
    return click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                        envvar="PATCLAIMS_MAX_BYTES", metavar="N",
                        help="the cap on one page, in bytes after decompression; a larger page is skipped "
                             "[env PATCLAIMS_MAX_BYTES]")(f)


def timeout_option(f):
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
                        show_default=True, envvar="PATCLAIMS_TIMEOUT", metavar="SECONDS",
                        help="the most one request may take, from connecting to its last byte "
                             "[env PATCLAIMS_TIMEOUT]")(f)
