"""Clutter dropped from the page tree before the text is read, by generic rules.

Both extraction paths run these on the tree (the generic path before trafilatura
sees it, a site rule on its body), so related-article boxes, most-read lists,
이전글/다음글, survey forms and hidden copies go even when they sit inside the
article's container. The rules read structure (link share, headings, controls,
class words), never one page's wording; their words and thresholds are data
(``[link_lists]``, ``[comments]`` and ``[forms]`` in data/boilerplate.toml):

- **hidden**: ``hidden``, ``aria-hidden``, ``display:none`` and the hidden classes;
- **cards**: the smallest box around a button with little text (a reporter's card, a share bar);
- **comments**: a box whose class or id names readers' comments (comment, reply, cmt);
- **forms**: the smallest box holding a group of radio buttons or check boxes (a survey);
- **link lists**: a list, table or box whose letters are mostly link text (titles of other
  pages; dates and numbers beside them do not count), with the heading just before it
  when that heading is short or names such a list (관련기사, 이전글, …의 다른 글);
- **layout tables**: a table that holds another table or a long paragraph, or has no row of
  two cells, lays out the page, it is not data; its cells are read as boxes (so the rules
  above see inside), while a table with a header row and short linked names stays a table;
- **loose text**: text typed straight into a box beside block children becomes paragraphs.

The generic path also lifts figure captions that carry figures out of the figure
(``lift_captions``), since trafilatura drops figures whole.
"""
from __future__ import annotations

import re

import lxml.etree
from lxml.html import Element

from .boilerplate import boilerplate

_NON_LETTERS = re.compile(r"[\W\d_]+")
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 strong b dt caption legend".split())
_KEEP = frozenset(("html", "body", "head"))
# boxes that can be a list of links; never a paragraph, a heading or inline text
_LISTS = frozenset("ul ol dl menu table tbody".split())
_BOXES = frozenset("div section aside nav header footer ul ol dl menu table tbody thead tfoot tr td th li dd "
                   "article main center figure details".split())
_NOT_TEXT = frozenset("script style noscript template svg".split())


def _letters(s: str | None) -> int:
    return len(_NON_LETTERS.sub("", s)) if s else 0


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def drop(el) -> None:
    """Remove ``el`` and keep its tail text in place."""
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


_MARKED = lxml.etree.XPath(".//*[@hidden or @aria-hidden or @style or @class or @id]")


def drop_hidden_and_comments(root) -> None:
    """Hidden elements and readers' comments, found in one pass over the elements that carry a
    class, an id or a style (in document order, so an outer box comes before what it holds)."""
    bp = boilerplate()
    found: list = []
    for el in _MARKED(root):
        if _tag(el) in _KEEP or (found and _is_inside(el, found[-1])):
            continue
        if _is_hidden(el, bp.hidden_classes) or _is_comments(el, bp.comments.names):
            found.append(el)
    for el in found:
        drop(el)


def drop_forms(root) -> None:
    """A survey or poll: the smallest box around a named group of radio buttons or check boxes,
    and the wrappers around it that add little text of their own; never a box of more than
    ``max_letters`` letters."""
    rules = boilerplate().forms
    groups: dict[str, list] = {}
    for inp in root.iter("input"):
        if (inp.get("type") or "").lower() in ("radio", "checkbox") and inp.get("name"):
            groups.setdefault(inp.get("name"), []).append(inp)
    for inputs in groups.values():
        if len(inputs) < rules.min_controls:
            continue
        box = inputs[0].getparent()
        while box is not None and not all(_is_inside(i, box) for i in inputs):
            box = box.getparent()
        if box is None or _tag(box) in _KEEP:
            continue
        size = _letters(box.text_content())
        if size > rules.max_letters:
            continue
        while (parent := box.getparent()) is not None and _tag(parent) not in _KEEP:
            grown = _letters(parent.text_content())
            if grown - size > rules.max_extra_letters or grown > rules.max_letters:
                break
            box, size = parent, grown
        drop(box)


