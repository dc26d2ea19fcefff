"""Write commands over pages: `patclaims ingest` and `patclaims reextract`."""
from __future__ import annotations

import json
import sys

import click

from .boundary import Interrupted, warn_line
from .inputs import expand
from .interrupts import StopAfterCurrent
from .progress import progress
from .settings import Settings, common, max_bytes_option, pass_settings, timeout_option, with_db

SUMMARY_FORMATS = click.Choice(["text", "json"])


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "fmt", type=SUMMARY_FORMATS, default="text", show_default=True,
              help="text: a line per page and a summary; json: one object with the counts and each page")
@max_bytes_option
@timeout_option
@with_db
@common
@pass_settings
def ingest(settings: Settings, targets: tuple[str, ...], fmt: str, max_bytes: int, timeout: float) -> None:
    """Fetch (http/https) or read each URL or FILE, extract it and store it.

    A TARGET may be a directory (its .html, .html.gz, .htm and .txt files, recursively)
    or - (a list of URLs or paths on standard input, one per line). Prints a
    line per page: new, unchanged or changed, the document id and its claims;
    then a summary on stderr. A failure is reported and the others go on;
    exit 1 if any failed, 130 after Ctrl-C (after the page in hand, with the
    summary of what was done).
    """
    from patclaims.crawler.fetch import Fetcher, FetchOptions
    from patclaims.extractors.errors import PatclaimsError

    from .ingest import Ingester, IngestSummary
    items = expand(targets, urls=True)
    fetcher = Fetcher(FetchOptions(timeout=timeout, max_bytes=max_bytes))
    summary = IngestSummary(pages=len(items))
    try:
        with progress(len(items), "page") as bar, StopAfterCurrent() as stop:
            ingester = Ingester(settings.db, fetcher, max_bytes,
                                on_warning=lambda name, warning: warn_line(name, warning, bar.echo))
            for item in items:
                if stop.requested:
                    summary.interrupted = True
                    break
                try:
                    if item.error:
                        raise PatclaimsError(item.error)
                    r = ingester.ingest(item.name)
                except PatclaimsError as e:
                    bar.echo(f"patclaims: {e}", err=True)
                    summary.failure(item.name, str(e))
                else:
                    summary.stored(item.name, r)
                    if fmt == "text":
                        bar.echo(f"{r.status:<9} document {r.document_id:>6}  {r.claims:>3} claims  {item.name}")
                bar.update()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        fetcher.close()
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:                   # stdout keeps one line per page; the summary is for the person watching
        click.echo(summary.line(), err=True)
    if summary.interrupted:
        raise Interrupted("interrupted (Ctrl-C); what was stored is kept; the same command again does the rest")
    if summary.failed:
        sys.exit(1)


@click.command()
@click.option("--batch", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--quiet", is_flag=True, help="no progress bar")
@click.option("--format", "fmt", type=SUMMARY_FORMATS, default="text", show_default=True,
              help="text: a summary line; json: the counts as one object")
@max_bytes_option
@with_db
@common
@pass_settings
def reextract(settings: Settings, batch: int, quiet: bool, fmt: str, max_bytes: int) -> None:
    """Re-run extraction over the stored raw pages (after an extractor upgrade); change only what changed."""
    from patclaims.extractors.errors import PatclaimsError
    from patclaims.storage.repository import count_current, iter_current_documents, raw_page, replace_extraction

    from .pipeline import process_page
    db = settings.db
    counts = dict(documents=count_current(db), done=0, changed=0, claims_added=0, superseded=0, failed=0,
                  interrupted=False)
    try:
        with progress(counts["documents"], "doc", quiet=quiet) as bar, StopAfterCurrent() as stop:
            for row in (r for rows in iter_current_documents(db, batch) for r in rows):
                if stop.requested:
                    counts["interrupted"] = True
                    break
                raw = raw_page(row)
                if raw is not None:
                    try:
                        doc = process_page(raw, url=row.final_url or row.url, name=row.url_key, max_bytes=max_bytes)
                    except PatclaimsError as e:
                        bar.echo(f"patclaims: document {row.id}: {e}", err=True)
                        counts["failed"] += 1
                    else:
                        a, g = replace_extraction(db, row.id, doc)
                        counts["claims_added"] += a
                        counts["superseded"] += g
                        counts["changed"] += bool(a or g or doc.text != row.text)
                counts["done"] += 1
                bar.update()
    except KeyboardInterrupt:
        counts["interrupted"] = True
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        head = f"re-extracted {counts['done']} of {counts['documents']}" if counts["interrupted"] \
            else f"re-extracted {counts['documents']}"
        click.echo(f"{head} documents: {counts['changed']} changed, {counts['claims_added']} claims added, "
                   f"{counts['superseded']} superseded, {counts['failed']} failed")
    if counts["interrupted"]:
        raise Interrupted("interrupted (Ctrl-C); each document re-extracted so far is kept")
    if counts["failed"]:
        sys.exit(1)
