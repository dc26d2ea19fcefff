"""The size caps on a page, and the one capped inflater every gzip path goes through.

A page is at most ``max_bytes`` bytes once decompressed, however it arrives:
a saved ``.html.gz``, a body served as ``Content-Encoding: gzip``, or a body
that is itself gzip (``application/gzip``, or ``text/html`` holding gzip
bytes). The inflater is written here, on ``zlib.decompressobj`` with
``max_length``, because none of the libraries covers every path: urllib3
caps only what it decodes for ``Content-Encoding``, and ``gzip.decompress``
inflates a 1 MB bomb to 1 GB before anyone can look at its size. Fed chunk
by chunk, it never holds more than the cap plus one chunk.
"""
from __future__ import annotations

import zlib

from .errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
CAP_HINT = "raise the cap with --max-bytes or PATCLAIMS_MAX_BYTES if the page is real"


class OverCapError(InputError):
    """A page larger than the size cap (before or after decompression); nothing of it is kept."""


def over_cap(name: str, max_bytes: int, what: str, hint: str = CAP_HINT) -> OverCapError:
    """``what`` leads to the cap: "58,720,282 bytes, over", "gzip data inflates past"."""
    return OverCapError(f"{name}: {what} the {max_bytes:,}-byte cap; skipped ({hint})")


class Inflater:
    """Incremental gzip/zlib/deflate decompression that refuses to produce more than ``max_bytes``.

    ``kind`` is ``gzip`` (one member or several, as ``gzip`` writes them) or ``deflate`` (zlib-wrapped,
    or raw deflate as some servers send it). ``feed`` returns the next decompressed bytes and raises
    OverCapError as soon as the total would pass the cap; ``finish`` checks the stream was complete.
    """

    def __init__(self, kind: str, max_bytes: int, name: str, hint: str = CAP_HINT):
        self.kind, self.max_bytes, self.name, self.hint = kind, max_bytes, name, hint
        self.produced = 0
        self._started = False
        self._obj = self._new()

    def _new(self, raw_deflate: bool = False):
        if self.kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        while data:
            room = self.max_bytes - self.produced - len(out) + 1      # one byte more tells "over the cap"
            try:
                out += self._obj.decompress(data, room)
            except zlib.error as e:
                if self.kind == "deflate" and not self._started:       # not zlib-wrapped: raw deflate
                    self._started, self._obj = True, self._new(raw_deflate=True)
                    continue
                raise InputError(f"{self.name}: {self.kind} data is corrupt ({e}); fetch or save the page again") \
                    from None
            self._started = True
            if self.produced + len(out) > self.max_bytes:
                raise over_cap(self.name, self.max_bytes, f"{self.kind} data inflates past", self.hint)
            if self._obj.unconsumed_tail:                  # output limited by ``room``, input left over
                data = self._obj.unconsumed_tail
            elif self._obj.eof and self._obj.unused_data and self.kind == "gzip":
                data = self._obj.unused_data               # the next member of a multi-member gzip file
                if not data.startswith(GZIP_MAGIC):
                    break                                  # trailing garbage after the last member, as gzip allows
                self._obj = self._new()
            else:
                break
        self.produced += len(out)
        return bytes(out)

    def finish(self) -> None:
        if not self._obj.eof and self._started:
            raise InputError(f"{self.name}: {self.kind} data is cut short; fetch or save the page again")


def check_size(raw: bytes, max_bytes: int, name: str, hint: str = CAP_HINT) -> bytes:
    if len(raw) > max_bytes:
        raise over_cap(name, max_bytes, f"{len(raw):,} bytes, over", hint)
    return raw


def inflate_page(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES, name: str = "page", hint: str = CAP_HINT) -> bytes:
    """``raw`` decompressed when it is gzip (twice at most: a .gz file served gzip-encoded), capped."""
    for _ in range(2):
        if not raw.startswith(GZIP_MAGIC):
            break
        inflater = Inflater("gzip", max_bytes, name, hint)
        out = bytearray()
        view = memoryview(raw)
        for i in range(0, len(raw), 1 << 16):
            out += inflater.feed(bytes(view[i:i + (1 << 16)]))
        inflater.finish()
        raw = bytes(out)
    return check_size(raw, max_bytes, name, hint)
