"""The generic page-clutter rules of data/boilerplate.toml, validated.

Every key is one the code reads (an unknown key is an error naming the file and
the key), every word list is non-empty, every pattern compiles and every
threshold is a positive number. cleanup.py reads the line and title rules,
clutter.py the tree rules ([link_lists], [comments], [forms]).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import check_keys, load_toml, word_list
from .errors import DataFileError

SOURCE = "extractors/data/boilerplate.toml"
_KEYS = {"max_line_length", "drop_lines", "strip_prefixes", "related_item", "title_separators",
         "title_site_words", "title_max_suffix", "title_section_separators", "title_sections", "hidden_classes", "photo_credits", "link_lists", "comments", "forms"}
_LINK_KEYS = {"headings", "min_links", "min_link_share", "max_letters_per_link", "max_plain_letters", "max_plain_per_link", "max_heading_letters",
              "layout_cell_letters", "max_name_letters"}
_COMMENT_KEYS = {"names"}
_FORM_KEYS = {"min_controls", "max_extra_letters", "max_letters", "max_card_letters"}
_MARKS = " \t:：■□▶▷◆◇●○•·-–—*#[]【】<>《》「」()'\"‘’“”"


@dataclass(frozen=True)
class LinkLists:
    headings: tuple[re.Pattern, ...]   # a heading that opens a list of other pages
    min_links: int
    min_link_share: float              # link letters / all letters of the box
    max_letters_per_link: int          # a box of titles, not of paragraphs with links
    max_plain_letters: int             # and little text outside its links: never a box that holds the article
    max_plain_per_link: int            # a list or table may hold more: this much per link (names, labels)
    max_heading_letters: int           # a short heading just before such a box goes with it
    layout_cell_letters: int           # a table cell longer than this is page layout, not data
    max_name_letters: int              # links of a table of figures are names (삼성전자), not titles

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
    max_card_letters: int              # a box around a button with at most this much text is a card


@dataclass(frozen=True)
class Boilerplate:
    drop_lines: tuple[re.Pattern, ...]
    strip_prefixes: tuple[re.Pattern, ...]
    related_item: re.Pattern
    max_line_length: int
    title_separators: tuple[str, ...]
    title_site_words: tuple[str, ...]
    title_max_suffix: int
    title_section_separators: tuple[str, ...]
    title_sections: frozenset[str]
    hidden_classes: frozenset[str]
    photo_credits: tuple[re.Pattern, ...]
    link_lists: LinkLists
    comments: Comments
    forms: Forms


def _compile(patterns: list[str], key: str, source: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise DataFileError(f"{source}: {key} pattern {p!r} is not a valid regex ({e})") from None
    return tuple(out)


def _number(doc: dict, key: str, source: str, kind: type = int) -> int | float:
    v = doc.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (kind is int and not isinstance(v, int)) or v <= 0:
        raise DataFileError(f"{source}: {key} must be a positive {'integer' if kind is int else 'number'}")
    return v


def _section(doc: dict, key: str, known: set[str], source: str) -> tuple[dict, str]:
    t = doc.get(key)
    if not isinstance(t, dict):
        raise DataFileError(f"{source}: [{key}] must be a table")
    check_keys(t, known, source, f"[{key}] ")
    return t, f"{source} [{key}]"


def _patterns(doc: dict, key: str, source: str) -> tuple[re.Pattern, ...]:
    return _compile(word_list(doc, key, source), key, source)


def parse_boilerplate(doc: dict, source: str = SOURCE) -> Boilerplate:
    """The rules in ``doc`` (a parsed boilerplate.toml); a DataFileError names ``source`` and the key."""
    check_keys(doc, _KEYS, source)
    ll, ll_src = _section(doc, "link_lists", _LINK_KEYS, source)
    cm, cm_src = _section(doc, "comments", _COMMENT_KEYS, source)
    fm, fm_src = _section(doc, "forms", _FORM_KEYS, source)
    share = _number(ll, "min_link_share", ll_src, float)
    if share > 1:
        raise DataFileError(f"{ll_src}: min_link_share is a share: give a number up to 1")
    related = doc.get("related_item")
    if not isinstance(related, str) or not related.strip():
        raise DataFileError(f"{source}: related_item must be a non-empty pattern")
    return Boilerplate(
        drop_lines=_patterns(doc, "drop_lines", source),
        strip_prefixes=_patterns(doc, "strip_prefixes", source),
        related_item=_compile([related], "related_item", source)[0],
        max_line_length=_number(doc, "max_line_length", source),
        title_separators=tuple(word_list(doc, "title_separators", source)),
        title_site_words=tuple(word_list(doc, "title_site_words", source)),
        title_max_suffix=_number(doc, "title_max_suffix", source),
        title_section_separators=tuple(word_list(doc, "title_section_separators", source)),
        title_sections=frozenset(word_list(doc, "title_sections", source)),
        hidden_classes=frozenset(word_list(doc, "hidden_classes", source)),
        photo_credits=_patterns(doc, "photo_credits", source),
        link_lists=LinkLists(
            headings=_patterns(ll, "headings", ll_src),
            min_links=_number(ll, "min_links", ll_src),
            min_link_share=float(share),
            max_letters_per_link=_number(ll, "max_letters_per_link", ll_src),
            max_plain_letters=_number(ll, "max_plain_letters", ll_src),
            max_plain_per_link=_number(ll, "max_plain_per_link", ll_src),
            max_heading_letters=_number(ll, "max_heading_letters", ll_src),
            layout_cell_letters=_number(ll, "layout_cell_letters", ll_src),
            max_name_letters=_number(ll, "max_name_letters", ll_src),
        ),
        comments=Comments(frozenset(w.lower() for w in word_list(cm, "names", cm_src))),
        forms=Forms(min_controls=_number(fm, "min_controls", fm_src),
                    max_extra_letters=_number(fm, "max_extra_letters", fm_src),
                    max_letters=_number(fm, "max_letters", fm_src),
                    max_card_letters=_number(fm, "max_card_letters", fm_src)),
    )


@cache
def boilerplate() -> Boilerplate:
    """The shipped rules, read and validated once."""
    return parse_boilerplate(load_toml("boilerplate.toml"))
