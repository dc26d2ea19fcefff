"""`patclaims extract`: extraction only, printed; nothing is stored."""
from __future__ import annotations

import json
import sys

import click

from .boundary import fail, warn
from .inputs import expand
from .output import write_rows
from .settings import common, max_bytes_option

CLAIM_COLUMNS = ("doc", "subject", "subject_id", "measure", "value", "unit", "qualifier", "activity",
                 "year_from", "year_to", "text")
CSV_COLUMNS = ("doc", "subject", "subject_id", "measure", "value", "unit", "qualifier", "activity", "patent_type",
               "field", "year_from", "year_to", "source", "text", "start", "end", "part", "sentence")


@click.command()
@click.argument("pages", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table", "csv"]), default="jsonl",
              show_default=True, help="jsonl: one document per line; json: a list; table, csv: one row per claim")
@max_bytes_option
@common
def extract(pages: tuple[str, ...], fmt: str, max_bytes: int) -> None:
    """Print each saved PAGE's document and patent claims (.html, .html.gz, or a news text as .txt).

    PAGE may be a directory (its .html, .html.gz, .htm and .txt files,
    recursively) or - (a list of paths on standard input, one per line). A
    text file is read as headline, date, then one paragraph per line. A page
    that cannot be read, or is neither HTML nor text, is reported on stderr,
    the others still print, and the exit status is 1.
    """
    from patclaims.extractors.errors import PatclaimsError

    from .pipeline import process_file
    failed, docs = 0, []
    for target in expand(pages, urls=False):
        try:
            if target.error:
                raise PatclaimsError(target.error)
            doc = process_file(target.name, max_bytes)
        except PatclaimsError as e:
            fail(str(e))
            failed += 1
            continue
        warn(target.name, doc)
        if fmt == "jsonl":
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
        else:
            docs.append(doc)
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2))
    elif fmt in ("table", "csv"):
        rows = [{"doc": d.path, **c.to_dict()} for d in docs for c in d.claims]
        write_rows(rows, CLAIM_COLUMNS if fmt == "table" else CSV_COLUMNS, fmt, sys.stdout)
    if failed:
        sys.exit(1)
