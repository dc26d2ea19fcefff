"""A database that explains itself: views, full-text search, query indexes, exact claim keys, UTC offsets.

- claims."start"/"end" become start_offset/end_offset ("end" is an SQL keyword),
  and claims.part says what they point into: the document's text or its title.
- claims.published_date repeats the document's, so the filters and the sort
  of `patclaims query` (newest first) run on one index: (superseded,
  published_date DESC, document_id, start_offset, measure, value), and the
  same after subject_id; measure and value in the index let SQLite drop a
  row before reading it (a quarter of the time of the filtered query).
- fingerprint and figure_key are recomputed from Claim.identity() and
  Claim.figure() (exact values: 1585661 and 1585664 are two claims). Two
  stored claims of one version that are now one claim keep both rows: the
  later one is marked superseded under a key of its own.
- claims_search: the sentences' search terms (storage.search); an FTS5 table
  on SQLite, a tsvector with a GIN index on PostgreSQL.
- SQLite timestamps are rewritten with their offset (…T09:12:00.000000+00:00).
- Views current_claims (live claims with their document's url, title, site,
  published) and figures (one row per figure across outlets, as query --group).

Revision ID: 0003
Revises: 0002
"""
import hashlib

import sqlalchemy as sa
from alembic import op

from patclaims.storage.repository import claim_keys
from patclaims.storage.search import index_terms

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIMESTAMPS = {"documents": ("fetched_at",), "crawl_runs": ("started_at", "finished_at"), "fetch_events": ("at",),
              "frontier": ("lease_until", "next_at", "discovered_at", "fetched_at"), "host_slots": ("next_at",)}

CURRENT_CLAIMS = """
CREATE VIEW current_claims AS
SELECT c.id, c.document_id, c.subject, c.subject_id, c.measure, c.value, c.unit, c.qualifier, c.activity,
       c.patent_type, c.field, c.year_from, c.year_to, c.source, c.text, c.part, c.start_offset, c.end_offset,
       c.sentence, c.figure_key, c.extractor_version,
       COALESCE(d.url, d.final_url, d.canonical_url, d.url_key) AS url, d.title, d.site, d.published,
       d.published_date, d.fetched_at, d.version
  FROM claims c JOIN documents d ON d.id = c.document_id
 WHERE d.is_current = true AND c.superseded = false
"""
FIGURES = """
CREATE VIEW figures AS
SELECT figure_key, subject_id, MIN(subject) AS subject, measure, value, unit, year_from, year_to,
       COUNT(DISTINCT document_id) AS documents, COUNT(DISTINCT site) AS sites,
       MIN(published) AS first_seen, MAX(published) AS last_seen
  FROM current_claims
 GROUP BY figure_key, subject_id, measure, value, unit, year_from, year_to
"""


def _query_indexes(sqlite: bool) -> None:
    newest = "published_date DESC" if sqlite else "published_date DESC NULLS LAST"
    op.execute(f"CREATE INDEX ix_claims_live_date ON claims (superseded, {newest}, document_id, start_offset, "
               "measure, value)")
    op.execute(f"CREATE INDEX ix_claims_live_subject ON claims (superseded, subject_id, {newest}, document_id, "
               "start_offset, measure, value)")


def _recompute_keys(conn) -> None:
    rows = conn.execute(sa.text("SELECT id, document_id, subject_id, measure, value, unit, activity, year_from, "
                                "year_to, fingerprint, figure_key FROM claims ORDER BY id")).all()
    taken: set[tuple[int, str]] = set()
    changes = []
    for r in rows:
        fp, fig = claim_keys(r.subject_id, r.measure, r.value, r.unit, r.activity, r.year_from, r.year_to)
        superseded = None
        if (r.document_id, fp) in taken:           # one claim now: keep the row, superseded, under its own key
            fp, superseded = hashlib.sha1(f"{fp}#{r.id}".encode()).hexdigest(), True
        taken.add((r.document_id, fp))
        if (fp, fig) != (r.fingerprint, r.figure_key) or superseded:
            changes.append({"i": r.id, "fp": fp, "fig": fig, "sup": superseded})
    if changes:
        conn.execute(sa.text("UPDATE claims SET fingerprint = :fp, figure_key = :fig, "
                             "superseded = COALESCE(:sup, superseded) WHERE id = :i"), changes)


def _search_table(conn, sqlite: bool) -> None:
    if sqlite:
        op.execute("CREATE VIRTUAL TABLE claims_search USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')")
        op.execute("CREATE TRIGGER claims_search_delete AFTER DELETE ON claims "
                   "BEGIN DELETE FROM claims_search WHERE rowid = old.id; END")
        insert = "INSERT INTO claims_search (rowid, terms) VALUES (:i, :t)"
    else:
        op.execute("CREATE TABLE claims_search (claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE, "
                   "terms TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX ix_claims_search_terms ON claims_search USING gin (terms)")
        insert = "INSERT INTO claims_search (claim_id, terms) VALUES (:i, to_tsvector('simple', :t))"
    last = 0
    while True:                                          # in batches: a large database need not fit in memory
        batch = conn.execute(sa.text("SELECT id, sentence FROM claims WHERE id > :last ORDER BY id LIMIT 5000"),
                             {"last": last}).all()
        if not batch:
            return
        conn.execute(sa.text(insert), [{"i": i, "t": index_terms(s)} for i, s in batch])
        last = batch[-1][0]


def upgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    op.drop_index("ix_claims_subject_id", table_name="claims")
    op.drop_index("ix_claims_live", table_name="claims")
    op.execute('ALTER TABLE claims RENAME COLUMN "start" TO start_offset')
    op.execute('ALTER TABLE claims RENAME COLUMN "end" TO end_offset')
    op.add_column("claims", sa.Column("part", sa.String(10), nullable=False, server_default="text"))
    op.add_column("claims", sa.Column("published_date", sa.Date))
    op.execute("UPDATE claims SET published_date = (SELECT published_date FROM documents d WHERE d.id = claims.document_id)")
    _recompute_keys(conn)
    _query_indexes(sqlite)
    _search_table(conn, sqlite)
    if sqlite:
        for table, columns in TIMESTAMPS.items():
            for c in columns:
                op.execute(f"UPDATE {table} SET {c} = replace({c}, ' ', 'T') || '+00:00' "
                           f"WHERE {c} IS NOT NULL AND {c} NOT LIKE '%+00:00'")
    op.execute(CURRENT_CLAIMS)
    op.execute(FIGURES)


def downgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    op.execute("DROP VIEW figures")
    op.execute("DROP VIEW current_claims")
    if sqlite:
        op.execute("DROP TRIGGER claims_search_delete")
        for table, columns in TIMESTAMPS.items():
            for c in columns:
                op.execute(f"UPDATE {table} SET {c} = replace(substr({c}, 1, 26), 'T', ' ') WHERE {c} LIKE '%+00:00'")
    op.execute("DROP TABLE claims_search")
    op.drop_index("ix_claims_live_subject", table_name="claims")
    op.drop_index("ix_claims_live_date", table_name="claims")
    op.drop_column("claims", "published_date")
    op.drop_column("claims", "part")
    op.execute('ALTER TABLE claims RENAME COLUMN start_offset TO "start"')
    op.execute('ALTER TABLE claims RENAME COLUMN end_offset TO "end"')
    op.create_index("ix_claims_subject_id", "claims", ["subject_id", "measure"])
    op.create_index("ix_claims_live", "claims", ["superseded", "document_id"])
