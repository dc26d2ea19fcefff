"""A page's metadata: canonical URL, site name, headline and publication date.

Read from the whole parsed page before any clutter is pruned. A site rule's
selectors come first; then meta tags, JSON-LD, labelled dates in the page text
(입력 2024.02.23 17:22) and, last, htmldate.
"""
from __future__ import annotations

import json
from urllib.parse import urljoin

from .boilerplate import boilerplate
from .dates import date_attributes, labelled_date, meta_names, parse_datetime, refine_time
from .sites import SiteRule


def meta(tree, *names: str) -> str | None:
    """The first non-empty content of a meta tag named (property, name or itemprop) one of ``names``."""
    for name in names:
        for el in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            content = (el.get("content") or "").strip()
            if content:
                return content
    return None


def canonical(tree, url: str | None) -> str | None:
    for href in tree.xpath("//link[@rel='canonical']/@href"):
        if href.strip():
            return urljoin(url or "", href.strip())
    og = meta(tree, "og:url")
    return urljoin(url or "", og) if og else None


def title(tree, rule: SiteRule | None) -> str | None:
    """The headline as the page gives it (site suffixes are cut by cleanup.clean_title)."""
    if rule is not None:
        for sel in rule.title:
            for el in sel(tree):
                t = el.get("content") or el.text_content()
                if t and t.strip():
                    return t
    t = meta(tree, "og:title", "twitter:title")
    if t:
        return t
    titles = tree.xpath("//title/text()")
    t = titles[0] if titles else None
    if t is None or _menu_path(t):
        return _longest_heading(tree) or t
    return t


def _menu_path(title: str) -> bool:
    """A page title that is only a menu path ("보도자료 상세 | 알림마당 | 지식재산처"), no headline."""
    parts = [title]
    for sep in boilerplate().title_separators:
        if sep.strip():
            parts = [q for p in parts for q in p.split(sep)]
    parts = [p.strip() for p in parts if p.strip()]
    return len(parts) >= 3 and all(len(p) <= 12 for p in parts)


def _longest_heading(tree) -> str | None:
    """The longest h1–h4 of the page, as its headline when the page title names none."""
    best = None
    for el in tree.xpath("//h1 | //h2 | //h3 | //h4"):
        t = " ".join(el.text_content().split())
        if 10 <= len(t) <= 150 and (best is None or len(t) > len(best)):
            best = t
    return best


def jsonld(tree, key: str):
    """The first value under ``key`` anywhere in the page's JSON-LD."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if item.get(key):
                    return item[key]
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def published(tree, rule: SiteRule | None, page_text: str) -> str | None:
    """The publication date as ISO 8601; a date given without its time gets the time the page
    shows beside that date, if it shows one."""
    found = _published(tree, rule, page_text)
    return refine_time(found, page_text) if found else None


def _published(tree, rule: SiteRule | None, page_text: str) -> str | None:
    if rule is not None:
        for sel in rule.date:
            for el in sel(tree):
                for attr in date_attributes():
                    if el.get(attr) and (found := parse_datetime(el.get(attr))):
                        return found
                text = el.get("content") or el.text_content()
                if (found := labelled_date(text) or parse_datetime(text)):
                    return found
    for name in meta_names():
        value = meta(tree, name)
        if value and (found := parse_datetime(value)):
            return found
    for attr in date_attributes():
        for value in tree.xpath("//*[@%s]/@%s" % (attr, attr))[:3]:
            if (found := parse_datetime(value)):
                return found
    value = jsonld(tree, "datePublished")
    if isinstance(value, str) and (found := parse_datetime(value)):
        return found
    return labelled_date(page_text) or _htmldate(tree)


def _htmldate(tree) -> str | None:
    try:
        from htmldate import find_date
        return find_date(tree, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises on odd trees; a missing date is not an error
        return None
