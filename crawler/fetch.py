"""Fetching one URL politely and safely, with requests and urllib3's Retry.

Retries with exponential backoff and jitter on connection errors, 429 and
5xx, honouring Retry-After up to a cap; a longer Retry-After is not slept on
but reported (``retry_later``), so the crawl puts the URL back in its
frontier for then. No retry on other 4xx. Redirects are bounded and loops
detected. Only HTML and feeds are accepted by content type.

Every attempt has one deadline, ``timeout``, for connecting, headers and body
together (``deadline.py``), so a server that trickles is cut. The body is
read raw and inflated here through the capped inflater
(``extractors.limits``): ``Content-Encoding`` gzip/deflate and a body that is
itself gzip alike, never more than ``max_bytes`` in memory. Every failure
names the URL and its cause (no DNS entry, connection refused, timed out).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from patclaims.extractors.errors import InputError, PatclaimsError
from patclaims.extractors.limits import CAP_HINT, DEFAULT_MAX_BYTES, GZIP_MAGIC, Inflater, OverCapError, over_cap

from .causes import cause
from .deadline import DeadlineAdapter, Watch, Watchdog

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml",
                  "application/xml", "text/xml", "application/rdf+xml", "application/x-gzip", "application/gzip",
                  "text/plain")
USER_AGENT = "patclaims/0.1 (+https://github.com/patclaims/patclaims)"
CHUNK = 1 << 16


class FetchError(PatclaimsError):
    """A fetch that failed for good; ``outcome`` says how (http_error, too_large, bad_type, timeout,
    retry_later...); ``retry_after``: seconds the server asked to wait (retry_later)."""

    def __init__(self, message: str, outcome: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.outcome, self.status, self.retry_after = outcome, status, retry_after


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = USER_AGENT
    timeout: float = 20.0            # seconds per request, connect to last byte
    retries: int = 3
    backoff: float = 0.5             # seconds; doubles each retry, with jitter
    max_backoff: float = 30.0
    max_redirects: int = 5
    max_bytes: int = DEFAULT_MAX_BYTES     # the body, after decompression
    max_retry_after: int = 120       # seconds; a longer Retry-After is not slept on: retry_later
    accept_types: tuple[str, ...] = ACCEPTED_TYPES
    cap_hint: str = CAP_HINT         # how the user raises max_bytes, for the "over the cap" line


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
    try:
        host = parts.hostname
        parts.port                     # noqa: B018 -- raises on a port that is not a number
    except ValueError as e:
        raise InputError(f"{url}: not a valid URL ({e})") from None
    if not host:
        raise InputError(f"{url}: the URL has no host")
    return url


class _Retry(Retry):
    """urllib3's Retry, but a Retry-After past the cap is not slept on (the answer is handed back, and
    the fetch says when to come back), and a Retry-After that is not a number or a date is ignored."""

    def get_retry_after(self, response):
        try:
            return super().get_retry_after(response)
        except InvalidHeader:
            return None

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if response is not None and self.respect_retry_after_header \
                and response.status in self.RETRY_AFTER_STATUS_CODES:
            after = retry_after(response)
            if after is not None and after > self.retry_after_max:
                raise MaxRetryError(_pool, url, ResponseError(f"Retry-After {after:g} s is past the cap"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


def waits_too_long(url: str, status: int, after: float, cap: float, then: str = "try again after that") -> str:
    return (f"{url}: HTTP {status}: the server asks to wait {after:.0f} s (Retry-After), longer than the "
            f"{cap:g} s cap; {then}")


def retry_after(resp) -> float | None:
    """The seconds a response's Retry-After asks for, uncapped; None when absent or unreadable."""
    value = resp.headers.get("Retry-After")
    if not value:
        return None
    try:
        return Retry(retry_after_max=10**9).parse_retry_after(value)
    except InvalidHeader:
        return None


