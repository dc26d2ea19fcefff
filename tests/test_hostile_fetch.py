"""Hostile servers met by `ingest` and `crawl`: bombs, trickles, long Retry-After, stalled robots.txt, closed ports.

Every server is real and on loopback (127.0.0.2… as separate hosts; nothing listens on a closed
port of 127.0.0.1). Each case checks the exact line, the exit status, that no traceback is printed,
what the database holds afterwards, and for the hang cases a stated bound on the time taken.
"""
from __future__ import annotations

import gzip
import socket
import time

import pytest
from click.testing import CliRunner
from urllib3.exceptions import NameResolutionError

from patclaims.cli import main
from patclaims.crawler.causes import cause
from patclaims.pipeline import process_page

from .crawlsite import article
from .hostile import LIMIT, ClosedPort, documents, gzip_bomb, ingested, no_traceback, run_limited, table
from .webserver import Host

CAP = "5,242,880"
HINT = "raise the cap with --max-bytes or PATCLAIMS_MAX_BYTES if the page is real"
LEAD = "삼성전자는 지난해 특허 5천712건을 출원했다."
ONE_FAILED = ingested(1, failed=1) + "\n"          # the summary that ends the stderr of one failed ingest


@pytest.fixture
def host():
    h = Host("127.0.0.2")
    yield h
    h.stop()


