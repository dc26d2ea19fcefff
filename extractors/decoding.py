"""Bytes to text: BOM, then the HTTP charset, then <meta charset>, then detection.

trafilatura ignores <meta charset> by design, so pages are decoded here first.
Korean legacy names (euc-kr, ks_c_5601-1987) decode as cp949, their superset.
A page that declares a legacy charset but whose bytes are valid UTF-8 is UTF-8
(re-saved pages do this); valid non-ASCII UTF-8 is almost never an accident.
UTF-8 with a few damaged bytes stays UTF-8 (U+FFFD in their place, and a
warning on the Decoded), never re-decoded as cp949 into garbage.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .limits import DEFAULT_MAX_BYTES, GZIP_MAGIC, inflate_page

_ALIASES = {
    "euc-kr": "cp949", "euc_kr": "cp949", "euckr": "cp949", "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949", "ksc5601": "cp949", "ksc_5601": "cp949", "x-windows-949": "cp949",
    "windows-949": "cp949", "uhc": "cp949", "unified-hangul-code": "cp949",
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    how: str        # bom | http | meta | detected | utf-8 over declared
    warnings: tuple[str, ...] = ()    # what was repaired: bytes that are not valid in the charset used


def normalise_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def http_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    return m.group(1) if m else None


def maybe_gunzip(raw: bytes, name: str = "input", max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """``raw``, inflated when it is gzip, to never more than ``max_bytes`` (OverCapError)."""
    return inflate_page(raw, max_bytes, name) if raw.startswith(GZIP_MAGIC) else raw


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _nearly_utf8(raw: bytes) -> Decoded | None:
    """UTF-8 with a few damaged bytes (a sequence cut short, a stray byte), decoded with U+FFFD for them.

    A page in another charset read as UTF-8 breaks on nearly every non-ASCII character (cp949's
    Hangul never forms valid UTF-8 for long), so a handful of bad bytes among many good characters is
    damage, not a different charset: re-decoding it as cp949 would garble every character instead.
    """
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if bad <= 0 or non_ascii - bad < 20 * bad:
        return None
    return Decoded(text, "utf-8", "", (f"{bad} byte sequence(s) are not valid UTF-8; kept as UTF-8 with "
                                       "U+FFFD in their place",))


def decode_html(raw: bytes, declared: str | None = None) -> Decoded:
    """Decode page bytes; ``declared`` is the HTTP header's charset, if any."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return Decoded(raw[len(bom):].decode(enc, errors="replace"), enc, "bom")
    candidates = []
    if (enc := normalise_charset(declared)):
        candidates.append((enc, "http"))
    m = _META.search(raw[:8192])
    if m and (enc := normalise_charset((m.group(1) or m.group(2)).decode("ascii", "ignore"))):
        candidates.append((enc, "meta"))
    for enc, how in candidates:
        if enc != "utf-8" and not raw.isascii() and _is_utf8(raw):
            return Decoded(raw.decode("utf-8"), "utf-8", "utf-8 over declared")
        try:
            return Decoded(raw.decode(enc), enc, how)
        except UnicodeDecodeError:
            if enc == "utf-8" and (near := _nearly_utf8(raw)):
                return Decoded(near.text, "utf-8", how, near.warnings)
            continue
    if _is_utf8(raw):
        return Decoded(raw.decode("utf-8"), "utf-8", "detected")
    if (near := _nearly_utf8(raw)):
        return Decoded(near.text, "utf-8", "detected", near.warnings)
    best = from_bytes(raw[:200_000]).best()
    enc = normalise_charset(best.encoding) if best else None
    enc = enc or "cp949"
    return Decoded(raw.decode(enc, errors="replace"), enc, "detected")
