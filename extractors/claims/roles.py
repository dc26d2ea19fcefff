"""Third pass: the names in a unit and the grammatical role each plays.

Korean marks a noun's role with the particle after it, so for the names the
vocabulary knows, the particle decides: 삼성전자는 / 중국이 (topic or
subject), 한국의 (owner of what is counted), 일본에 이어 / 미국보다 (a
compared party), 스위스 제네바에서 발표한 (where a report was announced),
미국에서 등록된 (a place), 미국 특허 (where patents were filed), 미국 퀄컴 (a
modifier of the name after it), 1위는 … 화웨이로 (a predicate). A figure in
parentheses right after a name belongs to it: 텐센트(4115건). Names joined by
과/와, commas or 중점 form one list whose role is its last member's. The
particles are data (``[subjects]`` of the language file).

English marks roles by word order: a name before a verb is the subject;
``than``, ``behind``, ``ahead of`` before it make it compared; ``in`` a place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..vocabulary import Mention, vocabulary
from .figures import find_figures
from .lexicon import Lexicon

STRONG = ("topic", "genitive", "holder")
_ALIAS = re.compile(r"\(([^()\d]{1,30})\)")
_FIGURE_PAREN = re.compile(r"\(([^()]{1,40})\)")


@dataclass(frozen=True)
class Named:
    """A name in a unit, with its role."""

    mention: Mention
    role: str                      # topic genitive holder predicate comparison place announce source
                                   # jurisdiction modifier plain
    after: int                     # end of the name with its alias and figure parentheses
    paren: tuple[int, int] | None = None   # parentheses with a figure right after the name: 텐센트(4115건)
    group: int | None = None       # the names of one list share a group

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    @property
    def id(self) -> str | None:
        return self.mention.id


def annotate(text: str, lex: Lexicon, vocab=None) -> list[Named]:
    """Every name in ``text`` (``vocab``: the document's vocabulary, else the shared one) with its role."""
    mentions = (vocab or vocabulary()).mentions(text)
    spans: list[tuple[int, int, Mention, tuple[int, int] | None]] = []
    for m in mentions:
        if spans and m.start < spans[-1][1]:
            continue                       # 한국전자통신연구원(ETRI·187건): the name inside is the same party
        if spans and m.text in lex.subjects.domestic and text[spans[-1][1]:m.start] == " " and \
                _is_place(spans[-1][2]):
            spans[-1] = (spans[-1][0], m.end, spans[-1][2], None)
            continue                       # 중국 국내 출원인: China's own domestic applicants
        pos = m.end
        alias = _ALIAS.match(text, pos)
        if alias:
            pos = alias.end()
        paren = None
        fig = _FIGURE_PAREN.match(text, pos)
        if fig and re.search(r"\d", fig.group(1)):
            paren = (fig.start(), fig.end())
            pos = fig.end()
        spans.append((m.start, pos, m, paren))
    named = [Named(m, _role(text, end, lex), end, paren) for _, end, m, paren in spans]
    named = [_filer(n, text, lex) for n in named]
    named = _owned_places(text, named, lex)
    named = _lists(text, _modifiers(text, named, lex), lex)
    if named and not text[:named[0].start].strip() and text[named[0].after:].startswith(","):
        nxt = named[1] if len(named) > 1 else None
        if nxt is None or _kind_class(nxt) != _kind_class(named[0]) or text[named[0].after + 1:nxt.start].strip():
            named = [replace(n, group=None) if n.group == named[0].group and n.group is not None else n
                     for n in named]
            named[0] = replace(named[0], role="topic")   # 삼성전자, 美 특허 6377건 …: a headline's topic
    return named


def _role(text: str, pos: int, lex: Lexicon) -> str:
    if lex.language == "en":
        return _english_role(text, pos, lex)
    s = lex.subjects
    after = text[pos:]
    phrase = _phrase(after[:24], lex)
    if re.search(r"[을를]\s*(?:\S+\s+)?(?:%s)" % s.surpass_verbs.pattern.pattern, after[:28]) and \
            re.search(r"[을를]$", phrase.split()[-1] if phrase.split() else ""):
        return "comparison"                          # 국내 대학 평균(21.5%)을 크게 웃돌았다
    listed = re.match(r"\s*(?:과|와|,)\s*(?:%s)(%s)(?=\s)" % (s.generic_parties.pattern.pattern,
                                                        lex.grammar.subject_particles.pattern.pattern), after)
    if listed:
        return "topic"                               # 한국 기업과 기관이 EPO에 출원한 특허는
    adverb = re.match(r"\s+(?:%s)(?=\s)" % s.adverbs.pattern.pattern, after)
    if s.comparison.starts(after) or (adverb and s.comparison.starts(after[adverb.end():])):
        return "comparison"                          # 일본에 이어, 한국 첫 추월
    if s.within.starts(after):
        return "within"
    noun = re.match(r"\s*(?:%s|%s)+" % (lex.topic.filing_words.pattern.pattern, lex.topic.patent_words.pattern.pattern),
                    after)
    if noun and s.within.starts(after[noun.end():]):
        return "within"                              # 외국인 출원 가운데 미국에 이어 2위: the set it ranks in
    if s.excluded.starts(after) or _excluded_list(after, s):
        return "comparison"                          # 본토(홍콩·마카오·대만 제외)
    if s.source_markers.starts(after) or s.source_markers.starts(s.source_dates_re.sub("", after[:40], count=1)):
        return "source"                              # 센터가 20일 발표한 …에 따르면
    if _describes_source(after, lex):
        return "source"                              # 독일 특허분석기관 아이피리틱스가 발간한: the source's country
    topic, genitive = s.topic.starts(after), s.genitive.starts(after)
    if topic and genitive and len(topic) > len(genitive):
        return "topic"                               # 한국의 경우
    loc = s.locative.starts(after)
    if loc:
        if s.announce_verbs.search(after, len(loc), len(loc) + 16):
            return "announce"
        counted = s.passive.search(after, len(loc), len(loc) + 10) or s.locative_topic.starts(after)
        return "place" if counted else "where"
    if s.genitive.starts(after):
        return "genitive"
    if s.jurisdiction_nouns.starts(after):
        return "jurisdiction"                        # 美특허 등록
    if s.predicate.starts(after):
        return "predicate"
    if s.topic.starts(after):
        return "topic"
    if after[:1] in (" ", "\u00a0"):
        rest = after.lstrip()
        # 스위스 제네바에서 발표한: the place named after the country is where a report came out
        word = re.match(r"[가-힣A-Za-z]{1,8}", rest)
        if word:
            loc = s.locative.starts(rest[word.end():])
            if loc and s.announce_verbs.search(rest, word.end() + len(loc), word.end() + len(loc) + 16):
                return "announce"
        if s.place_nouns.starts(rest):
            return "place"                           # 중국 내 유효 특허
        if s.holder_nouns.starts(rest):
            return "holder"
        if s.jurisdiction_nouns.starts(rest) or s.jurisdiction_nouns.search(_phrase(rest[:10], lex)):
            return "jurisdiction"                    # 미국 특허, 美 디자인 특허
    return "plain"


def _phrase(text: str, lex: Lexicon) -> str:
    """The words of ``text`` up to the first that ends in a particle (its noun phrase)."""
    out = []
    for word in text.split():
        out.append(word)
        if lex.grammar.particles.ends(word):
            break
    return " ".join(out)


def _excluded_list(after: str, s) -> bool:
    """·마카오·대만 제외): the last names of a list the figures leave out."""
    m = re.match(r"[·、,\s][^()]{0,20}?(?=\s*(?:%s)|$)" % s.excluded.pattern.pattern, after)
    return bool(m) and s.excluded.starts(after[m.end():].lstrip()) is not None


def _is_place(m: Mention) -> bool:
    return m.subject is not None and m.subject.kind in ("country", "region")


def _describes_source(after: str, lex: Lexicon) -> bool:
    """Does the name head a noun phrase (a few bare words) that ends in a source marker?"""
    if not after[:1].isspace():
        return False
    m = lex.subjects.source_markers.search(after, 0, 60)
    if m is None:
        return False
    words = after[:m.start()].split()
    return 1 <= len(words) <= 3 and not any(lex.grammar.particles.ends(w) for w in words[:-1]) and \
        not lex.topic.filing_words.search(after, 0, m.start())


def _owned_places(text: str, named: list[Named], lex: Lexicon) -> list[Named]:
    """부산의 전국 출원 비중, 한국의 미국 특허: the place after a party's genitive is where its patents
    are counted, not their holder."""
    out = list(named)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        between = text[a.after:b.start]
        if a.role == "genitive" and _kind_class(b) == "place" and between.strip() in lex.subjects.genitive and \
                b.role in ("holder", "plain", "place"):
            out[i] = replace(b, role="jurisdiction")
    return out


def _filer(n: Named, text: str, lex: Lexicon) -> Named:
    """삼성전자 특허 출원, 외국인 출원, 대학 특허: after a party that is no place, the patents are its own
    (only a country's name before 특허 says where they were filed: 미국 특허)."""
    subject = n.mention.subject
    if n.role == "jurisdiction" and subject is not None and (subject.kind not in ("country", "region") or
                                                             lex.subjects.holder_nouns.search(n.mention.text)):
        return replace(n, role="holder")          # 삼성전자 특허, 국내 기업 출원은
    if n.mention.text in lex.subjects.domestic and n.role in ("jurisdiction", "plain"):
        if (find_figures(text[n.after:n.after + 8], lex) and re.match(r"\s*\d", text[n.after:])) or \
                lex.subjects.within.search(text, n.after, n.after + 14):
            return replace(n, role="within")         # 전국 1위, 전국 17개 시·도 가운데: the set a place ranks in
        return replace(n, role="place")              # 국내 (반도체 분야) 특허 출원: the place counted
    return n


def _english_role(text: str, pos: int, lex: Lexicon) -> str:
    s = lex.subjects
    after = text[pos:]
    rest = re.match(r"(?:\s+(?:[A-Z][A-Za-z.&]*|Co\.|Inc\.))*", after)     # Hynix Semiconductor, Samsung Electronics Co.
    if rest and rest.end() and re.match(r"\s+[a-z]", after[rest.end():]):
        after = after[rest.end():]
    if after.startswith(("'s", "’s")):
        return "genitive"
    word = re.match(r"\s*([A-Za-z']+)", after)
    if word and word.group(1) in s.topic or after.lstrip().startswith(","):
        return "topic"
    return "plain"


def _modifiers(text: str, named: list[Named], lex: Lexicon) -> list[Named]:
    """미국 퀄컴, 중국 배터리 업체 CATL, Japan's Canon: the first name modifies the next."""
    out = list(named)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.paren is not None or b.start - a.after > 12 or a.role == "jurisdiction":
            continue
        between = text[a.after:b.start]
        if re.search(r"[\d…()\[\]'\"‘’“”]", between):
            continue
        if lex.language == "en":
            if between in ("'s ", "’s "):
                out[i] = replace(a, role="modifier")
            elif lex.subjects.comparison.ends(text[:a.start].rstrip()):
                pass
            continue
        if between[:1] == " " and not re.search(r"[,·]", between) and \
                not any(len(w) > 1 and lex.grammar.particles.ends(w) for w in between.split()) \
                and a.mention.subject is not None and a.mention.subject.kind in ("country", "region") \
                and b.mention.subject is not None and b.mention.subject.kind not in ("country", "region"):
            out[i] = replace(a, role="modifier")
    if lex.language == "en":
        for i, n in enumerate(out):
            before = text[:n.start].rstrip()
            if lex.subjects.comparison.ends(before) and not before.endswith("placed"):
                out[i] = replace(n, role="comparison")
            elif re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[:n.start]):
                out[i] = replace(n, role="place")
    return out


