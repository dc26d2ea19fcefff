"""Read commands: `patclaims query`, `stats` and `info`. They open the database read-only: never create it,
never migrate it, and say so when it is missing or of another version."""
from __future__ import annotations

import difflib
import json
import sys

import click

from .boundary import fail
from .output import FORMATS, write_rows
from .settings import Settings, common, date_option, pass_settings, with_db

TABLE_COLUMNS = ("subject", "subject_id", "measure", "value", "unit", "qualifier", "activity", "year_from", "year_to",
                 "site", "published", "text")
GROUP_COLUMNS = ("subject_id", "subject", "measure", "value", "unit", "year_from", "year_to", "documents", "sites",
                 "first_seen", "last_seen")
VERSION_COLUMNS = ("version", "superseded")


def resolve_subjects(names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(ids, names matched as written); an unknown name gets a hint with the closest known ones."""
    from patclaims.extractors.vocabulary import vocabulary
    vocab = vocabulary()
    ids, texts = [], []
    for name in names:
        found = vocab.resolve(name)
        if found:
            ids.append(found.id)
            continue
        ids.append(name)
        texts.append(name)
        closest: dict[str, str] = {}                 # one name per subject id, the closest first
        for n in difflib.get_close_matches(name, vocab.names(), n=8, cutoff=0.5):
            sid = vocab.resolve(n).id
            closest.setdefault(sid, n)
        hint = ", ".join(f"{n} ({sid})" if n != sid else n for sid, n in list(closest.items())[:3])
        fail(f"--subject {name}: not a name the vocabulary knows{'; closest: ' + hint if hint else ''}; "
             f"matching {name!r} as written")
    return ids, texts


@click.command()
@click.option("--subject", "subjects", multiple=True, help="中, 중국, China or CN; an organisation name or id (repeatable)")
@click.option("--measure", type=click.Choice(["count", "share", "growth", "rank"]))
@click.option("--activity", type=click.Choice(["applications", "grants", "publications", "holdings"]))
@click.option("--field", help="technology field contains")
@click.option("--since", callback=date_option, metavar="DATE", help="published on or after (YYYY-MM-DD)")
@click.option("--until", callback=date_option, metavar="DATE", help="published on or before (YYYY-MM-DD)")
@click.option("--site", help="site name contains")
@click.option("--min", "min_value", type=float, help="value at least")
@click.option("--max", "max_value", type=float, help="value at most")
@click.option("--text", help="full-text search in the sentence: every word occurs (특허 출원 finds 특허출원)")
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--group", is_flag=True, help="one row per figure (subject, measure, value, period) across outlets")
@click.option("--all-versions", is_flag=True, help="include claims of superseded page versions, with version and "
              "superseded columns")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="default: table on a terminal, else jsonl")
@with_db
@common
@pass_settings
def query(settings: Settings, subjects, measure, activity, field, since, until, site, min_value, max_value, text,
          limit, group, all_versions, fmt) -> None:
    """List stored claims, newest first, filtered; each row carries its document's url, title, published and site."""
    from patclaims.storage.queries import CLAIM_FIELDS, DOC_FIELDS, ClaimQuery, group_figures, query_claims
    ids, texts = resolve_subjects(subjects)
    q = ClaimQuery(subject_ids=ids, subject_texts=texts, measure=measure, activity=activity, field=field, since=since,
                   until=until, site=site, min_value=min_value, max_value=max_value, text=text, limit=limit,
                   include_superseded=all_versions)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    db = settings.database(read_only=True)
    if group:
        write_rows(group_figures(db, q), GROUP_COLUMNS, fmt, sys.stdout)
        return
    versions = VERSION_COLUMNS if all_versions else ()
    columns = (*TABLE_COLUMNS, *versions) if fmt == "table" else ("id", *CLAIM_FIELDS, *DOC_FIELDS, *versions)
    write_rows(query_claims(db, q), columns, fmt, sys.stdout)


STATS_SECTIONS = (("by site", "by_site", "site", ("site", "documents", "claims")),
                  ("by subject", "by_subject", "subject_id", ("subject_id", "claims")),
                  ("by month", "by_month", "month", ("month", "documents", "claims")))


def stats_rows(s: dict) -> list[dict]:
    """The counts as one flat listing (csv, jsonl): by, key, documents, claims; the totals first."""
    rows = [{"by": "total", "key": None, "documents": s["documents"], "claims": s["claims"]}]
    for _title, section, key, _cols in STATS_SECTIONS:
        rows += [{"by": key, "key": r[key], "documents": r.get("documents"), "claims": r["claims"]} for r in s[section]]
    return rows


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table, json (one object); csv and jsonl: one row per count (by, key, documents, claims)")
@with_db
@common
@pass_settings
def stats_command(settings: Settings, fmt: str) -> None:
    """Counts of documents and claims, by site, by subject and by month."""
    from patclaims.storage.queries import stats
    s = stats(settings.database(read_only=True))
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    if fmt in ("csv", "jsonl"):
        write_rows(stats_rows(s), ("by", "key", "documents", "claims"), fmt, sys.stdout)
        return
    click.echo(f"documents {s['documents']}  claims {s['claims']}\n")
    for title, section, _key, cols in STATS_SECTIONS:
        click.echo(title)
        write_rows(s[section], cols, "table", sys.stdout)
        click.echo()


@click.command()
@with_db
@common
@pass_settings
def info(settings: Settings) -> None:
    """Where patclaims keeps its data, and the state of the database."""
    from importlib.metadata import version

    from patclaims.extractors.records import EXTRACTOR_VERSION
    from patclaims.storage.errors import NoDatabase

    from .sources import sources_in_use
    click.echo(f"patclaims {version('patclaims')}  (extractor {EXTRACTOR_VERSION})")
    click.echo(f"database  {settings.where}")
    try:
        db = settings.database(read_only=True)
    except NoDatabase as e:
        click.echo(f"schema    none: {e}")
    else:
        from patclaims.storage.repository import count_current
        click.echo(f"schema    {db.revision()} (this patclaims: {db.head()})")
        click.echo(f"documents {count_current(db)}")
    path, origin = sources_in_use()
    click.echo(f"sources   {path}  ({origin})")
