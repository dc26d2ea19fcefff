"""Crawl throughput against the politeness bound, on loopback hosts.

    python bench/crawl_speed.py [--hosts 20] [--delay 0.2] [--pages 25] [--processes N] [--pages-from DIR] [--pg URL] [--runs 3]

Each host (127.0.0.10, .11, …) serves robots.txt, an RSS feed and ``--pages``
small Korean articles. With one request per host every ``delay`` seconds, the
bound is hosts / delay fetches per second (20 hosts at 0.2 s allow 100/s). The
script prints the measured rate (feeds and articles fetched, per second of the
whole run: start-up, discovery, extraction and storage included) and its ratio
to the bound for each run, then the median run (goal >= 0.9).

``--pg URL`` crawls into PostgreSQL, a new schema per run, instead of a new
SQLite file per run. ``--pages-from DIR`` serves real saved pages instead (every .html under DIR,
in turn), e.g. ../shared/external/korean-pages: full news pages cost about
20 ms each to extract, so there the bound is also CPU: extraction processes
/ extraction time. The script prints that bound too.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from patclaims.crawler.sources import load_sources  # noqa: E402
from patclaims.crawl import CrawlOptions, Crawler  # noqa: E402
from patclaims.pipeline import process_page  # noqa: E402
from patclaims.storage.db import Database, resolve_url  # noqa: E402
from tests.crawlsite import article  # noqa: E402
from tests.webserver import Host  # noqa: E402


def real_pages(directory: str | None) -> list[bytes]:
    return [p.read_bytes() for p in sorted(Path(directory).rglob("*.html"))] if directory else []


def serve(n_hosts: int, pages: int, pages_from: str | None, feeds: multiprocessing.Queue,
          stop: multiprocessing.Event) -> None:
    """The sites, in a process of their own (as remote sites would be), until ``stop`` is set."""
    hosts = [Host(f"127.0.0.{10 + i}") for i in range(n_hosts)]
    saved = real_pages(pages_from)
    for i, h in enumerate(hosts):
        items = []
        for n in range(pages):
            url = h.url(f"/news/{n}")
            h.add(f"/news/{n}", saved[(i * pages + n) % len(saved)] if saved else
                  article(url, f"기사 {n}", f"삼성전자는 특허 {1000 + n}건을 출원했다."))
            items.append(f"<item><link>{url}</link></item>")
        h.add("/rss.xml", f'<?xml version="1.0"?><rss version="2.0"><channel>{"".join(items)}</channel></rss>',
              content_type="application/rss+xml")
        h.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    feeds.put([h.url("/rss.xml") for h in hosts])
    stop.wait(600)
    for h in hosts:
        h.stop()


def pg_schema(base: str, schema: str) -> str:
    engine = create_engine(resolve_url(base))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{resolve_url(base)}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def drop_schema(base: str, schema: str) -> None:
    engine = create_engine(resolve_url(base))
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--delay", type=float, default=0.2)
    ap.add_argument("--pages", type=int, default=25)
    ap.add_argument("--processes", type=int, default=None, help="extraction processes (default: the crawl's)")
    ap.add_argument("--pages-from", metavar="DIR", help="serve the saved pages under DIR as the articles")
    ap.add_argument("--pg", metavar="URL", help="crawl into PostgreSQL (a new schema per run) instead of SQLite")
    ap.add_argument("--runs", type=int, default=3, help="runs to take the median of")
    args = ap.parse_args()
    feeds_q, stop = multiprocessing.Queue(), multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(args.hosts, args.pages, args.pages_from, feeds_q, stop), daemon=True)
    server.start()
    sources = ["[defaults]", f"delay = {args.delay}", "timeout = 10", ""]
    for i, feed in enumerate(feeds_q.get(timeout=60)):
        sources += ["[[sources]]", f'name = "h{i}"', f'feeds = ["{feed}"]', ""]
    results = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "sources.toml"
            path.write_text("\n".join(sources), "utf-8")
            url = pg_schema(args.pg, f"crawl_bench_{os.getpid()}_{run}") if args.pg else f"sqlite:///{d}/bench.db"
            db = Database(url, connections=args.hosts + 2)
            options = CrawlOptions(sources=load_sources(path), workers=args.hosts)
            if args.processes is not None:
                options.processes = args.processes
            t = time.perf_counter()
            summary = Crawler(db, options).run()
            results.append((time.perf_counter() - t, summary))
            db.dispose()
            if args.pg:
                drop_schema(args.pg, f"crawl_bench_{os.getpid()}_{run}")
    stop.set()
    server.join(timeout=10)
    # every fetch but robots.txt (once per host, before its first request) waits its turn: the feed
    # and the articles of a host are at least ``delay`` apart, so hosts / delay fetches per second at most
    bound = args.hosts / args.delay
    print(f"politeness bound: {bound:.0f} fetches/s ({args.hosts} hosts, one fetch per {args.delay}s each)")
    for seconds, summary in results:
        print(f"{summary.line()}: {summary.fetched / seconds:.1f} fetches/s, ratio {summary.fetched / seconds / bound:.2f}")
    seconds, summary = sorted(results, key=lambda r: r[0])[len(results) // 2]
    rate = summary.fetched / seconds
    print(f"median of {len(results)}: {rate:.1f} fetches/s over {seconds:.1f}s; "
          f"ratio {rate / bound:.2f} of the bound (goal >= 0.9)")
    saved = real_pages(args.pages_from)
    if saved:
        t = time.perf_counter()
        for raw in saved:
            process_page(raw, name="bench")
        per_page = (time.perf_counter() - t) / len(saved)
        cpu_bound = options.processes / per_page
        print(f"extraction: {per_page * 1000:.1f} ms per page here, so {options.processes} processes allow "
              f"{cpu_bound:.0f} pages/s; ratio {rate / min(bound, cpu_bound):.2f} of the lower bound "
              f"({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
