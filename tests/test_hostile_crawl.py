"""A crawl among hostile hosts ends in a stated time with every other host's pages; its run row tells the truth.

The crawl runs as a user's cron job does, in a process of its own (under a memory limit, since two
of its pages are gzip bombs), against five loopback hosts: a good one carrying bombs and pages with
no text, one that trickles, one that answers 429 with Retry-After: 3600, one whose robots.txt
stalls, and a closed port. Timeouts are scaled down (1 s, one retry) so the bound is short.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from patclaims.crawler.fetch import Fetcher, FetchOptions
from patclaims.crawler.polite import Robots

from .crawlsite import article, build
from .hostile import LIMIT, ClosedPort, documents, gzip_bomb, no_traceback, run_limited, table
from .webserver import Host

LEAD = "삼성전자는 지난해 특허 5천712건을 출원했다."
BOUND = 45                # seconds for the whole crawl; each hostile host costs at most ~3 s at these timeouts
SUMMARY = re.compile(r"crawl (\w+): (\d+) found, (\d+) fetched, (\d+) new, (\d+) changed, (\d+) failed, "
                     r"(\d+) claims added in [\d.]+s")
COUNTS = ("found", "fetched", "new", "changed", "failed", "claims_added")


def feed(host: Host, paths) -> str:
    items = "".join(f"<item><link>{host.url(p)}</link></item>" for p in paths)
    return host.add("/rss.xml", f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>',
                    content_type="application/rss+xml")


@pytest.fixture
def hostile():
    good, trickle, later, stall = (Host(ip) for ip in ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"))
    damaged = article(good.url("/a/2"), "특허", LEAD)
    cut = damaged.index("관계자".encode()) + 1
    good.add("/a/1", article(good.url("/a/1"), "특허", LEAD))
    good.add("/a/2", damaged[:cut] + damaged[cut + 2:])
    good.add("/a/deep", "<html><body>" + "<div>" * 300 + f"<p>{LEAD}</p>" + "</div>" * 300 + "</body></html>")
    good.add("/a/frames", "<html><frameset><frame src='/a/1'></frameset></html>")
    good.add("/a/bomb-gzip", gzip_bomb(), content_type="application/gzip")
    good.add("/a/bomb-html", gzip_bomb(), content_type="text/html")
    feed(good, ["/a/1", "/a/2", "/a/deep", "/a/frames", "/a/bomb-gzip", "/a/bomb-html"])
    trickle.add("/t/body", article(trickle.url("/t/body"), "특허", LEAD), trickle=0.3)
    trickle.add("/t/head", article(trickle.url("/t/head"), "특허", LEAD), trickle=0.3, trickle_headers=True)
    trickle.add("/t/ok", article(trickle.url("/t/ok"), "특허", LEAD))
    feed(trickle, ["/t/body", "/t/head", "/t/ok"])
    later.add("/l/busy", status=429, headers={"Retry-After": "3600"})
    later.add("/l/ok", article(later.url("/l/ok"), "특허", LEAD))
    feed(later, ["/l/busy", "/l/ok"])
    stall.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain", delay=60)
    stall.add("/s/1", article(stall.url("/s/1"), "특허", LEAD))
    feed(stall, ["/s/1"])
    with ClosedPort() as port:
        yield good, trickle, later, stall, port
    for h in (good, trickle, later, stall):
        h.stop()


def sources_file(tmp_path, hosts, port) -> str:
    good, trickle, later, stall = hosts
    names = zip(("good", "trickle", "later", "stall", "closed"),
                [h.url("/rss.xml") for h in hosts] + [f"http://127.0.0.1:{port}/rss.xml"])
    path = tmp_path / "sources.toml"
    path.write_text("[defaults]\ndelay = 0.05\ntimeout = 1\nretries = 1\n" + "".join(
        f'\n[[sources]]\nname = "{name}"\nfeeds = ["{url}"]\n' for name, url in names), "utf-8")
    return str(path)


def run_row(db_url) -> dict:
    (row,) = table(db_url, "SELECT status, found, fetched, new, changed, failed, claims_added, finished_at "
                           "FROM crawl_runs")
    return dict(zip(("status", *COUNTS, "finished_at"), row))


def test_a_crawl_among_hostile_hosts_ends_in_time_with_every_other_page(hostile, tmp_path, db_url):
    good, trickle, later, stall, port = hostile
    run = run_limited("crawl", "--sources", sources_file(tmp_path, hostile[:4], port), "--db", db_url,
                      "--workers", "5", timeout=BOUND + 30)
    assert run.seconds < BOUND, run.seconds
    assert run.returncode == 0 and no_traceback(run.stderr), run.stderr
    assert run.max_rss < LIMIT / 2, run.max_rss
    summary = SUMMARY.fullmatch(run.stdout.strip())
    assert summary and summary.group(1) == "ok", run.stdout

    # every page of the other hosts is stored; nothing of the hostile ones, and no empty document
    stored = {url for url, _, _ in documents(db_url)}
    assert stored == {good.url("/a/1"), good.url("/a/2"), trickle.url("/t/ok"), later.url("/l/ok")}
    assert stall.count("/s/1") == 0 and stall.count("/rss.xml") == 0           # robots.txt unknown: not asked
    events = dict(table(db_url, "SELECT url, outcome FROM fetch_events WHERE outcome NOT IN ('ok', 'warning')"))
    assert events == {
        good.url("/a/deep"): "bad_page", good.url("/a/frames"): "bad_page",
        good.url("/a/bomb-gzip"): "too_large", good.url("/a/bomb-html"): "too_large",
        trickle.url("/t/body"): "timeout", trickle.url("/t/head"): "timeout",
        later.url("/l/busy"): "retry_later",
        stall.url("/rss.xml"): "robots", f"http://127.0.0.1:{port}/rss.xml": "robots"}
    assert table(db_url, "SELECT url FROM fetch_events WHERE outcome = 'warning'") == [(good.url("/a/2"),)]

    # the 429 is back in the frontier for an hour from now, not slept on
    (next_at,) = table(db_url, "SELECT next_at FROM frontier WHERE url = :u", u=later.url("/l/busy"))[0]
    next_at = next_at if isinstance(next_at, datetime) else datetime.fromisoformat(next_at)
    assert next_at.replace(tzinfo=next_at.tzinfo or timezone.utc) > datetime.now(timezone.utc) + timedelta(minutes=55)

    # each warning names the host and the cause
    warnings = [line.split(" WARNING ", 1)[1].split(": ", 1)[1] for line in run.lines if " WARNING " in line]
    s, c = f"127.0.0.5:{stall.port}", f"127.0.0.1:{port}"
    assert (f"{s}: robots.txt could not be fetched (timed out after 1 s ({s} did not answer in full in time); "
            "tried 2 times); the host is skipped this run and tried again on the next") in warnings
    assert (f"{c}: robots.txt could not be fetched (connection refused by {c} (nothing listens there); "
            "tried 2 times); the host is skipped this run and tried again on the next") in warnings
    assert any(w.startswith(f"{trickle.url('/t/body')}: timed out after 1 s") for w in warnings)
    assert (f"{later.url('/l/busy')}: HTTP 429: the server asks to wait 3600 s (Retry-After), longer than the "
            "120 s cap; put back in the frontier for then") in warnings
    assert f"{good.url('/a/frames')}: no article text: a frameset page: its text is in the frames' own pages " \
           "(/a/1); give those instead" in warnings

    # the run row says what the summary line says
    row = run_row(db_url)
    assert row["status"] == "ok" and row["finished_at"] is not None
    assert [row[k] for k in COUNTS] == [int(g) for g in summary.groups()[1:]]
    assert row["new"] == len(stored)


def crawl_cmd(sources: str, db_url: str) -> list[str]:
    return [sys.executable, "-m", "patclaims", "crawl", "--sources", sources, "--db", db_url, "-q"]


def start_crawl(web, tmp_path, db_url, stored: int, **popen) -> tuple[subprocess.Popen, list[str]]:
    """A slow crawl of the test web in the background, returned once it has stored ``stored`` documents."""
    path = tmp_path / "slow.toml"
    path.write_text(web.sources(delay=0.4, skip=("bad",)), "utf-8")
    cmd = crawl_cmd(str(path), db_url)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(table(db_url, "SELECT id FROM documents")) < stored:
        time.sleep(0.05)
    return proc, cmd


@pytest.fixture
def web():
    w = build()
    yield w
    w.stop()


def test_a_run_left_running_by_a_killed_crawl_is_closed_by_the_next(web, tmp_path, db_url):
    proc, cmd = start_crawl(web, tmp_path, db_url, 2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    assert [r[0] for r in table(db_url, "SELECT status FROM crawl_runs")] == ["running"]
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    runs = table(db_url, "SELECT status, finished_at IS NOT NULL, message FROM crawl_runs ORDER BY id")
    assert runs == [("interrupted", True, "closed by the next run: this crawl was killed before it could record "
                                          "its end, so its counts were not saved"),
                    ("ok", True, None)]


def test_after_ctrl_c_the_run_row_says_what_the_summary_said(web, tmp_path, db_url):
    proc, _ = start_crawl(web, tmp_path, db_url, 2, start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and no_traceback(err)
    summary = SUMMARY.match(out)
    assert summary and summary.group(1) == "interrupted", out
    row = run_row(db_url)
    assert row["status"] == "interrupted"
    assert [row[k] for k in COUNTS] == [int(g) for g in summary.groups()[1:]]
    assert row["new"] == len(documents(db_url))                           # and both say what was stored


def test_a_stalled_robots_txt_holds_its_own_host_only():
    stall, good = Host("127.0.0.5"), Host("127.0.0.2")
    stall.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain", delay=60)
    good.add("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    fetcher, robots = Fetcher(FetchOptions(timeout=3, retries=0)), Robots()
    try:
        stalled = threading.Thread(target=robots.refusal, args=(stall.url("/a"), fetcher))
        stalled.start()
        while not stall.count("/robots.txt"):                 # the stalled fetch is in flight
            time.sleep(0.01)
        started = time.monotonic()
        refusal = robots.refusal(good.url("/private/1"), fetcher)
        assert time.monotonic() - started < 1 and stalled.is_alive()      # not behind the stalled host
        assert refusal.disallowed and refusal.message == f"{good.url('/private/1')}: disallowed by robots.txt"
        stalled.join(10)
        refusal = robots.refusal(stall.url("/a"), fetcher)
        assert not refusal.disallowed and refusal.message == (
            f"127.0.0.5:{stall.port}: robots.txt could not be fetched (timed out after 3 s (127.0.0.5:{stall.port} "
            "did not answer in full in time)); the host is skipped this run and tried again on the next")
    finally:
        fetcher.close()
        stall.stop()
        good.stop()
