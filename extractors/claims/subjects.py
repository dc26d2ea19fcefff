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

from ..vocabulary import vocabulary
from .figures import find_figures
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
        distribute_parallel(text, cands, named, out)
        return out
    resp = lex.subjects.respectively
    for pos in [m.start() for m in resp.finditer(text)] or []:
        trailing = lex.language == "en"      # English says it after the figures: third and fourth, respectively
        first = min((c.figure.start for c in cands if c.figure.end <= pos), default=pos) if trailing else pos
        members = _group_before(groups, first)
        if not members:
            continue
        after = [(k, c) for k, c in enumerate(cands)
                 if (first <= c.figure.start < pos if trailing else c.figure.start > pos)]
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
    distribute_parallel(text, cands, named, out)
    return out


def distribute_parallel(text: str, cands: list[Candidate], named: list[Named], out: dict) -> None:
    """중국이 32.9%, 한국이 26.8%로 1·2위: clauses in parallel, then one rank list for them all."""
    for k, c in enumerate(cands):
        if len(c.figure.places) > 1 and (k, 0) not in out:
            topics = [n for n in named if n.after <= c.figure.start and n.role in ("topic", "holder") and _party(n)]
            ids = list(dict.fromkeys(n.id for n in topics))
            if len(ids) == len(c.figure.places) and len(topics) == len(ids):
                for p, n in enumerate(topics):
                    out[(k, p)] = n


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
    lead: Subject | None = None      # the subject of the article's first figure


