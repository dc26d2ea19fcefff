"""Fifth pass: who each figure is about.

In order, a figure belongs to:
1. the name its parentheses follow (텐센트(4115건), 한국전자통신연구원(ETRI·187건));
2. for a rank, the name right after it (1위 삼성전자(4,213건), 1위는 여전히 도요타, 5위 독일), and in
   English the name a relative clause speaks of (Kakao, which ranked ninth); nobody for a list of more
   than three (한국·미국·일본·중국·유럽 특허청에 출원된);
3. the nearest topic, subject or owner before it (삼성전자는 … 4640건, 한국의 PCT 출원은 …),
   or a name standing right before it in a headline (화웨이 1위); never a compared party
   (일본에 이어, 삼성전자를 제치고) or a place of announcement;
4. the name its clause goes on to (1위는 3325건을 선언한 중국 화웨이로, 세계 1위를 달리는 중국은);
5. nobody, when its clause counts the world (전 세계 PCT 출원은) or a group (IP5에 출원된);
6. the subject before, when its clause refers back (이 가운데, 이 중);
7. a place counted (국내에 출원된, 미국에서 등록된, 중국 내), a country's whole (미국 전체 특허 등록은);
8. a national office counting its own total (특허청은 …, USPTO가 내준 특허는, 특허청이 9일 발표한 …에
   따르면), unless another body does the counting (ETSI에 선언된); a country named as the set a figure
   is part of (국내 특허 출원 가운데);
9. the total's subject, in a breakdown (기술별로는, 유형별로는);
10. the subject carried from the sentence before;
11. a weaker name: where patents were filed (미국 특허), an office quoted as source.
Lists share figures out in order: 애플(3082건)과 화웨이(3046건)가 4·5위, 핑안보험과 바이두,
중국과학원이 2∼4위, 일본과 인도가 각각 3천409건, 1천350건으로 4, 5위.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import vocabulary
from .lexicon import Lexicon
from .measures import Candidate, clause
from .owners import (adjacent_to_figure, counted_elsewhere, figure_paren, filing_topic, owner_through_nouns,
                     unknown_owner, unknown_topic, whole_phrase, world_kind)
from .roles import STRONG, Named, is_group, is_party, is_place_name, list_members, paren_owner


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
    return head if head is not None and is_party(head) else None


@dataclass(frozen=True)
class Carried:
    """What a figure with no subject of its own may take."""

    subject: Subject | None          # the sentence before's subject
    scope: Subject | None            # the subject of the last total (for breakdowns)
    lead: Subject | None = None      # the subject of the article's first figure


def resolve(text: str, c: Candidate, named: list[Named], lex: Lexicon, carried: Carried,
            unit_subject: Subject | None) -> Subject:
    """The subject of candidate ``c``; ``unit_subject`` is the subject of the unit's figures before it."""
    fig = c.figure
    s = lex.subjects
    owner = paren_owner(text, fig.start, named) or owner_through_nouns(text, fig, named, lex)
    if _abroad(text, fig, named, lex, carried) and (owner is None or is_place_name(owner)):
        # 해외 특허를 국가별로 보면 미국이 1천9백20건, 중국(4백40건): KAIST's patents, the countries are where
        return Subject(carried.subject.text, carried.subject.id, "carry")
    if owner is not None:
        return of(owner, "paren")
    if unit_subject is not None and unit_subject.how in ("paren", "topic", "rank_first", "after") and \
            figure_paren(text, fig, lex):
        return unit_subject                                        # 1847건(21.3%): the count's subject
    if unknown_owner(text, fig, lex):
        return UNKNOWN
    if c.measure == "rank":
        head = _head_after(text, fig.end, named)
        rel = s.rank_relatives.starts(text[fig.end:])
        if head is None and rel:
            after = fig.end + len(rel)
            while (adverb := s.adverbs.starts(text[after:])) and text[after + len(adverb):after + len(adverb) + 1] == " ":
                after += len(adverb) + 1                              # 1위는 여전히 도요타
            head = _head_after(text, after, named)       # 선언 1위인 화웨이는
        if head is not None:
            return of(head, "rank_first")
    c_start, c_end = clause(text, fig.start, lex)
    if lex.relatives is not None and lex.relatives.pronouns.starts(text[c_start:].lstrip()):
        head = [n for n in named if n.after <= c_start and not text[n.after:c_start].strip(" ,")]
        if head and is_party(head[-1]):
            return of(head[-1], "topic")             # Kakao, which ranked ninth
    before = [n for n in named if n.after <= fig.start]
    everyone = before
    part = text.rfind("…", 0, fig.start) + 1        # a headline's parts: 삼성전자 유럽 특허출원 2위…한국 출원 5.4%
    if part and any(is_party(n) and n.start >= part for n in before):
        before = [n for n in before if n.start >= part]
        unit_subject = None
    if unknown_topic(text, c_start, fig.start, named, lex):
        return UNKNOWN
    # 한국·미국·일본·중국·유럽 특허청에 출원된: more than three together, and no one named after them
    last = next((n for n in reversed(before) if n.start >= c_start and n.role not in ("comparison", "modifier")), None)
    if last is not None and last.group is not None and \
            sum(1 for n in before if n.group == last.group and n.start >= c_start) > 3:
        return Subject(None, None, "collective")
    whole = whole_phrase(text, c_start, fig, c, lex, named)
    for n in reversed(before):
        if n.role in ("comparison", "announce", "modifier", "within"):
            continue
        if n.mention.kind == "collective" and n.role in STRONG and n.start >= c_start:
            return Subject(None, None, "collective")  # 중소·중견기업이 17.3%: more than one group together
        if whole is not None and whole <= n.start and not s.genitive.starts(text[n.after:]):
            continue                          # 국내 대학 전체 등록 특허(3백11건)의 50.2%: the whole, not the holder
        adjacent = n.role in ("plain", "predicate") and adjacent_to_figure(text, n.after, fig.start, lex)
        if adjacent and c.measure == "rank" and is_group(n) and \
                any(m.role in STRONG and is_party(m) for m in everyone if m.start < n.start):
            ranked = [m for m in everyone if m.role in STRONG and is_party(m) and m.start < n.start]
            return of(ranked[-1], "topic")    # KAIST, … 국내 대학 1위 … 세계 대학 15위: the set it ranks in
        if is_party(n) and (n.role in STRONG or adjacent):
            place = _place_listed_before(text, n, named, lex)
            if place is not None:
                return of(place, "topic")     # 대전지역 기업과 대학, 연구기관이: Daejeon's, not the universities'
            members = list_members(named, n)
            if len(members) > 1:
                places = [m for m in members if not is_group(m)]
                if len(places) == 1 and is_place_name(places[0]):
                    return of(places[0], "topic")      # 한국 기업과 개인이 받은 특허는: the country's
                if c.measure != "rank" and not s.respectively.search(text, n.after, fig.start):
                    return Subject(None, None, "combined")   # KAIST와 서울대 두 곳의 출원이: two together
            return of(n, "topic")
    head_text = text[c_start:fig.start]
    # 이 중 소재 특허가 2만 건을 넘고, 미국에서 등록받은 특허는 1만2천 건: a sentence that opens referring back
    # refers back in all its clauses
    opener = s.anaphors.starts(text.lstrip())
    back = carried.subject is not None and (s.anaphors.search(head_text) is not None or bool(opener) and not any(
        is_party(n) and n.role in STRONG for n in before))
    if any(n.mention.kind == "collective" and n.start >= c_start for n in before):
        return Subject(None, None, "collective")        # IP5에 출원된 …, 중소·중견기업이 17.3%
    for n in named if lex.language == "ko" else ():     # Korean names the subject after a relative clause
        if fig.end <= n.start < c_end and is_party(n) and (n.role in ("topic", "predicate", "plain", "holder", "genitive",
                                                                     "place") or
                                                         n.role == "jurisdiction" and is_place_name(n)):
            if re.match(r"\s*[^\s()]{0,6}\s*\(\s*\d", text[n.after:]):
                continue     # … 35.2%에 그쳐 외국인 출원(1만6천7백38건)에 못 미쳤다: a name with a figure of its own
            if back and c.measure != "share":
                break        # 이 가운데 7293건은 미국·유럽 등에서 등록받은: where, not whose (but 70%가 중국에서 나왔다)
            head = _head_after(text, n.start, named) or n
            return of(head, "after")
    if back and whole is not None:
        ref = carried.subject                            # 이는 전국 출원 20만8천8백30건의 3.0%: 이는, not the whole
        return Subject(ref.text, ref.id, "anaphor")
    near_places = [n for n in before if n.role == "place" and is_party(n) and n.start >= c_start]
    if near_places and back and _is_party_kind(carried.subject):
        return Subject(carried.subject.text, carried.subject.id, "anaphor")   # KAIST … 이 가운데 국내 특허는
    if near_places:
        return of(near_places[-1], "place")              # 미국 내 전체 특허 등록은, 이 가운데 내국인 출원이
    offices = [n for n in before if n.mention.kind == "office" and n.start >= c_start and
               (s.world.starts(text[n.after:].lstrip()) or s.counted_whole.starts(text[n.after:].lstrip()))]
    if offices:
        return Subject(offices[-1].mention.text, offices[-1].id, "office")   # EPO 전체 출원은
    world = world_kind(text, c_start, fig.start, lex)
    juris = [n for n in before if n.role == "jurisdiction" and is_place_name(n) and n.start >= c_start]
    if juris and not any(is_party(n) and n.role not in ("comparison", "announce", "source") and n is not juris[-1]
                         for n in before) and \
            (s.world.starts(text[juris[-1].after:].lstrip()) or s.counted_whole.search(text, juris[-1].after, fig.start)):
        return of(juris[-1], "place")        # 미국 전체 특허 등록은 32만 건, 미국 특허 등록은 총 6318건: the country's total
    counting = [n for n in named if n.mention.kind == "office" and c_start <= n.start < c_end
                and n.role not in ("source", "announce", "comparison")]
    if world == "whole" and counting:
        return Subject(counting[-1].mention.text, counting[-1].id, "office")   # A total of … filed with KIPO
    if world == "whole" and c.measure != "rank" and \
            not any(is_party(n) and n.role == "plain" for n in before if n.start >= c_start):
        return Subject(None, None, "world")
    opening = [n for n in before if is_party(n) and n.role in ("plain", "jurisdiction") and n.start >= c_start]
    if world == "part" and opening:
        if len(list_members(named, opening[0])) > 1:
            return Subject(None, None, "combined")   # KAIST와 서울대 두 곳의 출원이 대학 전체의 26.1%
        return of(opening[0], "weak")                # 중국 AI 빅모델 특허 전 세계 비중은 58%
    if world == "part":
        # 전체 출원에서 AI가 차지하는 비중: a part of the total, whose subject is the total's
        scope = carried.scope
        return Subject(scope.text, scope.id, "scope") if scope is not None else Subject(None, None, "world")
    if any(n.mention.kind == "collective" and n.role in ("place", "topic", "genitive", "plain", "jurisdiction")
           for n in before):
        return Subject(None, None, "collective")
    if back:
        # 이 가운데 …: the figure before in this sentence, else the sentence before's subject
        ref = unit_subject if unit_subject is not None and unit_subject.how not in ("paren", "group") else carried.subject
        return Subject(ref.text, ref.id, "anaphor")
    places = [n for n in before if n.role == "place" and is_party(n)]
    if places:
        return of(places[-1], "place")
    offices = [n for n in named if n.mention.kind == "office" and n.role in ("topic", "place", "genitive", "plain")
               and (n.start < fig.start or not carried.subject)]
    if offices:
        return Subject(offices[-1].mention.text, offices[-1].id, "office")
    if unit_subject is not None:
        return unit_subject
    if s.breakdowns.search(text, 0, fig.start) and (carried.lead or carried.scope) is not None:
        total = carried.lead or carried.scope
        return Subject(total.text, total.id, "scope")
    if lex.language == "en":
        nearest = [n for n in before if is_party(n) and n.role in ("plain", "topic") and n.start >= c_start]
        opener = next((n for n in named if is_party(n) and n.role in ("plain", "topic") and n.start < fig.start), None)
        if nearest or opener is not None:
            # with IBM slipping to fifth; China overtook the United States …, with 58,990
            return of(nearest[-1] if nearest else opener, "topic")
    if juris and carried.subject is not None and _country_subject(carried.subject, lex):
        return of(juris[-1], "weak")                 # 한국 출원인의 비중 … 반면 일본 출원은: Japan's filings
    if carried.scope is not None and filing_topic(text, 0 if lex.language == "en" else c_start, fig.start, lex):
        return Subject(carried.scope.text, carried.scope.id, "scope")    # 실용신안 출원은 1만1백여건
    # 중국 AI 빅모델 특허 전 세계 비중은 58%: a name that opens the clause's noun phrase
    plain = [n for n in before if is_party(n) and n.role == "plain" and n.start >= c_start]
    if plain:
        if len(list_members(named, plain[0])) > 1 and c.measure != "rank":
            return Subject(None, None, "combined")   # KAIST와 서울대 두 곳의 출원이
        return of(plain[0], "weak")
    stated = [n for n in before if n.mention.kind == "office" and n.role == "source"]
    if stated and not counted_elsewhere(text, stated[-1], fig, lex) and \
            not any(is_party(n) and n.role not in ("comparison", "announce") for n in before):
        # 특허청이 9일 발표한 …에 따르면 지난해 특허 출원은 4만5천7백12건: the office's own total
        return Subject(stated[-1].mention.text, stated[-1].id, "office")
    sets = [n for n in before if n.role == "within" and is_place_name(n) and n.start >= c_start and
            s.within.search(text, n.after, n.after + 12)]
    if sets:
        return of(sets[-1], "place")     # 국내 특허 출원 가운데 여성 발명자가 참여한 출원은 23.5%: a part of KR's
    if carried.subject is not None:
        return Subject(carried.subject.text, carried.subject.id, "carry")
    weak = [n for n in before if is_party(n) and n.role in ("jurisdiction", "plain", "holder", "predicate", "place",
                                                          "where")]
    if len(weak) >= 2 and is_place_name(weak[-1]) and is_place_name(weak[-2]) and \
            not text[weak[-2].after:weak[-1].start].strip():
        return of(weak[-2], "weak")                  # 韓 유럽 특허출원: Korea's filings in Europe
    if weak:
        return of(weak[-1], "weak")
    sources = [n for n in named if n.mention.kind == "office" and n.start < fig.start]
    if sources and not counted_elsewhere(text, sources[-1], fig, lex):
        return Subject(sources[-1].mention.text, sources[-1].id, "office")
    return NOBODY


