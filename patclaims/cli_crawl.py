"""`patclaims crawl`: the scheduled job."""
from __future__ import annotations

import logging
import sys

import click
from tqdm import tqdm

from patclaims.crawler.sources import load_sources
from patclaims.extractors.errors import PatclaimsError

from .cli import fail, main
from .crawl import CrawlOptions, Crawler
from .settings import Settings, date_option, pass_settings, with_db
from .sources import default_sources_path


@main.command()
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False), help="sources file (default: the one shipped)")
@click.option("--source", help="run only the source with this name")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="hosts served at once")
@click.option("--processes", type=click.IntRange(0, 64), default=None,
              help="extraction processes (default: one per CPU, up to 8; 0: extract in the fetching threads)")
@click.option("--max-pages", type=click.IntRange(min=1), help="fetch at most this many articles in this run")
@click.option("--since", callback=date_option, metavar="DATE", help="skip feed and sitemap entries published before DATE")
@click.option("--refresh", is_flag=True, help="fetch articles already stored again")
@click.option("--worker-id", help="PostgreSQL: this worker's id (default: host name); one crawl runs per id")
@click.option("--quiet", "-q", is_flag=True, help="only the summary line")
@click.option("--verbose", "-v", is_flag=True, help="a line for every URL")
@with_db
@pass_settings
def crawl(settings: Settings, sources_path, source, workers, processes, max_pages, since, refresh, worker_id, quiet,
          verbose) -> None:
    """Discover new articles on the configured sources, fetch each once, extract and store them.

    Safe from cron: a second crawl on the same database exits at once with
    status 75. Ends with one summary line; exit 1 when the run failed as a whole.
    """
    logging.basicConfig(level=logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("urllib3").setLevel(logging.DEBUG if verbose else logging.ERROR)
    try:
        sources = load_sources(sources_path or default_sources_path())
        options = CrawlOptions(sources=sources, source=source, workers=workers, max_pages=max_pages, since=since,
                               refresh=refresh, **({"worker_id": worker_id} if worker_id else {}),
                               **({"processes": processes} if processes is not None else {}))
        bar = tqdm(unit="page", file=sys.stderr, disable=quiet or not sys.stderr.isatty())

        def on_page(url: str, outcome: str) -> None:
            bar.update()
            if verbose or (not quiet and not sys.stderr.isatty()):
                click.echo(f"{outcome:<22} {url}", err=True)

        settings.connections = workers + 2                # the host threads, the writer, the loop
        crawler = Crawler(settings.db, options, on_page)
        try:
            summary = crawler.run()
        except KeyboardInterrupt:
            bar.close()
            click.echo(f"{crawler.summary.line()}; the URLs in hand are fetched next run")
            sys.exit(130)
        bar.close()
    except PatclaimsError as e:
        fail(str(e))
        from .locks import CrawlLocked
        sys.exit(75 if isinstance(e, CrawlLocked) else 1)
    click.echo(summary.line())
    if summary.status != "ok":
        sys.exit(1)
