"""The sources file (TOML): what to crawl, declaratively, like scrapy's crawl rules.

    [defaults]
    delay = 1.0            # seconds between two requests to one host
    timeout = 20
    user_agent = "patclaims/0.1 (+https://…)"
    [[sources]]
    name = "board"
    feeds = ["https://…/rss.xml"]             # RSS or Atom
    sitemaps = ["https://…/sitemap.xml"]       # indexes, news sitemaps, .xml.gz
    start_urls = ["https://…/lists/?id=…"]     # list pages
    follow = ['^https://…/view/\\?id=\\w+&no=\\d+']   # which links are articles
    paginate = ['[?&]page=\\d+']              # which links are further list pages (default: the same path, a page parameter)
    max_depth = 1                              # link hops from a start URL
    delay = 2.0                                # per-source overrides: delay, timeout, user_agent
    strip_params = ["page"]                    # query parameters that do not identify an article

Every key is used or refused: an unknown key, a URL that is not http(s) with
a host, or a value of the wrong type is an error naming the file, the source
and the key.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from patclaims.extractors.errors import InputError
from patclaims.extractors.limits import DEFAULT_MAX_BYTES

from .fetch import USER_AGENT

_TOP_KEYS = {"defaults", "sources"}
_DEFAULT_KEYS = {"delay", "timeout", "user_agent", "max_bytes", "retries", "max_retry_after"}
_SOURCE_KEYS = {"name", "feeds", "sitemaps", "start_urls", "follow", "paginate", "max_depth", "delay", "strip_params",
                "timeout", "user_agent"}


@dataclass(frozen=True)
class Defaults:
    delay: float = 1.0
    timeout: float = 20.0              # seconds one request may take, connect to last byte
    user_agent: str = USER_AGENT
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = 3
    max_retry_after: int = 120         # seconds; a longer Retry-After puts the URL back in the frontier for then


@dataclass(frozen=True)
class Source:
    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    follow: tuple[re.Pattern, ...] = ()
    paginate: tuple[re.Pattern, ...] = ()
    max_depth: int = 1
    delay: float = 1.0
    strip_params: tuple[str, ...] = ()
    timeout: float = 20.0              # [defaults] timeout unless the source sets its own
    user_agent: str = USER_AGENT       # [defaults] user_agent unless the source sets its own

    def is_article(self, url: str) -> bool:
        return any(p.search(url) for p in self.follow)


@dataclass(frozen=True)
class SourcesFile:
    path: Path
    defaults: Defaults
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def select(self, name: str | None) -> tuple[Source, ...]:
        if name is None:
            return self.sources
        chosen = tuple(s for s in self.sources if s.name == name)
        if not chosen:
            raise InputError(f"{self.path}: no source named {name!r}; names: {', '.join(s.name for s in self.sources)}")
        return chosen


def _strings(path, where, key, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{path}: {where}: {key} must be a list of strings")
    return tuple(value)


def _urls(path, where, key, value) -> tuple[str, ...]:
    urls = _strings(path, where, key, value)
    for url in urls:
        parts = urlsplit(url.strip())
        try:
            host = parts.hostname
            parts.port                      # noqa: B018 -- raises on a port that is not a number
        except ValueError:
            host = None
        if parts.scheme not in ("http", "https") or not host:
            raise InputError(f"{path}: {where}: {key}: {url!r} is not an http(s) URL with a host; "
                             "give URLs like https://example.com/rss.xml")
    return urls


def _number(path, where, key, value, default, kind=float, positive=False):
    if value is None:
        return default
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0 or (positive and value == 0) \
            or (kind is int and value != int(value)):
        what = "a whole number" if kind is int else "a number"
        raise InputError(f"{path}: {where}: {key} must be {what} {'above' if positive else 'at least'} 0")
    return kind(value)


def _text(path, where, key, value, default):
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{path}: {where}: {key} must be a non-empty string")
    return value


def _patterns(path, where, key, values) -> tuple[re.Pattern, ...]:
    out = []
    for v in _strings(path, where, key, values):
        try:
            out.append(re.compile(v))
        except re.error as e:
            raise InputError(f"{path}: {where}: {key} pattern {v!r} is not a valid regex ({e})") from None
    return tuple(out)


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate a sources file; an error names the file, the source and the key."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise InputError(f"{path}: cannot read the sources file ({e})") from None
    if set(doc) - _TOP_KEYS:
        raise InputError(f"{path}: unknown key(s) {', '.join(sorted(set(doc) - _TOP_KEYS))}; "
                         "the file holds [defaults] and [[sources]]")
    d = doc.get("defaults", {})
    if not isinstance(d, dict):
        raise InputError(f"{path}: defaults must be a table: [defaults]")
    if set(d) - _DEFAULT_KEYS:
        raise InputError(f"{path}: [defaults] unknown key(s) {', '.join(sorted(set(d) - _DEFAULT_KEYS))}")
    defaults = _defaults(path, d)
    if not isinstance(doc.get("sources", []), list):
        raise InputError(f"{path}: sources must be an array of tables: [[sources]]")
    sources, names = [], set()
    for i, s in enumerate(doc.get("sources", []), 1):
        if not isinstance(s, dict):
            raise InputError(f"{path}: source #{i} must be a table: [[sources]]")
        where = f"source #{i}" + (f" ({s.get('name')})" if isinstance(s.get("name"), str) else "")
        if not isinstance(s.get("name"), str) or not s["name"].strip():
            raise InputError(f"{path}: {where}: name must be a non-empty string")
        if s["name"] in names:
            raise InputError(f"{path}: {where}: the name {s['name']!r} is used twice")
        names.add(s["name"])
        unknown = set(s) - _SOURCE_KEYS
        if unknown:
            raise InputError(f"{path}: {where}: unknown key(s) {', '.join(sorted(unknown))}")
        src = Source(
            name=s["name"], feeds=_urls(path, where, "feeds", s.get("feeds")),
            sitemaps=_urls(path, where, "sitemaps", s.get("sitemaps")),
            start_urls=_urls(path, where, "start_urls", s.get("start_urls")),
            follow=_patterns(path, where, "follow", s.get("follow")),
            paginate=_patterns(path, where, "paginate", s.get("paginate")),
            max_depth=_number(path, where, "max_depth", s.get("max_depth"), 1, int),
            delay=_number(path, where, "delay", s.get("delay"), defaults.delay),
            strip_params=_strings(path, where, "strip_params", s.get("strip_params")),
            timeout=_number(path, where, "timeout", s.get("timeout"), defaults.timeout, positive=True),
            user_agent=_text(path, where, "user_agent", s.get("user_agent"), defaults.user_agent))
        if not (src.feeds or src.sitemaps or src.start_urls):
            raise InputError(f"{path}: {where}: give feeds, sitemaps or start_urls")
        if src.start_urls and not src.follow:
            raise InputError(f"{path}: {where}: start_urls need follow patterns saying which links are articles")
        sources.append(src)
    if not sources:
        raise InputError(f"{path}: no [[sources]]; add at least one")
    return SourcesFile(path, defaults, tuple(sources))


def _defaults(path, d: dict) -> Defaults:
    base, where = Defaults(), "[defaults]"
    return Defaults(
        delay=_number(path, where, "delay", d.get("delay"), base.delay),
        timeout=_number(path, where, "timeout", d.get("timeout"), base.timeout, positive=True),
        user_agent=_text(path, where, "user_agent", d.get("user_agent"), base.user_agent),
        max_bytes=_number(path, where, "max_bytes", d.get("max_bytes"), base.max_bytes, int, positive=True),
        retries=_number(path, where, "retries", d.get("retries"), base.retries, int),
        max_retry_after=_number(path, where, "max_retry_after", d.get("max_retry_after"), base.max_retry_after, int,
                                positive=True))