def drop_cards(root) -> None:
    """A reporter's or blogger's card, a share or follow bar: the smallest box around a button
    that holds little text (name, one line, counts), with wrappers adding little more."""
    rules = boilerplate().forms
    for button in list(root.iter("button")):
        if not _is_inside(button, root):
            continue                          # inside a card dropped already
        box = button.getparent()
        while box is not None and _tag(box) not in _BOXES:
            box = box.getparent()
        if box is None or _tag(box) in _KEEP or box is root:
            continue
        size = _letters(box.text_content())
        if size > rules.max_card_letters:
            continue
        while (parent := box.getparent()) is not None and _tag(parent) not in _KEEP and parent is not root:
            grown = _letters(parent.text_content())
            if grown - size > rules.max_extra_letters or grown > rules.max_card_letters:
                break
            box, size = parent, grown
        drop(box)


def _is_inside(el, box) -> bool:
    while el is not None:
        if el is box:
            return True
        el = el.getparent()
    return False


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[\s_\-]+")


def _name_words(el) -> set[str]:
    """The words of an element's class and id: "area-reply commentList" -> area, reply, comment, list."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return {w.lower() for w in _SPLIT.split(_CAMEL.sub(" ", names)) if w}


def _is_comments(el, names: frozenset[str]) -> bool:
    """Readers' comments: a box whose class or id names it so (comment, reply, 댓글 …), unless
    it holds the article itself (its headline or articleBody)."""
    marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return (any(w in marks for w in names) and bool(names & _name_words(el))
            and not el.xpath(".//h1 | .//article | .//*[@itemprop='articleBody']"))


def unwrap_layout_tables(root) -> None:
    """Read a layout table as boxes: one that holds another table, a long paragraph in a cell,
    or no row of two cells or more (a one-column table lays out, it does not tabulate)."""
    limit = boilerplate().link_lists.layout_cell_letters
    layout = []
    for table in root.iter("table"):
        if (table.find(".//table") is not None
                or any(_letters(cell.text_content()) > limit for cell in table.iter("td", "th"))
                or not any(len(tr.findall("td") + tr.findall("th")) >= 2 for tr in table.iter("tr"))):
            layout.append(table)
    for table in layout:
        for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            if el is table or _owner(el) in layout:
                el.tag = "div"
        table.tag = "div"


def _owner(el):
    p = el.getparent()
    while p is not None and _tag(p) != "table":
        p = p.getparent()
    return p


def _measure(root) -> dict:
    """Letters, link letters and links of every element, in one pass from the leaves up."""
    stats: dict = {}
    for el in reversed(list(root.iter())):
        tag = _tag(el)
        if not tag or tag in _NOT_TEXT:
            continue
        letters = _letters(el.text)
        linked = links = 0
        for child in el:
            letters += _letters(child.tail)
            s = stats.get(child)
            if s:
                letters += s[0]
                linked += s[1]
                links += s[2]
        if tag == "a":
            linked, links = letters, 1 if letters else 0      # an icon or a count is not a link to read
        stats[el] = (letters, linked, links)
    return stats


def _data_tables(root, stats: dict, rules) -> tuple[set, set]:
    """Tables with a header row (thead, or a first row of th cells) whose links, if any, are
    short names, and every box around them: an article's table of figures is not a list of
    links even when its names are links; a board's list of post titles is."""
    tables, around = set(), set()
    for table in root.iter("table"):
        first = table.find(".//tr")
        heads = [c for c in first if _tag(c) in ("td", "th")] if first is not None else []
        _, linked, links = stats.get(table, (0, 0, 0))
        if links and linked / links > rules.max_name_letters:
            continue
        if table.find("thead") is not None or (len(heads) >= 2 and all(_tag(c) == "th" for c in heads)):
            tables.add(table)
            el = table.getparent()
            while el is not None:
                around.add(el)
                el = el.getparent()
    return tables, around


