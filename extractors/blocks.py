"""Elements to typed blocks: the structure of the article that the claims engine reads.

One walker serves both extraction paths. A site rule hands it the lxml element
of the body (HTML tags); the generic path hands it trafilatura's XML body
(``<p>``, ``<head>``, ``<list><item>``, ``<table><row><cell>``, ``<quote>``).
Each tag plays a role:

    block    p, div, section …   starts and ends a block; inside a list item or a quote it is one
    heading  h1–h6, <head>       a heading
    list     ul, ol, dl, <list>  its items share a group
    item     li, dt, dd, <item>  a list item
    table    table               its rows share a group
    row      tr, <row>           a row: cells joined by " | ", ``header`` when every cell is a header
    cell     td, th, <cell>      a cell (never a block of its own)
    caption  figcaption, caption
    quote    blockquote, <quote>
    break    br, <lb>            ends a block inside a paragraph; a space inside items, cells, headings
    skip     script, style …     not text (its tail is)

Whitespace runs become one space; every other character is kept as the page gives it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .records import Block

_SKIP = ("script", "style", "noscript", "iframe", "template", "button", "select", "textarea", "svg",
         "form", "input", "option", "head", "title", "meta", "link")
_BLOCK = ("p div section article figure header footer pre address main aside center nav "
          "fieldset details summary hgroup legend body html").split()

HTML_ROLES: dict[str, str] = {
    **{t: "block" for t in _BLOCK},
    **{f"h{n}": "heading" for n in range(1, 7)},
    **{t: "list" for t in ("ul", "ol", "dl", "menu")},
    **{t: "item" for t in ("li", "dt", "dd")},
    "table": "table", "tr": "row", "td": "cell", "th": "cell",
    "caption": "caption", "figcaption": "caption", "blockquote": "quote", "br": "break",
    **{t: "skip" for t in _SKIP},
}
# trafilatura's XML: <head> is a heading there, not the HTML document head
XML_ROLES: dict[str, str] = {
    "body": "block", "doc": "block", "main": "block", "p": "block", "div": "block", "code": "block",
    "head": "heading", "list": "list", "item": "item", "table": "table", "row": "row", "cell": "cell",
    "quote": "quote", "lb": "break", "graphic": "skip", "fw": "skip", "note": "skip",
}

_WS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_INLINE_KINDS = ("heading", "item", "caption")   # a line break is a space in these


def normalise(text: str) -> str:
    """Whitespace runs as one space, no space at either end."""
    return _WS.sub(" ", text).strip()


class _Walker:
    def __init__(self, roles: dict[str, str], header_cell, caption_class: str | None = None) -> None:
        self.roles = roles
        self.caption_class = caption_class
        self.header_cell = header_cell
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.groups = 0
        self.tables_with_rows: set[int] = set()

    def role(self, el) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:
            return "skip"          # comments, processing instructions
        return self.roles.get(tag.rsplit("}", 1)[-1].lower(), "inline")

    def flush(self, kind: str, group: int | None) -> None:
        text = normalise("".join(self.buf))
        self.buf.clear()
        if text:
            self.blocks.append(Block("item" if kind == "list" else kind, text, group=group))

    def new_group(self) -> int:
        self.groups += 1
        return self.groups

    def walk(self, el, kind: str = "paragraph", group: int | None = None) -> None:
        """Add ``el``'s blocks; ``kind`` and ``group`` are those of the block it sits in."""
        role = self.role(el)
        if role == "skip":
            return
        if role == "break":
            if kind in _INLINE_KINDS:
                self.buf.append(" ")
            else:
                self.flush(kind, group)
            return
        if role in ("inline", "cell"):
            self.children(el, kind, group)
            return
        self.flush(kind, group)
        if role == "table":
            self.table(el)
            return
        if role == "row":
            self.row(el, self.new_group())
            return
        if role == "block" and self.caption_class and self.caption_class in (el.get("class") or "").split():
            kind = "caption"
        if role == "list":
            kind, group = "list", self.new_group()      # loose text in a list reads as one of its items
        elif role == "item":
            if kind != "list":
                group = self.new_group()
            kind = "item"
        elif role == "heading":
            kind = kind if kind in ("item", "list", "quote", "caption") else "heading"
        elif role in ("caption", "quote"):
            kind = role
        self.children(el, kind, group)
        self.flush(kind, group)

    def children(self, el, kind: str, group: int | None) -> None:
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child, kind, group)
            if child.tail:
                self.buf.append(child.tail)

    def table(self, el) -> None:
        group = self.new_group()
        for child in _table_parts(el, self.role):
            if self.role(child) == "row":
                self.row(child, group)
            else:
                self.walk(child, "caption", None)

    def row(self, tr, group: int) -> None:
        cells, heads = [], []
        for cell in tr:
            if self.role(cell) != "cell":
                continue
            sub = _Walker(self.roles, self.header_cell)
            sub.walk(cell, "item", None)
            sub.flush("item", None)
            cells.append(" ".join(b.text for b in sub.blocks))
            heads.append(self.header_cell(cell))
        while cells and not cells[-1]:          # padding to the table's width
            cells.pop()
            heads.pop()
        if not cells:
            return
        header = all(h for c, h in zip(cells, heads) if c)
        if len(cells) == 1 and header and group not in self.tables_with_rows:
            # a title row above a table (trafilatura turns <caption> into one)
            self.blocks.append(Block("caption", cells[0]))
            return
        self.tables_with_rows.add(group)
        self.blocks.append(Block("row", " | ".join(cells), group=group, cells=tuple(cells), header=header))


def _table_parts(table, role) -> Iterator:
    """A table's caption and rows in order, through thead/tbody/tfoot; not the rows of nested tables."""
    for child in table:
        r = role(child)
        if r in ("row", "caption"):
            yield child
        elif isinstance(child.tag, str) and child.tag.lower() in ("thead", "tbody", "tfoot"):
            yield from _table_parts(child, role)


def _html_header(cell) -> bool:
    return cell.tag.lower() == "th"


def _xml_header(cell) -> bool:
    return cell.get("role") == "head"


def html_blocks(el) -> list[Block]:
    """The blocks of an HTML element (a site rule's body), in reading order, without offsets."""
    w = _Walker(HTML_ROLES, _html_header)
    w.walk(el)
    w.flush("paragraph", None)
    return w.blocks


def xml_blocks(body, caption_class: str | None = None) -> list[Block]:
    """The blocks of trafilatura's XML body, in reading order, without offsets; a paragraph of
    ``caption_class`` is a caption (see clutter.lift_captions)."""
    if body is None:
        return []
    w = _Walker(XML_ROLES, _xml_header, caption_class)
    w.walk(body)
    w.flush("paragraph", None)
    return w.blocks


def text_blocks(text: str) -> list[Block]:
    """Blocks for a text with no markup (a JSON-LD articleBody): one paragraph per non-empty line."""
    return [Block("paragraph", t) for line in text.splitlines() if (t := normalise(line))]
