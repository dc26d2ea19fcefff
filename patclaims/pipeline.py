"""The stages wired together: page bytes -> Document (with its claims)."""
from __future__ import annotations

from pathlib import Path

from patclaims.extractors.claims import extract_claims
from patclaims.extractors.document import extract_document
from patclaims.extractors.errors import InputError
from patclaims.extractors.limits import DEFAULT_MAX_BYTES, check_size, inflate_page, over_cap
from patclaims.extractors.records import Document


def read_page(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a saved page, at most ``max_bytes`` of them; a clear InputError naming it otherwise."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory; give saved page files")
        with p.open("rb") as f:
            size = p.stat().st_size
            if size > max_bytes:           # said before reading a byte of it
                raise over_cap(str(path), max_bytes, f"{size:,} bytes, over")
            return check_size(f.read(max_bytes + 1), max_bytes, str(path))     # a file that grows, a pipe
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: cannot read it (permission denied)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror or e})") from None


def process_page(raw: bytes, *, url: str | None = None, content_type: str | None = None,
                 name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Extract the document from page bytes (gzip allowed, never inflated past ``max_bytes``), then its claims."""
    raw = inflate_page(raw, max_bytes, name or url or "page")
    doc = extract_document(raw, url=url, content_type=content_type, name=name)
    doc.claims = extract_claims(doc)
    return doc


def process_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    doc = process_page(read_page(path, max_bytes), name=str(path), max_bytes=max_bytes)
    doc.path = str(path)
    return doc
