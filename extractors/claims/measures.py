"""Fourth pass: which figures are patent claims, and what each measures.

A count (건) counts; a percentage is a share (비중 8.7%) unless a growth word
stands after it in its clause (7.1% 늘어, 2.8% 줄어 → -2.8) or a growth noun
before it (증가율은 17.2%); percentage points are growth; a multiple is growth
unless it compares two parties (미국보다 6배); a place is a rank. A figure in
parentheses in a list takes the measure of the list's first figure (한국이
42.1%로 … 미국(29.8%)). A figure is dropped when its clause says it counts
something else: a blocker after the last patent word (상표 출원, 특허 소송, 매출),
or a head noun that is not patents (기술은 1540건).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .figures import Figure
from .lexicon import Lexicon
from .roles import Named, paren_owner

UNITS = {"count": "item", "share": "percent", "rank": "ordinal"}


@dataclass(frozen=True)
class Candidate:
    figure: Figure
    index: int            # the figure's position among the unit's figures
    measure: str          # count | share | growth | rank
    unit: str             # item | percent | multiple | ordinal
    value: Decimal        # signed: a decrease is negative growth


def clause(text: str, pos: int, lex: Lexicon) -> tuple[int, int]:
    """The clause of ``text`` around ``pos``: between the breaks (commas, -며, -고, 반면) on either side."""
    start, end = 0, len(text)
    for m in lex.clauses.breaks.finditer(text):
        if m.group() in (",", "，") and text[m.start() - 1:m.start()].isdigit() and text[m.end():m.end() + 1].isdigit():
            continue                                    # 38,000: a thousands separator, not a break
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _tail(text: str, figs: list[Figure], i: int, lex: Lexicon) -> str:
    """What follows figure ``i`` to the end of its clause, over a list of figures after it
    (2.9%, 1.0% 줄었다: the verb belongs to both)."""
    j = i
    end = clause(text, figs[j].end, lex)[1]
    while j + 1 < len(figs) and figs[j + 1].kind == figs[i].kind and figs[j + 1].start >= end \
            and (not text[end:figs[j + 1].start].strip() or text[end:figs[j + 1].start].strip() in lex.subjects.list_joiners):
        j += 1
        end = clause(text, figs[j].end, lex)[1]
    end = min(len(text), end + 3)             # the clause's own ending: 늘며, 줄었고
    # 542건(7.5%)으로 2위에 올랐다, 3만4천여건(21.3%)으로 전년보다 3.1%: the next figure ends what speaks of it
    later = [f.start for f in figs[j + 1:]]
    return text[figs[i].end:min([end, *later])]


def _growth_sign(window: str, lex: Lexicon) -> int | None:
    """+1 or -1 when a growth or decrease word stands in ``window``, whichever comes first."""
    m = lex.measures
    up, down = m.growth_up.search(window), m.growth_down.search(window)
    if up is None and down is None:
        return None
    if down is not None and (up is None or down.start() <= up.start()):
        return -1
    return 1


def _after_list(text: str, figs: list[Figure], i: int, lex: Lexicon) -> str:
    """What follows the list figure ``i`` belongs to: 중국(47.4%), 일본(19.9%), 미국(18.1%)의 증가율을."""
    j = i
    joiners = lex.subjects.list_joiners.pattern.pattern
    while j + 1 < len(figs) and figs[j + 1].kind == figs[i].kind and re.fullmatch(
            r"\)?\s*(?:%s)\s*[^\s\d()]{1,15}\s*\(" % joiners, text[figs[j].end:figs[j + 1].start]):
        j += 1
    end = min([figs[j].end + 16, *[f.start for f in figs[j + 1:]]])
    return text[figs[j].end:end].lstrip(")")


def _percent_cue(text: str, figs: list[Figure], i: int, lex: Lexicon) -> tuple[str, int] | None:
    """share or growth, with its sign, when the words around the percentage say which."""
    fig = figs[i]
    # 비중이 12.3%에서 16.5%로 높아졌다: two shares; the change between them is no figure of its own
    g = lex.grammar
    if g.from_marker.starts(text[fig.end:].lstrip()) and any(
            f.kind == "percent" and g.to_marker.starts(text[f.end:].lstrip()) for f in figs[i + 1:i + 2]):
        return "share", 1
    if g.to_marker.starts(text[fig.end:].lstrip()) and i > 0 and figs[i - 1].kind == "percent" and \
            g.from_marker.starts(text[figs[i - 1].end:].lstrip()):
        return "share", 1
    m = lex.measures
    c_start, _ = clause(text, fig.start, lex)
    head = text[c_start:fig.start]
    near_tail = _tail(text, figs, i, lex)[:16]
    share_near = m.share_words.search(head[-12:])
    sign = _growth_sign(near_tail, lex)
    if share_near and not m.growth_nouns.search(head[share_near.start():]):
        return "share", 1
    if sign is not None:
        return "growth", sign
    near_head = head[-20:]
    noun = m.growth_nouns.search(near_head)
    if noun and m.share_words.search(near_head, noun.end()):
        noun = None                                   # 증가율 … 비중은 8.7%: the share word is nearer
    after = _after_list(text, figs, i, lex)
    noun = noun or m.growth_nouns.search(near_tail[:10]) or m.growth_nouns.search(after[:12])   # 5.6%의 증가율
    if noun:
        return "growth", -1 if m.growth_down.search(noun.group()) else 1
    sign = _growth_sign(after[:12], lex)
    if sign is not None:
        return "growth", sign
    if m.share_words.search(after[:12]):
        return "share", 1
    return None


def _percent(text: str, figs: list[Figure], i: int, lex: Lexicon, found: list[Candidate]) -> tuple[str, int]:
    """share or growth (with its sign) for a percentage: its own words, else those of the percentage it
    stands parallel to (22.6%, 생명공학 분야는 364건으로 54.9% 증가했다; 중국은 14.7%, 미국 12.5% after
    연평균 -19.8%), else a share."""
    cue = _percent_cue(text, figs, i, lex)
    if cue is None and re.match(r"\)?\s*[,，]", text[figs[i].end:]):
        for j in range(i + 1, len(figs)):
            if figs[j].kind == figs[i].kind:
                cue = _percent_cue(text, figs, j, lex)
                if cue is not None:
                    break
    if cue is None:
        prior = [c for c in found if c.unit == "percent" and c.figure.kind == "percent"]
        if prior:
            return prior[-1].measure, 1
        return "share", 1
    return cue


def _multiple(text: str, figs: list[Figure], i: int, lex: Lexicon, named: list[Named]) -> int | None:
    """+1 for growth, None for a ratio between two parties (미국보다 6배) or no growth at all."""
    fig = figs[i]
    head = text[:fig.start].rstrip()
    marker = lex.measures.ratio_markers.ends(head)
    if marker:
        before = head[:-len(marker)].rstrip()
        if any(n.end == len(before) or n.after == len(before) for n in named):
            return None
    rest = re.sub(r"^\s*(?:%s)?\s*(?:%s)?\s*" % ("|".join(re.escape(w) for w in lex.qualifiers.at_least),
                                                lex.grammar.particles.pattern.pattern), "", text[fig.end:fig.end + 12])
    if lex.measures.margin_words.starts(rest):
        return None                            # 한국이 2배 이상 많다: a ratio between parties
    return _growth_sign(_tail(text, figs, i, lex)[:20], lex) or 1


def blocked(text: str, fig: Figure, lex: Lexicon, named: list[Named], headline: bool = False) -> str | None:
    """Does the figure's clause say it counts something other than patents? "topic" when a topic before
    the sentence's subject says so (시장 점유율은 삼성전자가 40.2%: it holds for the parallel figures after),
    "figure" when what stands at the figure does (시장 점유율 1위, 특허 소송 12건, 1건당); else None."""
    b = lex.blockers
    c_start, c_end = clause(text, fig.start, lex)
    while c_start > 0 and text[c_start - 1] == "…":    # 기술료 2940억 원…출연연 전체의 42.4%: one thought
        c_start = clause(text, c_start - 1, lex)[0]
    if headline:
        c_start = min(c_start, text.rfind("…", 0, fig.start) + 1)   # 8월 수출 463억달러, 7.7% 증가: one headline part
    # the clause from its start, or from the name that is its subject when what stands before that name only
    # describes it (시장 점유율 1위인 CATL은 530건); a topic before it (시장 점유율은 삼성전자가 40.2%) still counts
    subject = [n for n in named if c_start <= n.start and n.after <= fig.start and n.role in ("topic", "holder", "genitive")]
    subject_end = c_start
    if subject and _described(text, c_start, subject[-1].start, lex):
        subject_end = subject[-1].after
    seg = text[subject_end:fig.start]
    for n in named:                        # 미국 특허상표청(USPTO)에서: a name, not a trademark
        if n.end > subject_end and n.start < fig.start:
            a, z = max(n.start, subject_end) - subject_end, min(n.end, fig.start) - subject_end
            seg = seg[:a] + " " * (z - a) + seg[z:]
    unless = [(m.start(), m.end()) for m in b.unless.finditer(seg)]
    blocks = [m.end() for m in b.words.finditer(seg) if not any(s <= m.start() < e for s, e in unless)]
    patents = [m.end() for m in lex.topic.patent_words.finditer(seg)] + [e for _, e in unless]
    if blocks and max(blocks) > max(patents, default=-1):
        return "topic" if subject and subject_end == c_start and max(blocks) <= subject[-1].start - c_start \
            else "figure"
    if b.forecast.search(text, fig.end, min(c_end + 12, fig.end + 24)):
        return "figure"                            # 연말까지 2천건을 넘어설 것으로 내다봤다: a forecast
    if fig.kind == "count" and b.per_capita.search(text, max(c_start, fig.start - 16), fig.start):
        return "figure"                            # 인구 1만명당 6.3건: a rate per head
    if fig.kind == "count" and b.per_item.starts(text[fig.end:]):
        return "figure"                            # PCT 출원 1건당 평균 비용, 한 건이라도
    if fig.kind == "percent" and re.match(r"\s*(?:인|에 해당하는)\s*[\d,.]+\S*\s*(?:곳|개사|명|개)", text[fig.end:]):
        return "figure"                            # 전체의 11.3%인 3만6천여 곳: a share of companies
    if fig.kind == "count" and (re.match(r"\s*(?:%s)\s+\S*\d" % b.proportion.pattern.pattern, text[fig.end:]) or
                                re.search(r"\d\S*\s+(?:%s)\s*$" % b.proportion.pattern.pattern, text[c_start:fig.start])):
        return "figure"                            # 10건 중 7건: a proportion
    g = lex.grammar
    rest = re.sub(r"^\s*(?:(?:%s)\s*)?(?:(?:%s)\s*)?" % (g.particles.pattern.pattern, g.comparative.pattern.pattern), "",
                  text[fig.end:fig.end + 10])
    if fig.kind == "count" and lex.measures.margin_words.starts(rest) and \
            lex.measures.ratio_markers.search(text, c_start, fig.start):
        return "figure"                            # 중국보다 1천3백여건 많았다: a margin
    # 70건 넘는 특허 소송: what the figure counts, in the two words right after it
    q = lex.qualifiers
    words = "|".join(re.escape(w) for w in (*q.at_least, *q.at_most, *q.approx))
    after = re.sub(r"^\s*(?:(?:%s)\s*)?(?:(?:%s)\S*)?\s*" % (lex.grammar.particles.pattern.pattern, words), "",
                   text[fig.end:min(c_end, fig.end + 16)])
    noun = re.match(r"[^\s,.]+(?:\s[^\s,.]+)?", after)
    if noun and b.words.search(noun.group()) and not b.unless.search(noun.group()):
        return "figure"
    # 기술은 1540건: the head noun right before the figure counts something else (not 미국 기업이 14만 건)
    word = re.search(r"(\S+)\s*$", text[c_start:fig.start])
    if word and not any(n.role == "holder" and 0 <= c_start + word.start() - n.after <= 1 for n in named):
        head = word.group(1)
        particle = lex.grammar.particles.ends(head)
        head = head[:-len(particle)] if particle and len(particle) < len(head) else head
        if head in b.counted_nouns:
            return "figure"
    return None


def _described(text: str, start: int, name_start: int, lex: Lexicon) -> bool:
    """Is what stands between ``start`` and a name a description of that name (…1위인 중국 CATL은), not the
    sentence's topic (시장 점유율은 삼성전자가)?"""
    before = text[start:name_start].rstrip()
    if not before:
        return True
    last = before.split()[-1]
    if lex.grammar.subject_particles.ends(last) or lex.subjects.locative.ends(last) or \
            lex.subjects.locative_topic.ends(last):
        return False                           # 시장 점유율은 …, OLED 시장에서 …: a topic of its own
    return True


