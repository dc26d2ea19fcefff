"""The claims engine: a document's units through the passes, in a document context.

units → figures → roles → candidates (measure, blockers) → subjects → periods →
activity, type, field, source → claims → repeats. What carries from one
sentence to the next (the subject, the period, the activity, and the scope a
statement such as "…에 따르면" or "분석한 결과" sets for the figures after it)
lives in ``DocumentContext``; each pass is a pure function of a unit and that
context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..dates import year_of
from ..records import Claim, Document
from . import attributes, periods, subjects
from . import scope as scopes
from ..vocabulary import DocumentVocabulary
from .figures import find_figures
from .introductions import document_vocabulary
from .lexicon import Lexicon, lexicon
from .lists import distribute
from .measures import Candidate, blocked, measure
from .repeats import Repeats
from .roles import Named, annotate
from .tables import column_years, is_total_row, row_candidates
from .units import Unit, document_units


@dataclass
class DocumentContext:
    """What the figures of one sentence hand to the next."""

    pub: tuple[int, int] | None
    topical: bool                          # the document is about patents (title or lead say so)
    texts: list[str] = field(default_factory=list)      # the document's title and text
    activity_declared: bool = False        # the last sentence with claims said they have no activity (선언)
    declared: set = field(default_factory=set)         # id() of claims whose text says they have no activity
    recent_spans: set = field(default_factory=set)     # spans read off 최근 N년 (counted back from publication)
    written_spans: set = field(default_factory=set)    # spans written out (2015~2024년)
    patents_anywhere: bool = False         # the body says 특허 somewhere (so its parties are worth remembering)
    _vocab: DocumentVocabulary | None = None
    subject: subjects.Subject | None = None        # the subject of the last sentence with claims
    scope_subject: subjects.Subject | None = None  # the subject of the last total (world, office, place)
    period: periods.PeriodContext = field(default_factory=periods.PeriodContext)
    activity: str | None = None
    scope_activity: str | None = None
    activity_set: bool = False
    source: str | None = None
    field: str | None = None
    last_claims_at: int = -10              # primary unit number of the last unit with claims
    discourse: tuple[int, subjects.Subject] | None = None   # the last topic named, and where
    last_block: int = -1
    last_block_single: bool = False
    headline_subject: subjects.Subject | None = None   # the subject of the last subhead with claims
    lead_subject: subjects.Subject | None = None       # the subject of the article's first figure
    lead: list[Claim] | None = None        # the first sentence's claims that state no period
    first_total: Claim | None = None       # the first claim counting a total (an office's, a place's)
    first_scope: periods.Span | None = None  # the first period a statement set for the figures after it
    main_period: periods.Span | None = None  # the period of the article's first dated claims
    undated_source: bool = False           # the last sentence with claims named a source and no period
    patent_block: int = -1                 # the last block that spoke of patents
    primary: int = 0                       # primary units seen

    @property
    def vocab(self) -> DocumentVocabulary:
        """The vocabulary with the parties the document introduces, built when a sentence first needs it."""
        if self._vocab is None:
            self._vocab = document_vocabulary(self.texts)
        return self._vocab

    def discourse_subject(self) -> subjects.Subject | None:
        """The topic named in the last two sentences, though they gave no claims (…만구지역의 종합 능력은)."""
        if self.discourse and self.primary - self.discourse[0] <= 2:
            return self.discourse[1]
        return None


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


def _mentions_filings(text: str) -> bool:
    return any(lexicon(lang).topic.filing_words.search(text) for lang in ("ko", "en"))


def extract(doc: Document) -> list[Claim]:
    whole = f"{doc.title or ''}\n{doc.text}"
    if not _mentions_patents(whole) and not _mentions_filings(whole):
        return []            # no word for patents or filings anywhere: nothing here counts patents
    units = document_units(doc)
    pub = _pub(doc.published)
    lead = next((u for u in units if not u.secondary), None)
    topical = bool(doc.title and _mentions_patents(doc.title)) or bool(lead and _mentions_patents(lead.text))
    ctx = DocumentContext(pub, topical, texts=[doc.title or "", doc.text],
                          patents_anywhere=_mentions_patents(doc.text))
    found: list[tuple[bool, list[Claim]]] = []          # (primary, claims) in document order
    for unit in units:
        lex = lexicon(unit.lang)
        if unit.kind == "row":
            found.append((False, _row_claims(unit, lex, ctx)))
            continue
        if not unit.secondary:
            ctx.primary += 1
        found.append((not unit.secondary, _unit_claims(unit, lex, ctx)))
    written = scopes.written_spans(ctx)
    done: dict[int, Claim] = {}       # id(claim) -> claim with the written span (the lead is the same objects)
    repeats = Repeats()
    for primary, claims in found:
        if primary:
            for c in claims:
                repeats.add_primary(scopes.respan(c, written, done), declared=id(c) in ctx.declared)
        else:
            repeats.add_secondary([scopes.respan(c, written, done) for c in claims])
    lead = [scopes.respan(c, written, done) for c in ctx.lead or []]
    return repeats.result(lead, ctx.first_total, ctx.first_scope)


def _allowed(unit: Unit, lex: Lexicon, ctx: DocumentContext) -> bool:
    """Is the unit about patents: it says so, or its paragraph or the sentence before did, or the document is.
    A title must say so itself (2022 대학평가 종합 1위 서울대 heads an article with one patent paragraph)."""
    if lex.topic.patent_words.search(unit.text) or lex.topic.filing_words.search(unit.text):
        return True
    if unit.kind == "title":
        return False
    if ctx.topical or ctx.patent_block == unit.block:
        return True
    return not unit.secondary and ctx.primary - ctx.last_claims_at <= 1


def _clause_start(text: str, fig, lex: Lexicon) -> int:
    from .measures import clause
    return clause(text, fig.start, lex)[0]


def _note_topic(unit: Unit, named: list[Named], ctx: DocumentContext) -> None:
    """Remember the party a sentence is about, for a later sentence that refers back (회사는, 이 중)."""
    topic = next((n for n in named if n.mention.kind == "subject" and n.role in ("topic", "genitive", "holder", "place")),
                 None)
    if topic is not None:
        ctx.discourse = (ctx.primary, subjects.of(topic, "carry"))


def _unit_claims(unit: Unit, lex: Lexicon, ctx: DocumentContext) -> list[Claim]:
    text = unit.text
    allowed = _allowed(unit, lex, ctx)
    if lex.topic.patent_words.search(text):
        ctx.patent_block = unit.block
    if not allowed:
        if not unit.secondary and (ctx.patents_anywhere or ctx.vocab.extra):
            _note_topic(unit, annotate(text, lex, ctx.vocab), ctx)    # 넥스트젠바이오는 … (no patents yet)
        return []
    figs = find_figures(text, lex)
    if not figs:
        if not unit.secondary:
            found = periods.find_periods(text, lex, ctx.pub)
            scope = scopes.scope_period(found)
            # 아이피리틱스가 지난달 기준으로 집계한 … 현황입니다; before any figure, 미국 특허 등록 순위 2025년 치가
            # 나왔습니다: the period of what follows
            opening = ctx.last_claims_at < 0 and len(found) == 1 and lex.topic.patent_words.search(text)
            if scope and (scopes.as_of(text, found, lex, anywhere=True) or opening):
                ctx.period.scope = scope
                ctx.first_scope = ctx.first_scope or scope
        return []
    named = annotate(text, lex, ctx.vocab)
    if not unit.secondary:
        _note_topic(unit, named, ctx)
    cands: list[Candidate] = []
    was_blocked: str | None = None
    blocked_end: int | None = None
    blocked_kind: str | None = None
    back = lex.subjects.anaphors.pattern.pattern + "|" + lex.subjects.respectively.pattern.pattern
    for i, fig in enumerate(figs):
        c = measure(text, figs, i, lex, named, cands)
        if c is None:
            continue
        why = blocked(text, fig, lex, named, headline=unit.kind == "title")
        # 시장 점유율은 삼성전자가 40.2%, SK하이닉스가 23.5%로; 상표 출원은 6만5000건 … 각각 1.2%, 10.3%;
        # 소송은 23건으로, 이 가운데 15건이: the same thing counted, while no patent word intervenes
        if why is None and was_blocked and (was_blocked == "topic" or re.search(back, text[:fig.start])) and \
                not lex.topic.patent_words.search(text, _clause_start(text, fig, lex), fig.start):
            why = was_blocked
        if why is None and was_blocked == "figure" and blocked_kind == fig.kind and fig.kind == "percent" and \
                blocked_end is not None and not lex.topic.patent_words.search(text, blocked_end, fig.start) and \
                not lex.topic.filing_words.search(text, blocked_end, fig.start):
            why = "figure"                      # 여성 발명자 비율이 38%로 가장 높았고, 기계 분야는 6%대: the same rate
        if why is None and c.measure == "rank" and blocked_end is not None and \
                0 <= fig.start - blocked_end <= 40 and not lex.topic.patent_words.search(text, blocked_end, fig.start) \
                and not any(blocked_end <= n.start < fig.start for n in named):
            why = "figure"                      # 1,348 design applications, ranking fourth; 상표 500건으로 3위
        if why:
            was_blocked = why
            blocked_end = fig.end if why == "figure" else None
            blocked_kind = fig.kind
            continue
        cands.append(c)
    if not cands:
        return []
    return _assemble(unit, lex, ctx, cands, named)


def _assemble(unit: Unit, lex: Lexicon, ctx: DocumentContext, cands: list[Candidate],
              named: list[Named]) -> list[Claim]:
    text = unit.text
    primary = not unit.secondary
    # the sentence before gave claims, in this paragraph or in a one-line paragraph (a forum post), and this
    # one does not open a new breakdown (출원인 국적별로는): its figures continue from those
    follows = primary and ctx.last_claims_at == ctx.primary - 1 and \
        (ctx.last_block == unit.block or ctx.last_block_single) and not lex.periods.section_re.match(text)
    near = primary and ctx.primary - ctx.last_claims_at <= 2
    # a subhead carries only from the subhead before it (■ 中 OLED 특허출원 4년 새 2.5배 / ■ 점유율 38.2%)
    carried = subjects.Carried(ctx.subject if near else ctx.discourse_subject(), ctx.scope_subject,
                               ctx.lead_subject) if primary \
        else subjects.Carried(ctx.headline_subject if unit.kind != "title" else None, None)
    shared = distribute(text, cands, named, lex)
    reports: list[periods.Period] = []
    found = periods.find_periods(text, lex, ctx.pub, reports)
    for q in found:
        if q.kind in ("recent", "span") and q.span[0] and q.span[1]:
            (ctx.recent_spans if q.kind == "recent" else ctx.written_spans).add(q.span)
    starts = [c.figure.start for c in cands]
    source = attributes.source(text, lex)
    kind = scopes.scope_statement(text, found, lex) if primary else None
    scope_statement = primary and (kind == "source" or ctx.last_claims_at < 0)
    steady = periods.progression(text, found, cands)
    # 2002년에 42만 건이던 … 작년엔 28만 건: a progression's scope is where it ends
    scope_found = found[::-1] if steady else found
    if kind == "as_of" and not scope_statement:
        ctx.period.scope = scopes.scope_period(scope_found)
        ctx.first_scope = ctx.first_scope or ctx.period.scope
        outer, outer_activity = ctx.period.scope, ctx.activity if follows else ctx.scope_activity
    elif scope_statement:
        ctx.period.scope = scopes.scope_period(scope_found)
        ctx.first_scope = ctx.first_scope or ctx.period.scope
        outer, outer_activity = ctx.period.scope, None
    elif follows:
        outer, outer_activity = ctx.period.chain, ctx.activity
    else:
        outer, outer_activity = ctx.period.scope, ctx.scope_activity
    if outer is None and primary and not (scope_statement and reports) and not (follows and ctx.undated_source) and \
            ctx.main_period is not None:
        outer = ctx.main_period            # nothing said since: the period the article first gave its figures
    running, running_activity = outer, outer_activity
    running_declared = ctx.activity_declared and follows     # the sentence before said 선언
    set_here = False
    unit_subject: subjects.Subject | None = None
    first_subject: subjects.Subject | None = None
    first_activity: str | None = None
    out: list[Claim] = []
    for k, c in enumerate(cands):
        # 같은 기간: the period of the claim before, even across a paragraph
        per = periods.resolve(text, c, found, lex, running, starts[0],
                              same=running if set_here else (ctx.period.chain or running))
        act = attributes.activity(text, c, starts, lex)
        activity = act.value if act.found else running_activity
        if act.found:
            running_declared = act.value is None
        if not follows and not scope_statement and per.how == "chain" and running == outer and act.found and \
                outer_activity is not None and act.value != outer_activity:
            per = periods.Resolved(None, "none")    # a holding beside a scope of filings: not the scope's years
        places = c.figure.places if len(c.figure.places) > 1 else (None,)
        for p, place in enumerate(places):
            owner = shared.get((k, p))
            if place is not None and owner is None:
                continue                        # 2·3위 with no list to share it over
            subj = subjects.of(owner, "group") if owner is not None else \
                subjects.resolve(text, c, named, lex, carried, unit_subject)
            if subj is subjects.UNKNOWN:
                continue
            value = Decimal(place) if place is not None else c.value
            span = per.span or (None, None)
            out.append(Claim(
                subject=subj.text, subject_id=subj.id, measure=c.measure, value=_number(value), unit=c.unit,
                qualifier=c.figure.qualifier, activity=activity,
                patent_type=attributes.nearest(lex.lexicon.patent_types, text, c.figure.start),
                field=attributes.field(text, lex) or ctx.field, year_from=span[0], year_to=span[1],
                source=source or ctx.source, text=text[c.figure.start:c.figure.end],
                start=unit.start + c.figure.start, end=unit.start + c.figure.end, sentence=text, part=unit.part))
            if activity is None and running_declared:
                ctx.declared.add(id(out[-1]))     # 선언 건수: no activity, said so (not merely unstated)
            if subj.how not in ("paren", "group") and (first_subject is None or
                                                      (subj.how == "anaphor" and first_subject.how == "place")):
                first_subject = subj                 # 이는 전국 출원 N건의 3.0%: the sentence is about 이는
            if subj.total and primary and subj.how != "none":
                ctx.scope_subject = subj
                if ctx.first_total is None and subj.how in ("office", "place"):
                    ctx.first_total = out[-1]
            if subj.how != "group":
                unit_subject = subj
        if not steady and periods.sets_main_period(text, c, per, lex):
            running, set_here = per.span, True
        if act.found and act.value is not None:
            running_activity = act.value
            first_activity = first_activity or act.value
    if not primary and unit.kind != "title":
        ctx.headline_subject = first_subject if out else None
    if primary and out and ctx.lead_subject is None and first_subject is not None and first_subject.how != "none":
        ctx.lead_subject = first_subject
    if primary and out:
        if not lex.subjects.party_breakdowns.search(text):
            ctx.subject = first_subject or ctx.subject   # a breakdown by party (기관별로는 …) leaves the total's
        ctx.period.chain = running
        if ctx.main_period is None and running is not None:
            ctx.main_period = running
        # 2022년에 발표한 자료에 따르면 …: a source dated only by its report; what goes on from it is undated too
        ctx.undated_source = (scope_statement and running is None and bool(reports)) or \
            (follows and ctx.undated_source and running is None)
        ctx.activity = running_activity
        ctx.activity_declared = running_declared
        if scope_statement:
            ctx.scope_activity = first_activity
            if ctx.period.scope is None and running is not None:
                ctx.period.scope = running
        ctx.last_claims_at = ctx.primary
        ctx.last_block = unit.block
        ctx.last_block_single = unit.sentences == 1
        if ctx.lead is None:
            ctx.lead = [c for c in out if c.year_from is None and c.year_to is None]
        ctx.source = source or ctx.source
        ctx.field = attributes.field(text, lex) or ctx.field
    return out


def _row_claims(unit: Unit, lex: Lexicon, ctx: DocumentContext) -> list[Claim]:
    total = is_total_row(unit, lex)
    cands, subject = row_candidates(unit, lex, ctx.vocab, total=total)
    if not cands:
        return []
    if subject is not None:
        subj = subjects.of(subject, "row")
    elif total:
        # | 전체 | 1,388 |: what the caption counts (국내 특허출원 → KR), else the article's total
        caption = [n for n in annotate(unit.caption, lexicon("ko"), ctx.vocab) if n.mention.kind == "subject"]
        subj = subjects.of(caption[0], "row") if caption else (ctx.scope_subject or ctx.lead_subject)
        if subj is None:
            return []
    else:
        return []
    topic = ctx.topical or _mentions_patents(unit.caption + " " + " ".join(unit.header))
    if not topic:
        return []
    clex = lexicon("ko") if unit.caption else lex
    found = periods.find_periods(unit.caption, clex, ctx.pub) if unit.caption else []
    span = scopes.scope_period(found) or ctx.period.scope or (None, None)
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
    years = column_years(unit)
    return [Claim(subject=subj.text, subject_id=subj.id, measure=c.measure, value=_number(c.value), unit=c.unit,
                  activity=activity, year_from=years.get(c.index, span[0]), year_to=years.get(c.index, span[1]),
                  text=unit.text[c.figure.start:c.figure.end], start=unit.start + c.figure.start,
                  end=unit.start + c.figure.end, sentence=unit.text, part=unit.part) for c in cands]
