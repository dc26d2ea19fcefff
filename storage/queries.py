"""Reading claims back: filters, figures grouped across outlets, and counts.

Every filter is a bound parameter built with SQLAlchemy expressions; no user
text is ever pasted into SQL. Live claims are ``superseded = false`` (a
superseded version's claims are all superseded), and dates filter on the
claims' own copy of ``published_date``, so the common filters and the sort
(newest first) run on migration 0003's indexes (tests/test_query_plan.py
checks the plans). ``--text`` is full-text search (``storage.search``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, Select, and_, column, false, func, or_, select, text

from . import search
from .db import Database
from .models import ClaimRow, DocumentRow, FrontierRow

CLAIM_FIELDS = ("subject", "subject_id", "measure", "value", "unit", "qualifier", "activity", "patent_type", "field",
                "year_from", "year_to", "source", "text", "sentence")
DOC_FIELDS = ("url", "title", "published", "site")


@dataclass
class ClaimQuery:
    """The filters of `patclaims query`; None means "any"."""

    subject_ids: list[str] = field(default_factory=list)   # resolved ids (CN, samsung); any of them
    subject_texts: list[str] = field(default_factory=list)  # names not in the vocabulary: match as written
    measure: str | None = None
    activity: str | None = None
    field: str | None = None          # substring
    since: date | None = None         # publication date, inclusive
    until: date | None = None
    site: str | None = None           # substring of the site name
    min_value: float | None = None
    max_value: float | None = None
    text: str | None = None           # every term occurs in the sentence (full-text search)
    limit: int | None = None
    include_superseded: bool = False


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_filter(f: ClaimQuery, dialect: str):
    if not search.phrases(f.text):          # no letter or digit to search for: the sentence contains it as written
        return ClaimRow.sentence.like(_like(f.text), escape="\\")
    if dialect == "sqlite":
        matches = text("SELECT rowid AS id FROM claims_search WHERE claims_search MATCH :q").bindparams(
            q=search.fts5_query(f.text))
    else:
        matches = text("SELECT claim_id AS id FROM claims_search WHERE terms @@ to_tsquery('simple', :q)").bindparams(
            q=search.tsquery(f.text))
    return ClaimRow.id.in_(matches.columns(column("id", Integer)))


def _filtered(q: Select, f: ClaimQuery, dialect: str) -> Select:
    conds = [] if f.include_superseded else [ClaimRow.superseded == false()]
    subjects = ([ClaimRow.subject_id.in_(f.subject_ids)] if f.subject_ids else []) + \
        ([ClaimRow.subject.in_(f.subject_texts)] if f.subject_texts else [])
    if subjects:              # no empty IN beside the other: SQLite would give up the subject index for it
        conds.append(or_(*subjects))
    for column, value in ((ClaimRow.measure, f.measure), (ClaimRow.activity, f.activity)):
        if value:
            conds.append(column == value)
    if f.field:
        conds.append(ClaimRow.field.like(_like(f.field), escape="\\"))
    if f.site:
        conds.append(DocumentRow.site.like(_like(f.site), escape="\\"))
    if f.text:
        conds.append(_text_filter(f, dialect))
    if f.since:
        conds.append(ClaimRow.published_date >= f.since)
    if f.until:
        conds.append(ClaimRow.published_date <= f.until)
    if f.min_value is not None:
        conds.append(ClaimRow.value >= f.min_value)
    if f.max_value is not None:
        conds.append(ClaimRow.value <= f.max_value)
    return q.join(DocumentRow, ClaimRow.document_id == DocumentRow.id).where(and_(*conds))


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


VERSION_FIELDS = ("version", "superseded")           # with --all-versions


def claims_statement(f: ClaimQuery, dialect: str) -> Select:
    """The SELECT of `patclaims query` (tests read its plan)."""
    url = func.coalesce(DocumentRow.url, DocumentRow.final_url, DocumentRow.canonical_url, DocumentRow.url_key)
    cols = [getattr(ClaimRow, n) for n in CLAIM_FIELDS] + [url] + [getattr(DocumentRow, n) for n in DOC_FIELDS[1:]]
    if f.include_superseded:
        cols += [DocumentRow.version, ClaimRow.superseded]
    q = _filtered(select(ClaimRow.id, ClaimRow.document_id, *cols), f, dialect)
    q = q.order_by(ClaimRow.published_date.desc().nulls_last(), ClaimRow.document_id, ClaimRow.start_offset)
    return q.limit(f.limit) if f.limit else q


def query_claims(db: Database, f: ClaimQuery) -> list[dict]:
    """Claims with their document's url, title, published and site, newest first; with
    ``include_superseded`` also the document's version and whether the claim is superseded."""
    names = ("id", "document_id", *CLAIM_FIELDS, *DOC_FIELDS, *(VERSION_FIELDS if f.include_superseded else ()))
    with db.engine.connect() as conn:          # Core, not an ORM session: a third of the time at limit 100
        rows = [dict(zip(names, r)) for r in conn.execute(claims_statement(f, db.dialect))]
    for r in rows:
        r["value"] = _number(r["value"])
        if "superseded" in r:
            r["superseded"] = bool(r["superseded"])
    return rows


