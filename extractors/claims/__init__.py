"""Text to patent claims: every numeric statement about patents in a document, with its fields.

``extract_claims(document)`` runs the staged engine (``engine.py``) over the
document's title and blocks. The passes, each a small module with its data in
``data/lang/<language>.toml``: ``units`` (sentences and table rows), ``figures``
(numbers with their unit words and qualifiers), ``roles`` (the names and their
grammatical roles), ``measures`` (which figures are claims, and of what),
``subjects``, ``periods``, ``attributes`` (activity, type, field, source),
``tables`` (rows read through their header) and ``repeats`` (one claim per
figure).
"""
from __future__ import annotations

from ..records import Claim, Document
from .engine import extract

__all__ = ["extract_claims", "claims_in_text"]


def extract_claims(document: Document) -> list[Claim]:
    """Every patent claim in ``document`` (its title, text blocks and publication date)."""
    return extract(document)


def claims_in_text(text: str, published: str | None = None, title: str | None = None) -> list[Claim]:
    """The claims of a plain text (one paragraph per line), as if it were a document's body."""
    return extract(Document(text=text, title=title, published=published))
