"""`patclaims db upgrade` and `patclaims sources`."""
from __future__ import annotations

import click

from .settings import Settings, common, pass_settings, with_db


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@with_db
@common
@pass_settings
def db_upgrade(settings: Settings) -> None:
    """Create the database, or apply schema migrations up to the newest."""
    database = settings.db
    database.upgrade()
    click.echo(f"{database.safe_url}: schema at {database.revision()}")


@click.command()
@click.option("--sources", "explicit", type=click.Path(dir_okay=False), help="a sources file to check instead")
@common
def sources(explicit: str | None) -> None:
    """Print the sources file the crawl reads, and where that choice comes from.

    The crawl reads --sources FILE, else PATCLAIMS_SOURCES, else sources.toml
    in the user config directory, else the file shipped with patclaims.
    """
    from patclaims.crawler.sources import load_sources

    from .sources import SHIPPED, sources_in_use, user_sources_path
    path, origin = sources_in_use(explicit)
    loaded = load_sources(path)                   # an unreadable or invalid file fails here, naming itself
    click.echo(str(path))
    click.echo(f"  {origin}; {len(loaded.sources)} sources: {', '.join(s.name for s in loaded.sources)}", err=True)
    if origin == SHIPPED:
        click.echo(f"  to edit your own, copy it to {user_sources_path()}", err=True)