def group_figures(db: Database, f: ClaimQuery) -> list[dict]:
    """Each figure (subject_id, measure, value, period) with how many documents and sites cite it."""
    q = _filtered(select(
        ClaimRow.subject_id, ClaimRow.measure, ClaimRow.value, ClaimRow.unit, ClaimRow.year_from, ClaimRow.year_to,
        func.count(func.distinct(ClaimRow.document_id)).label("documents"),
        func.count(func.distinct(DocumentRow.site)).label("sites"),
        func.min(DocumentRow.published).label("first_seen"), func.max(DocumentRow.published).label("last_seen"),
        func.min(ClaimRow.subject).label("subject")), f, db.dialect)
    q = q.group_by(ClaimRow.figure_key, ClaimRow.subject_id, ClaimRow.measure, ClaimRow.value, ClaimRow.unit,
                   ClaimRow.year_from, ClaimRow.year_to)
    q = q.order_by(func.count(func.distinct(ClaimRow.document_id)).desc(), ClaimRow.subject_id, ClaimRow.value)
    if f.limit:
        q = q.limit(f.limit)
    with db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    for r in rows:
        r["value"] = _number(r["value"])
    return rows


def stats(db: Database) -> dict:
    """Counts of current documents and live claims, by site, by subject and by month."""
    live = ClaimRow.superseded == false()
    month = func.substr(DocumentRow.published, 1, 7)
    with db.session() as s:
        documents = s.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.is_current.is_(True)))
        claims = s.scalar(select(func.count()).select_from(ClaimRow).join(DocumentRow).where(live))
        by_site = s.execute(
            select(DocumentRow.site, func.count(func.distinct(DocumentRow.id)), func.count(ClaimRow.id))
            .outerjoin(ClaimRow, and_(ClaimRow.document_id == DocumentRow.id, ClaimRow.superseded.is_(False)))
            .where(DocumentRow.is_current.is_(True)).group_by(DocumentRow.site).order_by(DocumentRow.site)).all()
        by_subject = s.execute(
            select(ClaimRow.subject_id, func.count()).join(DocumentRow).where(live)
            .group_by(ClaimRow.subject_id).order_by(func.count().desc(), ClaimRow.subject_id)).all()
        by_month = s.execute(
            select(month, func.count(func.distinct(DocumentRow.id)), func.count(ClaimRow.id))
            .outerjoin(ClaimRow, and_(ClaimRow.document_id == DocumentRow.id, ClaimRow.superseded.is_(False)))
            .where(DocumentRow.is_current.is_(True)).group_by(month).order_by(month)).all()
    return {
        "documents": documents or 0,
        "claims": claims or 0,
        "by_site": [{"site": site, "documents": d, "claims": c} for site, d, c in by_site],
        "by_subject": [{"subject_id": sid, "claims": c} for sid, c in by_subject],
        "by_month": [{"month": m, "documents": d, "claims": c} for m, d, c in by_month],
    }


def frontier_pending(db: Database, sources: list[str]) -> int:
    """URLs of these sources waiting in the frontier (pending or leased): a crawl's expected work."""
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(FrontierRow).where(
            FrontierRow.state.in_(("pending", "leased")), FrontierRow.source.in_(sources))) or 0
