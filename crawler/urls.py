"""URL canonicalisation that keeps identity query parameters.

courlan's non-strict normalisation lower-cases the host, drops default ports
and tracking parameters (utm_*, fbclid) and keeps the rest, so DCInside
``view/?id=…&no=…`` posts and Naver News stay distinct URLs (its strict mode
would collapse them). Fragments go; per-source ``strip_params`` drop list
positions such as ``page`` from article URLs.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url


def canonical(url: str, base: str | None = None, strip_params: tuple[str, ...] = ()) -> str | None:
    """The canonical form of ``url`` (resolved against ``base``), or None when it is not http(s)."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        url = normalize_url(urlunsplit(parts._replace(fragment="")), strict=False)
    except (ValueError, TypeError):
        return None
    parts = urlsplit(url)
    if strip_params and parts.query:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in strip_params]
        url = urlunsplit(parts._replace(query=urlencode(query)))
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
