"""A progress bar on stderr when it is a terminal, and lines printed around it without breaking it."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import click


class Progress:
    def __init__(self, total: int | None, unit: str, enabled: bool):
        self.bar = None
        if enabled:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def set_total(self, total: int) -> None:
        if self.bar is not None and total != self.bar.total:
            self.bar.total = total
            self.bar.refresh()

    def echo(self, line: str, err: bool = False) -> None:
        """Print a line above the bar (stdout unless ``err``)."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr if err else sys.stdout)
        else:
            click.echo(line, err=err)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@contextmanager
def progress(total: int | None, unit: str, quiet: bool = False) -> Iterator[Progress]:
    """A bar with ``total`` when stderr is a terminal and not ``quiet``; a no-op otherwise."""
    p = Progress(total, unit, enabled=not quiet and sys.stderr.isatty())
    try:
        yield p
    finally:
        p.close()
