"""Fetching one URL politely and safely, with requests and urllib3's Retry.

Retries with exponential backoff and jitter on connection errors, 429 and
5xx, honouring Retry-After; no retry on other 4xx. Redirects are bounded and
loops detected. Only HTML and feeds are accepted by content type. The size
cap is applied while streaming the decoded body, so a 50 MB page or a gzip
bomb is cut and reported, never loaded. Every attempt is reported back.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from patclaims.extractors.errors import InputError, PatclaimsError

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml",
                  "application/xml", "text/xml", "application/rdf+xml", "application/x-gzip", "application/gzip",
                  "text/plain")


class FetchError(PatclaimsError):
    """A fetch that failed for good; ``outcome`` says how (http_error, too_large, bad_type, error...)."""

    def __init__(self, message: str, outcome: str, status: int | None = None):
        super().__init__(message)
        self.outcome, self.status = outcome, status


@dataclass
class FetchOptions:
    user_agent: str = "patclaims/0.1 (+https://github.com/patclaims/patclaims)"
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5             # seconds; doubles each retry, with jitter
    max_backoff: float = 30.0
    max_redirects: int = 5
    max_bytes: int = 5 * 1024 * 1024
    accept_types: tuple[str, ...] = ACCEPTED_TYPES


@dataclass
class Attempt:
    url: str
    status: int | None
    error: str | None


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    elapsed: float
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str) -> str:
    """Only http and https URLs are fetched; anything else is refused with the reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https URLs can be fetched (got {parts.scheme or 'no'} scheme)")
    if not parts.hostname:
        raise InputError(f"{url}: the URL has no host")
    return url


class Fetcher:
    """A requests session configured once; ``get`` fetches one URL."""

    def __init__(self, options: FetchOptions | None = None):
        self.options = o = options or FetchOptions()
        retry = Retry(
            total=o.retries, connect=o.retries, read=o.retries, status=o.retries, redirect=o.max_redirects,
            backoff_factor=o.backoff, backoff_max=o.max_backoff, backoff_jitter=o.backoff / 2,
            status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET", "HEAD"),
            respect_retry_after_header=True, raise_on_status=False, raise_on_redirect=True)
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": o.user_agent, "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5",
                                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
        self.session.max_redirects = o.max_redirects
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=32)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        try:
            resp = self.session.get(url, headers=headers, timeout=self.options.timeout, stream=True)
        except requests.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects (a loop, or more than {self.options.max_redirects})",
                             "redirect_loop") from None
        except requests.exceptions.RetryError as e:
            raise FetchError(f"{url}: gave up after {self.options.retries} retries ({_reason(e)})", "retries_exhausted") from None
        except requests.exceptions.Timeout:
            raise FetchError(f"{url}: timed out after {self.options.timeout:g}s", "timeout") from None
        except requests.exceptions.ConnectionError as e:
            if "timed out" in str(e):
                raise FetchError(f"{url}: timed out after {self.options.timeout:g}s (tried {self.options.retries + 1} times)",
                                 "timeout") from None
            raise FetchError(f"{url}: cannot connect ({_reason(e)})", "connection_error") from None
        except requests.exceptions.RequestException as e:
            raise FetchError(f"{url}: {e}", "error") from None
        with resp:
            attempts = _attempts(resp, url)
            if resp.status_code == 304:
                return self._result(url, resp, b"", started, attempts)
            if resp.status_code >= 400:
                raise FetchError(f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip(), "http_error",
                                 resp.status_code)
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(self.options.accept_types):
                raise FetchError(f"{url}: content type {ctype} is not HTML or a feed", "bad_type", resp.status_code)
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.options.max_bytes and not resp.headers.get("Content-Encoding"):
                raise FetchError(f"{url}: {int(declared)} bytes is over the {self.options.max_bytes}-byte cap",
                                 "too_large", resp.status_code)
            body = bytearray()
            try:
                for chunk in resp.iter_content(chunk_size=65536):
                    body += chunk
                    if len(body) > self.options.max_bytes:
                        raise FetchError(f"{url}: body over the {self.options.max_bytes}-byte cap; cut",
                                         "too_large", resp.status_code)
            except requests.exceptions.RequestException as e:
                raise FetchError(f"{url}: connection broke while reading ({_reason(e)})", "error") from None
            return self._result(url, resp, bytes(body), started, attempts)

    @staticmethod
    def _result(url, resp, content, started, attempts) -> FetchResult:
        return FetchResult(url=url, final_url=resp.url, status=resp.status_code, content=content,
                           content_type=resp.headers.get("Content-Type"), etag=resp.headers.get("ETag"),
                           last_modified=resp.headers.get("Last-Modified"), elapsed=time.monotonic() - started,
                           attempts=attempts)


def _attempts(resp, url: str) -> list[Attempt]:
    history = getattr(getattr(resp.raw, "retries", None), "history", ()) or ()
    out = [Attempt(urljoin(resp.url, h.url) if h.url else url, h.status, str(h.error) if h.error else None)
           for h in history if not h.redirect_location]
    out.append(Attempt(resp.url, resp.status_code, None))
    return out


def _reason(e: Exception) -> str:
    text = str(e.args[0] if e.args else e)
    if "Caused by" in text:
        text = text.split("Caused by", 1)[1].strip(" ()")
    return text[:200]
