"""Figures shared out over a list of names: 각각 (respectively), compressed ranks (2·3위) and clauses in
parallel (중국이 32.9%, 한국이 26.8%로 1·2위)."""
from __future__ import annotations

from .lexicon import Lexicon
from .measures import Candidate
from .roles import Named, is_party


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
        members = group_before(groups, min((c.figure.start for c in cands if c.figure.end <= pos), default=pos)
                                if trailing else pos)
        if trailing:
            # Mitsubishi Electric and BOE Technology were fourth and fifth, respectively: the figures after the
            # last list of names before it
            members = group_before(groups, pos) or members
        if not members:
            continue
        first = members[-1].after if trailing else pos
        # up to the next name: 각각 3위와 4위였고, LG전자가 … 5위: LG's rank is its own
        upto = min((n.start for n in named if n.start > pos), default=len(text))
        after = [(k, c) for k, c in enumerate(cands)
                 if (first <= c.figure.start < pos if trailing else pos < c.figure.start < upto)]
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
            members = group_before(groups, c.figure.start)
            if members and len(members) == len(c.figure.places):
                for p, n in enumerate(members):
                    out[(k, p)] = n
    distribute_parallel(text, cands, named, out)
    return out


def distribute_parallel(text: str, cands: list[Candidate], named: list[Named], out: dict) -> None:
    """중국이 32.9%, 한국이 26.8%로 1·2위: clauses in parallel, then one rank list for them all."""
    for k, c in enumerate(cands):
        if len(c.figure.places) > 1 and (k, 0) not in out:
            topics = [n for n in named if n.after <= c.figure.start and n.role in ("topic", "holder") and is_party(n)]
            ids = list(dict.fromkeys(n.id for n in topics))
            if len(ids) == len(c.figure.places) and len(topics) == len(ids):
                for p, n in enumerate(topics):
                    out[(k, p)] = n


def group_before(groups: dict[int, list[Named]], pos: int) -> list[Named] | None:
    best = None
    for members in groups.values():
        if members[-1].after <= pos and members[-1].role not in ("comparison", "announce", "place") \
                and all(is_party(m) for m in members):
            if best is None or members[-1].after > best[-1].after:
                best = members
    return best