def _lists(text: str, named: list[Named], lex: Lexicon) -> list[Named]:
    """A(…)과 B(…)가, A·B, A, B, C이: one group, whose role is the last name's."""
    out = list(named)
    heads = [i for i, n in enumerate(out) if n.role != "modifier"]
    group = 0
    k = 0
    while k < len(heads):
        j = k
        while j + 1 < len(heads) and _joined(text, out[heads[j]], out[_first_of(out, heads[j + 1])], lex):
            j += 1
        if j > k:
            role = out[heads[j]].role
            for h in heads[k:j + 1]:
                out[h] = replace(out[h], role=role if role != "plain" or h == heads[j] else "plain", group=group)
            group += 1
        k = j + 1
    return out


def _first_of(named: list[Named], head: int) -> int:
    """The index where the phrase of ``head`` starts (its modifiers before it)."""
    i = head
    while i > 0 and named[i - 1].role == "modifier":
        i -= 1
    return i


def _kind_class(n: Named) -> str:
    subject = n.mention.subject
    return "place" if subject is not None and subject.kind in ("country", "region") else "party"


def _joined(text: str, a: Named, b: Named, lex: Lexicon) -> bool:
    groups = {x.mention.subject.kind == "group" for x in (a, b) if x.mention.subject is not None}
    if _kind_class(a) != _kind_class(b) and b.role != "modifier" and True not in groups:
        return False                          # 삼성전자, 美 특허 6377건: a company and a country are no list
    between = text[a.after:b.start].strip()
    if lex.language == "en":
        return between in lex.subjects.list_joiners or between in (", and", ",and")
    return between in lex.subjects.list_joiners


def paren_owner(text: str, start: int, named: list[Named]) -> Named | None:
    """The name a figure in parentheses belongs to: 텐센트(4115건), 한국전자통신연구원(ETRI·187건)."""
    for n in named:
        if n.paren and n.paren[0] < start < n.paren[1]:
            return n
    return None


def strong_before(named: list[Named], pos: int) -> Named | None:
    """The nearest subject or topic name before ``pos``."""
    best = None
    for n in named:
        if n.end <= pos and n.role in STRONG:
            best = n
    return best


def is_party(n: Named) -> bool:
    """A name that can be a subject by itself (not an office or a group of offices)."""
    return n.mention.kind == "subject"


def is_group(n: Named) -> bool:
    return n.mention.subject is not None and n.mention.subject.kind == "group"


def is_place_name(n: Named) -> bool:
    return n.mention.subject is not None and n.mention.subject.kind in ("country", "region")


def list_members(named: list[Named], n: Named) -> list[Named]:
    """The names of the list ``n`` ends (just ``n`` when it ends none)."""
    if n.group is None:
        return [n]
    return [m for m in named if m.group == n.group and m.role != "modifier"]
