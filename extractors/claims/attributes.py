"""Seventh pass: a claim's activity, patent type, field and source.

The activity is the filing word that governs the figure: the verb right after
it (1만366건을 출원해, 1만4154건을 보유), else the nearest word before it in
its clause with no other figure between (등록 건수로 보면 삼성전자가 1746건,
but 선언 1위인 화웨이는 1337건: 선언 belongs to 1위); 선언 says "declared",
which has no activity. Failing that the activity carries from the figure
before, or from the statement that set the scope.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon
from .measures import Candidate, clause

@dataclass(frozen=True)
class Activity:
    value: str | None
    found: bool          # written in the text (False: carried or absent)


@cache
def _activity_index(lex: Lexicon) -> tuple[re.Pattern, dict[str, str | None]]:
    words = dict(lex.activity_words())
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern, words


def activity(text: str, c: Candidate, starts: list[int], lex: Lexicon) -> Activity:
    """The activity written for candidate ``c``; ``starts`` are where the unit's other figures start."""
    pattern, words = _activity_index(lex)
    fig = c.figure
    c_start, c_end = clause(text, fig.start, lex)
    # the verb right after the figure: 1만366건을 출원해, 1만4154건을 보유하고
    after = text[fig.end:min(c_end, fig.end + 10)]
    g = lex.grammar
    m = re.match(r"\s*(?:(?:%s)\s*)?(?:(?:%s)\s*)?" % (g.particles.pattern.pattern, g.fillers.pattern.pattern), after)
    hit = pattern.match(after, m.end() if m else 0)
    if hit:
        return Activity(words[hit.group()], True)
    # the nearest word before it in its clause, with no other figure between (선언 1위인 화웨이는 1337건)
    before = [h for h in pattern.finditer(text, c_start, fig.start)
              if not any(h.end() <= s < fig.start for s in starts)]
    if before:
        return Activity(words[before[-1].group()], True)
    nxt = [s for s in starts if s > fig.start]
    later = list(pattern.finditer(text, fig.end, min([c_end, *nxt])))
    if later:
        return Activity(words[later[0].group()], True)
    return Activity(None, False)


def nearest(words, text: str, pos: int) -> str | None:
    """The item of ``words`` in ``text`` closest to ``pos``."""
    best, dist = None, None
    for m in words.finditer(text):
        d = pos - m.end() if m.end() <= pos else m.start() - pos
        if dist is None or d < dist:
            best, dist = m.group(), d
    return best


def field(text: str, lex: Lexicon) -> str | None:
    """The technology field that qualifies the patents: 생성형 AI 특허, 인공지능 특허 신청량."""
    fields = lex.lexicon.fields
    for pw in lex.topic.patent_words.finditer(text):
        found = list(fields.finditer(text, max(0, pw.start() - 16), pw.start()))
        if found:
            return found[-1].group()
    found = [m.group() for m in fields.finditer(text)]
    return max(found, key=len) if found else None


def source(text: str, lex: Lexicon) -> str | None:
    """The stated origin of the figures: a quoted report, a known body, or what stands before 에 따르면."""
    lx = lex.lexicon
    m = lx.according_to.search(text)
    if m:
        head = text[:m.start()]
        quoted = re.findall(r"['‘“\"]([^'’”\"]{2,60})['’”\"]", head)
        if quoted:
            return quoted[-1]
        known = list(lx.sources.finditer(head))
        if known:
            return known[-1].group()
        head = re.split(r"[,，]\s*", head)[-1].strip()
        return head[-40:] or None
    known = lx.sources.search(text)
    return known.group() if known else None
