"""Text to patent claims: every numeric statement about patents, with its fields.

A number becomes a claim when its sentence is about patents (or follows a
sentence that gave claims: 미국의 경우 비중은 18%다) and what follows it makes
it a count (건), a share (%), a growth (배, % with a growth word) or a rank (위).
Its subject is the subject named in parentheses before it (텐센트(4115건)), the
one a rank introduces (2위 한국 삼성전자), else the nearest one before it in the
sentence. Period, activity and source carry over to follow-up figures.
All cues are data (``data/claims.toml``, ``data/subjects.toml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .cues import Period, cues, find_periods, nearest, qualifier
from .dates import year_of
from .numbers import NumberMatch, find_numbers
from .records import Claim
from .vocabulary import Mention, vocabulary

_NOT_A_FIGURE = re.compile(r"^\s*(?:년|월|일|년도|년대|분기|시|분|초|개월|세기|주년|차|호|번|명|개|원|달러|위안|엔|유로|억|조\s*원)")
_SENTENCE_END = re.compile(r"[.?!。](?=[\s\"'”’)\]]|$)")
_UNITS = {"count": "item", "share": "percent", "rank": "ordinal"}
_PAREN = re.compile(r"^\s*\([^)]{0,20}\)")
_TOPIC = re.compile(r"(?:은|는|이|가|도|의 경우|에서는)(?![가-힣])")


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    text: str


@dataclass
class _State:
    """What a follow-up figure inherits: the previous claim and where it was."""

    last: Claim | None = None
    last_sentence: int = -10
    last_paragraph: int = -1
    source: str | None = None
    prev_mentions: list[Mention] = field(default_factory=list)
    prev_was_patent: bool = False


def split_sentences(text: str) -> list[_Sentence]:
    out = []
    for p, para in enumerate(re.finditer(r"[^\n]+", text)):
        begin = para.start()
        cuts = [m.end() for m in _SENTENCE_END.finditer(para.group())]
        if not cuts or cuts[-1] != len(para.group()):
            cuts.append(len(para.group()))
        prev = 0
        for cut in cuts:
            raw = para.group()[prev:cut]
            lead = len(raw) - len(raw.lstrip())
            if raw.strip():
                s = begin + prev + lead
                out.append(_Sentence(s, begin + cut, p, text[s:begin + cut]))
            prev = cut
    return out


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _classify(sent: str, num: NumberMatch, patent: bool, prev_measure: str | None) -> tuple[str, str, int] | None:
    """(measure, unit, end of the unit) for a figure, or None when it is no patent figure."""
    cu = cues()
    after = sent[num.end:]
    for measure in ("count", "share", "multiple", "rank"):
        m = cu.measures[measure].match(after)
        if not m:
            continue
        unit_end = num.end + m.end()
        if measure == "multiple":
            window = sent[num.end:unit_end + 14]
            return ("growth", "multiple", unit_end) if any(w in window for w in (*cu.growth, "많")) else None
        if measure == "share":
            window = sent[max(0, num.start - 30):unit_end + 12]
            if any(w in window for w in cu.growth) and not any(w in window for w in cu.share):
                return "growth", "percent", unit_end
            if not patent and prev_measure != "share" and not any(w in window for w in cu.share):
                return None
            return "share", "percent", unit_end
        if measure == "rank" and (num.value != num.value.to_integral_value() or not 1 <= num.value <= 200):
            return None
        return measure, _UNITS[measure], unit_end
    if _NOT_A_FIGURE.match(after):
        return None
    # 퀄컴(3855): a bare figure in parentheses after a subject, parallel to counts around it
    if sent[num.start - 1:num.start] == "(" and after.lstrip().startswith(")") and num.value == num.value.to_integral_value():
        return "count", "item", num.end
    return None


def _blocked(sent: str, num: NumberMatch, unit_end: int) -> bool:
    """Does the figure's clause say it counts something other than patents (소송, 수수료, 매출)?"""
    cu = cues()
    breaks = [m.end() for m in cu.clause_breaks.finditer(sent, 0, num.start)]
    clause = sent[breaks[-1] if breaks else 0:num.start]
    last_block = max((m.end() for m in cu.blockers.finditer(clause)), default=-1)
    last_patent = max((m.end() for m in cu.patent_words.finditer(clause)), default=-1)
    if last_block > last_patent:
        return True
    return bool(re.match(r"\s*(?:의|에\s*달하는)\s*(?:%s)" % cu.blockers.pattern, sent[unit_end:unit_end + 12]))


def _subject(sent: str, num: NumberMatch, unit_end: int, measure: str, mentions: list[Mention],
             carried: list[Mention]) -> Mention | None:
    before = [m for m in mentions if m.end <= num.start]
    if before and sent[before[-1].end:num.start].strip() == "(":
        return before[-1]                                  # 텐센트(4115건)
    compared = cues().not_subject_if_followed_by           # 중국(26.8%)에 이어 2위: 중국 is the comparison
    before = [m for m in before if not _PAREN.sub("", sent[m.end:m.end + 30], count=1).startswith(compared)]
    # 미국 특허 6,165건: a country right before 특허 names the jurisdiction, not who files
    holders = [m for m in before if not cues().patent_words.match(sent[m.end:].lstrip())]
    before = holders or before
    # 삼성전자는 … IBM에 이어 2위: the topic or grammatical subject outranks a nearer noun in another role
    topical = [m for m in before if _TOPIC.match(sent, m.end)]
    before = topical or before
    if measure == "rank":
        chain, pos = [], unit_end
        for m in mentions:                                  # 2위 한국 삼성전자(4387건)
            if m.start >= pos and not sent[pos:m.start].strip():
                chain.append(m)
                pos = m.end
            elif m.start >= unit_end:
                break
        if chain:
            return chain[-1]
    if before:
        return before[-1]
    if measure == "rank":
        after = [m for m in mentions if m.start >= unit_end]   # 세계 1위를 달리는 중국은
        if after:
            return after[0]
    return carried[-1] if carried else None


