"""Writing documents and claims: idempotent, versioned, one transaction per document.

Storing the same content again adds nothing. Changed content becomes a new
version; the old version stays with its claims marked superseded. A document
and its claims commit together, so a kill mid-ingest leaves the database as
it was before that document. Unique constraints make concurrent writers
unable to create duplicates: the loser of a race sees the winner's row.
"""
from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Iterator

from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from patclaims.extractors.records import EXTRACTOR_VERSION, Claim, Document

from .db import Database
from .models import ClaimRow, DocumentRow
from .search import index_terms


@dataclass
class FetchInfo:
    """How a page was obtained; everything optional for a saved file."""

    url: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    source_name: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    identity: str | None = None          # a key to use when the page has no URL at all (a local file)


@dataclass
class StoreResult:
    document_id: int
    status: str           # new | unchanged | changed
    claims: int           # live claims of the stored version
    claims_added: int
    url_key: str


def url_key(doc: Document, fetch: FetchInfo) -> str:
    key = doc.canonical_url or fetch.final_url or fetch.url or doc.url or fetch.identity
    if not key:
        raise ValueError("a document needs a URL, a canonical URL or an identity to be stored")
    return key


def content_hash(doc: Document) -> str:
    return hashlib.sha256(f"{doc.title or ''}\n{doc.text}".encode("utf-8")).hexdigest()


def _key(parts: tuple) -> str:
    return "|".join("" if p is None else str(p) for p in parts)


def claim_keys(subject_id, measure, value, unit, activity, year_from, year_to) -> tuple[str, str]:
    """(fingerprint, figure_key) of a claim given by its fields (a stored row, in migrations)."""
    c = Claim(subject=None, subject_id=subject_id, measure=measure, value=value, unit=unit, activity=activity,
              year_from=year_from, year_to=year_to)
    return fingerprint(c), figure_key(c)


def figure_key(c: Claim) -> str:
    """The same figure across outlets: ``Claim.figure()`` (subject_id, measure, exact value, period) as text."""
    return _key(c.figure())


def fingerprint(c: Claim) -> str:
    """The claim's identity in its document (``Claim.identity()``: exact value, period and activity included),
    hashed; stable whatever extractor version found it."""
    return hashlib.sha1(_key(c.identity()).encode("utf-8")).hexdigest()


def _published_date(published: str | None) -> date | None:
    if published and len(published) >= 10:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


_CLAIM_COLUMNS = ("subject", "subject_id", "measure", "unit", "qualifier", "activity", "patent_type", "field",
                  "year_from", "year_to", "source", "sentence")


def _claim_values(document_id: int, published_date: date | None, c: Claim) -> dict:
    d = {name: getattr(c, name) for name in _CLAIM_COLUMNS}          # not asdict(): a third of the cost
    return {**d, "value": float(c.value), "text": c.text[:500], "start_offset": c.start, "end_offset": c.end,
            "part": c.part, "document_id": document_id, "fingerprint": fingerprint(c), "figure_key": figure_key(c),
            "superseded": False, "extractor_version": EXTRACTOR_VERSION, "published_date": published_date}


def insert_claims(conn: Connection, db: Database, document_id: int, published_date: date | None,
                  claims: list[Claim]) -> int:
    """Insert claims with their search terms, skipping any the document already has (ON CONFLICT DO NOTHING)."""
    rows, seen = [], set()
    for c in claims:
        v = _claim_values(document_id, published_date, c)
        if v["fingerprint"] not in seen:
            seen.add(v["fingerprint"])
            rows.append(v)
    if not rows:
        return 0
    q = _statements(db)
    inserted = conn.execute(q["insert_claims"], rows).all()        # (id, fingerprint) of the rows that were new
    if inserted:
        sentence = {r["fingerprint"]: r["sentence"] for r in rows}
        terms: dict[str, str] = {}                 # claims of one sentence share its terms
        conn.execute(q["insert_search"], [
            {"i": i, "t": terms.get(sentence[fp]) or terms.setdefault(sentence[fp], index_terms(sentence[fp]))}
            for i, fp in inserted])
    return len(inserted)


# Statements built once, on the tables (Core, not the ORM's bulk path) with bound parameters, so each
# page costs its round trips and little else: compiled forms are cached, no per-call expression building.
_DOCS, _CLAIMS = DocumentRow.__table__, ClaimRow.__table__
_STATEMENTS: dict[str, dict] = {}


