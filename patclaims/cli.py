"""The `patclaims` command: a thin click layer. Each command lives in its own module, imported only
when it runs (or for --help), so `patclaims --version` starts without SQLAlchemy, trafilatura or the
crawler; every command runs inside the one error boundary (``boundary``)."""
from __future__ import annotations

import importlib

import click

from .settings import common, db_option

COMMANDS = {                    # name: module:attribute, in the order --help lists them
    "crawl": "patclaims.cli_crawl:crawl",
    "ingest": "patclaims.cli_ingest:ingest",
    "extract": "patclaims.cli_extract:extract",
    "query": "patclaims.cli_query:query",
    "stats": "patclaims.cli_query:stats_command",
    "reextract": "patclaims.cli_ingest:reextract",
    "info": "patclaims.cli_query:info",
    "sources": "patclaims.cli_db:sources",
    "db": "patclaims.cli_db:db",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        return getattr(importlib.import_module(module), attribute)

    def invoke(self, ctx: click.Context):
        from .boundary import guarded
        with guarded(ctx):
            return super().invoke(ctx)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="patclaims")
@db_option(envvar=True)
@common
def main() -> None:
    """Find the numeric patent claims Korean media publish, and keep them queryable.

    Exit status: 0 done; 1 failed (or some inputs did); 2 usage; 75 another
    crawl holds the lock; 130 interrupted.
    """
