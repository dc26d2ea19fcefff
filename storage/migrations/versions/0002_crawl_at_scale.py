"""Crawling at scale: frontier indexes for a long-lived database, host slots shared by workers.

After months of cron runs nearly every frontier row is a done article. The
lease of one host and the re-queueing of the discovery pages at the start of
a run then scanned them all (about 50 ms and 150 ms per call at a million
rows on SQLite); with these indexes both take a few milliseconds.

host_slots holds, per host, when its next request may start, so that crawl
workers on several machines (PostgreSQL) keep one host's delay between them.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_frontier_host", table_name="frontier")
    op.create_index("ix_frontier_host_ready", "frontier", ["host", "state", "next_at"])
    op.create_index("ix_frontier_discovery", "frontier", ["kind", "state", "source"])
    op.create_table("host_slots", sa.Column("host", sa.String(255), primary_key=True),
                    sa.Column("next_at", sa.DateTime(timezone=True), nullable=False))


def downgrade() -> None:
    op.drop_table("host_slots")
    op.drop_index("ix_frontier_discovery", table_name="frontier")
    op.drop_index("ix_frontier_host_ready", table_name="frontier")
    op.create_index("ix_frontier_host", "frontier", ["host"])
