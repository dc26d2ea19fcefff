"""Sixth pass: the period each figure covers.

The expressions are data (``[periods]``): spans (2014년부터 2023년까지,
2011∼2020년, 2019년부터 지난해까지), since/until (2017년 이후), years
(2023년), relative years (지난해, 작년(2023년): the written year wins), months
as of which a figure is counted (4월 말 기준, 지난달 기준), recent spans
(최근 10년간), the period before (같은 기간, 당시) and the year before the one
in context (전년(2만2288건), 1년 전(3924건)). A year followed by 발표 or 펴낸
dates a report, not the data.

A figure takes, in order: for a rank after N년 연속, the run of years when its
start is written (2016년부터 5년 연속 → 2016–2020); for a figure in 전년(…),
the year before; the period written before it in its clause (not across
였던: 2023년 2위였던 퀄컴은 3422건으로); for growth, the span it averages or
compares (연평균, 2013년 185건에서 2022년 771건으로, 2011년의 2.5배), else the
newer year; else the period carried from the figure before or from the
statement that set the scope of the figures (…에 따르면, 분석한 결과).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..numbers import parse_number
from .figures import Figure
from .lexicon import YEAR, Lexicon, year_value
from .measures import Candidate, clause

Span = tuple[int | None, int | None]
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    span: Span
    kind: str          # span | since | until | year | relative | month | recent | same | previous


def find_periods(text: str, lex: Lexicon, pub: tuple[int, int] | None) -> list[Period]:
    """Every period expression in ``text``, earliest first, overlapping ones resolved longest first."""
    p = lex.periods
    found: list[Period] = []

    def add(m: re.Match, span: Span, kind: str) -> None:
        if any(not (m.end() <= q.start or m.start() >= q.end) for q in found):
            return
        if kind in ("year", "since", "until", "span") and _is_report_date(text, m.end(), lex):
            return
        if kind not in ("same", "previous") and _dates_the_source(text, m.end(), lex):
            return
        if kind == "since" and _record_horizon(text, m, lex):
            return
        found.append(Period(m.start(), m.end(), span, kind))

    rel = p.relative_years
    for m in p.span_re.finditer(text):
        if m.group("a"):
            end = year_value(m.group("b")) if m.group("b") else (pub[0] + rel[m.group("rel")] if pub else None)
            add(m, (year_value(m.group("a")), end), "span")
        else:
            add(m, (year_value(m.group("c")), year_value(m.group("d"))), "span")
    for m in p.recent_span_re.finditer(text):
        n = int(m.group("n") or m.group("m"))
        if pub and 2 <= n <= 50:          # 1년 새 is year-on-year: the newer year, not a span
            add(m, (pub[0] - n, pub[0] - 1), "recent")
    for m in p.previous_year.finditer(text):
        add(m, (None, None), "previous")
    for m in p.same_period.finditer(text):
        add(m, (None, None), "same")
    for m in p.since_re.finditer(text):
        add(m, (year_value(m.group("a")), None), "since")
    for m in p.until_re.finditer(text):
        add(m, (None, year_value(m.group("a"))), "until")
    for m in p.year_re.finditer(text):
        y = year_value(m.group("a"))
        add(m, (y, y), "year")
    for m in _relative_pattern(lex).finditer(text):
        word = m.group()
        nxt = text[m.end():m.end() + 1]
        if re.match(r"[가-힣]", nxt) and not p.relative_followers.starts(text[m.end():]):
            continue                                   # 올해를 … is a year; 작년도예산 … is not
        written = re.match(r"\s*\(\s*(%s)\s*(?:%s)?\s*\)" % (YEAR, p.date_suffixes.pattern.pattern), text[m.end():])
        if written:
            y = year_value(written.group(1))
            found[:] = [q for q in found if not (m.end() <= q.start < m.end() + written.end())]
            add(_Span(m.start(), m.end() + written.end()), (y, y), "relative")
        elif pub:
            y = pub[0] + rel[word]
            add(m, (y, y), "relative")
    for m in p.month_re.finditer(text):
        if pub:
            y = _month_year(m, pub)
            add(m, (y, y), "month")
    # 최근 10년간(2014~2023년): the years written win over the count back from publication
    found = [q for q in found if not (q.kind == "recent" and any(
        o.kind == "span" and 0 <= o.start - q.end <= 2 for o in found))]
    found.sort(key=lambda q: q.start)
    return found


class _Span:
    """A match-like span for a relative year with the year written after it: 작년(2022년)."""

    def __init__(self, start: int, end: int):
        self._s, self._e = start, end

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


@cache
def _relative_pattern(lex: Lexicon) -> re.Pattern:
    words = sorted(lex.periods.relative_years, key=len, reverse=True)
    return re.compile("|".join(r"(?<![A-Za-z])" + re.escape(w) if w[:1].isascii() else re.escape(w) for w in words))


def _month_year(m: re.Match, pub: tuple[int, int]) -> int:
    year, month = pub
    groups = m.groupdict()
    if groups.get("last"):
        return year - 1 if month == 1 else year
    named = groups.get("mname")
    n = _MONTHS.index(named.lower()) + 1 if named else int(groups.get("m") or groups.get("lm") or month)
    return year - 1 if n > month else year


def _is_report_date(text: str, end: int, lex: Lexicon) -> bool:
    """2020년 공동으로 분석한, 2022년에 발표한: the date of a report."""
    window = text[end:end + 12]
    m = lex.periods.report_words.search(window)
    return bool(m) and not re.search(r"\d", window[:m.start()])


def _record_horizon(text: str, m: re.Match, lex: Lexicon) -> bool:
    """its lowest level since 2019, 2019년 이후 최저: how far back a record reaches, not a figure's period."""
    records = lex.periods.record_words
    return records.search(text, max(0, m.start() - 24), m.start()) is not None or \
        records.search(text, m.end(), m.end() + 6) is not None


