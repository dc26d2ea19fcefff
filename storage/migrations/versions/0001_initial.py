"""Initial schema: documents (versioned), claims, crawl runs, fetch events, frontier.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url_key", sa.String(2048), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("url", sa.String(2048)), sa.Column("final_url", sa.String(2048)),
        sa.Column("canonical_url", sa.String(2048)), sa.Column("site", sa.String(200)),
        sa.Column("source_name", sa.String(200)), sa.Column("title", sa.Text),
        sa.Column("published", sa.String(40)), sa.Column("published_date", sa.Date),
        sa.Column("fetched_at", TZ, nullable=False), sa.Column("http_status", sa.Integer),
        sa.Column("etag", sa.String(512)), sa.Column("last_modified", sa.String(100)),
        sa.Column("charset", sa.String(40)), sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("raw_gzip", sa.LargeBinary), sa.Column("text", sa.Text, nullable=False),
        sa.Column("extraction", sa.String(100), nullable=False),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.UniqueConstraint("url_key", "version", name="uq_documents_url_version"),
    )
    op.create_index("ix_documents_current", "documents", ["url_key", "is_current"])
    op.create_index("ix_documents_site", "documents", ["site"])
    op.create_index("ix_documents_published_date", "documents", ["published_date"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("figure_key", sa.String(200), nullable=False),
        sa.Column("superseded", sa.Boolean, nullable=False),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(200)), sa.Column("subject_id", sa.String(100)),
        sa.Column("measure", sa.String(20), nullable=False), sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(20), nullable=False), sa.Column("qualifier", sa.String(20), nullable=False),
        sa.Column("activity", sa.String(20)), sa.Column("patent_type", sa.String(100)),
        sa.Column("field", sa.String(200)), sa.Column("year_from", sa.Integer), sa.Column("year_to", sa.Integer),
        sa.Column("source", sa.String(500)), sa.Column("text", sa.String(500), nullable=False),
        sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.UniqueConstraint("document_id", "fingerprint", name="uq_claims_document_fingerprint"),
    )
    op.create_index("ix_claims_subject_id", "claims", ["subject_id", "measure"])
    op.create_index("ix_claims_figure", "claims", ["figure_key"])
    op.create_index("ix_claims_live", "claims", ["superseded", "document_id"])
    op.create_index("ix_claims_value", "claims", ["value"])

    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", TZ, nullable=False), sa.Column("finished_at", TZ),
        sa.Column("status", sa.String(20), nullable=False), sa.Column("worker", sa.String(200)),
        *[sa.Column(n, sa.Integer, nullable=False, server_default="0")
          for n in ("found", "fetched", "new", "changed", "failed", "claims_added")],
        sa.Column("message", sa.Text),
    )
    op.create_table(
        "fetch_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("crawl_runs.id", ondelete="SET NULL")),
        sa.Column("at", TZ, nullable=False), sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("status", sa.Integer), sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("error", sa.Text), sa.Column("duration_ms", sa.Integer, nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False), sa.Column("attempt", sa.Integer, nullable=False),
    )
    op.create_index("ix_fetch_events_url", "fetch_events", ["url"])
    op.create_index("ix_fetch_events_run", "fetch_events", ["run_id"])
    op.create_table(
        "frontier",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2048), nullable=False), sa.Column("host", sa.String(255), nullable=False),
        sa.Column("source", sa.String(200), nullable=False), sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("depth", sa.Integer, nullable=False), sa.Column("state", sa.String(20), nullable=False),
        sa.Column("lease_until", TZ), sa.Column("leased_by", sa.String(200)),
        sa.Column("attempts", sa.Integer, nullable=False), sa.Column("next_at", TZ),
        sa.Column("etag", sa.String(512)), sa.Column("last_modified", sa.String(100)),
        sa.Column("published", sa.String(40)), sa.Column("discovered_at", TZ, nullable=False),
        sa.Column("fetched_at", TZ), sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("url", name="uq_frontier_url"),
    )
    op.create_index("ix_frontier_ready", "frontier", ["state", "next_at"])
    op.create_index("ix_frontier_host", "frontier", ["host"])


def downgrade() -> None:
    for table in ("frontier", "fetch_events", "crawl_runs", "claims", "documents"):
        op.drop_table(table)
