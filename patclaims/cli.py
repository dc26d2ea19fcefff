"""The `patclaims` command: a thin click layer over the pipeline, storage and crawler."""
from __future__ import annotations

import json
import sys

import click

from patclaims.extractors.errors import PatclaimsError

from .cli_limits import max_bytes_option, warn
from .output import write_rows
from .pipeline import process_file

CLAIM_COLUMNS = ("doc", "subject", "subject_id", "measure", "value", "unit", "qualifier", "activity",
                 "year_from", "year_to", "text")


def fail(message: str) -> None:
    """One line on stderr naming the input and the reason."""
    click.echo(f"patclaims: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="patclaims")
def main() -> None:
    """Find the numeric patent claims Korean media publish, and keep them queryable."""


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="jsonl: one document per line; json: a list; table: one row per claim")
@max_bytes_option
def extract(pages: tuple[str, ...], fmt: str, max_bytes: int) -> None:
    """Print each saved PAGE's document and patent claims (.html or .html.gz).

    A page that cannot be read or is not HTML is reported on stderr, the others
    still print, and the exit status is 1.
    """
    failed = 0
    docs = []
    for page in pages:
        try:
            doc = process_file(page, max_bytes)
        except PatclaimsError as e:
            fail(str(e))
            failed += 1
            continue
        warn(page, doc)
        if fmt == "jsonl":
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
        else:
            docs.append(doc)
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2))
    elif fmt == "table":
        rows = [{"doc": d.path, **c.to_dict()} for d in docs for c in d.claims]
        write_rows(rows, CLAIM_COLUMNS, "table", sys.stdout)
    if failed:
        sys.exit(1)


def _register() -> None:
    """Commands living in their own modules attach themselves here."""
    from . import cli_crawl, cli_store  # noqa: F401


_register()