def _period(sent: str, num: NumberMatch, unit_end: int, periods: list[Period]) -> Period | None:
    cu = cues()

    def blocked(between: str) -> bool:
        return any(w in between for w in cu.not_period_if_between)

    for p in sorted((p for p in periods if p.end <= num.start), key=lambda p: -p.end):
        if not blocked(sent[p.end:num.start]):
            return p
    breaks = [m.start() for m in cu.clause_breaks.finditer(sent, unit_end)]
    clause_end = breaks[0] if breaks else len(sent)
    for p in periods:
        if unit_end <= p.start < clause_end and not blocked(sent[unit_end:p.start]):
            return p
    return None


def _field(sent: str) -> str | None:
    """The technology field that qualifies the patents: 생성형 AI 특허, 인공지능 특허 신청량."""
    cu = cues()
    best = None
    for pw in cu.patent_words.finditer(sent):
        window = sent[max(0, pw.start() - 16):pw.start()]
        found = list(cu.fields.finditer(window))
        if found:
            best = found[-1].group()
            break
    return best


def _longest(pattern: re.Pattern, sent: str) -> str | None:
    found = [m.group() for m in pattern.finditer(sent)]
    return max(found, key=len) if found else None


def _source(sent: str) -> str | None:
    cu = cues()
    m = cu.according_to.search(sent)
    if m:
        head = sent[:m.start()]
        quoted = re.findall(r"['‘“\"]([^'’”\"]{2,60})['’”\"]", head)
        if quoted:
            return quoted[-1]
        known = list(cu.sources.finditer(head))
        if known:
            return known[-1].group()
        head = re.split(r"[,，]\s*", head)[-1].strip()
        return head[-40:] or None
    known = cu.sources.search(sent)
    return known.group() if known else None


def extract_claims(text: str, published: str | None = None) -> list[Claim]:
    """Every patent claim in a document's text; ``published`` resolves 올해 and 지난해."""
    cu, vocab = cues(), vocabulary()
    pub_year = year_of(published)
    claims: list[Claim] = []
    seen: set[tuple] = set()
    st = _State()
    for index, sent in enumerate(split_sentences(text)):
        s = sent.text
        patent = bool(cu.patent_words.search(s))
        follow_up = st.last_sentence == index - 1
        mentions = vocab.mentions(s)
        if sent.paragraph != st.last_paragraph:
            st.source, st.prev_mentions, st.prev_was_patent = None, [], False
        if not patent and not follow_up:
            st.prev_mentions, st.prev_was_patent = mentions, patent
            continue
        carried = st.prev_mentions if st.prev_was_patent and not mentions else []
        periods = find_periods(s, pub_year)
        source = _source(s) or st.source
        found_here = False
        for num in find_numbers(s):
            kind = _classify(s, num, patent, st.last.measure if st.last and (found_here or follow_up) else None)
            if kind is None:
                continue
            measure, unit, unit_end = kind
            if _blocked(s, num, unit_end):
                continue
            chained = st.last is not None and (found_here or follow_up)
            subj = _subject(s, num, unit_end, measure, mentions, carried)
            per = _period(s, num, unit_end, periods)
            if per is not None and per.same_as_previous:
                yf, yt = (st.last.year_from, st.last.year_to) if st.last else (None, None)
            elif per is not None:
                yf, yt = per.year_from, per.year_to
            elif chained:
                yf, yt = st.last.year_from, st.last.year_to
            else:
                yf = yt = None
            act = nearest(cu.activity_pattern, s, num.start)
            activity = dict(cu.activities)[act.group()] if act else (st.last.activity if chained else None)
            ptype = nearest(cu.patent_types, s, num.start)
            fld = _field(s) or (st.last.field if chained else None) or _longest(cu.fields, s)
            approx_suffix = bool(re.match(r"\s*여", s[num.end:]))
            claim = Claim(
                subject=subj.text if subj else None, subject_id=subj.subject.id if subj else None,
                measure=measure, value=_number(num.value), unit=unit,
                qualifier=qualifier(s, num.start, unit_end, approx_suffix), activity=activity,
                patent_type=ptype.group() if ptype else None, field=fld,
                year_from=yf, year_to=yt, source=source, text=s[num.start:unit_end],
                start=sent.start + num.start, end=sent.start + unit_end, sentence=s)
            st.last, found_here = claim, True
            key = (claim.subject_id, claim.measure, claim.value, claim.unit)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
        if found_here:
            st.last_sentence, st.source = index, source
        st.last_paragraph = sent.paragraph
        st.prev_mentions, st.prev_was_patent = mentions, patent
    return claims
