"""Page bytes to a Document: decoding, the main text, and metadata.

Two paths produce the text, and the document records which one did:
a site rule (``data/sites/*.toml``) that names the body, or trafilatura for
every other page. Both share the same cleanup (``cleanup.py``). The page is
parsed once; metadata is read before trafilatura prunes the tree.
"""
from __future__ import annotations

import copy
import json
import re
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

from .cleanup import boilerplate, clean_text, clean_title
from .dates import date_attributes, labelled_date, meta_names, parse_datetime
from .decoding import decode_html, http_charset, maybe_gunzip
from .errors import InputError
from .notext import check_article_text
from .records import Document
from .sites import SiteRule, rule_for

_BLOCKS = frozenset("p div li h1 h2 h3 h4 h5 h6 tr blockquote section article figure figcaption "
                    "table ul ol dl dt dd header footer pre address main aside center".split())
_NEVER_TEXT = ("script", "style", "noscript", "iframe", "template", "button", "select", "textarea", "svg", "form")
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

    canonical = _canonical(tree, url)
    host = urlsplit(url or canonical or "").hostname
    rule = rule_for(host, tree)
    site = rule.name if rule else (_meta(tree, "og:site_name", "application-name") or host)
    title = clean_title(_title(tree, rule), site)
    published = _published(tree, rule)
    if published is None:
        published = labelled_date(tree.text_content()[:20000]) or _htmldate(tree)

    text, path = "", "generic"
    if rule is not None:
        text = _rule_text(tree, rule)
        if len(text) >= _MIN_BODY:
            path = f"site:{rule.key}"
    if path == "generic":
        text = _generic_text(tree)      # prunes the tree: metadata is read above
    check_article_text(html, text, label)     # no text (too deep, a frameset, scripts only) is a failure
    return Document(text=text, title=title, published=published, site=site, url=url,
                    canonical_url=canonical, charset=decoded.charset, extraction=path,
                    warnings=list(decoded.warnings))


# --- text ---------------------------------------------------------------------------------

def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_hidden(el, hidden_classes: frozenset[str]) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return bool(hidden_classes.intersection((el.get("class") or "").split()))


def _drop_hidden(root) -> None:
    hidden = boilerplate().hidden_classes
    for el in root.xpath(".//*[@hidden or @aria-hidden or @style or @class]"):
        if el.tag in ("html", "body", "head"):
            continue
        if _is_hidden(el, hidden):
            _drop(el)


def element_text(el) -> str:
    """The visible text of ``el``, one line per block, <br> as a line break."""
    el = copy.deepcopy(el)
    for bad in el.xpath(".//" + " | .//".join(_NEVER_TEXT)):
        _drop(bad)
    for node in el.iter(lxml.etree.Element):
        if node.tag == "br":
            node.tail = "\n" + (node.tail or "")
        elif node.tag in _BLOCKS:
            node.text = "\n" + (node.text or "")
            node.tail = "\n" + (node.tail or "")
    return el.text_content()


def _rule_text(tree, rule: SiteRule) -> str:
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
                _drop(el)
        _drop_hidden(body)
        text = clean_text(element_text(body))
        if len(text) >= _MIN_BODY:
            return text
    if rule.script_body_key:
        html = _script_html(tree, rule.script_body_key)
        if html:
            frag = lxml.html.fragment_fromstring(html, create_parent="div")
            return clean_text(element_text(frag))
    return ""


def _script_html(tree, key: str) -> str | None:
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


def _generic_text(tree) -> str:
    body = _jsonld(tree, "articleBody")
    _drop_hidden(tree)
    text = trafilatura.extract(tree, include_comments=False, include_tables=True, deduplicate=False) or ""
    text = clean_text(text)
    if len(text) < _MIN_BODY:
        if isinstance(body, str) and len(body) > len(text):
            text = clean_text(body)
    return text


# --- metadata -----------------------------------------------------------------------------

def _meta(tree, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            content = (el.get("content") or "").strip()
            if content:
                return content
    return None


def _canonical(tree, url: str | None) -> str | None:
    for href in tree.xpath("//link[@rel='canonical']/@href"):
        if href.strip():
            return urljoin(url or "", href.strip())
    og = _meta(tree, "og:url")
    return urljoin(url or "", og) if og else None


def _title(tree, rule: SiteRule | None) -> str | None:
    if rule is not None:
        for sel in rule.title:
            for el in sel(tree):
                t = el.get("content") or el.text_content()
                if t and t.strip():
                    return t
    t = _meta(tree, "og:title", "twitter:title")
    if t:
        return t
    titles = tree.xpath("//title/text()")
    return titles[0] if titles else None


def _jsonld(tree, key: str):
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if item.get(key):
                    return item[key]
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _published(tree, rule: SiteRule | None) -> str | None:
    if rule is not None:
        for sel in rule.date:
            for el in sel(tree):
                for attr in date_attributes():
                    if el.get(attr) and (found := parse_datetime(el.get(attr))):
                        return found
                text = el.get("content") or el.text_content()
                if (found := labelled_date(text) or parse_datetime(text)):
                    return found
    for name in meta_names():
        value = _meta(tree, name)
        if value and (found := parse_datetime(value)):
            return found
    for attr in date_attributes():
        for value in tree.xpath("//*[@%s]/@%s" % (attr, attr))[:3]:
            if (found := parse_datetime(value)):
                return found
    value = _jsonld(tree, "datePublished")
    if isinstance(value, str) and (found := parse_datetime(value)):
        return found
    return None


def _htmldate(tree) -> str | None:
    try:
        from htmldate import find_date
        return find_date(tree, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises on odd trees; a missing date is not an error
        return None
