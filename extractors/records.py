"""The typed records handed from stage to stage: a Document, and its Claims."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

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

    def to_dict(self) -> dict:
        return asdict(self)


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
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON object `patclaims extract` prints (claims.md), plus provenance fields."""
        return {
            "path": self.path, "url": self.url, "title": self.title, "published": self.published,
            "site": self.site, "text": self.text, "canonical_url": self.canonical_url,
            "charset": self.charset, "extraction": self.extraction, "extractor_version": EXTRACTOR_VERSION,
            "claims": [c.to_dict() for c in self.claims],
        }
