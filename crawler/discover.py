"""Finding article URLs: in feeds (feedparser), sitemaps and list pages.

Sitemaps are parsed here with lxml rather than by trafilatura.sitemaps because
the crawler needs each entry's date (news:publication_date, lastmod) for
``--since``, and must fetch through its own polite, conditional fetcher;
trafilatura's sitemap walker fetches by itself and returns bare links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import feedparser
import lxml.etree
import lxml.html

from patclaims.extractors.dates import parse_datetime
from patclaims.extractors.limits import inflate_page

from .sources import Source
from .urls import canonical


SITEMAP_MAX_BYTES = 50 * 1024 * 1024      # the sitemap protocol's own limit on one file, uncompressed


@dataclass(frozen=True)
class Link:
    url: str
    kind: str                     # article | feed | sitemap | list
    published: str | None = None  # ISO date when the feed or sitemap gives one
    depth: int = 0


def _iso(struct) -> str | None:
    if not struct:
        return None
    return f"{struct.tm_year:04}-{struct.tm_mon:02}-{struct.tm_mday:02}"


def feed_links(content: bytes, base: str, source: Source) -> list[Link]:
    parsed = feedparser.parse(content)
    out = []
    for e in parsed.entries:
        url = canonical(e.get("link") or "", base, source.strip_params)
        if url:
            out.append(Link(url, "article", _iso(e.get("published_parsed") or e.get("updated_parsed"))))
    return out


def looks_like_feed(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def sitemap_links(content: bytes, base: str, source: Source) -> list[Link]:
    """Child sitemaps of an index, or the articles of a (news) sitemap; .xml.gz accepted (capped)."""
    content = inflate_page(content, SITEMAP_MAX_BYTES, base, "the sitemap protocol allows 50 MB")
    try:
        root = lxml.etree.fromstring(content, parser=lxml.etree.XMLParser(recover=True, resolve_entities=False,
                                                                             no_network=True, huge_tree=False))
    except lxml.etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    out = []
    index = lxml.etree.QName(root).localname == "sitemapindex"
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc = date = None
        for child in entry.iter():
            if not isinstance(child.tag, str):
                continue
            name = lxml.etree.QName(child).localname
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "publication_date" or (name == "lastmod" and date is None):
                date = parse_datetime(text) or date
        url = canonical(loc or "", base, () if index else source.strip_params)
        if url:
            out.append(Link(url, "sitemap" if index else "article", date[:10] if date else None))
    return out


def _is_pagination(url: str, page_url: str, source: Source) -> bool:
    if source.paginate:
        return any(p.search(url) for p in source.paginate)
    a, b = urlsplit(url), urlsplit(page_url)
    if a.netloc != b.netloc or a.path != b.path:
        return False
    keys = {k.lower() for k, _ in parse_qsl(a.query)}
    return bool(keys & {"page", "p", "pg", "pageno", "page_no", "pagenum", "cpage"})


def list_links(content: str | bytes, page_url: str, depth: int, source: Source) -> list[Link]:
    """Articles a list page links to (follow patterns) and its further pages, up to max_depth."""
    try:
        tree = lxml.html.fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return []
    out, seen = [], set()
    for href in tree.xpath("//a/@href"):
        if re.match(r"\s*(?:javascript|mailto|tel):", href, re.I):
            continue
        raw = canonical(href, page_url)
        if not raw or raw in seen:
            continue
        seen.add(raw)
        if source.is_article(raw):
            out.append(Link(canonical(raw, None, source.strip_params) or raw, "article", None, depth + 1))
        elif depth + 1 <= source.max_depth and _is_pagination(raw, page_url, source):
            out.append(Link(raw, "list", None, depth + 1))
    return out
