"""Per-site extraction rules, one TOML file per site in ``data/sites/``.

A rule says where a site keeps its article body, what clutter to drop inside
it, and where its title and date are. A contributor adds a site by adding a
file; ``load_rules`` validates every file and names the file and the key that
is wrong. The keys:

    name = "KBS"                         # the site's name, as documents record it
    hosts = ["news.kbs.co.kr"]           # host names (and their subdomains)
    detect = ["#cont_newstext"]          # CSS selectors that identify a saved page with no URL
    body = ["#cont_newstext"]            # CSS selectors of the body, first match wins
    drop = [".hide"]                     # CSS selectors of clutter inside the body
    title = ["h4.headline-title"]        # CSS selectors of the headline
    date = ["em.input-date"]             # CSS selectors of the publication date (text or date attributes)
    script_body_key = "contentHtml"      # the body is HTML in a script's JSON under this key
    script_json = "Fusion.globalContent" # the body is an Arc XP story assigned to this name in a script

The body selectors come first; the script keys are read when they find no body.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from .datafiles import DATA_DIR
from .errors import DataFileError

_LISTS = ("hosts", "detect", "body", "drop", "title", "date")
_SCRIPT_KEYS = ("script_body_key", "script_json")
_KEYS = {"name", *_SCRIPT_KEYS, *_LISTS}


@dataclass(frozen=True)
class SiteRule:
    name: str
    key: str                                   # the file's stem: what documents record as the extraction path
    hosts: tuple[str, ...] = ()
    detect: tuple[CSSSelector, ...] = ()
    body: tuple[CSSSelector, ...] = ()
    drop: tuple[CSSSelector, ...] = ()
    title: tuple[CSSSelector, ...] = ()
    date: tuple[CSSSelector, ...] = ()
    script_body_key: str | None = None
    script_json: str | None = None
    source: str = field(default="", compare=False)

    def matches_host(self, host: str) -> bool:
        host = host.lower().split(":")[0]
        return any(host == h or host.endswith("." + h) for h in self.hosts)


def _selectors(path: Path, key: str, values: list) -> tuple[CSSSelector, ...]:
    out = []
    for v in values:
        if ":contains(" in v:
            # lxml evaluates it through a Python callback that has failed mid-page here
            raise DataFileError(f"{path}: {key} selector {v!r}: :contains() is not supported; select by markup")
        try:
            out.append(CSSSelector(v))
        except SelectorError as e:
            raise DataFileError(f"{path}: {key} selector {v!r} is not valid CSS ({e})") from None
    return tuple(out)


def parse_rule(path: Path) -> SiteRule:
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise DataFileError(f"{path}: cannot read the site rule ({e}); fix the file") from None
    unknown = set(doc) - _KEYS
    if unknown:
        raise DataFileError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_KEYS))}")
    if not isinstance(doc.get("name"), str) or not doc["name"].strip():
        raise DataFileError(f"{path}: name must be a non-empty string")
    for key in _LISTS:
        v = doc.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise DataFileError(f"{path}: {key} must be a list of non-empty strings")
        if key in doc and not v:
            raise DataFileError(f"{path}: {key} is empty; give at least one selector or remove the key")
    if not doc.get("hosts") and not doc.get("detect"):
        raise DataFileError(f"{path}: give hosts or detect, or the rule can never apply")
    if not doc.get("body") and not any(doc.get(k) for k in _SCRIPT_KEYS):
        raise DataFileError(f"{path}: give body selectors, script_body_key or script_json")
    for key in _SCRIPT_KEYS:
        v = doc.get(key)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            raise DataFileError(f"{path}: {key} must be a non-empty string")
    return SiteRule(
        name=doc["name"], key=path.stem, hosts=tuple(h.lower() for h in doc.get("hosts", [])),
        **{k: _selectors(path, k, doc.get(k, [])) for k in ("detect", "body", "drop", "title", "date")},
        script_body_key=doc.get("script_body_key"), script_json=doc.get("script_json"), source=str(path),
    )


@cache
def load_rules(directory: Path = DATA_DIR / "sites") -> tuple[SiteRule, ...]:
    """Every site rule in ``directory``, validated, in file-name order."""
    return tuple(parse_rule(p) for p in sorted(directory.glob("*.toml")))


def rule_for(host: str | None, tree, rules: tuple[SiteRule, ...] | None = None) -> SiteRule | None:
    """The rule for a page: by its host when known, else by its detect selectors."""
    rules = load_rules() if rules is None else rules
    if host:
        for r in rules:
            if r.matches_host(host):
                return r
    for r in rules:
        if any(sel(tree) for sel in r.detect):
            return r
    return None
