"""Table rows: a row's figures read through its table's header.

A header cell says what its column holds (순위 → rank, 출원 건수 → count,
점유율 / 비중(%) → share, 증가율 → growth; the words are data, ``[tables]``),
and the row's subject is the name in its cells (| 3 | 마이크론 | 미국 | 918 |:
the company, not its country: the first name in the row that is not only a
country next to a company). The table's period and activity come from its
caption (양자컴퓨팅 국가별 특허출원 현황(2014~2023년, IP5)) and header.
"""
from __future__ import annotations

from decimal import Decimal

from .figures import Figure, find_figures
from .lexicon import Lexicon
from .measures import Candidate
from .roles import Named, annotate
from .units import Unit


_FIGURE_MEASURE = {"count": "count", "rank": "rank", "points": "growth", "multiple": "growth"}


def _column_measure(header: str, lex: Lexicon) -> str | None:
    t = lex.tables
    h = header.replace(" ", "")
    for measure, words in (("rank", t.rank_headers), ("growth", t.growth_headers), ("share", t.share_headers),
                           ("count", t.count_headers)):
        if any(w.replace(" ", "") in h for w in words):
            return measure
    return None


def _subject_column(header: tuple[str, ...], lex: Lexicon) -> int | None:
    """The column that names who the row is about: the header holding the earliest word of the list."""
    order = lex.tables.subject_headers.given
    best = None
    for j, h in enumerate(header):
        for rank, word in enumerate(order):
            if word in h and (best is None or rank < best[0]):
                best = (rank, j)
    return best[1] if best else None


def cell_spans(unit: Unit) -> list[tuple[int, int]]:
    """Where each cell stands in the row's text."""
    spans, pos = [], 0
    for cell in unit.cells:
        at = unit.text.find(cell, pos) if cell else -1
        if at < 0:
            spans.append((pos, pos))
            continue
        spans.append((at, at + len(cell)))
        pos = at + len(cell)
    return spans


def row_candidates(unit: Unit, lex: Lexicon, vocab=None) -> tuple[list[Candidate], Named | None]:
    """The candidates of a table row and the name they are about."""
    if not unit.header or len(unit.header) != len(unit.cells):
        return [], None
    spans = cell_spans(unit)
    named = [n for n in annotate(unit.text, lex, vocab) if n.mention.kind == "subject"]
    column = _subject_column(unit.header, lex)
    if column is not None:
        s, e = spans[column]
        inside = [n for n in named if s <= n.start < e]
        subject = inside[-1] if inside else None      # 미국 퀄컴: the last name of the cell
    else:
        subject = named[0] if named else None
    if subject is None:
        return [], None
    out: list[Candidate] = []
    for j, (header, (s, e)) in enumerate(zip(unit.header, spans)):
        if s == e:
            continue
        cell = unit.text[s:e]
        figs = [f for f in find_figures(cell, lex) if f.kind != "bare" or _column_measure(header, lex)]
        if len(figs) != 1 or (figs[0].kind == "bare" and cell.strip(" %") != cell[figs[0].start:figs[0].end]):
            continue                                   # a cell of one figure only: 4,187 | 약 180만 건 | 세계 1위
        f = figs[0]
        measure = _column_measure(header, lex) if f.kind == "bare" else _FIGURE_MEASURE.get(f.kind)
        if f.kind == "percent":
            measure = _column_measure(header, lex) if _column_measure(header, lex) in ("share", "growth") else "share"
        if measure is None:
            continue
        value = Decimal(f.value)
        fig = Figure(value, "rank" if measure == "rank" else f.kind, s + f.start, s + f.end, s + f.num_end,
                     f.qualifier, (int(value),) if measure == "rank" else ())
        if measure == "rank" and (value != value.to_integral_value() or not 1 <= value <= 500):
            continue
        unit_word = {"rank": "ordinal", "count": "item"}.get(measure, "percent")
        if f.kind == "multiple":
            unit_word = "multiple"
        out.append(Candidate(fig, j, measure, unit_word, -value if f.negative else value))
    return out, subject
