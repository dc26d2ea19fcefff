"""The options shared by every command, carried in click's context."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import click

from patclaims.storage.db import Database


@dataclass
class Settings:
    db_url: str | None = None
    connections: int = 5              # threads that use the database at once (the crawl sets its own)
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.db_url, connections=self.connections)
        return self._db


pass_settings = click.make_pass_decorator(Settings, ensure=True)
def date_option(_ctx, param, value):
    """click callback: a YYYY-MM-DD option value as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param=param) from None


def with_db(f):
    """Add --db to a command and put it into the shared Settings."""
    def callback(ctx, _param, value):
        if value:
            ctx.ensure_object(Settings).db_url = value
        return value
    return click.option("--db", "db_url", envvar="PATCLAIMS_DATABASE_URL", metavar="URL", expose_value=False,
                        callback=callback, is_eager=True,
                        help="database URL (default: SQLite in the user data directory)")(f)
