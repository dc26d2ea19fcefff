"""Storage commands: ingest, query, stats, info, db upgrade, reextract."""
from __future__ import annotations

import json
import sys

import click
from tqdm import tqdm

from patclaims.crawler.fetch import Fetcher, FetchOptions
from patclaims.extractors.errors import PatclaimsError
from patclaims.extractors.records import EXTRACTOR_VERSION
from patclaims.extractors.vocabulary import vocabulary
from patclaims.storage.queries import CLAIM_FIELDS, DOC_FIELDS, ClaimQuery, group_figures, query_claims, stats
from patclaims.storage.repository import count_current, iter_current_documents, raw_page, replace_extraction

from .cli import fail, main
from .cli_limits import max_bytes_option, timeout_option, warn_line
from .ingest import Ingester
from .output import FORMATS, write_rows
from .pipeline import process_page
from .settings import Settings, date_option, pass_settings, with_db

TABLE_COLUMNS = ("subject", "subject_id", "measure", "value", "unit", "qualifier", "activity", "year_from", "year_to",
                 "site", "published", "text")
GROUP_COLUMNS = ("subject_id", "subject", "measure", "value", "unit", "year_from", "year_to", "documents", "sites",
                 "first_seen", "last_seen")


@main.command()
@click.argument("targets", nargs=-1, required=True)
@max_bytes_option
@timeout_option
@with_db
@pass_settings
def ingest(settings: Settings, targets: tuple[str, ...], max_bytes: int, timeout: float) -> None:
    """Fetch (http/https) or read each URL or FILE, extract it and store it.

    Prints one line per page: new, unchanged or changed, the document id and
    its claims. A failure is reported and the others go on; exit 1 if any failed.
    """
    ingester = Ingester(settings.db, Fetcher(FetchOptions(timeout=timeout, max_bytes=max_bytes)), max_bytes,
                        on_warning=warn_line)
    failed = 0
    for target in targets:
        try:
            r = ingester.ingest(target)
        except PatclaimsError as e:
            fail(str(e))
            failed += 1
            continue
        click.echo(f"{r.status:<9} document {r.document_id:>6}  {r.claims:>3} claims  {target}")
    ingester.fetcher.close()
    if failed:
        sys.exit(1)


@main.command()
@click.option("--subject", "subjects", multiple=True, help="中, 중국, China or CN; an organisation name or id (repeatable)")
@click.option("--measure", type=click.Choice(["count", "share", "growth", "rank"]))
@click.option("--activity", type=click.Choice(["applications", "grants", "publications", "holdings"]))
@click.option("--field", help="technology field contains")
@click.option("--since", callback=date_option, metavar="DATE", help="published on or after (YYYY-MM-DD)")
@click.option("--until", callback=date_option, metavar="DATE", help="published on or before (YYYY-MM-DD)")
@click.option("--site", help="site name contains")
@click.option("--min", "min_value", type=float, help="value at least")
@click.option("--max", "max_value", type=float, help="value at most")
@click.option("--text", help="the sentence contains")
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--group", is_flag=True, help="one row per figure (subject, measure, value, period) across outlets")
@click.option("--all-versions", is_flag=True, help="include claims of superseded page versions")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="default: table on a terminal, else jsonl")
@with_db
@pass_settings
def query(settings: Settings, subjects, measure, activity, field, since, until, site, min_value, max_value, text,
          limit, group, all_versions, fmt) -> None:
    """List stored claims, filtered; each row carries its document's url, title, published and site."""
    vocab = vocabulary()
    ids, texts = [], []
    for name in subjects:                 # a known name means its id; any other is matched as an id or as written
        found = vocab.resolve(name)
        if found:
            ids.append(found.id)
        else:
            ids.append(name)
            texts.append(name)
    q = ClaimQuery(subject_ids=ids, subject_texts=texts, measure=measure, activity=activity, field=field, since=since,
                   until=until, site=site, min_value=min_value, max_value=max_value, text=text, limit=limit,
                   include_superseded=all_versions)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if group:
        write_rows(group_figures(settings.db, q), GROUP_COLUMNS, fmt, sys.stdout)
        return
    rows = query_claims(settings.db, q)
    columns = TABLE_COLUMNS if fmt == "table" else ("id", *CLAIM_FIELDS, *DOC_FIELDS)
    write_rows(rows, columns, fmt, sys.stdout)


@main.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@with_db
@pass_settings
def stats_command(settings: Settings, fmt: str) -> None:
    """Counts of documents and claims, by site, by subject and by month."""
    s = stats(settings.db)
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    click.echo(f"documents {s['documents']}  claims {s['claims']}\n")
    for title, key, cols in (("by site", "by_site", ("site", "documents", "claims")),
                             ("by subject", "by_subject", ("subject_id", "claims")),
                             ("by month", "by_month", ("month", "documents", "claims"))):
        click.echo(title)
        write_rows(s[key], cols, "table", sys.stdout)
        click.echo()


@main.command()
@with_db
@pass_settings
def info(settings: Settings) -> None:
    """Where patclaims keeps its data, and the state of the database."""
    from importlib.metadata import version

    from .sources import default_sources_path
    db = settings.db
    click.echo(f"patclaims {version('patclaims')}  (extractor {EXTRACTOR_VERSION})")
    click.echo(f"database  {db.safe_url}")
    click.echo(f"schema    {db.revision()} (newest {db.head()})")
    click.echo(f"documents {count_current(db)}")
    click.echo(f"sources   {default_sources_path()}")


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@with_db
@pass_settings
def db_upgrade(settings: Settings) -> None:
    """Apply schema migrations up to the newest."""
    settings.db.upgrade()
    click.echo(f"{settings.db.safe_url}: schema at {settings.db.revision()}")


@main.command()
@click.option("--batch", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--quiet", is_flag=True, help="no progress bar")
@max_bytes_option
@with_db
@pass_settings
def reextract(settings: Settings, batch: int, quiet: bool, max_bytes: int) -> None:
    """Re-run extraction over the stored raw pages (after an extractor upgrade); change only what changed."""
    db = settings.db
    total, changed, added, gone, failed = count_current(db), 0, 0, 0, 0
    bar = tqdm(total=total, unit="doc", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    for rows in iter_current_documents(db, batch):
        for row in rows:
            raw = raw_page(row)
            if raw is None:
                bar.update()
                continue
            try:
                doc = process_page(raw, url=row.final_url or row.url, name=row.url_key, max_bytes=max_bytes)
            except PatclaimsError as e:
                fail(f"document {row.id}: {e}")
                failed += 1
                bar.update()
                continue
            a, g = replace_extraction(db, row.id, doc)
            added, gone, changed = added + a, gone + g, changed + bool(a or g or doc.text != row.text)
            bar.update()
    bar.close()
    click.echo(f"re-extracted {total} documents: {changed} changed, {added} claims added, {gone} superseded, {failed} failed")
    if failed:
        sys.exit(1)
