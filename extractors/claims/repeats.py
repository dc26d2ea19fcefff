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


def _figure(c: Claim) -> tuple:
    return (c.subject_id, c.measure, exact_value(c.value))


class Repeats:
    def __init__(self) -> None:
        self.primary: list[Claim] = []
        self.secondary: list[Claim] = []
        self._identities: set[tuple] = set()

    def add_primary(self, claim: Claim) -> None:
        if claim.identity() in self._identities:
            return
        for i, have in enumerate(self.primary):
            if _loose(have) != _loose(claim):
                continue
            if (have.year_from, have.year_to) == (None, None):
                self.primary[i] = replace(have, year_from=claim.year_from, year_to=claim.year_to)
                self._identities.add(self.primary[i].identity())
                return
            if (claim.year_from, claim.year_to) == (None, None):
                return
        self._identities.add(claim.identity())
        self.primary.append(claim)

    def add_secondary(self, claims: list[Claim]) -> None:
        self.secondary.extend(claims)

    def result(self, lead: list[Claim]) -> list[Claim]:
        """The claims; ``lead`` are the first sentence's claims with no period, which take the period the
        article states next (a broadcast's lead, then 지난달 기준으로 집계한 …)."""
        main = next((c for c in self.primary if c.year_from or c.year_to), None)
        if main is not None and lead:
            ids = {id(c) for c in lead}
            self.primary = [replace(c, year_from=main.year_from, year_to=main.year_to) if id(c) in ids else c
                            for c in self.primary]
        period = (main.year_from, main.year_to) if main else None
        activity = next((c.activity for c in self.primary if c.activity), None)
        out = list(self.primary)
        figures = {_figure(c) for c in out}
        for claim in self.secondary:
            if _figure(claim) in figures:
                continue
            figures.add(_figure(claim))
            if (claim.year_from, claim.year_to) == (None, None) and period:
                claim = replace(claim, year_from=period[0], year_to=period[1])
            if claim.activity is None and activity:
                claim = replace(claim, activity=activity)
            out.append(claim)
        out.sort(key=lambda c: (c.part != "title", c.start))
        return out
