"""The stages wired together: page bytes -> Document (with its claims)."""
from __future__ import annotations

from pathlib import Path

from patclaims.extractors.claims import extract_claims
from patclaims.extractors.document import extract_document
from patclaims.extractors.errors import InputError
from patclaims.extractors.records import Document


def read_page(path: str | Path) -> bytes:
    """The bytes of a saved page; a clear InputError naming it when it cannot be read."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory; give saved page files")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: cannot read it (permission denied)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror or e})") from None


def process_page(raw: bytes, *, url: str | None = None, content_type: str | None = None,
                 name: str | None = None) -> Document:
    """Extract the document from page bytes, then its claims."""
    doc = extract_document(raw, url=url, content_type=content_type, name=name)
    doc.claims = extract_claims(doc)
    return doc


def process_file(path: str | Path) -> Document:
    doc = process_page(read_page(path), name=str(path))
    doc.path = str(path)
    return doc