def _dates_the_source(text: str, end: int, lex: Lexicon) -> bool:
    """지난해 12월 …센터가 발표한 '…보고서'에 따르면: the date the source came out, before its 에 따르면."""
    window = text[end:end + 60]
    m = lex.lexicon.according_to.search(window)
    if m is None:
        return False
    head = re.sub(r"^\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?", "", window[:m.start()])   # 지난해 12월 (3일)
    return lex.periods.report_words.search(head) is not None and not re.search(r"\d", head)


@dataclass
class PeriodContext:
    """The periods in force between sentences: the last sentence's main period, and the scope."""

    chain: Span | None = None
    scope: Span | None = None


def sets_main_period(text: str, c: Candidate, resolved: "Resolved", lex: Lexicon) -> bool:
    """Does this figure's period become the sentence's main period for the figures after it? Not for a
    figure in a relative clause (2023년 2위였던), a base of comparison (2024년(24만6245건)보다), the year
    before (전년(…)) or a run of years (N년 연속)."""
    if resolved.how not in ("attached", "same") or resolved.span is None:
        return False
    q = resolved.period
    suffixes = lex.periods.date_suffixes.pattern.pattern
    if q is not None and re.search(r"(?:%s)\s*\(\s*$" % suffixes, text[:q.start]):
        return False                                # 10년 전(2014년)에는 92만 8천 건: a base
    fig = c.figure
    if lex.periods.scope_breaks.search(text, fig.end, fig.end + 8):
        return False
    base = lex.periods.base_markers
    if base.ends(text[:fig.start].rstrip()) or base.starts(text[fig.end:].lstrip()):
        return False                                # from 6,248 in 2022, 6,248건보다: a base
    head = text[:fig.start].rstrip()
    if head.endswith("(") and re.search(r"(?:%s)\s*$" % suffixes, head[:-1]):
        return False
    opened = text.rfind("(", 0, fig.start)
    return not (opened >= 0 and ")" not in text[opened:fig.start])    # 10년 전(2012년 21만7천 건): a base