class Fetcher:
    """A requests session configured once; ``get`` fetches one URL."""

    def __init__(self, options: FetchOptions | None = None):
        self.options = o = options or FetchOptions()
        retry = _Retry(
            total=o.retries, connect=o.retries, read=o.retries, status=o.retries, redirect=o.max_redirects,
            backoff_factor=o.backoff, backoff_max=o.max_backoff, backoff_jitter=o.backoff / 2,
            status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET", "HEAD"),
            respect_retry_after_header=True, retry_after_max=o.max_retry_after,
            raise_on_status=False, raise_on_redirect=True)
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": o.user_agent, "Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5",
                                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                     "Accept-Encoding": "gzip, deflate"})      # what the body reader inflates
        self.session.max_redirects = o.max_redirects
        adapter = DeadlineAdapter(max_retries=retry, pool_maxsize=32)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.watchdog = Watchdog()

    def close(self) -> None:
        self.session.close()
        self.watchdog.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> FetchResult:
        """Fetch ``url``; ``max_bytes`` overrides the options' cap (sitemaps may be larger than pages)."""
        check_url(url)
        cap = max_bytes or self.options.max_bytes
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        with self.watchdog.watching(self.options.timeout) as watch:
            resp = self._send(url, headers, watch)
            try:
                attempts = _attempts(resp, url, self.options.timeout)
                if resp.status_code == 304:
                    return self._result(url, resp, b"", started, attempts)
                self._check(url, resp, cap)
                return self._result(url, resp, self._body(url, resp, watch, cap), started, attempts)
            finally:
                watch.stop()            # before the connection goes back to the pool, where another fetch takes it
                resp.close()

    def _send(self, url: str, headers: dict, watch: Watch) -> requests.Response:
        o = self.options
        try:
            return self.session.get(url, headers=headers, timeout=o.timeout, stream=True)
        except requests.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects (a loop, or more than {o.max_redirects})",
                             "redirect_loop") from None
        except requests.exceptions.RequestException as e:
            outcome, why = cause(e, url, o.timeout, watch.fired)
            tries = f"; tried {watch.attempts} times" if watch.attempts > 1 else ""
            raise FetchError(f"{url}: {why}{tries}", outcome) from None

    def _check(self, url: str, resp: requests.Response, cap: int) -> None:
        """Raise FetchError for an answer that is not a page to read: an error status, a wrong type, too big."""
        o = self.options
        if resp.status_code >= 400:
            after = retry_after(resp) if resp.status_code in Retry.RETRY_AFTER_STATUS_CODES else None
            if after is not None and after > o.max_retry_after:
                raise FetchError(waits_too_long(url, resp.status_code, after, o.max_retry_after),
                                 "retry_later", resp.status_code, after)
            raise FetchError(f"{url}: HTTP {resp.status_code} {resp.reason or ''}".rstrip(), "http_error",
                             resp.status_code)
        ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype and not ctype.startswith(o.accept_types):
            raise FetchError(f"{url}: content type {ctype} is not HTML or a feed", "bad_type", resp.status_code)
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(str(over_cap(url, cap, f"{int(declared):,} bytes declared, over", o.cap_hint)),
                             "too_large", resp.status_code)

    def _body(self, url: str, resp: requests.Response, watch: Watch, cap: int) -> bytes:
        """The body, read raw under the deadline and inflated through the capped inflater."""
        o = self.options
        coding = (resp.headers.get("Content-Encoding") or "identity").strip().lower()
        if coding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(f"{url}: content encoding {coding} is not supported (gzip and deflate are)",
                             "bad_encoding", resp.status_code)
        layers = [] if coding == "identity" else [Inflater("deflate" if coding == "deflate" else "gzip",
                                                           cap, url, o.cap_hint)]
        body, received, sniffed = bytearray(), 0, False
        try:
            for chunk in resp.raw.stream(CHUNK, decode_content=False):
                received += len(chunk)
                if received > cap:
                    raise over_cap(url, cap, "the body runs past", o.cap_hint)
                for layer in layers:
                    chunk = layer.feed(chunk)
                body += chunk
                if not sniffed and len(body) >= 2:          # a body that is itself gzip: inflate it too
                    sniffed = True
                    if body.startswith(GZIP_MAGIC):
                        layers.append(Inflater("gzip", cap, url, o.cap_hint))
                        body = bytearray(layers[-1].feed(bytes(body)))
                if len(body) > cap:
                    raise over_cap(url, cap, "the body runs past", o.cap_hint)
            if watch.fired:
                raise FetchError(f"{url}: timed out after {o.timeout:g} s (the body came too slowly)", "timeout",
                                 resp.status_code)
            for layer in layers:
                layer.finish()
        except OverCapError as e:
            raise FetchError(str(e), "too_large", resp.status_code) from None
        except InputError as e:                       # corrupt or truncated compressed data
            raise FetchError(str(e), "bad_body", resp.status_code) from None
        except (Urllib3Error, OSError) as e:
            outcome, why = cause(e, url, o.timeout, watch.fired)
            if outcome != "timeout":
                outcome, why = "error", f"the connection broke while reading the body ({why})"
            raise FetchError(f"{url}: {why}", outcome, resp.status_code) from None
        return bytes(body)

    @staticmethod
    def _result(url, resp, content, started, attempts) -> FetchResult:
        return FetchResult(url=url, final_url=resp.url, status=resp.status_code, content=content,
                           content_type=resp.headers.get("Content-Type"), etag=resp.headers.get("ETag"),
                           last_modified=resp.headers.get("Last-Modified"), elapsed=time.monotonic() - started,
                           attempts=attempts)


def _attempts(resp, url: str, timeout: float) -> list[Attempt]:
    history = getattr(getattr(resp.raw, "retries", None), "history", ()) or ()
    out = [Attempt(urljoin(resp.url, h.url) if h.url else url, h.status,
                   cause(h.error, url, timeout)[1] if h.error else None)
           for h in history if not h.redirect_location]
    out.append(Attempt(resp.url, resp.status_code, None))
    return out
