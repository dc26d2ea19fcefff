"""`patclaims query` runs on indexes for the common filters, on both backends: the plans say so.

A database of some 30,000 claims (bulk-loaded as the bench does, search terms
included); SQLite as it is (no ANALYZE: what a user has), PostgreSQL after
VACUUM ANALYZE (what autovacuum gives). bench/storage_speed.py times the same query
over 1,000,000 claims.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import insert, text

from patclaims.extractors.records import EXTRACTOR_VERSION
from patclaims.storage.db import Database
from patclaims.storage.models import ClaimRow, DocumentRow
from patclaims.storage.queries import ClaimQuery, claims_statement
from patclaims.storage.search import index_terms

DOCS, PER_DOC = 3000, 10
SUBJECTS = ["CN", "US", "KR", "JP", "DE", "samsung", "huawei", "baidu", None]


def load(db: Database) -> None:
    rnd = random.Random(3)
    now = datetime.now(timezone.utc)
    with db.engine.begin() as c:
        c.execute(insert(DocumentRow), [dict(
            url_key=f"https://plan.example/{i}", version=1, is_current=True, site=f"site{i % 30}",
            published=f"{2015 + i % 11}-{1 + i % 12:02}-01", published_date=date(2015 + i % 11, 1 + i % 12, 1),
            fetched_at=now, content_hash="x", text="", extraction="generic", extractor_version=EXTRACTOR_VERSION)
            for i in range(DOCS)])
        docs = c.execute(text("SELECT id, published_date FROM documents")).all()
        rows = []
        for n in range(DOCS * PER_DOC):
            doc_id, published = docs[n % DOCS]
            word = "표준특허" if n % 97 == 0 else "특허"
            rows.append(dict(document_id=doc_id, fingerprint=f"f{n}", figure_key=f"k{n % 5000}", superseded=False,
                             extractor_version=EXTRACTOR_VERSION, subject_id=rnd.choice(SUBJECTS),
                             measure=rnd.choice(("count", "count", "share", "rank", "growth")),
                             value=float(rnd.randint(1, 100000)), unit="item", qualifier="exact", text="1건",
                             start_offset=n % 100, end_offset=n % 100 + 2, sentence=f"{word} 출원 {n}건",
                             published_date=date.fromisoformat(published) if isinstance(published, str) else published))
        c.execute(insert(ClaimRow), rows)
        ids = c.execute(text("SELECT id, sentence FROM claims")).all()
        insert_search = ("INSERT INTO claims_search (rowid, terms) VALUES (:i, :t)" if db.is_sqlite else
                         "INSERT INTO claims_search (claim_id, terms) VALUES (:i, to_tsvector('simple', :t))")
        c.execute(text(insert_search), [{"i": i, "t": index_terms(s)} for i, s in ids])
    if not db.is_sqlite:        # as autovacuum leaves it: statistics, and the GIN index's pending list merged
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE claims_search"))
            c.execute(text("ANALYZE"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request, tmp_path_factory):
    from .conftest import PG_ENV, _pg_schema_url
    import os
    import uuid
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('plan') / 'plan.db'}"
        Database(url).dispose()
        db = Database(url)
        load(db)
        yield Database(url, read_only=True)
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: the PostgreSQL plans need a server (.ci/run sets it)")
    from sqlalchemy import create_engine
    schema = f"pc_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = _pg_schema_url(base, schema)
        db = Database(url)
        load(db)
        db.dispose()
        reader = Database(url, read_only=True)
        yield reader
        reader.dispose()
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def plan(db: Database, q: ClaimQuery) -> str:
    sql = str(claims_statement(q, db.dialect).compile(dialect=db.engine.dialect,
                                                      compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as c:
        rows = c.execute(text(("EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN ") + sql)).all()
    return "\n".join(str(r[-1]) for r in rows)


def sorts(db: Database, p: str) -> bool:
    return "TEMP B-TREE FOR ORDER BY" in p if db.is_sqlite else any(
        line.strip().startswith(("Sort", "->  Sort", "Incremental Sort", "->  Incremental Sort"))
        for line in p.splitlines())


COMMON = {
    "subject, measure, dates and min (the bench's query)": (
        ClaimQuery(subject_ids=["KR"], measure="count", since=date(2020, 1, 1), until=date(2022, 12, 31),
                   min_value=50000, limit=100), "ix_claims_live_subject"),
    "one subject": (ClaimQuery(subject_ids=["samsung"], limit=100), "ix_claims_live_subject"),
    "newest first, no filter": (ClaimQuery(limit=100), "ix_claims_live_date"),
    "a date range": (ClaimQuery(since=date(2024, 1, 1), until=date(2024, 6, 30), limit=100), "ix_claims_live_date"),
    "a measure and a minimum": (ClaimQuery(measure="rank", min_value=90000, limit=50), "ix_claims_live_date"),
}


@pytest.mark.parametrize("case", list(COMMON))
def test_common_filters_and_the_sort_run_on_an_index(loaded, case):
    q, index = COMMON[case]
    p = plan(loaded, q)
    assert index in p, p
    assert not sorts(loaded, p), p


def test_text_search_runs_on_the_search_index(loaded):
    p = plan(loaded, ClaimQuery(text="표준특허", limit=20))
    if loaded.is_sqlite:
        assert "claims_search VIRTUAL TABLE INDEX" in p, p
    else:
        assert "ix_claims_search_terms" in p, p
    assert "SCAN claims " not in p.replace("SCAN claims_search", "")