def drop_link_lists(root) -> None:
    """Drop lists, tables and boxes of links to other pages, and the heading that opens them."""
    rules = boilerplate().link_lists
    stats = _measure(root)
    tables, around = _data_tables(root, stats, rules)
    found = []
    stack = [root]
    while stack:
        el = stack.pop()
        s = stats.get(el)
        if not s or el in tables:
            continue
        letters, linked, links = s
        plain = letters - linked
        if (_tag(el) in _BOXES and el not in around and links and letters
                and (plain <= rules.max_plain_letters
                     or (_tag(el) in _LISTS and plain <= rules.max_plain_per_link * links))
                and ((links >= rules.min_links and linked / letters >= rules.min_link_share
                      and letters / links <= rules.max_letters_per_link)
                     or _opens_with_list_heading(el, rules))):
            found.append(el)
            continue
        stack.extend(reversed(list(el)))
    for el in found:
        heading = _heading_before(el, rules)
        if heading is not None:
            drop(heading)
        drop(el)


def _opens_with_list_heading(el, rules) -> bool:
    """A box whose first element names a list of other pages (관련기사, 이전글, …의 다른 글):
    one link under such a heading is enough."""
    first = next((c for c in el if _tag(c)), None)
    return first is not None and _letters(first.text_content()) <= rules.max_heading_letters * 2 \
        and rules.is_heading(first.text_content())


def _heading_before(el, rules):
    """The element just before ``el`` when it reads as the list's heading."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is None or prev.find(".//a") is not None:
        return None
    text = prev.text_content().strip()
    if rules.is_heading(text):
        return prev
    if _tag(prev) in _HEADINGS or re.fullmatch(r"h[1-6]", _tag(prev)):
        if 0 < _letters(text) <= rules.max_heading_letters:
            return prev
    return None


_BLOCK_TAGS = _BOXES | frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre form fieldset figcaption caption hr".split())


def wrap_loose_text(root) -> None:
    """Text typed straight into a box beside block children (``<div><figure/>Text<br><br>More</div>``)
    becomes paragraphs, so it is read like the paragraphs around it."""
    for box in [el for el in root.iter() if _tag(el) in _BOXES]:
        kids = list(box)
        if not any(_tag(k) in _BLOCK_TAGS for k in kids):
            continue
        if _letters(box.text) + sum(_letters(k.tail) for k in kids) < 10:
            continue
        segments, lead, run = [], box.text, []
        box.text = None
        for k in kids:
            if _tag(k) in _BLOCK_TAGS:
                segments.append((lead, run, k))
                lead, run, k.tail = k.tail, [], None
            else:
                run.append(k)
        segments.append((lead, run, None))
        for lead, run, block in segments:
            if not (_letters(lead) or any(_node_letters(r) for r in run)):
                continue              # nothing to read here: the inline nodes stay where they are
            p = Element("p")
            p.text = lead
            if block is not None:
                block.addprevious(p)
            else:
                box.append(p)
            for r in run:
                p.append(r)           # moves it, with its tail


CAPTION_CLASS = "patclaims-legend"   # not "caption": trafilatura drops those by class


def lift_captions(root) -> None:
    """A figure's caption as a paragraph right after the figure, marked as a caption.

    trafilatura drops figures whole, and chart captions carry figures ("중국 38.2%, 한국 31.5%");
    only captions with a digit are lifted, and photo credits are dropped in cleanup.
    """
    for cap in list(root.iter("figcaption")):
        fig = cap.getparent()
        while fig is not None and _tag(fig) != "figure":
            fig = fig.getparent()
        if fig is None or not re.search(r"\d", cap.text_content()):
            continue                  # a caption with no figure in it is a photo's, as trafilatura has it
        drop(cap)
        cap.tag, cap.tail = "p", None
        cap.attrib.clear()
        cap.set("class", CAPTION_CLASS)
        fig.addnext(cap)


def _node_letters(node) -> int:
    own = "".join(node.itertext()) if _tag(node) else ""      # a comment's text is not read
    return _letters(own) + _letters(node.tail)


def prune(root) -> None:
    """Every generic clutter rule, in order, on ``root`` (changed in place)."""
    drop_hidden_and_comments(root)
    drop_forms(root)
    drop_cards(root)
    unwrap_layout_tables(root)
    drop_link_lists(root)
    wrap_loose_text(root)
