"""Fifth pass: who each figure is about.

In order, a figure belongs to:
1. the name its parentheses follow (텐센트(4115건), 한국전자통신연구원(ETRI·187건));
2. for a rank, the name right after it (1위 삼성전자(4,213건), 5위 독일);
3. the nearest topic, subject or owner before it (삼성전자는 … 4640건, 한국의 PCT 출원은 …),
   or a name standing right before it in a headline (화웨이 1위); never a compared party
   (일본에 이어, 삼성전자를 제치고) or a place of announcement;
4. the name its clause goes on to (1위는 3325건을 선언한 중국 화웨이로, 세계 1위를 달리는 중국은);
5. nobody, when its clause counts the world (전 세계 PCT 출원은) or a group (IP5에 출원된);
6. the subject before, when its clause refers back (이 가운데, 이 중);
7. a place counted (국내에 출원된, 미국에서 등록된, 중국 내);
8. a national office counting its own total (특허청은 …, USPTO가 내준 특허는);
9. the total's subject, in a breakdown (기술별로는, 유형별로는);
10. the subject carried from the sentence before;
11. a weaker name: where patents were filed (미국 특허), an office quoted as source.
Lists share figures out in order: 애플(3082건)과 화웨이(3046건)가 4·5위, 핑안보험과 바이두,
중국과학원이 2∼4위, 일본과 인도가 각각 3천409건, 1천350건으로 4, 5위.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .measures import Candidate, clause
from .roles import STRONG, Named, paren_owner


@dataclass(frozen=True)
class Subject:
    text: str | None
    id: str | None
    how: str          # paren row rank_first topic after world collective anaphor place office scope carry weak none

    @property
    def total(self) -> bool:
        """A subject read off what was counted rather than who filed (a world, office or place total)."""
        return self.how in ("world", "collective", "place", "office", "none")


NOBODY = Subject(None, None, "none")
UNKNOWN = Subject(None, None, "unknown")      # a figure in parentheses after a name we do not know: no claim


def of(n: Named, how: str) -> Subject:
    if n.mention.kind == "collective":
        return Subject(None, None, "collective")
    return Subject(n.mention.text, n.id, how)


def _party(n: Named) -> bool:
    """A name that can be a subject by itself (not an office or a group of offices)."""
    return n.mention.kind == "subject"


def _head_after(text: str, pos: int, named: list[Named]) -> Named | None:
    """The name starting at ``pos`` (after spaces), through its modifiers: 2위 한국 삼성전자 → 삼성전자."""
    head = None
    for n in named:
        if n.start < pos:
            continue
        if text[pos:n.start].strip():
            break
        head, pos = n, n.after
        if n.role != "modifier":
            break
    return head if head is not None and _party(head) else None


def distribute(text: str, cands: list[Candidate], named: list[Named], lex: Lexicon) -> dict[tuple[int, int], Named]:
    """(candidate index, place index) -> name, for figures shared out over a list of names."""
    out: dict[tuple[int, int], Named] = {}
    groups: dict[int, list[Named]] = {}
    for n in named:
        if n.group is not None and n.role != "modifier":
            groups.setdefault(n.group, []).append(n)
    if not groups:
        return out
    resp = lex.subjects.respectively
    for pos in [m.start() for m in resp.finditer(text)] or []:
        members = _group_before(groups, pos)
        if not members:
            continue
        after = [(k, c) for k, c in enumerate(cands) if c.figure.start > pos]
        by_measure: dict[str, list[tuple[int, Candidate]]] = {}
        for k, c in after:
            by_measure.setdefault(c.measure, []).append((k, c))
        for measure, items in by_measure.items():
            places = [(k, p) for k, c in items for p in range(max(1, len(c.figure.places)))]
            if len(places) == len(members):
                for (k, p), n in zip(places, members):
                    out[(k, p)] = n
    for k, c in enumerate(cands):
        if len(c.figure.places) > 1 and (k, 0) not in out:
            members = _group_before(groups, c.figure.start)
            if members and len(members) == len(c.figure.places):
                for p, n in enumerate(members):
                    out[(k, p)] = n
    return out


def _group_before(groups: dict[int, list[Named]], pos: int) -> list[Named] | None:
    best = None
    for members in groups.values():
        if members[-1].after <= pos and members[-1].role not in ("comparison", "announce", "place") \
                and all(_party(m) for m in members):
            if best is None or members[-1].after > best[-1].after:
                best = members
    return best


@dataclass(frozen=True)
class Carried:
    """What a figure with no subject of its own may take."""

    subject: Subject | None          # the sentence before's subject
    scope: Subject | None            # the subject of the last total (for breakdowns)


def resolve(text: str, c: Candidate, named: list[Named], lex: Lexicon, carried: Carried,
            unit_subject: Subject | None) -> Subject:
    """The subject of candidate ``c``; ``unit_subject`` is the subject of the unit's figures before it."""
    fig = c.figure
    s = lex.subjects
    owner = paren_owner(text, fig.start, named)
    if owner is not None:
        return of(owner, "paren")
    if unit_subject is not None and unit_subject.how in ("paren", "topic", "rank_first", "after") and \
            _figure_paren(text, fig):
        return unit_subject                                        # 1847건(21.3%): the count's subject
    if _unknown_owner(text, fig, lex):
        return UNKNOWN
    if c.measure == "rank":
        head = _head_after(text, fig.end, named)
        rel = s.rank_relatives.starts(text[fig.end:])
        if head is None and rel:
            head = _head_after(text, fig.end + len(rel), named)       # 선언 1위인 화웨이는
        if head is not None:
            return of(head, "rank_first")
    c_start, c_end = clause(text, fig.start, lex)
    before = [n for n in named if n.after <= fig.start]
    for n in reversed(before):
        if n.role in ("comparison", "announce", "modifier", "within"):
            continue
        if _party(n) and (n.role in STRONG or (n.role in ("plain", "predicate") and _adjacent(text, n.after, fig.start))):
            return of(n, "topic")
    head_text = text[c_start:fig.start]
    back = s.anaphors.search(head_text) is not None and carried.subject is not None
    for n in named if lex.language == "ko" else ():     # Korean names the subject after a relative clause
        if fig.end <= n.start < c_end and _party(n) and n.role in ("topic", "predicate", "plain", "holder", "genitive",
                                                                    "place"):
            if back and c.measure != "share":
                break        # 이 가운데 7293건은 미국·유럽 등에서 등록받은: where, not whose (but 70%가 중국에서 나왔다)
            head = _head_after(text, n.start, named) or n
            return of(head, "after")
    near_places = [n for n in before if n.role == "place" and _party(n) and n.start >= c_start]
    if near_places and not back:
        return of(near_places[-1], "place")              # 미국 내 전체 특허 등록은
    world = _world(text, c_start, fig.start, lex)
    if world == "whole" and c.measure != "rank" and \
            not any(_party(n) and n.role == "plain" for n in before if n.start >= c_start):
        return Subject(None, None, "world")
    opening = [n for n in before if _party(n) and n.role == "plain" and n.start >= c_start]
    if world == "part" and opening:
        return of(opening[0], "weak")                # 중국 AI 빅모델 특허 전 세계 비중은 58%
    if world == "part":
        # 전체 출원에서 AI가 차지하는 비중: a part of the total, whose subject is the total's
        scope = carried.scope
        return Subject(scope.text, scope.id, "scope") if scope is not None else Subject(None, None, "world")
    if any(n.mention.kind == "collective" and n.role in ("place", "topic", "genitive", "plain", "jurisdiction")
           for n in before):
        return Subject(None, None, "collective")
    if back:
        return Subject(carried.subject.text, carried.subject.id, "anaphor")
    places = [n for n in before if n.role == "place" and _party(n)]
    if places:
        return of(places[-1], "place")
    offices = [n for n in named if n.mention.kind == "office" and n.role in ("topic", "place", "genitive", "plain")
               and n.start < fig.start]
    if offices:
        return Subject(offices[-1].mention.text, offices[-1].id, "office")
    if unit_subject is not None:
        return unit_subject
    if s.breakdowns.search(text, 0, fig.start) and carried.scope is not None:
        return Subject(carried.scope.text, carried.scope.id, "scope")
    # 중국 AI 빅모델 특허 전 세계 비중은 58%: a name that opens the clause's noun phrase
    plain = [n for n in before if _party(n) and n.role == "plain" and n.start >= c_start]
    if plain:
        return of(plain[0], "weak")
    if carried.subject is not None:
        return Subject(carried.subject.text, carried.subject.id, "carry")
    weak = [n for n in before if _party(n) and n.role in ("jurisdiction", "plain", "holder", "predicate", "place")]
    if weak:
        return of(weak[-1], "weak")
    sources = [n for n in named if n.mention.kind == "office" and n.start < fig.start]
    if sources:
        return Subject(sources[-1].mention.text, sources[-1].id, "office")
    return NOBODY


