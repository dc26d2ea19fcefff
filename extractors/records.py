"""The typed records handed from stage to stage: a Document, its Blocks, and its Claims."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

EXTRACTOR_VERSION = "0.1.0"


@dataclass
class Claim:
    """One numeric patent claim; the fields of shared/spec/claims.md."""

    subject: str | None
    subject_id: str | None
    measure: str                 # count | share | growth | rank
    value: float | int
    unit: str                    # item | percent | multiple | ordinal
    qualifier: str = "exact"     # exact | approx | at_least | at_most
    activity: str | None = None  # applications | grants | publications | holdings
    patent_type: str | None = None
    field: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    source: str | None = None
    text: str = ""
    start: int = 0
    end: int = 0
    sentence: str = ""
    part: str = "text"           # where start/end point: the document's text, or its title

    def to_dict(self) -> dict:
        return asdict(self)

    def identity(self) -> tuple:
        """What makes two claims of one document the same claim: the one definition, exact.

        Values compare as decimals (1585661 and 1585664 differ; 5712 and 5712.0 agree), and the
        period and activity are part of it, so 출원 1위 and 등록 1위, or 300건 in 2022 and in 2023,
        are two claims. The extractor's repeat check and the stored fingerprint both use it.
        """
        return (self.subject_id, self.measure, exact_value(self.value), self.unit,
                self.activity, self.year_from, self.year_to)

    def figure(self) -> tuple:
        """The same figure across outlets: subject, measure, exact value and period."""
        return (self.subject_id, self.measure, exact_value(self.value), self.year_from, self.year_to)


def exact_value(value: float | int | Decimal) -> str:
    """A claim value as an exact, canonical decimal string: 5712, 20.24, -1.8 (never 1.58566e+06)."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


@dataclass(frozen=True)
class Block:
    """One block of a document's main text: a paragraph, heading, list item, table row or caption.

    ``Document.text`` is the blocks' texts joined by newlines, so ``text[start:end] == block.text``.
    Blocks of one list or table share ``group``; a table row keeps its ``cells`` (its text is the
    cells joined by " | ") and ``header`` marks a row of header cells.
    """

    kind: str                          # heading | paragraph | item | row | caption | quote
    text: str
    start: int = 0
    end: int = 0
    group: int | None = None
    cells: tuple[str, ...] = ()
    header: bool = False


BLOCK_KINDS = ("heading", "paragraph", "item", "row", "caption", "quote")


def blocks_from_text(text: str) -> list[Block]:
    """Blocks for a text that carries no markup: one paragraph per non-empty line, and the
    lines written as table rows (``| a | b |``, trafilatura's plain-text tables) as rows."""
    out, pos, group = [], 0, None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            group = len(out) if group is None else group
            if not set(stripped) <= set("|-: "):          # |---|---| only draws the table
                cells = tuple(c.strip() for c in re.split(r"(?<!\\)\|", stripped[1:-1]))
                out.append(Block("row", line, pos, pos + len(line), group, cells))
        elif stripped:
            group = None
            out.append(Block("paragraph", line, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def join_blocks(blocks: list[Block]) -> tuple[str, list[Block]]:
    """The document text for ``blocks`` and the blocks with their offsets in it."""
    out, parts, pos = [], [], 0
    for b in blocks:
        parts.append(b.text)
        out.append(Block(b.kind, b.text, pos, pos + len(b.text), b.group, b.cells, b.header))
        pos += len(b.text) + 1
    return "\n".join(parts), out


@dataclass
class Document:
    """A page reduced to its article: main text and metadata."""

    text: str
    title: str | None = None
    published: str | None = None          # ISO 8601 date or date-time
    site: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    charset: str | None = None
    extraction: str = "generic"           # "site:<rule>" or "generic"
    path: str | None = None
    blocks: list[Block] = field(default_factory=list)   # the text's structure; see Block
    warnings: list[str] = field(default_factory=list)   # what went wrong but did not stop extraction
    claims: list[Claim] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.blocks and self.text:
            self.blocks = blocks_from_text(self.text)

    def to_dict(self) -> dict:
        """The JSON object `patclaims extract` prints (claims.md), plus provenance fields."""
        return {
            "path": self.path, "url": self.url, "title": self.title, "published": self.published,
            "site": self.site, "text": self.text, "canonical_url": self.canonical_url,
            "charset": self.charset, "extraction": self.extraction, "extractor_version": EXTRACTOR_VERSION,
            "claims": [c.to_dict() for c in self.claims],
        }
