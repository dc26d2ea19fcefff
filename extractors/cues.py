"""The claim cues of ``data/claims.toml``, validated and compiled, and the period reader.

Everything language-specific that decides a claim's measure, qualifier,
activity, period and source comes from the data file; this module compiles it
and answers small questions about a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import load_toml, words
from .errors import DataFileError

_SOURCE = "extractors/data/claims.toml"
_YEAR = r"((?:19[5-9]|20\d)\d)"


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    year_from: int | None
    year_to: int | None
    same_as_previous: bool = False


def _longest_first(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted(items, key=len, reverse=True))


def _alternation(items) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in _longest_first(list(items))))


@dataclass(frozen=True)
class Cues:
    patent_words: re.Pattern
    measures: dict[str, re.Pattern]
    growth: tuple[str, ...]
    share: tuple[str, ...]
    blockers: re.Pattern
    clause_breaks: re.Pattern
    not_subject_if_followed_by: tuple[str, ...]
    qualifiers_after: tuple[tuple[str, str], ...]     # (word, qualifier), longest first
    qualifiers_before: tuple[tuple[str, str], ...]
    activities: tuple[tuple[str, str], ...]
    activity_pattern: re.Pattern
    patent_types: re.Pattern
    fields: re.Pattern
    sources: re.Pattern
    according_to: re.Pattern
    relative_years: dict[str, int]
    same_period: tuple[str, ...]
    not_period_if_between: tuple[str, ...]
    period_pattern: re.Pattern


@cache
def cues() -> Cues:
    doc = load_toml("claims.toml")
    try:
        m, c, q, a, lx, p = (doc[k] for k in ("measures", "cues", "qualifiers", "activities", "lexicon", "periods"))
    except KeyError as e:
        raise DataFileError(f"{_SOURCE}: missing table [{e.args[0]}]") from None
    measures = {}
    for name in ("count", "share", "multiple", "rank"):
        try:
            measures[name] = re.compile(m[name])
        except (KeyError, re.error) as e:
            raise DataFileError(f"{_SOURCE}: [measures] {name} must be a valid regex ({e})") from None
    after = [(w, qual) for qual in ("at_least", "at_most", "approx") for w in words(q, qual, _SOURCE)]
    before = [(w, qual[len("before_"):]) for qual in ("before_approx", "before_at_least", "before_at_most")
              for w in words(q, qual, _SOURCE)]
    acts = [(w, act) for act in ("applications", "grants", "publications", "holdings") for w in words(a, act, _SOURCE)]
    rel = p.get("relative_years", {})
    if not isinstance(rel, dict) or not all(isinstance(v, int) for v in rel.values()):
        raise DataFileError(f"{_SOURCE}: [periods] relative_years must map words to whole numbers")
    same = words(p, "same_period", _SOURCE)
    rel_alt = "|".join(re.escape(w) for w in _longest_first(list(rel)))
    same_alt = "|".join(re.escape(w) for w in _longest_first(same))
    period = re.compile(
        rf"(?P<a1>{_YEAR})\s*년?\s*(?:부터|에서)\s*(?P<a2>{_YEAR})\s*년?(?:\s*까지)?"
        rf"|(?P<b1>{_YEAR})\s*년?\s*[~∼〜\-–—]\s*(?P<b2>{_YEAR})\s*년?"
        rf"|(?P<c1>{_YEAR})\s*년\s*(?:이후|以後|부터|이래|들어)"
        rf"|(?P<d1>{_YEAR})\s*년\s*(?:이전|까지)"
        rf"|(?P<e1>{_YEAR})\s*년(?!대)"
        rf"|(?<![가-힣])(?P<rel>{rel_alt})(?![가-힣]{{2}})"
        rf"|(?P<same>{same_alt})"
    )
    return Cues(
        patent_words=_alternation(words(doc, "patent_words", _SOURCE)),
        measures=measures,
        growth=tuple(words(c, "growth", _SOURCE)),
        share=tuple(words(c, "share", _SOURCE)),
        blockers=_alternation(words(c, "blockers", _SOURCE)),
        clause_breaks=_alternation(words(c, "clause_breaks", _SOURCE)),
        not_subject_if_followed_by=tuple(words(c, "not_subject_if_followed_by", _SOURCE)),
        qualifiers_after=tuple(sorted(after, key=lambda x: len(x[0]), reverse=True)),
        qualifiers_before=tuple(sorted(before, key=lambda x: len(x[0]), reverse=True)),
        activities=tuple(acts),
        activity_pattern=_alternation(w for w, _ in acts),
        patent_types=_alternation(words(lx, "patent_types", _SOURCE)),
        fields=_alternation(words(lx, "fields", _SOURCE)),
        sources=_alternation(words(lx, "sources", _SOURCE)),
        according_to=_alternation(words(lx, "according_to", _SOURCE)),
        relative_years=dict(rel),
        same_period=tuple(same),
        not_period_if_between=tuple(words(p, "not_period_if_between", _SOURCE)),
        period_pattern=period,
    )


def find_periods(sentence: str, publication_year: int | None) -> list[Period]:
    """Every period expression in ``sentence``: 2014년부터 2023년까지, 2017년 이후, 지난해, 같은 기간."""
    cu = cues()
    out = []
    for m in cu.period_pattern.finditer(sentence):
        g = m.groupdict()
        if g["a1"]:
            yf, yt = int(g["a1"]), int(g["a2"])
        elif g["b1"]:
            yf, yt = int(g["b1"]), int(g["b2"])
        elif g["c1"]:
            yf, yt = int(g["c1"]), None
        elif g["d1"]:
            yf, yt = None, int(g["d1"])
        elif g["e1"]:
            yf = yt = int(g["e1"])
        elif g["rel"]:
            if publication_year is None:
                continue
            yf = yt = publication_year + cu.relative_years[g["rel"]]
        else:
            out.append(Period(m.start(), m.end(), None, None, same_as_previous=True))
            continue
        out.append(Period(m.start(), m.end(), yf, yt))
    return out


def qualifier(sentence: str, num_start: int, unit_end: int, approx_suffix: bool) -> str:
    """exact, approx, at_least or at_most, from the words around the figure."""
    cu = cues()
    if approx_suffix:
        return "approx"
    tail = sentence[unit_end:unit_end + 16].lstrip()
    candidates = [tail]
    stripped = re.sub(r"^(?:이|가|은|는|을|를|의|도|로|으로|나|이나|에)(?![상하])\s*", "", tail)
    stripped = re.sub(r"^(?:조금|약간|훨씬|다소|살짝)\s*", "", stripped) if stripped != tail else stripped
    candidates.append(stripped)
    for text in candidates:
        for word, qual in cu.qualifiers_after:
            if text.startswith(word) and (word != "여" or text[1:2] in (" ", "건")):
                return qual
    head = sentence[max(0, num_start - 6):num_start].rstrip()
    for word, qual in cu.qualifiers_before:
        if head.endswith(word) and (len(head) == len(word) or not ("가" <= head[-len(word) - 1] <= "힣")):
            return qual
    return "exact"


def nearest(pattern: re.Pattern, sentence: str, pos: int) -> re.Match | None:
    """The match of ``pattern`` in ``sentence`` closest to ``pos``."""
    best, dist = None, None
    for m in pattern.finditer(sentence):
        d = pos - m.end() if m.end() <= pos else m.start() - pos
        if dist is None or d < dist:
            best, dist = m, d
    return best
