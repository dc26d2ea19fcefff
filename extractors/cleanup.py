"""Block-level cleanup shared by every extraction path, by the rules of data/boilerplate.toml.

Byline and footer lines, "관련기사" link lists and a body rendered twice are
removed here, block by block. A kept block is never edited inside: numbers are
read from the text exactly as the page gives it (38,000 stays 38,000); only a
byline prefix at its start may be cut off.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .boilerplate import Boilerplate, boilerplate
from .records import Block


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Drop boilerplate blocks, related-article lists, photo captions and repeated paragraphs;
    offsets are not set."""
    bp = boilerplate()
    out: list[Block] = []
    seen: set[str] = set()
    in_related, related_group = False, None     # under a link-list heading, and the list it opened
    for b in blocks:
        text = b.text
        if not text:
            continue
        if len(text) <= bp.max_line_length and bp.link_lists.is_heading(text):
            in_related, related_group = True, None
            continue
        if in_related:
            if related_group is None and b.group is not None and b.kind in ("item", "row"):
                related_group = b.group           # the list right under the heading
            if (b.group is not None and b.group == related_group) or bp.related_item.match(text):
                continue
            in_related = False
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
    """The headline without a site's name before or after it (" | 사이트", "대전일보 - ") and
    without the section name beside it ("-정치ㅣ한국일보", " < 경제 < 기사본문 - 특허뉴스")."""
    if not title:
        return None
    bp = boilerplate()
    t = re.sub(r"\s+", " ", title).strip()
    t = re.sub(r"\s+(?:::|\||ㅣ|｜)$", "", t)          # a dangling separator: "제목 :: 뉴시스 ::"
    cut, changed = False, True
    while changed:
        changed = False
        for sep in bp.title_separators:
            head, found, tail = t.rpartition(sep)
            if found and _is_site(tail.strip(), site, bp) and head.strip():
                t, cut, changed = head.strip(), True, True
                break
            if not (sep.startswith(" ") and sep.endswith(" ")):
                continue                  # a site's name before the headline is set off by spaces
            head, found, tail = t.partition(sep)
            if found and _is_site(head.strip(), site, bp) and tail.strip() and len(tail.strip()) > len(head):
                t, cut, changed = tail.strip(), True, True
                break
        if cut and not changed:
            for sep in bp.title_section_separators:
                head, found, tail = t.rpartition(sep)
                if found and head.strip() and tail.strip() in bp.title_sections:
                    t, changed = head.strip(), True
                    break
    return t or None


def _is_site(segment: str, site: str | None, bp: Boilerplate) -> bool:
    if not segment or len(segment) > bp.title_max_suffix:
        return False
    return bool((site and (site in segment or segment in site)) or any(w in segment for w in bp.title_site_words))
