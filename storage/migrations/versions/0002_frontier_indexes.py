"""Frontier indexes for a long-lived crawl database.

After months of cron runs nearly every frontier row is a done article. The
lease of one host and the re-queueing of the discovery pages at the start of
a run then scanned them all (about 50 ms and 150 ms per call at a million
rows on SQLite); with these indexes both take a few milliseconds.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_frontier_host", table_name="frontier")
    op.create_index("ix_frontier_host_ready", "frontier", ["host", "state", "next_at"])
    op.create_index("ix_frontier_discovery", "frontier", ["kind", "state", "source"])


def downgrade() -> None:
    op.drop_index("ix_frontier_discovery", table_name="frontier")
    op.drop_index("ix_frontier_host_ready", table_name="frontier")
    op.create_index("ix_frontier_host", "frontier", ["host"])