def ingest(*args):
    result = CliRunner().invoke(main, ["ingest", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert no_traceback(result.stderr)
    return result


def claims_in(raw: bytes, url: str) -> int:
    return len(process_page(raw, url=url).claims)


def test_a_gzip_bomb_served_three_ways_is_cut_under_a_memory_limit(host, db_url):
    good = article(host.url("/good"), "특허", LEAD)
    host.add("/good", good)
    bomb = gzip_bomb()
    urls = [host.add("/as-gzip", bomb, content_type="application/gzip"),
            host.add("/as-html", bomb, content_type="text/html"),
            host.add("/encoded", bomb, headers={"Content-Encoding": "gzip"})]
    run = run_limited("ingest", host.url("/good"), *urls, "--db", db_url)
    assert run.returncode == 1 and no_traceback(run.stderr)
    good_claims = claims_in(good, host.url("/good"))
    assert run.lines == [f"patclaims: {u}: gzip data inflates past the {CAP}-byte cap; skipped ({HINT})" for u in urls] \
        + [ingested(4, new=1, failed=3, claims=good_claims)]
    assert documents(db_url) == {(host.url("/good"), 1, good_claims)}
    assert table(db_url, "SELECT url, outcome FROM fetch_events WHERE outcome <> 'ok' ORDER BY id") == \
        [(u, "too_large") for u in urls]
    assert run.max_rss < LIMIT / 2, run.max_rss


def test_a_body_that_is_itself_gzip_is_read_whatever_its_type(host, db_url):
    html = article(host.url("/p"), "특허", LEAD)
    host.add("/p", gzip.compress(gzip.compress(html)), content_type="application/x-gzip",
             headers={"Content-Encoding": "gzip"})                      # a .html.gz served gzip-encoded
    result = ingest(host.url("/p"), "--db", db_url)
    claims = claims_in(html, host.url("/p"))
    assert result.exit_code == 0 and result.stderr == ingested(1, new=1, claims=claims) + "\n"   # no warning
    assert documents(db_url) == {(host.url("/p"), 1, claims)}


def test_a_corrupt_gzip_body_is_one_line(host, db_url):
    url = host.add("/broken", gzip.compress(b"<html><body>" + b"x" * 5000)[:-30], content_type="application/gzip")
    result = ingest(url, "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr == f"patclaims: {url}: gzip data is cut short; fetch or save the page again\n" + ONE_FAILED
    assert documents(db_url) == set()


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_server_that_trickles_is_cut_at_the_deadline(host, db_url, headers_too):
    url = host.add("/slow", article(host.url("/slow"), "특허", LEAD), trickle=0.2, trickle_headers=headers_too)
    started = time.monotonic()
    result = ingest(url, "--timeout", "1", "--db", db_url)
    took = time.monotonic() - started
    assert result.exit_code == 1
    # the body is not retried (its headers came); the headers are, by urllib3's Retry: 4 tries and backoff
    tries = "; tried 4 times" if headers_too else ""
    assert result.stderr == (f"patclaims: {url}: timed out after 1 s (127.0.0.2:{host.port} did not answer in "
                             f"full in time){tries}\n" + ONE_FAILED)
    assert took < (15 if headers_too else 5), took                   # a byte every 0.2 s would take minutes
    assert documents(db_url) == set()
    assert table(db_url, "SELECT outcome FROM fetch_events") == [("timeout",)]


def test_a_retry_after_past_the_cap_is_not_slept_on(host, db_url):
    url = host.add("/busy", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    result = ingest(url, "--db", db_url)
    assert time.monotonic() - started < 5 and host.count("/busy") == 1
    assert result.exit_code == 1
    assert result.stderr == (f"patclaims: {url}: HTTP 429: the server asks to wait 3600 s (Retry-After), longer "
                             "than the 120 s cap; try again after that\n" + ONE_FAILED)
    assert table(db_url, "SELECT status, outcome FROM fetch_events") == [(429, "retry_later")]


def test_a_short_retry_after_is_honoured(host, db_url):
    html = article(host.url("/soon"), "특허", LEAD)
    url = host.add("/soon", html, sequence=[(503, {"Retry-After": "1"})])
    result = ingest(url, "--db", db_url)
    assert result.exit_code == 0
    gap = host.hits[1].at - host.hits[0].at
    assert 0.9 <= gap < 5, gap
    assert documents(db_url) == {(url, 1, claims_in(html, url))}


def test_a_closed_port_is_named_as_refused(db_url):
    with ClosedPort() as port:
        url = f"http://127.0.0.1:{port}/article"
        result = ingest(url, "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr == (f"patclaims: {url}: connection refused by 127.0.0.1:{port} (nothing listens there); "
                             "tried 4 times\n" + ONE_FAILED)
    assert table(db_url, "SELECT outcome FROM fetch_events") == [("connection_error",)]


def test_no_dns_entry_is_named_as_such():
    # A DNS lookup would leave loopback, so the failure urllib3 raises for it is built here instead.
    error = NameResolutionError("nohost.example", None, socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    assert cause(error, "https://nohost.example/a", 10) == (
        "connection_error", "no DNS entry for nohost.example (check the host name)")


def test_a_damaged_utf8_page_fetched_is_kept_with_a_recorded_warning(host, db_url):
    raw = article(host.url("/d"), "특허", LEAD)
    cut = raw.index("관계자".encode()) + 1
    url = host.add("/d", raw[:cut] + raw[cut + 2:])
    result = ingest(url, "--db", db_url)
    assert result.exit_code == 0
    warning = "1 byte sequence(s) are not valid UTF-8; kept as UTF-8 with U+FFFD in their place"
    assert result.stderr == f"patclaims: {url}: warning: {warning}\n" + \
        ingested(1, new=1, claims=claims_in(raw[:cut] + raw[cut + 2:], url)) + "\n"
    assert table(db_url, "SELECT outcome, error FROM fetch_events WHERE outcome = 'warning'") == [("warning", warning)]
    assert table(db_url, "SELECT charset FROM documents") == [("utf-8",)]


def test_a_fetched_page_with_no_article_text_is_a_recorded_failure(host, db_url):
    url = host.add("/frames", "<html><frameset><frame src='/a'></frameset></html>")
    result = ingest(url, "--db", db_url)
    assert result.exit_code == 1
    reason = "a frameset page: its text is in the frames' own pages (/a); give those instead"
    assert result.stderr == f"patclaims: {url}: no article text: {reason}\n" + ONE_FAILED
    assert documents(db_url) == set()
    assert table(db_url, "SELECT outcome, error FROM fetch_events ORDER BY id") == \
        [("ok", None), ("bad_page", f"{url}: no article text: {reason}")]


def test_a_page_over_the_cap_is_cut_while_streaming(host, db_url):
    url = host.add("/huge", stream_bytes=3_000_000)
    result = ingest(url, "--max-bytes", "1000000", "--db", db_url)
    assert result.exit_code == 1
    assert result.stderr == f"patclaims: {url}: the body runs past the 1,000,000-byte cap; skipped ({HINT})\n" + ONE_FAILED
    assert table(db_url, "SELECT outcome FROM fetch_events") == [("too_large",)]