def _world(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """"whole" when the clause counts the world or a whole (전 세계 PCT 출원은, 전 세계에서 출원된 특허는);
    "part" when the whole is what a share is of (전체 출원에서 AI가 차지하는 비중, 전체 공개 건수의 10.5%)."""
    m = lex.subjects.world.search(text, start, end)
    if m is None:
        return None
    after = text[m.end():end]
    if lex.measures.share_words.search(after) or re.search(r"의\s*$", after):
        return "part"
    return "whole"


def _adjacent(text: str, start: int, end: int) -> bool:
    """화웨이 1위, TSMC 첫 2위, 韓 국제특허 출원 5년 연속 세계 4위: nothing between a headline's name and its
    figure but words with no particle."""
    between = text[start:end]
    if not between.strip():
        return True
    return len(between) <= 24 and not re.search(r"[은는이가을를에의로과와도]\s|[,.%]|\d+\s*(?:건|위|%)", between)


def _unknown_owner(text: str, fig, lex: Lexicon) -> bool:
    """오리진퀀텀(605건) with 오리진퀀텀 unknown: the figure belongs to a party we cannot name."""
    head = text[:fig.start]
    if not head.endswith("("):
        return False
    word = re.search(r"([가-힣A-Za-z][가-힣A-Za-z&.\-]*)$", head[:-1])
    if not word:
        return False
    w = word.group(1)
    p = lex.periods
    if p.previous_year.ends(head[:-1]) or p.same_period.ends(head[:-1]) or w.endswith(("년", "월", "말", "기준", "전")):
        return False
    return w not in p.relative_years


def _figure_paren(text: str, fig) -> bool:
    """Is the figure in parentheses right after another figure: 1847건(21.3%)?"""
    head = text[:fig.start].rstrip()
    return head.endswith("(") and head[:-1].rstrip()[-1:] in "건%위0123456789"
