"""Text-level cleanup shared by every extraction path.

Byline and footer lines, "관련기사" link lists and a body rendered twice are
removed here, by rules from ``data/boilerplate.toml``. Characters inside the
kept lines are never edited: numbers are read from the text exactly as the
page gives it (38,000 stays 38,000).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import load_toml, words
from .errors import DataFileError

_SOURCE = "extractors/data/boilerplate.toml"


@dataclass(frozen=True)
class Boilerplate:
    drop_lines: tuple[re.Pattern, ...]
    strip_prefixes: tuple[re.Pattern, ...]
    related_headings: frozenset[str]
    related_item: re.Pattern
    max_line_length: int
    title_separators: tuple[str, ...]
    title_site_words: tuple[str, ...]
    title_max_suffix: int
    hidden_classes: frozenset[str]


def _compile(patterns: list[str], key: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise DataFileError(f"{_SOURCE}: {key} pattern {p!r} is not a valid regex ({e})") from None
    return tuple(out)


@cache
def boilerplate() -> Boilerplate:
    doc = load_toml("boilerplate.toml")
    return Boilerplate(
        drop_lines=_compile(words(doc, "drop_lines", _SOURCE), "drop_lines"),
        strip_prefixes=_compile(words(doc, "strip_prefixes", _SOURCE), "strip_prefixes"),
        related_headings=frozenset(words(doc, "related_headings", _SOURCE)),
        related_item=_compile([doc.get("related_item", "")], "related_item")[0],
        max_line_length=int(doc.get("max_line_length", 120)),
        title_separators=tuple(words(doc, "title_separators", _SOURCE)),
        title_site_words=tuple(words(doc, "title_site_words", _SOURCE)),
        title_max_suffix=int(doc.get("title_max_suffix", 25)),
        hidden_classes=frozenset(words(doc, "hidden_classes", _SOURCE)),
    )


def _normalise_line(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def clean_text(text: str) -> str:
    """Drop boilerplate lines, related-article lists and repeated paragraphs."""
    bp = boilerplate()
    lines = [_normalise_line(x) for x in text.splitlines()]
    out: list[str] = []
    seen: set[str] = set()
    in_related = False
    for line in lines:
        if not line:
            continue
        if line.rstrip(" :") in bp.related_headings:
            in_related = True
            continue
        if in_related:
            if bp.related_item.match(line):
                continue
            in_related = False
        if len(line) <= bp.max_line_length and any(p.search(line) for p in bp.drop_lines):
            continue
        for p in bp.strip_prefixes:
            stripped = p.sub("", line, count=1)
            if stripped != line and len(stripped) >= 20:
                line = stripped
                break
        # a paragraph the page renders twice is kept once; short lines (labels) may repeat
        key = line if len(line) >= 25 else None
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return "\n".join(out)


def clean_title(title: str | None, site: str | None = None) -> str | None:
    """The headline without a trailing " | 사이트" (or "-정치ㅣ한국일보") segment."""
    if not title:
        return None
    bp = boilerplate()
    t = _normalise_line(title)
    changed = True
    while changed:
        changed = False
        for sep in bp.title_separators:
            head, found, tail = t.rpartition(sep)
            tail = tail.strip()
            if not found or not head.strip() or len(tail) > bp.title_max_suffix:
                continue
            if (site and site in tail) or any(w in tail for w in bp.title_site_words) or (site and tail in site):
                t = head.strip()
                changed = True
                break
    return t or None