def resolve(text: str, c: Candidate, named: list[Named], lex: Lexicon, carried: Carried,
            unit_subject: Subject | None) -> Subject:
    """The subject of candidate ``c``; ``unit_subject`` is the subject of the unit's figures before it."""
    fig = c.figure
    s = lex.subjects
    owner = paren_owner(text, fig.start, named) or _owner_through_nouns(text, fig, named, lex)
    if _abroad(text, fig, named, lex, carried) and (owner is None or _is_place_name(owner)):
        # 해외 특허를 국가별로 보면 미국이 1천9백20건, 중국(4백40건): KAIST's patents, the countries are where
        return Subject(carried.subject.text, carried.subject.id, "carry")
    if owner is not None:
        return of(owner, "paren")
    if unit_subject is not None and unit_subject.how in ("paren", "topic", "rank_first", "after") and \
            _figure_paren(text, fig, lex):
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
    everyone = before
    part = text.rfind("…", 0, fig.start) + 1        # a headline's parts: 삼성전자 유럽 특허출원 2위…한국 출원 5.4%
    if part and any(_party(n) and n.start >= part for n in before):
        before = [n for n in before if n.start >= part]
        unit_subject = None
    if _unknown_topic(text, c_start, fig.start, named, lex):
        return UNKNOWN
    whole = _whole_phrase(text, c_start, fig, c, lex, named)
    for n in reversed(before):
        if n.role in ("comparison", "announce", "modifier", "within"):
            continue
        if n.mention.kind == "collective" and n.role in STRONG and n.start >= c_start:
            return Subject(None, None, "collective")  # 중소·중견기업이 17.3%: more than one group together
        if whole is not None and whole <= n.start and not s.genitive.starts(text[n.after:]):
            continue                          # 국내 대학 전체 등록 특허(3백11건)의 50.2%: the whole, not the holder
        adjacent = n.role in ("plain", "predicate") and _adjacent(text, n.after, fig.start, lex)
        if adjacent and c.measure == "rank" and _is_group(n) and \
                any(m.role in STRONG and _party(m) for m in everyone if m.start < n.start):
            ranked = [m for m in everyone if m.role in STRONG and _party(m) and m.start < n.start]
            return of(ranked[-1], "topic")    # KAIST, … 국내 대학 1위 … 세계 대학 15위: the set it ranks in
        if _party(n) and (n.role in STRONG or adjacent):
            place = _place_listed_before(text, n, named, lex)
            if place is not None:
                return of(place, "topic")     # 대전지역 기업과 대학, 연구기관이: Daejeon's, not the universities'
            members = _members(named, n)
            if len(members) > 1:
                places = [m for m in members if not _is_group(m)]
                if len(places) == 1 and _is_place_name(places[0]):
                    return of(places[0], "topic")      # 한국 기업과 개인이 받은 특허는: the country's
                if c.measure != "rank" and not s.respectively.search(text, n.after, fig.start):
                    return Subject(None, None, "combined")   # KAIST와 서울대 두 곳의 출원이: two together
            return of(n, "topic")
    head_text = text[c_start:fig.start]
    back = s.anaphors.search(head_text) is not None and carried.subject is not None
    if any(n.mention.kind == "collective" and n.start >= c_start for n in before):
        return Subject(None, None, "collective")        # IP5에 출원된 …, 중소·중견기업이 17.3%
    for n in named if lex.language == "ko" else ():     # Korean names the subject after a relative clause
        if fig.end <= n.start < c_end and _party(n) and n.role in ("topic", "predicate", "plain", "holder", "genitive",
                                                                    "place"):
            if back and c.measure != "share":
                break        # 이 가운데 7293건은 미국·유럽 등에서 등록받은: where, not whose (but 70%가 중국에서 나왔다)
            head = _head_after(text, n.start, named) or n
            return of(head, "after")
    if back and whole is not None:
        ref = carried.subject                            # 이는 전국 출원 20만8천8백30건의 3.0%: 이는, not the whole
        return Subject(ref.text, ref.id, "anaphor")
    near_places = [n for n in before if n.role == "place" and _party(n) and n.start >= c_start]
    if near_places and back and _is_party_kind(carried.subject):
        return Subject(carried.subject.text, carried.subject.id, "anaphor")   # KAIST … 이 가운데 국내 특허는
    if near_places:
        return of(near_places[-1], "place")              # 미국 내 전체 특허 등록은, 이 가운데 내국인 출원이
    offices = [n for n in before if n.mention.kind == "office" and n.start >= c_start and
               (s.world.starts(text[n.after:].lstrip()) or s.counted_whole.starts(text[n.after:].lstrip()))]
    if offices:
        return Subject(offices[-1].mention.text, offices[-1].id, "office")   # EPO 전체 출원은
    world = _world(text, c_start, fig.start, lex)
    if world == "whole" and c.measure != "rank" and \
            not any(_party(n) and n.role == "plain" for n in before if n.start >= c_start):
        return Subject(None, None, "world")
    opening = [n for n in before if _party(n) and n.role in ("plain", "jurisdiction") and n.start >= c_start]
    if world == "part" and opening:
        if len(_members(named, opening[0])) > 1:
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
    places = [n for n in before if n.role == "place" and _party(n)]
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
        nearest = [n for n in before if _party(n) and n.role in ("plain", "topic") and n.start >= c_start]
        opener = next((n for n in named if _party(n) and n.role in ("plain", "topic") and n.start < fig.start), None)
        if nearest or opener is not None:
            # with IBM slipping to fifth; China overtook the United States …, with 58,990
            return of(nearest[-1] if nearest else opener, "topic")
    own = [n for n in before if n.role == "jurisdiction" and _is_place_name(n) and n.start >= c_start]
    if own and carried.subject is not None and _country_subject(carried.subject, lex):
        return of(own[-1], "weak")                   # 한국 출원인의 비중 … 반면 일본 출원은: Japan's filings
    if carried.scope is not None and _filing_topic(text, 0 if lex.language == "en" else c_start, fig.start, lex):
        return Subject(carried.scope.text, carried.scope.id, "scope")    # 실용신안 출원은 1만1백여건
    # 중국 AI 빅모델 특허 전 세계 비중은 58%: a name that opens the clause's noun phrase
    plain = [n for n in before if _party(n) and n.role == "plain" and n.start >= c_start]
    if plain:
        if len(_members(named, plain[0])) > 1 and c.measure != "rank":
            return Subject(None, None, "combined")   # KAIST와 서울대 두 곳의 출원이
        return of(plain[0], "weak")
    own = [n for n in before if n.role == "jurisdiction" and _is_place_name(n) and n.start >= c_start]
    if own and carried.subject is not None and _country_subject(carried.subject, lex):
        return of(own[-1], "weak")                   # 한국 출원인의 비중 … 반면 일본 출원은: Japan's filings
    if carried.subject is not None:
        return Subject(carried.subject.text, carried.subject.id, "carry")
    weak = [n for n in before if _party(n) and n.role in ("jurisdiction", "plain", "holder", "predicate", "place",
                                                          "where")]
    if len(weak) >= 2 and _is_place_name(weak[-1]) and _is_place_name(weak[-2]) and \
            not text[weak[-2].after:weak[-1].start].strip():
        return of(weak[-2], "weak")                  # 韓 유럽 특허출원: Korea's filings in Europe
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
    if lex.measures.share_words.search(after) or lex.subjects.genitive.ends(after.rstrip()):
        return "part"
    return "whole"


def _whole_phrase(text: str, c_start: int, fig, c: Candidate, lex: Lexicon,
                  named: list[Named]) -> int | None:
    """Where "the whole a share is of" begins: …, 국내 대학 전체 등록 특허(3백11건)의 50.2%."""
    if c.measure != "share" or not lex.subjects.genitive.ends(text[:fig.start].rstrip()):
        return None
    s = lex.subjects
    m = s.counted_whole.search(text, c_start, fig.start) or s.world.search(text, c_start, fig.start) or \
        s.domestic.search(text, c_start, fig.start)
    if m is None:
        return None
    owner = [n for n in named if n.end <= m.start() and not text[n.after:m.start()].strip()]
    return owner[-1].start if owner else m.start()


