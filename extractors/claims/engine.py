"""The claims engine: a document's units through the passes, in a document context.

units → figures → roles → candidates (measure, blockers) → subjects → periods →
activity, type, field, source → claims → repeats. What carries from one
sentence to the next (the subject, the period, the activity, and the scope a
statement such as "…에 따르면" or "분석한 결과" sets for the figures after it)
lives in ``DocumentContext``; each pass is a pure function of a unit and that
context.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..dates import year_of
from ..records import Claim, Document
from . import attributes, periods, subjects
from .figures import find_figures
from .lexicon import Lexicon, lexicon
from .measures import Candidate, blocked, measure
from .repeats import Repeats
from .roles import Named, annotate
from .tables import row_candidates
from .units import Unit, document_units


@dataclass
class DocumentContext:
    """What the figures of one sentence hand to the next."""

    pub: tuple[int, int] | None
    topical: bool                          # the document is about patents (title or lead say so)
    subject: subjects.Subject | None = None        # the subject of the last sentence with claims
    scope_subject: subjects.Subject | None = None  # the subject of the last total (world, office, place)
    period: periods.PeriodContext = field(default_factory=periods.PeriodContext)
    activity: str | None = None
    scope_activity: str | None = None
    activity_set: bool = False
    source: str | None = None
    field: str | None = None
    last_claims_at: int = -10              # primary unit number of the last unit with claims
    last_block: int = -1
    patent_block: int = -1                 # the last block that spoke of patents
    primary: int = 0                       # primary units seen


def _pub(published: str | None) -> tuple[int, int] | None:
    year = year_of(published)
    if year is None:
        return None
    try:
        return year, int(published[5:7])
    except (TypeError, ValueError):
        return year, 12


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _mentions_patents(text: str) -> bool:
    return any(lexicon(lang).topic.patent_words.search(text) for lang in ("ko", "en"))


def extract(doc: Document) -> list[Claim]:
    units = document_units(doc)
    pub = _pub(doc.published)
    lead = next((u for u in units if not u.secondary), None)
    topical = bool(doc.title and _mentions_patents(doc.title)) or bool(lead and _mentions_patents(lead.text))
    ctx = DocumentContext(pub, topical)
    repeats = Repeats()
    for unit in units:
        lex = lexicon(unit.lang)
        if unit.kind == "row":
            repeats.add_secondary(_row_claims(unit, lex, ctx))
            continue
        claims = _unit_claims(unit, lex, ctx)
        if unit.secondary:
            repeats.add_secondary(claims)
        else:
            ctx.primary += 1
            for c in claims:
                repeats.add_primary(c)
    return repeats.result()


def _allowed(unit: Unit, lex: Lexicon, ctx: DocumentContext) -> bool:
    """Is the unit about patents: it says so, or its paragraph or the sentence before did, or the document is."""
    if lex.topic.patent_words.search(unit.text):
        return True
    if ctx.topical or ctx.patent_block == unit.block:
        return True
    return not unit.secondary and ctx.primary - ctx.last_claims_at <= 1


def _unit_claims(unit: Unit, lex: Lexicon, ctx: DocumentContext) -> list[Claim]:
    text = unit.text
    allowed = _allowed(unit, lex, ctx)
    if lex.topic.patent_words.search(text):
        ctx.patent_block = unit.block
    if not allowed:
        return []
    figs = find_figures(text, lex)
    if not figs:
        return []
    named = annotate(text, lex)
    cands: list[Candidate] = []
    was_blocked = False
    for i, fig in enumerate(figs):
        c = measure(text, figs, i, lex, named, cands)
        if c is None:
            continue
        if blocked(text, fig, lex, named) or (was_blocked and lex.subjects.anaphors.search(text, 0, fig.start)):
            was_blocked = True
            continue
        cands.append(c)
    if not cands:
        return []
    return _assemble(unit, lex, ctx, cands, named)


def _assemble(unit: Unit, lex: Lexicon, ctx: DocumentContext, cands: list[Candidate],
              named: list[Named]) -> list[Claim]:
    text = unit.text
    chained = not unit.secondary and (ctx.primary - ctx.last_claims_at <= 2)
    carried = subjects.Carried(ctx.subject if chained else None, ctx.scope_subject)
    shared = subjects.distribute(text, cands, named, lex)
    found = periods.find_periods(text, lex, ctx.pub)
    starts = [c.figure.start for c in cands]
    chain_period = ctx.period.chain if chained else None
    chain_activity = ctx.activity if chained else ctx.scope_activity
    unit_subject: subjects.Subject | None = None
    source = attributes.source(text, lex)
    scope_statement = lex.periods.scope_cues.search(text) is not None or ctx.last_claims_at < 0
    if scope_statement and not unit.secondary:
        ctx.period.scope = _scope_period(found) if found else (None if source else ctx.period.scope)
    out: list[Claim] = []
    first_subject: subjects.Subject | None = None
    for k, c in enumerate(cands):
        per = periods.resolve(text, c, found, lex, ctx.period, chain_period)
        act = attributes.activity(text, c, starts, lex)
        activity = act.value if act.found else chain_activity
        places = c.figure.places if len(c.figure.places) > 1 else (None,)
        for p, place in enumerate(places):
            owner = shared.get((k, p))
            subj = subjects.of(owner, "group") if owner is not None else \
                subjects.resolve(text, c, named, lex, carried, unit_subject)
            if place is not None and owner is None:
                continue                        # 2·3위 with no list to share it over
            value = Decimal(place) if place is not None else c.value
            span = per.span or (None, None)
            out.append(Claim(
                subject=subj.text, subject_id=subj.id, measure=c.measure, value=_number(value), unit=c.unit,
                qualifier=c.figure.qualifier, activity=activity,
                patent_type=attributes.nearest(lex.lexicon.patent_types, text, c.figure.start),
                field=attributes.field(text, lex) or ctx.field, year_from=span[0], year_to=span[1],
                source=source or ctx.source, text=text[c.figure.start:c.figure.end],
                start=unit.start + c.figure.start, end=unit.start + c.figure.end, sentence=text, part=unit.part))
            if subj.how not in ("paren", "group") and first_subject is None:
                first_subject = subj
            if subj.total and not unit.secondary:
                ctx.scope_subject = subj
            unit_subject = subj if subj.how not in ("group",) else unit_subject
        if per.how in ("attached", "chain", "scope", "same") and per.span:
            chain_period = per.span
        chain_activity = activity
    if not unit.secondary:
        ctx.subject = first_subject or ctx.subject
        ctx.period.chain = chain_period
        ctx.activity = chain_activity
        if scope_statement:
            ctx.scope_activity = chain_activity
        ctx.last_claims_at = ctx.primary + 1 if out else ctx.last_claims_at
        ctx.source = source or ctx.source
        ctx.field = attributes.field(text, lex) or ctx.field
        if ctx.period.scope is None and chain_period is not None and scope_statement:
            ctx.period.scope = chain_period
    return out


def _scope_period(found: list[periods.Period]) -> periods.Span | None:
    for q in found:
        if q.kind in ("span", "recent", "year", "relative", "month", "since") and q.span != (None, None):
            return q.span
    return None


def _row_claims(unit: Unit, lex: Lexicon, ctx: DocumentContext) -> list[Claim]:
    cands, subject = row_candidates(unit, lex)
    if not cands or subject is None:
        return []
    topic = ctx.topical or _mentions_patents(unit.caption + " " + " ".join(unit.header))
    if not topic:
        return []
    clex = lexicon("ko") if unit.caption else lex
    found = periods.find_periods(unit.caption, clex, ctx.pub) if unit.caption else []
    span = _scope_period(found) or ctx.period.scope or (None, None)
    activity = None
    words = dict(lex.activity_words())
    for text in (*unit.header, unit.caption):
        for w, act in words.items():
            if w in text:
                activity = act
                break
        if activity:
            break
    activity = activity or ctx.scope_activity
    subj = subjects.of(subject, "row")
    return [Claim(subject=subj.text, subject_id=subj.id, measure=c.measure, value=_number(c.value), unit=c.unit,
                  activity=activity, year_from=span[0], year_to=span[1], text=unit.text[c.figure.start:c.figure.end],
                  start=unit.start + c.figure.start, end=unit.start + c.figure.end, sentence=unit.text,
                  part=unit.part) for c in cands]
