"""Second pass: the figures of a unit, each a number with its unit word and qualifier.

A figure is a number (5천712, 38,000, 1.2만) followed by what makes it a count
(건, patents), a percentage (%, percent), percentage points (%p, 포인트), a
multiple (배) or a rank (위, third, 10th). A rank list (2·3위, 4, 5위, 2~5위)
is one figure with several places. Numbers followed by nothing (퀄컴(3855),
a table cell) are *bare*: later passes decide whether they count patents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import NumberMatch, find_numbers
from .lexicon import Lexicon, Words

KINDS = ("count", "percent", "points", "multiple", "rank", "bare")
_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True)
class Figure:
    value: Decimal
    kind: str                     # count | percent | points | multiple | rank | bare
    start: int                    # where the number starts in the unit's text
    end: int                      # where its unit word ends
    num_end: int                  # where the number itself ends
    qualifier: str = "exact"      # exact | approx | at_least | at_most
    places: tuple[int, ...] = ()  # a rank (list): 2·3위 -> (2, 3)
    negative: bool = False        # written with a minus sign: -19.8%

    def text(self, unit_text: str) -> str:
        return unit_text[self.start:self.end]


def _unit_kind(after: str, lex: Lexicon, before: str = "") -> tuple[str, int] | None:
    f = lex.figures
    piece = f.piece_re.match(after)
    if piece and (_patent_word_before(before[-8:], lex) or
                  lex.subjects.genitive.starts(after[piece.end():].lstrip()) and
                  lex.topic.patent_words.search(after, piece.end(), piece.end() + 12)):
        return "count", piece.end()           # 특허 3천여 개, 3천여 개의 특허
    for kind, pattern in (("points", f.points_re), ("percent", f.percent_re), ("count", f.count_re),
                          ("multiple", f.multiple_re), ("rank", f.rank_re)):
        m = pattern.match(after)
        if m:
            return kind, m.end()
    return None


def _patent_word_before(tail: str, lex: Lexicon) -> bool:
    """특허 3천여 개: the patent word right before the number, not before a bracket (대응 특허(한 개 이상의 국가))."""
    found = [m for m in lex.topic.patent_words.finditer(tail)]
    return bool(found) and not any(ch in "([{<,·" for ch in tail[found[-1].end():])


def _joined(text: str, a: NumberMatch, b: NumberMatch, joiners: Words) -> bool:
    between = text[a.end:b.start].strip()
    return between in joiners


def _is_bracket(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """10위권, 10위 안, 상위 10위: a bracket, not a place."""
    if lex.figures.rank_bracket_after_re.match(text[end:]):
        return True
    head = text[max(0, start - 8):start].rstrip()
    return lex.figures.rank_bracket_before.ends(head) is not None


def qualifier(text: str, start: int, end: int, unit_word: str, lex: Lexicon) -> str:
    """exact, approx, at_least or at_most, from the words around the figure."""
    q = lex.qualifiers
    if any(len(w) == 1 and w in unit_word for w in q.approx):
        return "approx"                                 # 1만2천여 건
    tail = text[end:end + 24].lstrip()
    candidates = [tail]
    particle = q.particles.starts(tail)
    stripped = tail[len(particle):].lstrip() if particle else tail
    adverb = q.adverbs.starts(stripped)
    if adverb:
        stripped = stripped[len(adverb):].lstrip()
    if stripped != tail:
        candidates.append(stripped)
    for cand in candidates:
        for qual in ("at_least", "at_most", "approx"):
            word = getattr(q, qual).starts(cand)
            if word and _word_ends(cand, len(word), lex):
                return qual
    head = text[max(0, start - 14):start].rstrip()
    for qual in ("at_least", "at_most", "approx"):
        word = getattr(q, f"before_{qual}").ends(head)
        if word and (len(head) == len(word) or not head[-len(word) - 1].isalnum()):
            return qual
    return "exact"


def _word_ends(text: str, n: int, lex: Lexicon) -> bool:
    """A one-syllable qualifier (여, 선, 쯤) must end its word: 선을 is, 선언 is not."""
    if n > 1 or lex.language != "ko":
        return True
    rest = text[n:]
    return not rest or not _HANGUL.match(rest[:1]) or lex.grammar.particles.starts(rest) is not None


def find_figures(text: str, lex: Lexicon) -> list[Figure]:
    nums = [n for n in find_numbers(text) if n.value >= 0]
    ordinals: set[int] = set()
    if lex.ranks is not None:
        nums, ordinals = _merge_ordinals(text, nums, lex)
    kinds = [("rank", 0) if n.start in ordinals else _unit_kind(text[n.end:], lex, text[:n.start]) for n in nums]
    out: list[Figure] = []
    i = 0
    f = lex.figures
    while i < len(nums):
        n, kind = nums[i], kinds[i]
        if kind is None:
            # a rank list: 2·3위, 4, 5위, 2~5위 (the unit word stands after the last number only)
            j = i
            while j + 1 < len(nums) and kinds[j] is None and (
                    _joined(text, nums[j], nums[j + 1], f.rank_list_joiners)
                    or _joined(text, nums[j], nums[j + 1], f.rank_range_joiners)):
                j += 1
            if j > i and kinds[j] is not None and kinds[j][0] == "rank":
                places = _places(text, nums[i:j + 1], f.rank_range_joiners)
                end = nums[j].end + kinds[j][1]
                if places and not _is_bracket(text, n.start, end, lex):
                    out.append(Figure(Decimal(places[0]), "rank", n.start, end, nums[j].end, "exact", places))
                i = j + 1
                continue
            if not f.not_figure_re.match(text[n.end:]) and not _glued(text, n):
                out.append(Figure(n.value, "bare", n.start, n.end, n.end))
            i += 1
            continue
        unit, length = kind
        end = n.end + length
        word = text[n.end:end]
        if unit == "rank":
            if n.value != n.value.to_integral_value() or not 1 <= n.value <= 500 or _is_bracket(text, n.start, end, lex):
                i += 1
                continue
            out.append(Figure(n.value, "rank", n.start, end, n.end, "exact", (int(n.value),)))
        else:
            head = text[max(0, n.start - 8):n.start].rstrip()
            sign = lex.grammar.minus.ends(head)
            minus = bool(sign) and (sign[0].isalpha() or not head[:-len(sign)][-1:].isalnum())
            out.append(Figure(n.value, unit, n.start, end, n.end, qualifier(text, n.start, end, word, lex),
                              negative=minus))
        i += 1
    return out


def _glued(text: str, n: NumberMatch) -> bool:
    """A number inside a word (2차전지, 5G, 3사): not a figure."""
    nxt = text[n.end:n.end + 1]
    return bool(nxt) and (nxt.isalpha())


def _places(text: str, nums: list[NumberMatch], ranges: Words) -> tuple[int, ...]:
    values = [int(n.value) for n in nums if n.value == n.value.to_integral_value()]
    if len(values) != len(nums) or not all(1 <= v <= 500 for v in values):
        return ()
    if len(nums) == 2 and text[nums[0].end:nums[1].start].strip() in ranges:
        lo, hi = values
        return tuple(range(lo, hi + 1)) if lo < hi <= lo + 20 else ()
    return tuple(values)


def _merge_ordinals(text: str, nums: list[NumberMatch], lex: Lexicon) -> tuple[list[NumberMatch], set[int]]:
    """English ordinals (third, 10th) as numbers, kept only where they name a place; and their starts."""
    r = lex.ranks
    assert r is not None
    found, starts, ends = list(nums), set(), []
    words = "|".join(sorted(r.ordinals, key=len, reverse=True))
    for m in re.finditer(rf"\b(?:(?P<word>{words})|(?P<num>\d{{1,3}})(?:st|nd|rd|th))\b", text, re.I):
        value = r.ordinals[m.group("word").lower()] if m.group("word") else int(m.group("num"))
        before, after = text[:m.start()], text[m.end():]
        if r.not_after_re.match(after):
            continue
        listed = any(re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[o:m.start()]) for o in ends)
        if not (r.before_re.search(before) or r.after_re.match(after) or listed):
            continue
        found = [n for n in found if not (m.start() <= n.start < m.end())]
        found.append(NumberMatch(m.group(), Decimal(value), m.start(), m.end()))
        starts.add(m.start())
        ends.append(m.end())
    found.sort(key=lambda n: n.start)
    return found, starts
