"""The crawl's pipeline: extraction in worker processes, visits written by one writer thread."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from patclaims.cli import main
from patclaims.crawl import database_lost
from patclaims.extraction import ExtractionError, ExtractionPool
from patclaims.writer import Handover, VisitWriter, WriterFailed
from patclaims.storage import frontier
from patclaims.storage.db import Database
from patclaims.storage.events import FetchEvent
from patclaims.storage.frontier import NewUrl
from patclaims.storage.visits import Visit, record_visit

from .crawlsite import article, build

PAGE = article("https://news.example/1", "특허 출원", "삼성전자는 지난해 특허 4,387건을 출원했다.")


@pytest.fixture
def web():
    w = build()
    yield w
    w.stop()


def claims_of(db_url: str) -> list[tuple]:
    rows = json.loads(CliRunner().invoke(main, ["query", "--db", db_url, "--format", "json"]).stdout)
    return sorted((r["url"], r["subject"], r["value"], r["text"]) for r in rows)


def test_extraction_in_processes_or_in_threads_stores_the_same_claims(web, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(web.sources(), "utf-8")
    stored = []
    for processes in ("0", "2"):
        db_url = f"sqlite:///{tmp_path / f'p{processes}.db'}"
        result = CliRunner().invoke(main, ["crawl", "--sources", str(sources), "--db", db_url, "-q",
                                           "--source", "wire", "--processes", processes])
        assert result.exit_code == 0 and " 3 new," in result.stdout, result.output
        stored.append(claims_of(db_url))
    assert stored[0] and stored[0] == stored[1]


SLOW = b"<html><body>" + b"".join(b"<p>%d patent paragraph text here</p>" % i for i in range(200_000)) + \
    b"</body></html>"
SLOW_CAP = 16 * 2**20           # SLOW (7.9 MB) is over the default page cap: these tests are about its extraction


def test_a_dead_extractor_process_costs_its_page_only():
    pool = ExtractionPool(1)
    try:
        assert pool.result(pool.submit(PAGE, url=None, content_type=None, name="first"), "first").claims
        fut = pool.submit(SLOW, url=None, content_type=None, name="https://news.example/huge", max_bytes=SLOW_CAP)
        time.sleep(0.5)
        for child in multiprocessing.active_children():        # the OOM killer, say
            os.kill(child.pid, signal.SIGKILL)
        with pytest.raises(ExtractionError, match=r"^https://news\.example/huge: the extractor process died") as e:
            pool.result(fut, "https://news.example/huge")
        assert e.value.retryable                                  # not the page's fault: try it again later
        again = pool.submit(PAGE, url=None, content_type=None, name="next")
        assert pool.result(again, "next").claims[0].value == 4387
    finally:
        pool.close()


def test_a_page_that_extracts_too_long_is_skipped_and_the_next_one_is_not():
    pool = ExtractionPool(1, timeout=0.5)
    try:
        slow = pool.submit(SLOW, url=None, content_type=None, name="https://news.example/huge", max_bytes=SLOW_CAP)
        nxt = pool.submit(PAGE, url=None, content_type=None, name="next")
        with pytest.raises(ExtractionError, match=r"^https://news\.example/huge: extraction took longer than 0.5 s"):
            pool.result(slow, "https://news.example/huge")
        assert pool.result(nxt, "next").claims[0].value == 4387
    finally:
        pool.close()


def test_a_failed_write_stops_the_crawl_with_a_clear_error(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'w.db'}")
    frontier.add(db, [NewUrl("https://news.example/1", "news.example", "news", "article")])
    lease = frontier.lease(db, "me:1", "news.example", ["news"], 5, 60)[0]
    with db.transaction() as conn:
        conn.execute(text("DROP TABLE fetch_events"))            # the database breaks under the crawl
    written = []
    writer = VisitWriter(db, None, lambda *a: written.append(a))
    visit = Visit(lease.id, events=[FetchEvent(url=lease.url, outcome="ok", status=200)])
    writer.put(Handover(lease, lambda: (visit, "ok", False)))
    with pytest.raises(WriterFailed, match=r"w\.db failed: no such table: fetch_events; .*run the crawl again") as e:
        writer.close()
    assert "\n" not in str(e.value)
    with pytest.raises(WriterFailed):
        writer.put(Handover(lease, lambda: (visit, "ok", False)))      # no hang on a dead writer
    assert written == []
    with db.engine.connect() as c:                                    # the lease stays: next run takes it up
        assert c.execute(text("SELECT state FROM frontier")).scalar() == "leased"


def test_a_lost_database_is_one_line_whichever_crawl_thread_meets_it_first(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'w.db'}")
    frontier.add(db, [NewUrl("https://news.example/1", "news.example", "news", "article")])
    lease = frontier.lease(db, "me:1", "news.example", ["news"], 5, 60)[0]
    with db.transaction() as conn:
        conn.execute(text("DROP TABLE fetch_events"))
    visit = Visit(lease.id, events=[FetchEvent(url=lease.url, outcome="ok", status=200)])
    writer = VisitWriter(db, None, lambda *a: None)
    writer.put(Handover(lease, lambda: (visit, "ok", False)))
    with pytest.raises(WriterFailed) as by_writer:                   # the writer thread met it
        writer.close()
    with pytest.raises(SQLAlchemyError) as by_host:                  # a host thread met it
        record_visit(db, visit, None)
    lines = {str(database_lost(e.value, db.safe_url)) for e in (by_writer, by_host)}
    assert lines == {f"{db.safe_url}: no such table: fetch_events; the crawl stopped; "
                     "run it again when the database answers (what was stored is kept)"}

    def bug():
        raise KeyError("title")

    broken = VisitWriter(db, None, lambda *a: None)                   # failing for another reason: its own line
    broken.put(Handover(lease, bug))
    with pytest.raises(WriterFailed) as other:
        broken.close()
    assert database_lost(other.value, db.safe_url) is None


def test_an_extractor_bug_on_one_page_is_that_page_s_failure(monkeypatch):
    def broken(raw, **kw):
        raise KeyError("title")
    monkeypatch.setattr("patclaims.extraction.process_page", broken)
    pool = ExtractionPool(0)
    with pytest.raises(ExtractionError, match=r"^https://news\.example/9: the extractor failed on this page "
                                              r"\(KeyError: 'title'\); please report it") as e:
        pool.result(pool.submit(PAGE, url=None, content_type=None, name="https://news.example/9"),
                    "https://news.example/9")
    assert not e.value.retryable


def test_fetching_waits_when_the_writer_is_a_bound_behind(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'w.db'}")
    frontier.add(db, [NewUrl(f"https://news.example/{i}", "news.example", "news", "article") for i in range(3)])
    a, b, c = frontier.lease(db, "me:1", "news.example", ["news"], 5, 60)
    extracted = threading.Event()                             # page a's extraction is still running
    written = []
    writer = VisitWriter(db, None, lambda item, *rest: written.append(item.url), max_bytes=100)

    def handover(lease, wait=None):
        def complete():
            if wait:
                wait.wait(10)
            return Visit(lease.id), "stored", False
        return Handover(lease, complete, size=60)

    writer.put(handover(a, extracted))
    writer.put(handover(b))
    third = threading.Thread(target=writer.put, args=(handover(c),))
    third.start()
    third.join(0.5)
    assert third.is_alive()                                   # 60 + 60 bytes queued would pass the bound
    extracted.set()
    third.join(5)
    assert not third.is_alive()
    writer.close()
    assert written == [a.url, b.url, c.url]
