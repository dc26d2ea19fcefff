"""Page bytes to a Document: decoding, metadata, and the article as typed blocks.

Two paths produce the blocks, and the document records which one did: a site
rule (``data/sites/*.toml``) that names the body element, or trafilatura's XML
body for every other page. Both drop the same generic clutter from the tree
first (``clutter.py``), read blocks with one walker (``blocks.py``) and share
the block cleanup (``cleanup.py``). The page is parsed once and trafilatura runs
once; metadata is read before any pruning.
"""
from __future__ import annotations

import copy
import re
from functools import cache
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Extractor

from . import metadata
from .blocks import html_blocks, text_blocks, xml_blocks
from .cleanup import clean_blocks, clean_title
from .clutter import CAPTION_CLASS, drop, lift_captions, prune
from .decoding import decode_html, http_charset, maybe_gunzip
from .errors import InputError
from .notext import check_article_text
from .records import Block, Document, join_blocks
from .scripts import script_html, script_json, story_blocks
from .sites import SiteRule, rule_for

_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|div|p|article|title|table|span|a)\b", re.I)
_MIN_BODY = 40


def looks_like_html(raw: bytes) -> bool:
    head = raw[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return bool(_HTML_SNIFF.search(raw[:65536]))


def extract_document(raw: bytes, *, url: str | None = None, content_type: str | None = None,
                     name: str | None = None) -> Document:
    """The article in ``raw`` (HTML bytes, gzip allowed). ``name`` labels errors."""
    label = name or url or "page"
    raw = maybe_gunzip(raw, label)
    if not raw.strip():
        raise InputError(f"{label}: empty page; nothing to extract")
    if not looks_like_html(raw):
        raise InputError(f"{label}: not HTML (no HTML tags found); give a saved web page")
    decoded = decode_html(raw, http_charset(content_type))
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", decoded.text)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError(f"{label}: HTML cannot be parsed ({e})") from None

    canonical = metadata.canonical(tree, url)
    host = urlsplit(url or canonical or "").hostname
    rule = rule_for(host, tree)
    site = rule.name if rule else (metadata.meta(tree, "og:site_name", "application-name") or host)
    title = clean_title(metadata.title(tree, rule), site)
    published = metadata.published(tree, rule, tree.text_content()[:20000])

    blocks, path = [], "generic"
    if rule is not None:
        blocks = _rule_blocks(tree, rule)
        if _length(blocks) >= _MIN_BODY:
            path = f"site:{rule.key}"
    if path == "generic":
        blocks = _generic_blocks(tree)      # prunes the tree: metadata is read above
    text, blocks = join_blocks(blocks)
    check_article_text(html, text, label)     # no text (too deep, a frameset, scripts only) is a failure
    return Document(text=text, title=title, published=published, site=site, url=url,
                    canonical_url=canonical, charset=decoded.charset, extraction=path, blocks=blocks,
                    warnings=list(decoded.warnings))


def _length(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _rule_blocks(tree, rule: SiteRule) -> list[Block]:
    body = None
    for sel in rule.body:
        found = sel(tree)
        if found:
            body = found[0]
            break
    if body is not None:
        body = copy.deepcopy(body)
        for sel in rule.drop:
            for el in sel(body):
                drop(el)
        prune(body)
        blocks = clean_blocks(html_blocks(body))
        if _length(blocks) >= _MIN_BODY:
            return blocks
    if rule.script_body_key:
        html = script_html(tree, rule.script_body_key)
        if html:
            frag = lxml.html.fragment_fromstring(html, create_parent="div")
            prune(frag)
            return clean_blocks(html_blocks(frag))
    if rule.script_json:
        return clean_blocks(story_blocks(script_json(tree, rule.script_json)))
    return []


@cache
def _trafilatura_options() -> Extractor:
    # the same choices as trafilatura.extract(include_comments=False, include_tables=True,
    # deduplicate=False); its XML body is read here, not its text rendering
    return Extractor(output_format="txt", comments=False, tables=True, dedup=False)


def _generic_blocks(tree) -> list[Block]:
    article_body = metadata.jsonld(tree, "articleBody")
    prune(tree)
    lift_captions(tree)
    found = trafilatura.bare_extraction(tree, options=_trafilatura_options())
    blocks = clean_blocks(xml_blocks(found.body, CAPTION_CLASS)) if found is not None else []
    if _length(blocks) < _MIN_BODY and isinstance(article_body, str) and len(article_body) > _length(blocks):
        blocks = clean_blocks(text_blocks(article_body))
    return blocks