def _place_listed_before(text: str, n: Named, named: list[Named], lex: Lexicon) -> Named | None:
    """For an applicant group listed after a place's companies (부산지역 기업과 개인이, 한국 기업과 대학이), the
    place."""
    if not is_group(n):
        return None
    for m in named:
        if m.after <= n.start and is_place_name(m):
            between = text[m.after:n.start]
            if re.fullmatch(r"\s*\S{0,4}\s*(?:%s)?\s*(?:%s)\s*" % (lex.subjects.generic_parties.pattern.pattern,
                                                               lex.subjects.list_joiners.pattern.pattern), between):
                return m
    return None


def _abroad(text: str, fig, named: list[Named], lex: Lexicon, carried: "Carried") -> bool:
    """Does the sentence break a party's overseas patents down by country (해외 특허를 국가별로 보면 …)?"""
    return lex.subjects.abroad.search(text, 0, fig.start) is not None and _is_party_kind(carried.subject) and \
        not any(is_party(n) and not is_place_name(n) for n in named if n.start < fig.start)


def _is_party_kind(subject: Subject | None) -> bool:
    """A filer that is no place (a company, a university, an institute): its 국내 특허 are its own."""
    known = vocabulary().resolve(subject.id) if subject is not None and subject.id else None
    return known is not None and known.kind in ("company", "university", "institution")


def _country_subject(subject: Subject, lex: Lexicon) -> bool:
    """Was the subject carried a country as such (한국 출원인), not a party filing abroad (우리 기업, 삼성전자)?"""
    if subject.id is None or not re.fullmatch(r"[A-Z]{2}", subject.id):
        return False
    return not lex.subjects.holder_nouns.search(subject.text or "")

