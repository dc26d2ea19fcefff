"""Article bodies that a page keeps in a script for the browser to render.

Two forms, named by a site rule:

- ``script_body_key``: the body's HTML is a JSON string under that key (Hankook Ilbo's
  ``contentHtml``);
- ``script_json``: the story is a JSON object assigned to that name (``Fusion.globalContent``
  on Arc XP sites such as Chosun Ilbo), its ``content_elements`` typed: text, header, list,
  table, quote, image (whose caption is a caption).
"""
from __future__ import annotations

import json
import re
from dataclasses import replace

import lxml.html

from .blocks import html_blocks, normalise
from .records import Block

_MIN_BODY = 40


def script_html(tree, key: str) -> str | None:
    """HTML kept as a JSON string under ``key`` in a script (client-rendered pages)."""
    pattern = re.compile(r'\\?"%s\\?"\s*:\s*(\\?")' % re.escape(key))
    for script in tree.iter("script"):
        src = script.text or ""
        m = pattern.search(src)
        if not m:
            continue
        escaped = m.group(1) == '\\"'
        quote = r'\\"' if escaped else '"'
        body = re.match(r'((?:[^"\\]|\\.)*?)' + re.escape(quote), src[m.end():], re.S)
        if not body:
            continue
        raw = body.group(1)
        try:
            value = json.loads('"' + raw + '"') if not escaped else json.loads(json.loads('"' + raw + '"'))
        except (json.JSONDecodeError, TypeError):
            try:
                value = json.loads('"' + raw.replace('\\"', '"') + '"')
            except json.JSONDecodeError:
                continue
        if isinstance(value, str) and len(value) > _MIN_BODY:
            return value.replace("$$ARTICLEAD$$", "")
    return None


def script_json(tree, name: str):
    """The JSON value assigned to ``name`` (``Fusion.globalContent={...}``) in a script, or None."""
    pattern = re.compile(re.escape(name) + r"\s*=\s*")
    for script in tree.iter("script"):
        src = script.text or ""
        m = pattern.search(src)
        if not m:
            continue
        try:
            value, _ = json.JSONDecoder().raw_decode(src, m.end())
        except json.JSONDecodeError:
            continue
        return value
    return None


def _text(content: str, tag: str = "p") -> str:
    return normalise(lxml.html.fromstring(f"<{tag}>{content}</{tag}>").text_content()) if content.strip() else ""


def story_blocks(story) -> list[Block]:
    """The blocks of an Arc XP story's ``content_elements``; unknown element types are skipped."""
    out: list[Block] = []
    groups = 0

    def add_html(content: str, kind: str | None = None, group: int | None = None) -> None:
        nonlocal groups
        if not content.strip():
            return
        found = html_blocks(lxml.html.fragment_fromstring(content, create_parent="div"))
        top = groups
        for b in found:
            g = group if group is not None else (b.group + top if b.group is not None else None)
            groups = max(groups, g or 0)
            out.append(replace(b, kind=kind or b.kind, group=g))

    elements = story.get("content_elements") if isinstance(story, dict) else None
    for e in elements if isinstance(elements, list) else ():
        if not isinstance(e, dict):
            continue
        kind, content = e.get("type"), e.get("content")
        if kind == "text" and isinstance(content, str):
            add_html(content)
        elif kind == "header" and isinstance(content, str) and (t := _text(content, "h2")):
            out.append(Block("heading", t))
        elif kind == "quote":
            for part in e.get("content_elements") or ():
                if isinstance(part, dict) and isinstance(part.get("content"), str):
                    add_html(part["content"], "quote")
        elif kind == "list":
            groups += 1
            group = groups
            for item in e.get("items") or ():
                if isinstance(item, dict) and isinstance(item.get("content"), str):
                    add_html(item["content"], "item", group)
        elif kind == "table":
            groups += 1
            for i, row in enumerate([e.get("header") or []] + list(e.get("rows") or [])):
                cells = tuple(_text(c["content"]) if isinstance(c, dict) and isinstance(c.get("content"), str)
                              else "" for c in row)
                if any(cells):
                    out.append(Block("row", " | ".join(cells), group=groups, cells=cells, header=i == 0))
        elif kind == "image" and isinstance(e.get("caption"), str) and (t := normalise(e["caption"])):
            out.append(Block("caption", t))
    return out