def _statements(db: Database) -> dict:
    if db.dialect not in _STATEMENTS:
        dialect = postgresql if db.dialect == "postgresql" else sqlite
        current = (select(_DOCS.c.id, _DOCS.c.version, _DOCS.c.content_hash)
                   .where(_DOCS.c.url_key == bindparam("key"), _DOCS.c.is_current.is_(True)))
        _STATEMENTS[db.dialect] = dict(
            current=current.with_for_update() if db.dialect == "postgresql" else current,
            live=select(func.count()).select_from(_CLAIMS).where(_CLAIMS.c.document_id == bindparam("doc"),
                                                                 _CLAIMS.c.superseded.is_(False)),
            retire=update(_DOCS).where(_DOCS.c.id == bindparam("doc")).values(is_current=False),
            supersede=update(_CLAIMS).where(_CLAIMS.c.document_id == bindparam("doc")).values(superseded=True),
            insert_doc=insert(_DOCS).returning(_DOCS.c.id),
            insert_claims=dialect.insert(_CLAIMS).on_conflict_do_nothing(
                index_elements=["document_id", "fingerprint"]).returning(_CLAIMS.c.id, _CLAIMS.c.fingerprint),
            insert_search=text("INSERT INTO claims_search (rowid, terms) VALUES (:i, :t)" if db.dialect == "sqlite" else
                               "INSERT INTO claims_search (claim_id, terms) VALUES (:i, to_tsvector('simple', :t))"),
        )
    return _STATEMENTS[db.dialect]


def store_in(conn: Connection, db: Database, doc: Document, raw: bytes | None, fetch: FetchInfo) -> StoreResult:
    """Store one page inside the caller's transaction (see the module docstring for the rules)."""
    key, digest = url_key(doc, fetch), content_hash(doc)
    q = _statements(db)
    cur = conn.execute(q["current"], {"key": key}).first()
    if cur is not None and cur.content_hash == digest:
        return StoreResult(cur.id, "unchanged", conn.scalar(q["live"], {"doc": cur.id}), 0, key)
    if cur is not None:
        conn.execute(q["retire"], {"doc": cur.id})
        conn.execute(q["supersede"], {"doc": cur.id})
    published_date = _published_date(doc.published)
    document_id = conn.execute(q["insert_doc"], dict(
        url_key=key, version=(cur.version + 1) if cur else 1, is_current=True,
        url=fetch.url or doc.url, final_url=fetch.final_url, canonical_url=doc.canonical_url,
        site=doc.site, source_name=fetch.source_name, title=doc.title, published=doc.published,
        published_date=published_date, fetched_at=fetch.fetched_at,
        http_status=fetch.http_status, etag=fetch.etag, last_modified=fetch.last_modified,
        charset=doc.charset, content_hash=digest, raw_gzip=gzip.compress(raw, 6) if raw else None,
        text=doc.text, extraction=doc.extraction, extractor_version=EXTRACTOR_VERSION,
    )).scalar_one()
    added = insert_claims(conn, db, document_id, published_date, doc.claims)
    return StoreResult(document_id, "changed" if cur else "new", added, added, key)


def store_document(db: Database, doc: Document, raw: bytes | None, fetch: FetchInfo) -> StoreResult:
    """Store one extracted page and its claims in a transaction of its own."""
    return db.write(lambda conn: store_in(conn, db, doc, raw, fetch))


def iter_current_documents(db: Database, batch: int = 200) -> Iterator[list[DocumentRow]]:
    """Current versions with their raw page, ``batch`` at a time, by id."""
    last = 0
    while True:
        with db.session() as s:
            rows = list(s.scalars(select(DocumentRow).where(DocumentRow.is_current.is_(True), DocumentRow.id > last)
                                  .order_by(DocumentRow.id).limit(batch)))
        if not rows:
            return
        yield rows
        last = rows[-1].id


def raw_page(row: DocumentRow) -> bytes | None:
    return gzip.decompress(row.raw_gzip) if row.raw_gzip else None


def count_current(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.is_current.is_(True))) or 0


def replace_extraction(db: Database, document_id: int, doc: Document) -> tuple[int, int]:
    """Re-extraction of a stored version: update what changed; (claims added, claims superseded)."""
    with db.session() as s, s.begin():
        row = s.get(DocumentRow, document_id)
        for attr in ("text", "title", "published", "site", "canonical_url", "extraction", "charset"):
            if getattr(row, attr) != getattr(doc, attr):
                setattr(row, attr, getattr(doc, attr))
        row.published_date = _published_date(doc.published)
        row.extractor_version = EXTRACTOR_VERSION
        live = {c.fingerprint: c for c in s.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id))}
        for c in live.values():
            c.published_date = row.published_date
        wanted = {fingerprint(c): c for c in doc.claims}
        gone = [c for fp, c in live.items() if fp not in wanted and not c.superseded]
        for c in gone:
            c.superseded = True
        revived = [c for fp, c in live.items() if fp in wanted and c.superseded]
        for c in revived:
            c.superseded = False
        added = insert_claims(s.connection(), db, document_id, row.published_date,
                              [c for fp, c in wanted.items() if fp not in live])
        return added + len(revived), len(gone)
