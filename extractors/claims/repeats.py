"""Last pass: one claim per figure.

In the body, two figures are one claim when ``Claim.identity()`` agrees
(subject, measure, exact value, unit, activity and period), or when they
agree but for a period one of them lacks (the second mention of a figure
often drops its year). 출원 1위 and 등록 1위, or 300건 in 2022 and in 2023,
stay two claims.

The title, headings, captions, table rows and the lines before the first
paragraph restate the article: their figures add a claim only when the body
has none with the same subject, measure and value, and then take the
article's main period and activity if they state none.
"""
from __future__ import annotations

from dataclasses import replace

from ..records import Claim, exact_value


def _loose(c: Claim) -> tuple:
    return (c.subject_id, c.measure, exact_value(c.value), c.unit, c.activity)


class Repeats:
    def __init__(self) -> None:
        self.primary: list[Claim] = []
        self.secondary: list[Claim] = []
        self._identities: set[tuple] = set()
        self._loose: dict[tuple, list[int]] = {}       # loose key -> indexes in primary

    def add_primary(self, claim: Claim) -> None:
        if claim.identity() in self._identities:
            return
        key = _loose(claim)
        for i in self._loose.get(key, []):
            have = self.primary[i]
            if (have.year_from, have.year_to) == (None, None):
                self.primary[i] = replace(have, year_from=claim.year_from, year_to=claim.year_to)
                self._identities.add(self.primary[i].identity())
                return
            if (claim.year_from, claim.year_to) == (None, None):
                return
            if claim.measure == "growth" and _overlap(have, claim):
                # 5년새 60% and 2017년과 비교하면 60%: one growth, over the wider span
                lo = min(y for y in (have.year_from, claim.year_from) if y is not None) \
                    if have.year_from or claim.year_from else None
                hi = max(y for y in (have.year_to, claim.year_to) if y is not None) \
                    if have.year_to or claim.year_to else None
                self.primary[i] = replace(have, year_from=lo, year_to=hi)
                self._identities.add(self.primary[i].identity())
                return
        self._identities.add(claim.identity())
        self._loose.setdefault(key, []).append(len(self.primary))
        self.primary.append(claim)

    def add_secondary(self, claims: list[Claim]) -> None:
        self.secondary.extend(claims)

    def result(self, lead: list[Claim], total: Claim | None = None,
               scope: tuple[int | None, int | None] | None = None) -> list[Claim]:
        """The claims. ``lead`` are the first sentence's claims with no period: they take the period the
        article states next (a broadcast's lead, then 지난달 기준으로 집계한 …). ``total`` is the article's
        first total (특허청은 … 11만 9,287건): a headline figure with no subject is about it."""
        main = next((c for c in self.primary if c.year_from or c.year_to), None)
        period = scope or ((main.year_from, main.year_to) if main else None)
        if period is not None and lead:
            ids = {id(c) for c in lead}
            self.primary = [replace(c, year_from=period[0], year_to=period[1]) if id(c) in ids else c
                            for c in self.primary]
        activity = next((c.activity for c in self.primary if c.activity), None)
        out = list(self.primary)
        by_figure: dict[tuple, list[int]] = {}
        for i, c in enumerate(out):
            by_figure.setdefault((c.measure, exact_value(c.value)), []).append(i)
        for claim in self.secondary:
            figure = (claim.measure, exact_value(claim.value))
            same = by_figure.get(figure, [])
            if any(_compatible(out[i], claim) for i in same):
                continue
            if any(_rounded(claim, c) for c in self.primary):
                continue                     # 특허출원 26만9천건 beside 26만9천3백12건: the headline rounds it
            if claim.subject_id is None and total is not None and total.subject_id is not None:
                claim = replace(claim, subject=total.subject, subject_id=total.subject_id)
            unnamed = [i for i in same if out[i].subject_id is None and out[i].part != "title"]
            if unnamed and claim.subject_id is not None and claim.part == "title":
                # 10년새 4배 in the headline names 국내 (KR); the lead said only that filings grew
                i = unnamed[0]
                out[i] = replace(out[i], subject=claim.subject, subject_id=claim.subject_id)
                continue
            if (claim.year_from, claim.year_to) == (None, None) and period:
                claim = replace(claim, year_from=period[0], year_to=period[1])
            if claim.activity is None and activity:
                claim = replace(claim, activity=activity)
            by_figure.setdefault(figure, []).append(len(out))
            out.append(claim)
        out.sort(key=lambda c: (c.part != "title", c.start))
        return out


def _precision(value: float | int) -> int:
    """How finely a value is written: decimals for fractions, minus trailing zeros for whole numbers."""
    text = exact_value(value)
    if "." in text:
        return len(text.split(".")[1])
    return -(len(text) - len(text.rstrip("0")))


def _rounded(claim: Claim, precise: Claim) -> bool:
    """Is ``claim`` a rounded restatement of ``precise`` (the same measure and unit, a compatible subject,
    a value within rounding and written more coarsely)?"""
    if (claim.measure, claim.unit) != (precise.measure, precise.unit) or claim.measure == "rank":
        return False
    if not _compatible(precise, claim) and precise.subject_id is not None:
        return False
    a, b = float(claim.value), float(precise.value)
    if a == b or _precision(claim.value) >= _precision(precise.value):
        return False
    if claim.qualifier == "at_least" and a < b < 1.5 * a:
        return True                   # 1천건 넘어 beside 1천2백47건: the milestone it passed
    if claim.qualifier == "at_most" and 0.8 * a < b < a:
        return True                   # 20만 건에 육박 beside 19만8천 건
    return abs(a - b) <= (0.05 * abs(b) if claim.unit == "item" else 1.0)


def _overlap(a: Claim, b: Claim) -> bool:
    """Do two periods share a year (an open end reaching as far as the other's)?"""
    a0, a1 = a.year_from or -10**6, a.year_to or 10**6
    b0, b1 = b.year_from or -10**6, b.year_to or 10**6
    return a0 <= b1 and b0 <= a1 and not (a.year_from == a.year_to and b.year_from == b.year_to)


def _compatible(have: Claim, claim: Claim) -> bool:
    """Is a headline's figure the body's: the same subject, none named, or the short name of the body's
    (삼성·LG 2·3위 beside LG전자 3위)?"""
    if claim.subject_id is None or claim.subject_id == have.subject_id:
        return True
    a, b = (claim.subject or ""), (have.subject or "")
    return bool(a and b and (b.startswith(a) or a.startswith(b)))
