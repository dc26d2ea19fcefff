"""Ingest throughput and filtered-query latency, on SQLite and (when a URL is given) PostgreSQL.

    python bench/storage_speed.py [--claims 1000000] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

The goal for the query is <= 5 ms on both backends (issue 10).

Ingest: the fixtures stored as distinct documents through storage.repository
(one transaction per document), reported as documents/s and claims/s.
Query: a table of ``--claims`` synthetic claims (bulk-loaded), then the median
latency of a filtered `patclaims query` (subject + measure + date range + min)
through storage.queries.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import insert, text

from patclaims.extractors.records import EXTRACTOR_VERSION
from patclaims.pipeline import process_file
from patclaims.storage.db import Database
from patclaims.storage.models import ClaimRow, DocumentRow
from patclaims.storage.queries import ClaimQuery, query_claims
from patclaims.storage.repository import FetchInfo, store_document

ROOT = Path(__file__).resolve().parent.parent


def bench_ingest(db: Database, copies: int) -> None:
    docs = [process_file(p) for p in sorted((ROOT / "fixtures" / "pages").glob("*.html"))]
    n_docs = n_claims = 0
    t = time.perf_counter()
    for i in range(copies):
        for d in docs:
            d.canonical_url = f"https://bench.example/{i}/{Path(d.path).stem}"
            r = store_document(db, d, b"<html>x</html>", FetchInfo())
            n_docs, n_claims = n_docs + 1, n_claims + r.claims_added
    s = time.perf_counter() - t
    print(f"  ingest: {n_docs / s:.0f} documents/s, {n_claims / s:.0f} claims/s ({n_docs} documents)")


def load_claims(db: Database, total: int) -> None:
    rnd = random.Random(7)
    subjects = ["CN", "US", "KR", "JP", "DE", "samsung", "huawei", "baidu", None]
    now = datetime.now(timezone.utc)
    docs_n = max(1, total // 10)
    with db.engine.begin() as c:
        for start in range(0, docs_n, 5000):
            c.execute(insert(DocumentRow), [dict(
                url_key=f"https://load.example/{i}", version=1, is_current=True, site=f"site{i % 40}",
                published=f"20{15 + i % 11}-{1 + i % 12:02}-01", published_date=date(2015 + i % 11, 1 + i % 12, 1),
                fetched_at=now, content_hash="x", text="", extraction="generic", extractor_version=EXTRACTOR_VERSION)
                for i in range(start, min(docs_n, start + 5000))])
        ids = [r[0] for r in c.execute(text("SELECT id FROM documents WHERE url_key LIKE 'https://load.example/%'"))]
        dates = dict(c.execute(text("SELECT id, published_date FROM documents")).all())
        for start in range(0, total, 20000):
            rows = []
            for i in range(start, min(total, start + 20000)):
                doc = ids[i % len(ids)]
                rows.append(dict(
                    document_id=doc, fingerprint=f"f{i}", figure_key=f"k{i % 50000}", superseded=False,
                    extractor_version=EXTRACTOR_VERSION, subject_id=rnd.choice(subjects), measure=rnd.choice(
                        ("count", "count", "share", "rank", "growth")), value=float(rnd.randint(1, 100000)),
                    unit="item", qualifier="exact", text="1건", start_offset=i % 1000, end_offset=i % 1000 + 2,
                    sentence="특허 문장", published_date=_date(dates[doc])))
            c.execute(insert(ClaimRow), rows)
    # the database at rest, as after months of crawls: checkpointed (SQLite), analysed (PostgreSQL)
    if db.dialect == "sqlite":
        raw = db.engine.raw_connection()          # outside any transaction
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    else:
        with db.engine.begin() as c:
            c.execute(text("ANALYZE"))


def _date(value) -> date | None:          # SQLite hands back text for a raw SELECT
    return date.fromisoformat(value) if isinstance(value, str) else value


def bench_query(db: Database) -> None:
    q = ClaimQuery(subject_ids=["KR"], measure="count", since=date(2020, 1, 1), until=date(2022, 12, 31),
                   min_value=50000, limit=100)
    query_claims(db, q)                   # warm: the first query pays for compiling and the page cache
    times = []
    for _ in range(15):
        t = time.perf_counter()
        rows = query_claims(db, q)
        times.append(time.perf_counter() - t)
    print(f"  filtered query (subject+measure+dates+min, limit 100): median {statistics.median(times) * 1000:.1f} ms,"
          f" best {min(times) * 1000:.1f} ms, {len(rows)} rows (goal <= 5 ms)")


def run(url: str, claims: int, copies: int) -> None:
    db = Database(url)
    print(f"{db.dialect}:")
    bench_ingest(db, copies)
    t = time.perf_counter()
    load_claims(db, claims)
    print(f"  loaded {claims} claims in {time.perf_counter() - t:.0f}s")
    db.dispose()
    reader = Database(url, read_only=True)    # as `patclaims query` opens it
    bench_query(reader)
    reader.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--pg", help="a PostgreSQL URL whose schema may be filled (use a scratch database)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        run(f"sqlite:///{d}/bench.db", args.claims, args.copies)
    if args.pg:
        from sqlalchemy import create_engine
        schema = f"bench_{int(time.time())}"
        admin = create_engine(args.pg)
        with admin.begin() as c:
            c.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            run(f"{args.pg}{'&' if '?' in args.pg else '?'}options=-csearch_path%3D{schema}", args.claims, args.copies)
        finally:
            with admin.begin() as c:
                c.execute(text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