def progression(text: str, found: list["Period"], cands: list[Candidate]) -> bool:
    """연도별로는 2012년 412건에서 지난해 1897건으로: two years each with its own count."""
    singles = [q for q in found if q.kind in ("year", "relative")]
    if len(singles) < 2:
        return False
    counts = [c for c in cands if c.measure == "count"]
    hits = sum(1 for q in singles if any(0 <= c.figure.start - q.end <= 3 for c in counts))
    return hits >= 2


@dataclass(frozen=True)
class Resolved:
    span: Span | None
    how: str           # consecutive | previous | attached | growth | same | chain | scope | none
    period: "Period | None" = None     # the expression it was read from


def _consecutive(text: str, c: Candidate, periods: list[Period], lex: Lexicon) -> Span | None | bool:
    """N년 연속 1위: the run of years (start written), True when there is a run with no start."""
    head = text[max(0, c.figure.start - 24):c.figure.start]
    m = None
    for m in lex.periods.consecutive_re.finditer(head):
        pass
    if m is None or len(head) - m.end() > 8:
        return None
    raw = m.group("n") or (m.groupdict().get("n2") or "")
    n = _count(raw, lex)
    run_start = c.figure.start - len(head) + m.start()
    before = [q for q in periods if q.end <= run_start and run_start - q.end <= 4]
    if before:
        q = before[-1]
        if q.kind == "span":
            return q.span
        if q.kind in ("since", "year", "relative") and q.span[0] and n:
            return q.span[0], q.span[0] + n - 1
    return True


def _count(word: str, lex: Lexicon) -> int | None:
    """5, 다섯 or fifth as a whole number (N년 연속, the fifth straight year)."""
    if word.isdigit():
        return int(word)
    if lex.ranks is not None and word.lower() in lex.ranks.ordinals:
        return lex.ranks.ordinals[word.lower()]
    value = parse_number(word)
    return int(value) if value is not None and value == value.to_integral_value() else None


def resolve(text: str, c: Candidate, periods: list[Period], lex: Lexicon, carried: Span | None,
            first_figure: int = 0, same: Span | None = None) -> Resolved:
    """The period of candidate ``c``. ``carried`` is the period in force for it: the sentence's main
    period so far, else the one the sentence began with (the sentence before's, or the scope's);
    ``same`` is what 같은 기간 refers to (the period of the claim before)."""
    fig = c.figure
    c_start, c_end = clause(text, fig.start, lex)
    if c.measure == "rank":
        run = _consecutive(text, c, periods, lex)
        if isinstance(run, tuple):
            return Resolved(run, "consecutive")
    prev = _previous_marker(text, fig, periods, lex)
    if prev:
        year = (carried[1] or carried[0]) if carried else None
        return Resolved((year - 1, year - 1) if year else None, "previous")
    attached = _attached(text, fig, periods, lex, c_start, c_end, first_figure)
    if c.measure == "growth":
        grown = _growth(text, c, periods, lex, attached, carried)
        if grown is not None:
            return grown
    if attached is not None:
        if attached.kind == "same":
            return Resolved(same or carried, "same", attached)
        if attached.kind != "previous":
            return Resolved(attached.span, "attached", attached)
    if carried is not None:
        return Resolved(carried, "chain")
    return Resolved(None, "none")


def _previous_marker(text: str, fig: Figure, periods: list[Period], lex: Lexicon) -> bool:
    """전년(2만2288건), 1년 전(3924건), 4,398 a year earlier: a figure for the year before."""
    head = text[:fig.start].rstrip()
    if head.endswith("("):
        inner = head[:-1].rstrip()
        if lex.periods.previous_year.ends(inner):
            return True
    if lex.language == "en":
        tail = text[fig.end:fig.end + 24]
        return bool(re.match(r"\s*(?:\w+\s+)?(?:" + lex.periods.previous_year.pattern.pattern + ")", tail))
    return False