def measure(text: str, figs: list[Figure], i: int, lex: Lexicon, named: list[Named],
            found: list[Candidate]) -> Candidate | None:
    """The candidate claim for figure ``i``, or None when it is not one of the four measures."""
    fig = figs[i]
    kind = fig.kind
    if kind == "count":
        return Candidate(fig, i, "count", "item", fig.value)
    if kind == "rank":
        return Candidate(fig, i, "rank", "ordinal", fig.value)
    if kind == "points":
        sign = -1 if fig.negative else (_growth_sign(_tail(text, figs, i, lex)[:16], lex) or 1)
        return Candidate(fig, i, "growth", "percent", fig.value * sign)
    if kind == "percent":
        m, sign = ("growth", -1) if fig.negative else _percent(text, figs, i, lex, found)
        return Candidate(fig, i, m, "percent", fig.value * sign)
    if kind == "multiple":
        sign = _multiple(text, figs, i, lex, named)
        return None if sign is None else Candidate(fig, i, "growth", "multiple", fig.value * sign)
    return _bare(text, figs, i, lex, named, found)


def _bare(text: str, figs: list[Figure], i: int, lex: Lexicon, named: list[Named],
          found: list[Candidate]) -> Candidate | None:
    """A number with no unit word: a count where it stands parallel to counts (퀄컴(3855), with 2,890)."""
    fig = figs[i]
    if fig.value != fig.value.to_integral_value() or fig.value < 2:
        return None
    if re.fullmatch(r"(?:19|20)\d{2}", text[fig.start:fig.end]):
        return None                               # in 2018, from 2024: a year
    counts = [f for f in figs if f.kind == "count"]
    owner = paren_owner(text, fig.start, named)
    if owner is not None and text[owner.paren[0] + 1:fig.start].strip(" ·,") == "" and \
            text[fig.end:owner.paren[1]].strip() == ")" and (counts or any(c.measure == "count" for c in found)):
        return Candidate(fig, i, "count", "item", fig.value)
    if lex.language == "en":
        head = text[:fig.start]
        if re.search(r"\b(?:filed|received|granted|obtained|won|registered)\s+$", head):
            return Candidate(fig, i, "count", "item", fig.value)     # foreign applicants filed 37,600
        if re.search(r"\b(?:from|to)(?:\s+a\s+record|\s+an?\s+all-time\s+high\s+of|\s+about|\s+around|"
                     r"\s+roughly|\s+nearly|\s+some)?\s+$", head) and any(c.measure == "growth" for c in found):
            return Candidate(fig, i, "count", "item", fig.value)     # rose 3.8 percent from 4,894; to 7,912
        if re.search(r"\b(?:with|from)\s+$", head) or any(n.after <= fig.start and not text[n.after:fig.start].strip()
                                                         for n in named):
            if counts or any(c.measure == "count" for c in found) or re.search(r"\bwith\s+$", head):
                return Candidate(fig, i, "count", "item", fig.value)
    return None
