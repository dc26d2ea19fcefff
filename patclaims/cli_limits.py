"""The caps as command-line options (each with its environment variable), and warning lines.

The caps themselves live where they are enforced: the page size in
``extractors.limits``, the request deadline and the Retry-After cap in
``crawler.fetch``; the crawl takes its caps from the sources file.
"""
from __future__ import annotations

import click

from patclaims.extractors.limits import DEFAULT_MAX_BYTES
from patclaims.extractors.records import Document

DEFAULT_TIMEOUT = 20.0


def max_bytes_option(f):
    return click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                        envvar="PATCLAIMS_MAX_BYTES", metavar="N",
                        help="the cap on one page, in bytes after decompression; a larger page is skipped "
                             "[env PATCLAIMS_MAX_BYTES]")(f)


def timeout_option(f):
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
                        show_default=True, envvar="PATCLAIMS_TIMEOUT", metavar="SECONDS",
                        help="the most one request may take, from connecting to its last byte "
                             "[env PATCLAIMS_TIMEOUT]")(f)


def warn_line(name: str, warning: str) -> None:
    """One line on stderr for something repaired in a page (kept, but not quite as it came)."""
    click.echo(f"patclaims: {name}: warning: {warning}", err=True)


def warn(name: str, doc: Document) -> None:
    for warning in doc.warnings:
        warn_line(name, warning)
