"""What the words around a figure say about whose it is: a whole or a world total, the noun phrase a
figure in parentheses belongs to, a name we do not know, a kind of filing as the topic. Each test is a
function of the sentence, the figure and the lexicon, for ``subjects.resolve``."""
from __future__ import annotations

import re

from .figures import find_figures
from .lexicon import Lexicon
from .measures import Candidate
from .roles import STRONG, Named


def counted_elsewhere(text: str, office: Named, fig, lex: Lexicon) -> bool:
    """특허청 … 보고서에 따르면 유럽전기통신표준협회(ETSI)에 선언된 …: the figure counts what another body
    holds, not the office's own filings."""
    s = lex.subjects
    return re.search(r"\S(?:%s)\s*\S*(?:%s)" % (s.locative.pattern.pattern, s.passive.pattern.pattern),
                     text[office.after:fig.start]) is not None


def world_kind(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """"whole" when the clause counts the world or a whole (전 세계 PCT 출원은, 전 세계에서 출원된 특허는);
    "part" when the whole is what a share is of (전체 출원에서 AI가 차지하는 비중, 전체 공개 건수의 10.5%)."""
    m = lex.subjects.world.search(text, start, end)
    if m is None:
        return None
    after = text[m.end():end]
    if lex.measures.share_words.search(after) or lex.subjects.genitive.ends(after.rstrip()):
        return "part"
    return "whole"


def whole_phrase(text: str, c_start: int, fig, c: Candidate, lex: Lexicon,
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


def filing_topic(text: str, start: int, end: int, lex: Lexicon) -> bool:
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


def adjacent_to_figure(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """화웨이 1위, TSMC 첫 2위, 韓 국제특허 출원 5년 연속 세계 4위: nothing between a headline's name and its
    figure but words with no particle, and no other figure."""
    between = text[start:end]
    if not between.strip() or between.strip() in lex.grammar.figure_links:
        return True                           # Germany at 12.2 percent
    if len(between) > 24 or re.search(r"[,.%]", between) or find_figures(between, lex):
        return False
    # a word ending in a particle (…은, …을) gives the name another role
    return not any(len(w) > 1 and lex.grammar.particles.ends(w) for w in between.split())


def _field_in_breakdown(word: str, text: str, end: int, lex: Lexicon) -> bool:
    """기술분야별로는 …, 이차전지(1만1,020건): a technology field, or any word in a breakdown by field or kind,
    names what is counted, not a party we do not know."""
    return bool(lex.lexicon.fields.search(word) or lex.subjects.breakdowns.search(text, 0, end))


def unknown_owner(text: str, fig, lex: Lexicon) -> bool:
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
        owner = re.search(r"(\S+)\s+$", head[:word.start()])
        # 기업 출원(2만 건): a party we have no id for; 국내 대학 전체 등록 특허(3백11건): what is counted
        return bool(owner) and owner.group(1) in lex.subjects.generic_parties
    if lex.measures.growth_nouns.search(w) or lex.measures.share_words.search(w):
        return False                          # 전체 특허출원의 연평균 증가율(2.0%): the measure, not a party
    if _field_in_breakdown(w, text, fig.start, lex):
        return False
    return w not in p.relative_years


def owner_through_nouns(text: str, fig, named: list[Named], lex: Lexicon) -> Named | None:
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


def unknown_topic(text: str, start: int, end: int, named: list[Named], lex: Lexicon) -> bool:
    """마쓰시타전기산업(1천4백40건)이 6위: the nearest subject before the figure is a name we do not know."""
    m = None
    particles = lex.grammar.subject_particles.pattern.pattern
    for m in re.finditer(r"([가-힣A-Za-z][가-힣A-Za-z&.\-]{1,20})\([^()]*\d[^()]*\)(?:%s)\s" % particles, text[start:end]):
        pass
    if m is None:
        return False
    at = start + m.start(1)
    word = m.group(1)
    if _field_in_breakdown(word, text, end, lex) or lex.topic.patent_words.search(word) or \
            lex.topic.filing_words.search(word):
        return False
    return not any(n.start <= at < n.end or n.start == at for n in named) and \
        not any(n.end > start + m.end() and n.end <= end and n.role in STRONG for n in named)


def figure_paren(text: str, fig, lex: Lexicon) -> bool:
    """Is the figure in parentheses right after another figure: 1847건(21.3%), 3만6천여 건(30.5%)?"""
    head = text[:fig.start].rstrip()
    if not head.endswith("("):
        return False
    before = head[:-1].rstrip()
    return any(f.end == len(before) for f in find_figures(before, lex))