def _filing_topic(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Does the clause open with a kind of filing as its topic (실용신안 출원은, 특허 등록은 …; Applications
    for green technology patents jumped …)?"""
    words = text[start:end].split()
    if lex.language == "en":
        opening = " ".join(words[:4])
        return bool(re.match(r"(?:The\s+number\s+of\s+)?(?:\w+\s+)?(?:%s)" % lex.topic.filing_words.pattern.pattern,
                             opening, re.I) or lex.topic.patent_words.starts(opening) is not None)
    for i, word in enumerate(words[:8]):
        particle = lex.grammar.subject_particles.ends(word)
        if particle and len(word) > len(particle):
            head = " ".join(words[max(0, i - 2):i] + [word[:-len(particle)]])
            return bool(lex.topic.patent_words.search(head) or lex.topic.filing_words.search(head))
    return False


def _place_listed_before(text: str, n: Named, named: list[Named], lex: Lexicon) -> Named | None:
    """For an applicant group listed after a place's companies (부산지역 기업과 개인이, 한국 기업과 대학이), the
    place."""
    if not _is_group(n):
        return None
    for m in named:
        if m.after <= n.start and _is_place_name(m):
            between = text[m.after:n.start]
            if re.fullmatch(r"\s*\S{0,4}\s*(?:%s)?\s*(?:%s)\s*" % (lex.subjects.generic_parties.pattern.pattern,
                                                               lex.subjects.list_joiners.pattern.pattern), between):
                return m
    return None


def _abroad(text: str, fig, named: list[Named], lex: Lexicon, carried: "Carried") -> bool:
    """Does the sentence break a party's overseas patents down by country (해외 특허를 국가별로 보면 …)?"""
    return lex.subjects.abroad.search(text, 0, fig.start) is not None and _is_party_kind(carried.subject) and \
        not any(_party(n) and not _is_place_name(n) for n in named if n.start < fig.start)


def _is_party_kind(subject: Subject | None) -> bool:
    """A filer that is no place (a company, a university, an institute): its 국내 특허 are its own."""
    known = vocabulary().resolve(subject.id) if subject is not None and subject.id else None
    return known is not None and known.kind in ("company", "university", "institution")


def _country_subject(subject: Subject, lex: Lexicon) -> bool:
    """Was the subject carried a country as such (한국 출원인), not a party filing abroad (우리 기업, 삼성전자)?"""
    if subject.id is None or not re.fullmatch(r"[A-Z]{2}", subject.id):
        return False
    return not lex.subjects.holder_nouns.search(subject.text or "")


def _is_group(n: Named) -> bool:
    return n.mention.subject is not None and n.mention.subject.kind == "group"


def _is_place_name(n: Named) -> bool:
    return n.mention.subject is not None and n.mention.subject.kind in ("country", "region")


def _members(named: list[Named], n: Named) -> list[Named]:
    """The names of the list ``n`` ends (just ``n`` when it ends none)."""
    if n.group is None:
        return [n]
    return [m for m in named if m.group == n.group and m.role != "modifier"]


def _adjacent(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """화웨이 1위, TSMC 첫 2위, 韓 국제특허 출원 5년 연속 세계 4위: nothing between a headline's name and its
    figure but words with no particle, and no other figure."""
    between = text[start:end]
    if not between.strip():
        return True
    if len(between) > 24 or re.search(r"[,.%]", between) or find_figures(between, lex):
        return False
    # a word ending in a particle (…은, …을) gives the name another role
    return not any(len(w) > 1 and lex.grammar.particles.ends(w) for w in between.split())


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
    if p.previous_year.ends(head[:-1]) or p.same_period.ends(head[:-1]) or p.date_suffixes.ends(w):
        return False
    if lex.topic.patent_words.search(w) or lex.topic.filing_words.search(w) or w in lex.subjects.counted_whole:
        return False                          # 국내 대학 전체 등록 특허(3백11건): what is counted, not who
    return w not in p.relative_years


def _owner_through_nouns(text: str, fig, named: list[Named], lex: Lexicon) -> Named | None:
    """전국 내국인 출원(13만1천8백5건): a name, the patent nouns it owns, then the figure in parentheses."""
    head = text[:fig.start]
    if not head.endswith("("):
        return None
    for n in reversed(named):
        if n.after <= len(head) - 1 and n.mention.kind == "subject":
            between = head[n.after:-1].split()
            if between and len(between) <= 4 and all(lex.topic.patent_words.search(w) or lex.topic.filing_words.search(w)
                                                     or w in lex.subjects.counted_whole for w in between):
                return n
            return None
    return None


def _unknown_topic(text: str, start: int, end: int, named: list[Named], lex: Lexicon) -> bool:
    """마쓰시타전기산업(1천4백40건)이 6위: the nearest subject before the figure is a name we do not know."""
    m = None
    particles = lex.grammar.subject_particles.pattern.pattern
    for m in re.finditer(r"([가-힣A-Za-z][가-힣A-Za-z&.\-]{1,20})\([^()]*\d[^()]*\)(?:%s)\s" % particles, text[start:end]):
        pass
    if m is None:
        return False
    at = start + m.start(1)
    return not any(n.start <= at < n.end or n.start == at for n in named) and \
        not any(n.end > start + m.end() and n.end <= end and n.role in STRONG for n in named)


def _figure_paren(text: str, fig, lex: Lexicon) -> bool:
    """Is the figure in parentheses right after another figure: 1847건(21.3%), 3만6천여 건(30.5%)?"""
    head = text[:fig.start].rstrip()
    if not head.endswith("("):
        return False
    before = head[:-1].rstrip()
    return any(f.end == len(before) for f in find_figures(before, lex))
