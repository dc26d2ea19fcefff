"""Plain text in, a document out: a news text saved as .txt (a wire story, a pasted article).

The layout journalists' texts come in: a headline on the first line, the date on
one of the first lines, then the body, one paragraph per line (a table as
``| a | b |`` lines). The headline is the first line when a date or an empty line
follows it and it is short; a line that is only a date (2024-03-01, 2024.03.01,
2024년 3월 1일, 입력 2024.03.01 10:20) gives the publication date. Everything
else is the body, in the order written.

Written by hand because no library reads this layout: trafilatura and htmldate
want HTML, and a text file carries no markup to tell them the headline.
"""
from __future__ import annotations

import re

from .dates import labelled_date, parse_datetime
from .decoding import decode_html
from .errors import InputError
from .records import Document, blocks_from_text, join_blocks

_TITLE_MAX = 150                 # characters: a longer first line is a paragraph, not a headline
_DATE_LINE_MAX = 40              # a line that only dates the text is short
_HEAD_LINES = 4                  # the date is looked for among the first lines only
_SENTENCE_END = re.compile(r"[.!?。]['\"”’)\]]*$")


def looks_like_text(raw: bytes) -> bool:
    """Bytes that read as text: no NUL bytes and mostly printable once decoded."""
    if b"\x00" in raw[:65536]:
        return False
    sample = decode_html(raw[:65536]).text
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
    return bool(sample.strip()) and printable >= 0.95 * len(sample)


def _date_line(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > _DATE_LINE_MAX:
        return None
    found = labelled_date(stripped) or parse_datetime(stripped)
    if not found:
        return None
    rest = re.sub(r"[\d\s.:/\-년월일시분초()+T~]", "", stripped)
    return found if len(rest) <= 12 else None       # 입력 2024.03.01 10:20, not a sentence with a date in it


def text_document(raw: bytes, name: str = "text") -> Document:
    """The document a plain text holds (see the module's docstring)."""
    decoded = decode_html(raw)
    lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not any(line.strip() for line in lines):
        raise InputError(f"{name}: empty text; nothing to extract")
    title = published = None
    head = 0
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if published is None and (found := _date_line(line)):
            published, head = found, i + 1
    first = lines[0].strip()
    follows = lines[1].strip() if len(lines) > 1 else ""
    if len(first) <= _TITLE_MAX and (not follows or _date_line(follows)) and len(lines) > 1 and \
            not _date_line(first):
        title = first
        head = max(head, 1)
    elif len(first) <= _TITLE_MAX and not _SENTENCE_END.search(first) and published is not None and head >= 2:
        title = first                           # headline, byline, date: the first line heads the text
    body = "\n".join(lines[head:])
    text, blocks = join_blocks(blocks_from_text(body))
    if not text.strip():
        raise InputError(f"{name}: only a headline and a date; no body text to extract")
    return Document(text=text, title=title, published=published, charset=decoded.charset, extraction="text",
                    blocks=blocks, warnings=list(decoded.warnings))
