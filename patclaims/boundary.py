"""The CLI's one error boundary: every failure becomes one line on stderr and an exit status
(and the warning lines for pages kept with repairs: ``warn``).

| status | meaning |
| 0   | done (also when the reader of the output went away: `patclaims query | head -1`) |
| 1   | the command failed, or some inputs did (each named on its own line) |
| 2   | usage: an unknown option, a bad value (click) |
| 75  | another crawl holds the lock; try again later (EX_TEMPFAIL) |
| 130 | interrupted by Ctrl-C, after the summary of what was done |

A PatclaimsError says what happened and what to do; a database error
(SQLAlchemy, psycopg, sqlite3, Alembic) is explained with the database's URL,
password masked; an OS error names its file. Anything else is a bug: one
line asking for a report. ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

import click

from patclaims.extractors.errors import PatclaimsError

from .settings import Settings

if TYPE_CHECKING:
    from patclaims.extractors.records import Document

INTERRUPTED = 130


class Interrupted(PatclaimsError):
    """Ctrl-C, after the command printed what it had done."""

    exit_status = INTERRUPTED


def fail(message: str) -> None:
    """One line on stderr naming the input and the reason."""
    click.echo(f"patclaims: {message}", err=True)


def warn_line(name: str, warning: str, echo: Callable[..., None] = click.echo) -> None:
    """One line on stderr for something repaired in a page (kept, but not quite as it came);
    ``echo``: a progress bar's, to print above the bar without breaking it."""
    echo(f"patclaims: {name}: warning: {warning}", err=True)


def warn(name: str, doc: Document) -> None:
    for warning in doc.warnings:
        warn_line(name, warning)


def _quiet_stdout() -> None:
    """The reader closed the pipe: send what is left, and Python's last flush, nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):     # no real file descriptor (a test runner's stdout)
        pass


def message_for(e: BaseException, settings: Settings) -> str:
    if isinstance(e, PatclaimsError):
        return str(e)
    from patclaims.storage.errors import explain, is_database_error
    if is_database_error(e):
        return explain(e, settings.where)
    if isinstance(e, OSError):
        name = e.filename or ""
        what = e.strerror or str(e)
        return f"{name}: {what}" if name else f"{what}; check the files and folders involved"
    if isinstance(e, MemoryError):
        return "ran out of memory; give fewer or smaller inputs, or run again with --debug"
    return (f"internal error ({type(e).__name__}: {e}); run again with --debug for the traceback and please "
            "report it")


def exit_status(e: BaseException) -> int:
    return int(getattr(e, "exit_status", 1))


@contextmanager
def guarded(ctx: click.Context) -> Iterator[None]:
    """Run a command inside the boundary (see the module docstring)."""
    settings = ctx.ensure_object(Settings)
    try:
        yield
    except (click.exceptions.ClickException, click.exceptions.Exit):
        raise
    except click.exceptions.Abort:
        fail("interrupted")
        ctx.exit(INTERRUPTED)
    except KeyboardInterrupt:
        fail("interrupted (Ctrl-C); what was stored is kept")
        ctx.exit(INTERRUPTED)
    except BrokenPipeError:
        _quiet_stdout()
        ctx.exit(0)
    except Exception as e:  # noqa: BLE001 - this is the boundary
        if settings.debug:
            raise
        try:
            fail(message_for(e, settings))
        except BrokenPipeError:
            pass
        ctx.exit(exit_status(e))
    finally:
        try:
            settings.close()
        except Exception:  # noqa: BLE001 - closing a database that already failed
            pass
