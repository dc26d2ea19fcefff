"""What a statement sets for the figures after it: a source (…에 따르면, 분석한 결과) or an as-of date
(2022년 말 기준) opens a new scope of period and activity; and the spans an article writes out, which
its approximate ones (최근 10년 새) stand for."""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Claim
from . import periods
from .lexicon import Lexicon


def written_spans(ctx) -> dict[tuple, tuple]:
    """최근 10년 새 (2016–2025 from the publication year) where the article writes 2015~2024년: the span
    it wrote, of the same length and ending within three years."""
    out = {}
    for r in ctx.recent_spans:
        same = [w for w in ctx.written_spans if w[1] - w[0] == r[1] - r[0] and abs(w[1] - r[1]) <= 3 and w != r]
        if len(same) == 1:
            out[r] = same[0]
    return out


def respan(c: Claim, written: dict[tuple, tuple], done: dict[int, Claim]) -> Claim:
    if id(c) not in done:
        span = written.get((c.year_from, c.year_to))
        done[id(c)] = c if span is None else replace(c, year_from=span[0], year_to=span[1])
    return done[id(c)]


def scope_statement(text: str, found: list[periods.Period], lex: Lexicon) -> str | None:
    """"source" for a sentence that says where the figures after it come from (…에 따르면, 분석한 결과):
    a new scope of period and activity; "as_of" for one that dates them (2022년 말 기준): a new period."""
    if lex.periods.scope_cues.search(text):
        return "source"
    if as_of(text, found, lex):
        return "as_of"
    return None


def as_of(text: str, found: list[periods.Period], lex: Lexicon, anywhere: bool = False) -> bool:
    """2022년 말 기준, 지난달 기준으로 집계한; with ``anywhere``, a dated sentence that says 기준 at all
    (이번 순위는 2023년 1월 1일부터 … 등록한 특허를 기준으로 합니다)."""
    dated = [q for q in found if q.kind in ("year", "relative", "month", "span", "recent")]
    if anywhere and dated and lex.periods.as_of.search(text):
        return True
    parts = lex.periods.year_parts.pattern.pattern
    return any(lex.periods.as_of.starts(re.sub(r"^\s*(?:%s)?\s*" % parts, "", text[q.end:q.end + 8])) for q in dated)


def scope_period(found: list[periods.Period]) -> periods.Span | None:
    for q in found:
        if q.kind in ("span", "recent", "year", "relative", "month", "since") and q.span != (None, None):
            return q.span
    return None
