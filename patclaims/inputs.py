"""What `extract` and `ingest` take: paths, URLs, directories (their pages, recursively) and `-` (a list on stdin)."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable

PAGE_SUFFIXES = (".html", ".html.gz", ".htm", ".txt")


@dataclass(frozen=True)
class Target:
    """One input to work on, or one that cannot be expanded (``error`` says why)."""

    name: str
    error: str | None = None


def is_url(target: str) -> bool:
    return "://" in target or target.lower().startswith(("file:", "ftp:", "data:", "javascript:"))


def _pages_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.name.endswith(PAGE_SUFFIXES) and p.is_file())


def _stdin_lines(stdin: IO[str]) -> list[str]:
    return [line.strip() for line in stdin if line.strip() and not line.lstrip().startswith("#")]


def expand(args: Iterable[str], *, urls: bool, stdin: IO[str] | None = None) -> list[Target]:
    """Each argument as the targets it stands for, in order.

    ``-`` reads one path or URL per line from standard input (blank lines and # comments skipped); a
    directory stands for its ``*.html``, ``*.html.gz``, ``*.htm`` and ``*.txt`` files (saved pages and
    news texts), recursively, sorted; a URL is kept as it
    is when ``urls`` (ingest), and anything else is a path whose errors the reader reports.
    """
    out: list[Target] = []
    for arg in args:
        if arg == "-":
            lines = _stdin_lines(stdin or sys.stdin)
            out.extend(expand([line for line in lines if line != "-"], urls=urls))
            continue
        if urls and is_url(arg):
            out.append(Target(arg))
            continue
        path = Path(arg)
        if path.is_dir():
            pages = _pages_in(path)
            out.extend(Target(str(p)) for p in pages)
            if not pages:
                out.append(Target(arg, f"{arg}: a directory with no .html, .html.gz or .txt pages inside"))
            continue
        out.append(Target(arg))
    return out