def _attached(text: str, fig: Figure, periods: list[Period], lex: Lexicon, c_start: int, c_end: int,
              first_figure: int) -> Period | None:
    """The period written for this figure: the nearest before it in its clause, else (English, or in
    parentheses) right after it."""
    breaks = lex.periods.scope_breaks
    for q in reversed(periods):
        if q.end <= fig.start and q.start >= c_start and not breaks.search(text, q.end, fig.start):
            if q.kind == "previous" and not text[q.end:fig.start].strip().startswith("("):
                continue
            return q
        if q.end <= fig.start and q.start < c_start and q.kind in ("span", "recent", "relative", "month", "year", "since") \
                and q.end <= first_figure and _opens_sentence(text, q, fig, lex) \
                and not re.match(r"\s*\(", text[q.end:]):   # 2022년(6,248건)보다는 …: that year is its figure's
            return q
    for q in periods:
        if fig.end <= q.start < c_end and (lex.language == "en" or text[fig.end:q.start].strip() in ("(", "")):
            if q.kind not in ("previous", "same"):
                return q
    return None


def _opens_sentence(text: str, q: Period, fig: Figure, lex: Lexicon) -> bool:
    """A period that opens the sentence, before the first clause break, covers all of it
    (지난해 한국 기업과 대학, 연구기관이 낸 국제특허출원(PCT)이 2만3851건)."""
    first_break = lex.clauses.breaks.search(text)
    return first_break is not None and q.end <= first_break.start() and \
        not lex.periods.scope_breaks.search(text, q.end, fig.start)


def _growth(text: str, c: Candidate, periods: list[Period], lex: Lexicon, attached: Period | None,
            carried: Span | None) -> Resolved | None:
    """The span a growth figure covers: what it averages or compares; None for year-on-year growth,
    which takes the newer year like any other figure."""
    fig = c.figure
    before = [q for q in periods if q.end <= fig.start]
    years = sorted({y for q in before if q.kind in ("year", "span", "relative", "since") for y in q.span if y})
    newer = max([y for y in [carried[1] or carried[0] if carried else None, *years] if y], default=None)
    averaged = lex.measures.average_words.search(text, 0, fig.end + 6)
    if attached is not None and attached.kind in ("span", "since"):
        return Resolved(attached.span, "growth")
    if attached is not None and attached.kind == "recent":
        # 2014년 21만 건 남짓이던 것이 10년 동안 17%: from the year written to now
        explicit = [q.span[0] for q in before if q.kind in ("year", "relative") and q.end <= attached.start]
        return Resolved((explicit[0], newer) if explicit and newer else attached.span, "growth")
    if averaged:
        if len(years) >= 2:
            return Resolved((years[0], years[-1]), "growth")
        span = attached.span if attached is not None and attached.kind != "same" else carried
        return Resolved(span, "growth") if span else None
    if attached is not None and attached.kind in ("year", "relative") and attached.span[0]:
        if len(years) >= 2:
            return Resolved((years[0], years[-1]), "growth")    # 2013년 185건에서 2022년 771건으로
        if newer and attached.span[0] < newer - 1:
            return Resolved((attached.span[0], newer), "growth")   # 2011년(2천여 건)의 2.5배, 10년 전(2012년…)과
        if newer and attached.span[0] == newer - 1:
            return Resolved((newer, newer), "growth")      # 2024년(24만6245건)보다 5.9%: year on year, the newer year
        if re.match(r"\s*(?:\([^()]*\)\s*)?(?:%s)" % lex.measures.ratio_markers.pattern.pattern, text[attached.end:]):
            base = attached.span[0] + 1                    # …보다 5.9% 늘었다, with no newer year written
            return Resolved((base, base), "growth")
    return None
