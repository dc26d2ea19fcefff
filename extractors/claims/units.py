"""First pass: a document to the units claims are read in, sentences and table rows.

The title is a unit of its own. Each block of the text (paragraph, list item,
heading, caption, table row) is split into sentences; a table row stays whole
and keeps its cells and its table's header. Units that restate the article
(the title, headings, captions, table rows, the short lines before the first
paragraph) are *secondary*: their figures only add claims the body lacks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Block, Document
from .figures import find_figures
from .lexicon import lexicon

_SENTENCE_END = re.compile(r"[.?!。](?=[\s\"'”’)\]]|$)")
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_HEADLINE_KINDS = ("title", "heading", "caption", "row")
_SHORT_LINE = 80           # a line this short with no sentence end reads as a headline or subhead


@dataclass(frozen=True)
class Unit:
    """One sentence or table row, with where it stands in the document."""

    text: str
    start: int                 # offset of ``text`` in its part (the document text, or the title)
    part: str                  # text | title
    block: int                 # index of its block (-1 for the title)
    kind: str                  # title | heading | paragraph | item | row | caption | quote
    index: int                 # running number of the unit in the document
    first_in_block: bool
    sentences: int             # how many sentences its block has
    lang: str                  # ko | en
    secondary: bool            # restates the article: adds only claims the body lacks
    group: int | None = None   # the list or table it belongs to
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()   # the header cells of its table
    caption: str = ""          # the line before its table


def language(text: str) -> str:
    """ko, unless the text is written in Latin letters with (almost) no Hangul."""
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    return "en" if latin >= 20 and hangul * 10 < latin else "ko"


def _is_cut(text: str, m: re.Match, prev: int, lang: str = "ko") -> bool:
    """A period after a number ends a sentence only after a long stretch of words and before no number
    (not 2026. 1. 29., not the 1. of a numbered heading; but …was fifth with 2,890.); after an
    abbreviation (U.S., Co.) it ends none."""
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[prev:m.start()])
    if m.group() == "." and word and word.group(1) in lexicon(lang).clauses.abbreviations:
        return False
    if m.group() == "." and text[m.start() - 1:m.start()].isdigit():
        nxt = text[m.end():].lstrip()[:1]
        return m.start() - prev > 20 and not nxt.isdigit()
    return True


def split_sentences(text: str, lang: str = "ko") -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``."""
    out, prev = [], 0
    cuts = []
    for m in _SENTENCE_END.finditer(text):
        if _is_cut(text, m, cuts[-1] if cuts else 0, lang):
            cuts.append(m.end())
    if not cuts or cuts[-1] != len(text):
        cuts.append(len(text))
    for cut in cuts:
        raw = text[prev:cut]
        lead = len(raw) - len(raw.lstrip())
        if raw.strip():
            out.append((prev + lead, raw.strip()))
        prev = cut
    return out


def _figure_cell(cell: str) -> bool:
    """A cell holding a figure (4,187 | 45.7 | 약 180만 건 | 1위), not a label (2024년 출원, 순위)."""
    return bool(re.fullmatch(r"[\d.,\s%~∼\-]+", cell.strip()) and _DIGIT.search(cell)) or \
        any(f.kind != "bare" for f in find_figures(cell, lexicon(language(cell))))


def _is_headline(block: Block, before_body: bool) -> bool:
    """Does the block restate the article (a title, subhead, caption) rather than say something new?
    Sentences end in a sentence mark or a verb ending (다, 요, 죠 …); headlines end in a noun."""
    if block.kind in _HEADLINE_KINDS:
        return True
    text = block.text.strip()
    bare = re.sub(r"[^가-힣A-Za-z0-9]+$", "", text)
    ends = bool(re.search(r"[.?!。][\"'”’)\]]*$", text)) or \
        lexicon(language(text)).grammar.sentence_endings.ends(bare) is not None
    return (before_body or len(text) <= _SHORT_LINE) and not ends


def _is_body(block: Block) -> bool:
    return block.kind in ("paragraph", "item", "quote") and len(block.text) >= 60 and \
        bool(_SENTENCE_END.search(block.text))


def document_units(doc: Document) -> list[Unit]:
    units: list[Unit] = []
    if doc.title and doc.title.strip():
        t = doc.title
        units.append(Unit(t, 0, "title", -1, "title", 0, True, 1, language(t), True))
    seen_body = False
    header: dict[int, tuple[str, ...]] = {}
    captions = _captions(doc.blocks)
    for i, block in enumerate(doc.blocks):
        if block.kind == "row":
            if block.group is not None and (block.header or (not any(_figure_cell(c) for c in block.cells) and sum(
                    1 for c in header.get(block.group, ()) if c.strip()) < 2)):
                header[block.group] = block.cells      # the header row (a one-cell title row gives way to it)
                continue
            units.append(Unit(block.text, block.start, "text", i, "row", len(units), True, 1, language(block.text), True,
                              block.group, block.cells, header.get(block.group, ()), captions.get(block.group, "")))
            continue
        before_body = not seen_body
        seen_body = seen_body or _is_body(block)
        secondary = _is_headline(block, before_body)
        lang = language(block.text)
        sentences = split_sentences(block.text, lang)
        for n, (off, sentence) in enumerate(sentences):
            units.append(Unit(sentence, block.start + off, "text", i, block.kind, len(units), n == 0, len(sentences),
                              lang, secondary, block.group))
    return units


def _captions(blocks: list[Block]) -> dict[int, str]:
    """For each table, the text block just before it (its title: 국가별 특허출원 현황(2014~2023년))."""
    out: dict[int, str] = {}
    last = ""
    for b in blocks:
        if b.kind != "row":
            last = b.text
        elif b.group is not None and b.group not in out:
            out[b.group] = last if len(last) <= 120 else ""
    return out
