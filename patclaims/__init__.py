"""patclaims: find the numeric patent claims Korean media publish, and keep them queryable.

    >>> import patclaims
    >>> doc = patclaims.extract_page("fixtures/pages/003_6a260239c4aa4a2e.html")
    >>> [(c.subject_id, c.measure, c.value) for c in doc.claims][:2]

``extract_page`` takes page bytes or a path (.html, .html.gz) and returns a
``Document`` (title, published, site, text, claims: ``Claim`` records; see
docs/claims.md). Importing patclaims is light: the extractor loads on first use.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from patclaims.extractors.records import Claim, Document

__all__ = ["extract_page", "Document", "Claim", "__version__"]


def extract_page(page: bytes | str | os.PathLike, url: str | None = None) -> Document:
    """The document of one page, with its claims: ``page`` is the page's bytes or the path of a saved page."""
    from .pipeline import process_page, read_page
    if isinstance(page, (bytes, bytearray, memoryview)):
        return process_page(bytes(page), url=url)
    doc = process_page(read_page(page), url=url, name=os.fspath(page))
    doc.path = os.fspath(page)
    return doc


def __getattr__(name: str):
    if name == "__version__":
        from importlib.metadata import version
        return version("patclaims")
    if name in ("Document", "Claim"):
        from patclaims.extractors import records
        return getattr(records, name)
    raise AttributeError(f"module 'patclaims' has no attribute {name!r}")
