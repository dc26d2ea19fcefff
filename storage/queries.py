"""Reading claims back: filters, figures grouped across outlets, and counts.

Every filter is a bound parameter built with SQLAlchemy expressions; no user
text is ever pasted into SQL.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, func, or_, select

from .db import Database
from .models import ClaimRow, DocumentRow

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
    text: str | None = None           # the sentence contains
    limit: int | None = None
    include_superseded: bool = False


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filtered(q: Select, f: ClaimQuery) -> Select:
    conds = [DocumentRow.is_current.is_(True)] if not f.include_superseded else []
    if not f.include_superseded:
        conds.append(ClaimRow.superseded.is_(False))
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
        conds.append(ClaimRow.sentence.like(_like(f.text), escape="\\"))
    if f.since:
        conds.append(DocumentRow.published_date >= f.since)
    if f.until:
        conds.append(DocumentRow.published_date <= f.until)
    if f.min_value is not None:
        conds.append(ClaimRow.value >= f.min_value)
    if f.max_value is not None:
        conds.append(ClaimRow.value <= f.max_value)
    return q.join(DocumentRow, ClaimRow.document_id == DocumentRow.id).where(and_(*conds))


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def query_claims(db: Database, f: ClaimQuery) -> list[dict]:
    """Claims with their document's url, title, published and site, newest first."""
    url = func.coalesce(DocumentRow.url, DocumentRow.final_url, DocumentRow.canonical_url, DocumentRow.url_key)
    cols = [getattr(ClaimRow, n) for n in CLAIM_FIELDS] + [url] + [getattr(DocumentRow, n) for n in DOC_FIELDS[1:]]
    q = _filtered(select(ClaimRow.id, ClaimRow.document_id, *cols), f)
    q = q.order_by(DocumentRow.published_date.desc().nulls_last(), ClaimRow.document_id, ClaimRow.start)
    if f.limit:
        q = q.limit(f.limit)
    names = ("id", "document_id", *CLAIM_FIELDS, *DOC_FIELDS)
    with db.session() as s:
        rows = [dict(zip(names, r)) for r in s.execute(q)]
    for r in rows:
        r["value"] = _number(r["value"])
    return rows


def group_figures(db: Database, f: ClaimQuery) -> list[dict]:
    """Each figure (subject_id, measure, value, period) with how many documents and sites cite it."""
    q = _filtered(select(
        ClaimRow.subject_id, ClaimRow.measure, ClaimRow.value, ClaimRow.unit, ClaimRow.year_from, ClaimRow.year_to,
        func.count(func.distinct(ClaimRow.document_id)).label("documents"),
        func.count(func.distinct(DocumentRow.site)).label("sites"),
        func.min(DocumentRow.published).label("first_seen"), func.max(DocumentRow.published).label("last_seen"),
        func.min(ClaimRow.subject).label("subject")), f)
    q = q.group_by(ClaimRow.figure_key, ClaimRow.subject_id, ClaimRow.measure, ClaimRow.value, ClaimRow.unit,
                   ClaimRow.year_from, ClaimRow.year_to)
    q = q.order_by(func.count(func.distinct(ClaimRow.document_id)).desc(), ClaimRow.subject_id, ClaimRow.value)
    if f.limit:
        q = q.limit(f.limit)
    with db.session() as s:
        rows = [dict(r._mapping) for r in s.execute(q)]
    for r in rows:
        r["value"] = _number(r["value"])
    return rows


def stats(db: Database) -> dict:
    """Counts of current documents and live claims, by site, by subject and by month."""
    live = and_(DocumentRow.is_current.is_(True), ClaimRow.superseded.is_(False))
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
