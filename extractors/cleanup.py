"""Block-level cleanup shared by every extraction path, and the rules of data/boilerplate.toml.

Byline and footer lines, "관련기사" link lists and a body rendered twice are
removed here, block by block. A kept block is never edited inside: numbers are
read from the text exactly as the page gives it (38,000 stays 38,000); only a
byline prefix at its start may be cut off.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .datafiles import check_keys, load_toml, words
from .errors import DataFileError
from .records import Block

_SOURCE = "extractors/data/boilerplate.toml"
_KEYS = {"max_line_length", "drop_lines", "strip_prefixes", "related_item", "title_separators",
         "title_site_words", "title_max_suffix", "hidden_classes", "photo_credits", "link_lists", "comments", "forms"}
_LINK_KEYS = {"headings", "min_links", "min_link_share", "max_letters_per_link", "max_plain_letters", "max_heading_letters",
              "layout_cell_letters"}
_COMMENT_KEYS = {"names"}
_FORM_KEYS = {"min_controls", "max_extra_letters", "max_letters"}
_MARKS = " \t:：■□▶▷◆◇●○•·-–—*#[]【】<>《》「」()"


@dataclass(frozen=True)
class LinkLists:
    headings: tuple[re.Pattern, ...]   # a heading that opens a list of other pages
    min_links: int
    min_link_share: float              # link letters / all letters of the box
    max_letters_per_link: int          # a box of titles, not of paragraphs with links
    max_plain_letters: int             # and little text outside its links: never a box that holds the article
    max_heading_letters: int           # a short heading just before such a box goes with it
    layout_cell_letters: int           # a table cell longer than this is page layout, not data

    def is_heading(self, text: str) -> bool:
        t = text.strip(_MARKS)
        return bool(t) and any(p.fullmatch(t) for p in self.headings)


@dataclass(frozen=True)
class Comments:
    names: frozenset[str]              # words of a class or id that mark readers' comments


@dataclass(frozen=True)
class Forms:
    min_controls: int                  # radio buttons / check boxes of one group that make a survey
    max_extra_letters: int             # a wrapper adding no more text than this goes with the form
    max_letters: int                   # a survey is small: never drop a bigger box


@dataclass(frozen=True)
class Boilerplate:
    drop_lines: tuple[re.Pattern, ...]
    strip_prefixes: tuple[re.Pattern, ...]
    related_item: re.Pattern
    max_line_length: int
    title_separators: tuple[str, ...]
    title_site_words: tuple[str, ...]
    title_max_suffix: int
    hidden_classes: frozenset[str]
    photo_credits: tuple[re.Pattern, ...]
    link_lists: LinkLists
    comments: Comments
    forms: Forms


def _compile(patterns: list[str], key: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise DataFileError(f"{_SOURCE}: {key} pattern {p!r} is not a valid regex ({e})") from None
    return tuple(out)


def _number(doc: dict, key: str, where: str, kind: type = int) -> int | float:
    v = doc.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (kind is int and not isinstance(v, int)) or v <= 0:
        raise DataFileError(f"{_SOURCE}: {where}{key} must be a positive {'integer' if kind is int else 'number'}")
    return v


def _section(doc: dict, key: str, known: set[str]) -> dict:
    t = doc.get(key)
    if not isinstance(t, dict):
        raise DataFileError(f"{_SOURCE}: [{key}] must be a table")
    check_keys(t, known, _SOURCE, f"[{key}] ")
    return t


@cache
def boilerplate() -> Boilerplate:
    doc = load_toml("boilerplate.toml")
    check_keys(doc, _KEYS, _SOURCE)
    ll = _section(doc, "link_lists", _LINK_KEYS)
    fm = _section(doc, "forms", _FORM_KEYS)
    cm = _section(doc, "comments", _COMMENT_KEYS)
    share = _number(ll, "min_link_share", "[link_lists] ", float)
    if share > 1:
        raise DataFileError(f"{_SOURCE}: [link_lists] min_link_share is a share: give a number up to 1")
    return Boilerplate(
        drop_lines=_compile(words(doc, "drop_lines", _SOURCE), "drop_lines"),
        strip_prefixes=_compile(words(doc, "strip_prefixes", _SOURCE), "strip_prefixes"),
        related_item=_compile([doc.get("related_item", "")], "related_item")[0],
        max_line_length=_number(doc, "max_line_length", ""),
        title_separators=tuple(words(doc, "title_separators", _SOURCE)),
        title_site_words=tuple(words(doc, "title_site_words", _SOURCE)),
        title_max_suffix=_number(doc, "title_max_suffix", ""),
        hidden_classes=frozenset(words(doc, "hidden_classes", _SOURCE)),
        photo_credits=_compile(words(doc, "photo_credits", _SOURCE), "photo_credits"),
        link_lists=LinkLists(
            headings=_compile(words(ll, "headings", _SOURCE + " [link_lists]"), "[link_lists] headings"),
            min_links=_number(ll, "min_links", "[link_lists] "),
            min_link_share=float(share),
            max_letters_per_link=_number(ll, "max_letters_per_link", "[link_lists] "),
            max_plain_letters=_number(ll, "max_plain_letters", "[link_lists] "),
            max_heading_letters=_number(ll, "max_heading_letters", "[link_lists] "),
            layout_cell_letters=_number(ll, "layout_cell_letters", "[link_lists] "),
        ),
        comments=Comments(frozenset(w.lower() for w in words(cm, "names", _SOURCE + " [comments]"))),
        forms=Forms(min_controls=_number(fm, "min_controls", "[forms] "),
                    max_extra_letters=_number(fm, "max_extra_letters", "[forms] "),
                    max_letters=_number(fm, "max_letters", "[forms] ")),
    )


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Drop boilerplate blocks, related-article lists, photo captions and repeated paragraphs;
    offsets are not set."""
    bp = boilerplate()
    out: list[Block] = []
    seen: set[str] = set()
    related: int | None | bool = False          # in a related list: False, or the group it opened
    for b in blocks:
        text = b.text
        if not text:
            continue
        if len(text) <= bp.max_line_length and bp.link_lists.is_heading(text):
            related = True
            continue
        if related is not False:
            if related is True and b.group is not None and b.kind in ("item", "row"):
                related = b.group                 # the list right under the heading
            if (b.group is not None and b.group == related) or bp.related_item.match(text):
                continue
            related = False
        if len(text) <= bp.max_line_length and any(p.search(text) for p in bp.drop_lines):
            continue
        if b.kind == "caption" and any(p.search(text) for p in bp.photo_credits):
            continue
        if b.kind != "row":
            for p in bp.strip_prefixes:
                m = p.match(text)
                if m and m.end() and len(text) - m.end() >= 20:
                    text = text[m.end():].lstrip()
                    break
        # a paragraph the page renders twice is kept once; short blocks (labels, cells) may repeat
        if len(text) >= 25:
            if text in seen:
                continue
            seen.add(text)
        out.append(b if text == b.text else replace(b, text=text))
    return out


def clean_title(title: str | None, site: str | None = None) -> str | None:
    """The headline without a site's name before or after it (" | 사이트", "대전일보 - ", "-정치ㅣ한국일보")."""
    if not title:
        return None
    bp = boilerplate()
    t = re.sub(r"\s+", " ", title).strip()
    changed = True
    while changed:
        changed = False
        for sep in bp.title_separators:
            head, found, tail = t.rpartition(sep)
            if found and _is_site(tail.strip(), site, bp) and head.strip():
                t, changed = head.strip(), True
                break
            head, found, tail = t.partition(sep)
            if found and _is_site(head.strip(), site, bp) and tail.strip() and len(tail.strip()) > len(head):
                t, changed = tail.strip(), True
                break
    return t or None


def _is_site(segment: str, site: str | None, bp: Boilerplate) -> bool:
    if not segment or len(segment) > bp.title_max_suffix:
        return False
    return bool((site and (site in segment or segment in site)) or any(w in segment for w in bp.title_site_words))
