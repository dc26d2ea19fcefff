"""`patclaims crawl` against a real HTTP server on several loopback hosts."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from patclaims.cli import main
from patclaims.locks import crawl_lock
from patclaims.storage.db import Database
from patclaims.storage.events import events_for

from .crawlsite import build

ARTICLES = ["/news/1", "/news/2", "/news/3", "/news/4", "/a/100", "/a/101", "/a/1",
            "/board/view/?id=patent&no=11", "/board/view/?id=patent&no=12", "/board/view/?id=patent&no=14"]


@pytest.fixture
def web():
    w = build()
    yield w
    w.stop()


@pytest.fixture
def sources(web, tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(web.sources(), "utf-8")
    return str(path)


def crawl(db_url, sources, *args):
    return CliRunner().invoke(main, ["crawl", "--sources", sources, "--db", db_url, "-q", *args])


def hits(web, path):
    return sum(h.count(path) for h in (web.news, web.wire, web.board, web.bad))


def documents(db_url):
    db = Database(db_url)
    with db.engine.connect() as c:
        rows = c.execute(text("SELECT url_key, version FROM documents")).all()
    db.dispose()
    return rows


def test_crawl_discovers_fetches_and_stores(web, sources, db_url):
    result = crawl(db_url, sources)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("crawl ok:") and " 10 new," in result.stdout and " 8 failed," in result.stdout
    assert len(documents(db_url)) == 10
    assert all(hits(web, p) >= 1 for p in ARTICLES)
    assert web.board.count("/board/view/?id=patent&no=13") == 0                # robots.txt Disallow
    assert web.board.count("/board/lists/?id=patent&page=3") == 0              # beyond max_depth
    assert all(h.headers["User-Agent"] == "patclaims-test/1.0" for h in web.news.hits)
    rows = json.loads(CliRunner().invoke(main, ["query", "--db", db_url, "--format", "json"]).stdout)
    assert {r["value"] for r in rows} >= {5712, 12000, 7689, 2299, 4115, 3855}     # 12000 from the EUC-KR page
    db = Database(db_url)
    robots = events_for(db, web.board.url("/board/view/?id=patent&no=13"))
    assert [e.outcome for e in robots] == ["robots"]
    retried = events_for(db, web.news.url("/news/2"))
    assert [e.status for e in retried] == [429, 200]                             # every attempt recorded


def test_rerun_fetches_no_article_again_and_asks_conditionally(web, sources, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    crawl(db_url, sources)
    before = {p: hits(web, p) for p in ARTICLES}
    result = crawl(db_url, sources)
    assert result.exit_code == 0 and " 0 new," in result.stdout
    assert {p: hits(web, p) for p in ARTICLES} == before
    last_rss = [h for h in web.news.hits if h.path == "/rss.xml"][-1]
    assert last_rss.headers.get("If-None-Match") == '"rss-v1"'
    assert web.wire.count("/news-sitemap.xml.gz") == 2                          # child sitemaps are asked again too
    assert len(documents(db_url)) == 10


def test_refresh_fetches_stored_articles_again(web, sources, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    crawl(db_url, sources, "--source", "wire")
    result = crawl(db_url, sources, "--source", "wire", "--refresh")
    assert " 0 new, 0 changed" in result.stdout
    assert web.wire.count("/a/100") == 2 and len(documents(db_url)) == 3


def test_since_skips_older_sitemap_entries(web, sources, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    crawl(db_url, sources, "--source", "wire", "--since", "2020-01-01")
    assert web.wire.count("/a/1") == 0 and web.wire.count("/a/100") == 1


def test_one_source_and_a_page_budget(web, sources, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    result = crawl(db_url, sources, "--source", "board", "--max-pages", "2")
    assert " 2 new," in result.stdout and web.news.hits == [] and web.wire.hits == []
    result = crawl(db_url, sources, "--source", "board")
    assert " 1 new," in result.stdout                                          # the rest comes next run


def test_failures_are_recorded_and_the_crawl_goes_on(web, sources, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    crawl(db_url, sources, "--source", "bad")
    db = Database(db_url)
    outcome = {p: [e.outcome for e in events_for(db, web.bad.url(p))] for p in
               ("/slow", "/huge", "/bomb", "/loop-a", "/image", "/gone", "/empty")}
    assert outcome["/slow"][-1] == "timeout"
    assert outcome["/huge"] == ["too_large"] and outcome["/bomb"] == ["too_large"]
    assert outcome["/loop-a"] == ["redirect_loop"]
    assert outcome["/image"] == ["bad_type"]
    assert outcome["/gone"] == ["http_error"] and web.bad.count("/gone") == 1      # no retry on 404
    assert web.bad.count("/bomb") == 1
    assert outcome["/empty"] == ["ok", "bad_page"]                               # extracted in a worker process
    with db.engine.connect() as c:
        state, error = c.execute(text("SELECT state, last_error FROM frontier WHERE url = :u"),
                                 {"u": web.bad.url("/empty")}).one()
    assert state == "failed" and error.endswith("empty page; nothing to extract")     # not retried: no use


def test_host_delay_and_crawl_delay_are_kept(web, sources, db_url):
    crawl(db_url, sources, "--source", "board")
    times = [h.at for h in web.board.hits if h.path != "/robots.txt"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) >= 4 and min(gaps) >= 0.28                                # robots.txt Crawl-delay: 0.3


def test_a_second_crawl_exits_at_once(sources, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    db = Database(db_url)
    with crawl_lock(db, "me"):
        started = time.monotonic()
        result = crawl(db_url, sources)
    assert result.exit_code == 75 and time.monotonic() - started < 5
    assert "another patclaims crawl is running" in result.stderr


def children(pid: int) -> list[int]:
    if not os.path.exists("/proc/self/stat"):
        pytest.skip("reading child processes needs Linux /proc")
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            found.append(int(entry))
    return found


def crawl_in_background(web, tmp_path, db_url, stored, crawl_url=None, sources=None, **popen):
    """A crawl in a process of its own, returned once it has stored ``stored`` documents, with its command."""
    path = tmp_path / "slow.toml"
    path.write_text(web.sources(**(sources or {"delay": 0.4})), "utf-8")
    cmd = [sys.executable, "-m", "patclaims", "crawl", "--sources", str(path), "--db", crawl_url or db_url, "-q"]
    Database(db_url).dispose()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(documents(db_url)) < stored:
        time.sleep(0.05)
    return proc, cmd


def assert_next_run_completes(cmd, db_url):
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    docs = documents(db_url)
    assert len(docs) == 10 and all(v == 1 for _, v in docs)                      # nothing lost, nothing twice


def test_sigkill_mid_crawl_then_resume(web, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    proc, cmd = crawl_in_background(web, tmp_path, db_url, 3)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert 3 <= len(documents(db_url)) < 10
    assert workers, "the crawl extracts in worker processes"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in workers):
        time.sleep(0.1)
    assert not any(os.path.exists(f"/proc/{pid}") for pid in workers)          # no orphans left behind
    assert_next_run_completes(cmd, db_url)


def test_ctrl_c_stops_a_crawl_soon_and_the_next_run_completes_it(web, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    proc, cmd = crawl_in_background(web, tmp_path, db_url, 2, start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)                  # as a terminal does: the whole process group
    started = time.monotonic()
    out, _ = proc.communicate(timeout=30)
    assert time.monotonic() - started < 5 and proc.returncode == 130
    assert out.decode().startswith("crawl interrupted: ")
    assert 2 <= len(documents(db_url)) < 10
    assert_next_run_completes(cmd, db_url)


def test_a_database_lost_mid_crawl_stops_it_with_one_line_and_the_next_run_completes(web, tmp_path, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("a database server that goes away is the PostgreSQL case")
    # a name of this test's own: other checkouts on this machine run the same test against the same server
    name = f"patclaims-lost-{uuid.uuid4().hex[:12]}"
    proc, cmd = crawl_in_background(web, tmp_path, db_url, 2, crawl_url=db_url + f"&application_name={name}",
                                    sources={"delay": 0.3, "skip": ("bad",)}, text=True)
    db = Database(db_url)
    with db.engine.begin() as c:                         # the server drops the crawl's connections (a restart)
        c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE application_name = :name"), {"name": name})
    db.dispose()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.strip().count("\n") == 0 and "the crawl stopped; run it again when the database answers" in err
    assert 2 <= len(documents(db_url)) < 10
    assert_next_run_completes(cmd, db_url)


def test_two_workers_on_postgresql_fetch_each_article_once(web, tmp_path, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("shared frontier across workers is the PostgreSQL mode")
    sources = tmp_path / "sources.toml"       # without the failing host: a worker given only its URLs fails
    sources.write_text(web.sources(skip=("bad",)), "utf-8")
    Database(db_url).dispose()
    cmds = [[sys.executable, "-m", "patclaims", "crawl", "--sources", str(sources), "--db", db_url, "-q",
             "--worker-id", f"w{i}", "--workers", "3"] for i in (1, 2)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    once = [p for p in ARTICLES if p not in ("/news/2", "/news/3")]            # those two answer 429/503 first
    assert {p: hits(web, p) for p in once} == {p: 1 for p in once}
    assert len(documents(db_url)) == 10
    times = sorted(h.at for h in web.board.hits if h.path != "/robots.txt")     # both workers together
    # Crawl-delay: 0.3 holds across them, within the jitter of two busy processes starting a request
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.25
