"""The schema, as SQLAlchemy 2.0 typed models. Migrations (``storage/migrations``) create it.

documents   one row per version of a page; ``is_current`` marks the latest.
claims      the claims of a version; ``superseded`` once a newer version or
            a re-extraction replaced them. ``fingerprint`` is stable for the
            same figure in the same document; ``figure_key`` groups the same
            figure (subject_id, measure, value, period) across outlets; both come
            from ``Claim.identity()`` and ``Claim.figure()`` (exact values).
            ``published_date`` repeats the document's, so that the filters and
            the sort of `patclaims query` run on one index.
claims_search   the sentences' search terms (``storage.search``): an FTS5 table
            on SQLite, a tsvector with a GIN index on PostgreSQL.
crawl_runs, fetch_events, frontier   what the crawler did and has left to do.
current_claims, figures   views for hand queries (migration 0003).

Every timestamp carries its UTC offset, on both backends (``UTCDateTime``).
Some objects are created by the migrations only, being per dialect (indexes
with a sort order, the search table, the views): ``MIGRATION_ONLY`` names them.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        TypeDecorator, UniqueConstraint)
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# SQLite has no time zone type: timestamps are ISO 8601 text in UTC with the offset written out,
# fixed-width so that text order is time order (2024-05-01T09:12:00.000000+00:00).
_SQLITE_UTC = SQLITE_DATETIME(
    storage_format="%(year)04d-%(month)02d-%(day)02dT%(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d+00:00",
    regexp=r"(\d+)-(\d+)-(\d+)[T ](\d+):(\d+):(\d+)(?:\.(\d+))?")

MIGRATION_ONLY = frozenset({"ix_claims_live_date", "ix_claims_live_subject", "claims_search", "current_claims",
                            "figures"})


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and read back aware: timestamptz on PostgreSQL, offset text on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(_SQLITE_UTC if dialect.name == "sqlite" else DateTime(timezone=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None or value.tzinfo:
            return value
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("url_key", "version", name="uq_documents_url_version"),
        Index("ix_documents_current", "url_key", "is_current"),
        Index("ix_documents_site", "site"),
        Index("ix_documents_published_date", "published_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url_key: Mapped[str] = mapped_column(String(2048))            # identity: canonical, else final, else asked URL
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    url: Mapped[str | None] = mapped_column(String(2048))          # as asked
    final_url: Mapped[str | None] = mapped_column(String(2048))    # after redirects
    canonical_url: Mapped[str | None] = mapped_column(String(2048))
    site: Mapped[str | None] = mapped_column(String(200))
    source_name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))      # ISO 8601 as extracted
    published_date: Mapped[date | None] = mapped_column(Date)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    http_status: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    charset: Mapped[str | None] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))
    raw_gzip: Mapped[bytes | None] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text, default="")
    extraction: Mapped[str] = mapped_column(String(100), default="generic")
    extractor_version: Mapped[str] = mapped_column(String(40))

    claims: Mapped[list[ClaimRow]] = relationship(back_populates="document")


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("document_id", "fingerprint", name="uq_claims_document_fingerprint"),
        Index("ix_claims_figure", "figure_key"),
        Index("ix_claims_value", "value"),
        # and, per dialect, in migration 0003: (superseded, published_date DESC, document_id, start_offset,
        # measure, value) and the same after subject_id
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(40))
    figure_key: Mapped[str] = mapped_column(String(200))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    extractor_version: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(200))
    subject_id: Mapped[str | None] = mapped_column(String(100))
    measure: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    qualifier: Mapped[str] = mapped_column(String(20))
    activity: Mapped[str | None] = mapped_column(String(20))
    patent_type: Mapped[str | None] = mapped_column(String(100))
    field: Mapped[str | None] = mapped_column(String(200))
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(String(500))
    start_offset: Mapped[int] = mapped_column(Integer)        # Claim.start, Claim.end: offsets in the text
    end_offset: Mapped[int] = mapped_column(Integer)
    part: Mapped[str] = mapped_column(String(10), default="text", server_default="text")   # or "title"
    sentence: Mapped[str] = mapped_column(Text)
    published_date: Mapped[date | None] = mapped_column(Date)  # the document's, for the query index

    document: Mapped[DocumentRow] = relationship(back_populates="claims")


class CrawlRunRow(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")   # running | ok | failed | interrupted
    worker: Mapped[str | None] = mapped_column(String(200))
    found: Mapped[int] = mapped_column(Integer, default=0)
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    claims_added: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)


class FetchEventRow(Base):
    __tablename__ = "fetch_events"
    __table_args__ = (Index("ix_fetch_events_url", "url"), Index("ix_fetch_events_run", "run_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    url: Mapped[str] = mapped_column(String(2048))
    status: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(40))       # ok | not_modified | http_error | error | robots | too_large ...
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    attempt: Mapped[int] = mapped_column(Integer, default=1)


class FrontierRow(Base):
    __tablename__ = "frontier"
    __table_args__ = (
        UniqueConstraint("url", name="uq_frontier_url"),
        Index("ix_frontier_ready", "state", "next_at"),
        Index("ix_frontier_host_ready", "host", "state", "next_at"),     # leasing one host's ready rows
        Index("ix_frontier_discovery", "kind", "state", "source"),       # re-queueing feeds, sitemaps, lists
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    host: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))          # article | feed | sitemap | list
    depth: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="pending")   # pending | leased | done | failed
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    leased_by: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    published: Mapped[str | None] = mapped_column(String(40))
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class HostSlotRow(Base):
    """When the next request to a host may start, shared by every crawl worker (PostgreSQL)."""

    __tablename__ = "host_slots"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    next_at: Mapped[datetime] = mapped_column(UTCDateTime)
