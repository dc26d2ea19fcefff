"""`patclaims crawl`: the scheduled job."""
from __future__ import annotations

import json
import sys

import click

from .boundary import Interrupted
from .progress import progress
from .settings import Settings, common, date_option, pass_settings, with_db


@click.command()
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False),
              help="sources file (default: PATCLAIMS_SOURCES, else the user's, else the shipped one; see "
                   "`patclaims sources`)")
@click.option("--source", help="run only the source with this name")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="hosts served at once")
@click.option("--processes", type=click.IntRange(0, 64), default=None,
              help="extraction processes (default: one per CPU, up to 8; 0: extract in the fetching threads)")
@click.option("--max-pages", type=click.IntRange(min=1), help="fetch at most this many articles in this run")
@click.option("--since", callback=date_option, metavar="DATE", help="skip feed and sitemap entries published before DATE")
@click.option("--refresh", is_flag=True, help="fetch articles already stored again")
@click.option("--worker-id", help="PostgreSQL: this worker's id (default: host name); one crawl runs per id")
@click.option("--quiet", "-q", is_flag=True, help="only the summary line and errors")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="the summary as a line, or as one JSON object (the counts a monitor reads)")
@with_db
@common
@pass_settings
def crawl(settings: Settings, sources_path, source, workers, processes, max_pages, since, refresh, worker_id, quiet,
          fmt) -> None:
    """Discover new articles on the configured sources, fetch each once, extract and store them.

    Safe from cron: a second crawl on the same database exits at once with
    status 75. Ends with one summary line; exit 1 when the run failed as a
    whole, 130 after Ctrl-C. -v: a line for every URL.
    """
    from patclaims.crawler.sources import load_sources
    from patclaims.storage.queries import frontier_pending

    from .crawl import CrawlOptions, Crawler
    from .logs import configure
    from .sources import sources_in_use
    configure(settings.verbosity, quiet)
    sources = load_sources(sources_in_use(sources_path)[0])
    options = CrawlOptions(sources=sources, source=source, workers=workers, max_pages=max_pages, since=since,
                           refresh=refresh, **({"worker_id": worker_id} if worker_id else {}),
                           **({"processes": processes} if processes is not None else {}))
    settings.connections = workers + 2                # the host threads, the writer, the loop
    db = settings.db
    names = [s.name for s in sources.select(source)]
    with progress(None, "page", quiet=quiet) as bar:
        start = frontier_pending(db, names) if bar.bar is not None else 0

        def on_page(url: str, outcome: str) -> None:
            bar.update()
            bar.set_total(max_pages or start + crawler.summary.found)
            if settings.verbosity or (not quiet and not sys.stderr.isatty()):
                bar.echo(f"{outcome:<22} {url}", err=True)

        crawler = Crawler(db, options, on_page)
        try:
            summary = crawler.run()
        except KeyboardInterrupt:
            bar.close()
            _report(crawler.summary, fmt, "; the URLs in hand are fetched next run")
            raise Interrupted("interrupted (Ctrl-C); what was stored is kept; the next crawl takes up the rest") \
                from None
    _report(summary, fmt)
    if summary.status != "ok":
        sys.exit(1)


def _report(summary, fmt: str, tail: str = "") -> None:
    if fmt == "json":
        from dataclasses import asdict
        click.echo(json.dumps({**asdict(summary), "seconds": round(summary.seconds, 3)}))
    else:
        click.echo(summary.line() + tail)
