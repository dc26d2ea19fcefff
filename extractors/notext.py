"""A page that yields no article text is a failure with its reason, never an empty document.

``extract_document`` calls ``check_article_text`` where it returns. The reason
is looked for only when the text is empty or nearly so, on a fresh parse of
the page (extraction prunes its own tree), so good pages pay nothing.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .errors import InputError

MAX_DEPTH = 255          # libxml2 drops what is nested deeper than this (without its "huge" option)
_SHORT = 40              # characters: below this the text is looked at again
_NOT_VISIBLE = ("script", "style", "noscript", "template")
_FRAMESET = re.compile(r"<\s*frameset\b", re.I)


class NoArticleText(InputError):
    """A page from which no article text can be read; the message says why (frameset, too deep, scripts)."""


def _depth(tree) -> int:
    deepest = 0
    for el in tree.iter(lxml.etree.Element):
        deepest = max(deepest, sum(1 for _ in el.iterancestors()))
        if deepest >= MAX_DEPTH:
            break
    return deepest


def _visible_text(tree) -> str:
    body = tree.find("body")
    if body is None:
        return ""
    parts = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_VISIBLE:
            continue
        if el.text and not any(a.tag in _NOT_VISIBLE for a in el.iterancestors()):
            parts.append(el.text)
        if el.tail and el.getparent() is not None and el.getparent().tag not in _NOT_VISIBLE:
            parts.append(el.tail)
    return " ".join("".join(parts).split())


def reason(html: str, text: str) -> str | None:
    """Why ``text`` (what extraction produced from ``html``) is no article text, or None when it is one."""
    if len(text.strip()) >= _SHORT:
        return None
    if _FRAMESET.search(html):
        frames = re.findall(r"<\s*i?frame\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", html, re.I)[:3]
        where = f" ({', '.join(frames)})" if frames else ""
        return f"a frameset page: its text is in the frames' own pages{where}; give those instead"
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return "the HTML cannot be parsed" if not text.strip() else None
    if _depth(tree) >= MAX_DEPTH:
        return f"the HTML is nested deeper than {MAX_DEPTH} levels, and what lies deeper cannot be read"
    if not _visible_text(tree) and tree.xpath("//script"):
        return "the page holds only scripts: its text is written by JavaScript; save it after it has rendered"
    return None if text.strip() else "nothing in it reads as an article"


def check_article_text(html: str, text: str, label: str) -> None:
    """Raise NoArticleText naming ``label`` and the reason when ``text`` is no article text."""
    why = reason(html, text)
    if why:
        raise NoArticleText(f"{label}: no article text: {why}")
