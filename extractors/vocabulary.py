"""Who a patent figure can be about, and how Korean and English text names them.

The names live in ``data/subjects.toml``, in three kinds of entry:

- ``[[subject]]``: a country, region, company, university, institution or
  applicant group, with its id and every name (중국, 中, China → CN), and
  ``paren_names``: names that are everyday words elsewhere and count only right
  before the subject's figure in parentheses (경기(4.1%) is Gyeonggi);
- ``[[office]]``: a national patent office, standing for its country when it
  counts a total with no filer named (특허청 → KR, USPTO → US);
- ``[[collective]]``: a group of more than three parties (IP5, 상위 7개사),
  whose figures have no subject.

A Korean name must stand as a word: what follows it may only be a particle
(중국은, 삼성의) or a non-letter, so 중국인 and 인도네시아 do not read as 중국
and 인도. The longest name wins. A name may mean one entry only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import load_toml
from .errors import DataFileError

_SOURCE = "extractors/data/subjects.toml"
KINDS = ("country", "region", "company", "university", "institution", "group")
_ENTRY_KEYS = {"subject": {"id", "kind", "names", "paren_names", "country"}, "office": {"country", "names"},
               "collective": {"names"}}
_ID = re.compile(r"[A-Z]{2}|[a-z0-9]+(?:-[a-z0-9]+)*")
# what may follow a Korean name inside its word (particles, and 측 "side", 등 "etc.")
_PARTICLES = ("은", "는", "이", "가", "의", "도", "와", "과", "에", "로", "으로", "만", "을", "를", "측", "까지",
              "보다", "처럼", "이며", "이고", "이나", "나", "뿐", "마저", "조차", "부터", "다", "였", "이었", "에서",
              "엔", "등", "만큼", "대비", "쪽", "지역", "지방")


@dataclass(frozen=True)
class Subject:
    id: str
    kind: str
    names: tuple[str, ...]
    country: str | None = None


@dataclass(frozen=True)
class Mention:
    """A name found in a text. ``kind`` is subject, office or collective; an office's
    ``subject`` is its country, a collective's is None."""

    subject: Subject | None
    text: str
    start: int
    end: int
    kind: str = "subject"

    @property
    def id(self) -> str | None:
        return self.subject.id if self.subject else None


class Vocabulary:
    def __init__(self, subjects: list[Subject], offices: dict[str, Subject], collectives: list[str],
                 paren_names: dict[Subject, tuple[str, ...]] | None = None):
        paren_names = paren_names or {}
        self.subjects = subjects
        self._ids = {s.id.casefold(): s for s in subjects}
        self._entry: dict[str, tuple[str, Subject | None]] = {}       # folded name -> (kind, subject)
        self._written: set[str] = set()
        self._paren_only: set[str] = set()      # names that count only right before their figure in parentheses
        for s, extra in paren_names.items():
            for n in extra:
                self._add(n, "subject", s)
                self._paren_only.add(n.casefold())
        for s in subjects:
            for n in s.names:
                self._add(n, "subject", s)
        for name, country in offices.items():
            self._add(name, "office", country)
        for name in collectives:
            self._add(name, "collective", None)
        self.pattern = re.compile(trie_pattern(self._written))

    def _add(self, name: str, kind: str, subject: Subject | None) -> None:
        key = name.casefold()
        have = self._entry.get(key)
        if have is not None and have != (kind, subject):
            what = have[1].id if have[1] else have[0]
            raise DataFileError(f"{_SOURCE}: the name {name!r} is given to {what!r} and again elsewhere; "
                                "a name may mean one entry only")
        self._entry[key] = (kind, subject)
        self._entry.setdefault(name.replace(" ", "").casefold(), (kind, subject))
        self._written.add(name)

    def resolve(self, name: str) -> Subject | None:
        """The subject a user means by ``name`` (중국, 中, China or CN all mean CN)."""
        key = name.strip().casefold()
        if key in self._ids:
            return self._ids[key]
        hit = self._entry.get(key) or self._entry.get(key.replace(" ", ""))
        return hit[1] if hit and hit[0] == "subject" else None

    def names(self) -> list[str]:
        """Every subject name and id, for suggestions."""
        return sorted({n for s in self.subjects for n in (s.id, *s.names)})

    def mentions(self, text: str) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(text):
            name, s, e = m.group(), m.start(), m.end()
            if not _standalone(text, s, e, name):
                continue
            if name.casefold() in self._paren_only and not text[e:e + 2].lstrip().startswith("("):
                continue                        # 경기(4.1%) is Gyeonggi; 경기가 얼어붙은 is the economy
            kind, subject = self._entry[name.casefold()]
            out.append(Mention(subject, name, s, e, kind))
        return out


def trie_pattern(names) -> str:
    """One regular expression for many names, as a trie: shared beginnings are matched once, and the
    longest name wins (regular-expression alternation of 2,000 names tries each in turn; this is
    several times faster)."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie) or "(?!)"


class DocumentVocabulary:
    """The vocabulary plus the parties one document introduces itself: 넥스트젠바이오(NextGen Bio) is
    nextgen-bio for the rest of that document (see ``claims/introductions.py``)."""

    def __init__(self, base: Vocabulary, extra: list[Subject]):
        self.base = base
        self.extra = extra
        self._entry = {n.casefold(): s for s in extra for n in s.names}
        names = sorted(self._entry, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in names), re.I) if names else None

    def mentions(self, text: str) -> list[Mention]:
        found = self.base.mentions(text)
        if self.pattern is None:
            return found
        for m in self.pattern.finditer(text):
            if not _standalone(text, m.start(), m.end(), m.group()):
                continue
            if any(not (m.end() <= f.start or m.start() >= f.end) for f in found):
                continue
            found.append(Mention(self._entry[m.group().casefold()], m.group(), m.start(), m.end()))
        found.sort(key=lambda x: x.start)
        return found


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _standalone(text: str, s: int, e: int, name: str) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e:e + 3]
    if name.isascii():
        if before.isascii() and (before.isalnum() or before in "-_"):
            return False
        return not (after[:1].isascii() and (after[:1].isalnum() or after[:1] == "-" and after[1:2].isalnum()))
    if len(name) == 1 and not _is_hangul(name):          # 中 美 韓 日: a one-character form
        return not after[:1].isalpha() or _is_hangul(after[:1])
    if _is_hangul(before):
        return False
    if after and _is_hangul(after[0]):
        return after.startswith(_PARTICLES)
    return True


def _names(item: dict, where: str) -> tuple[str, ...]:
    names = item.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise DataFileError(f"{_SOURCE}: {where} needs a non-empty list of names")
    return tuple(names)


def _check_keys(item: dict, table: str, where: str) -> None:
    unknown = set(item) - _ENTRY_KEYS[table]
    if unknown:
        raise DataFileError(f"{_SOURCE}: {where} has unknown key(s) {', '.join(sorted(unknown))}; "
                            f"allowed: {', '.join(sorted(_ENTRY_KEYS[table]))}")


def parse_vocabulary(doc: dict) -> Vocabulary:
    unknown = set(doc) - set(_ENTRY_KEYS)
    if unknown:
        raise DataFileError(f"{_SOURCE}: unknown table(s) {', '.join(sorted(unknown))}; "
                            "allowed: [[subject]], [[office]], [[collective]]")
    items = doc.get("subject")
    if not isinstance(items, list) or not items:
        raise DataFileError(f"{_SOURCE}: needs [[subject]] entries")
    subjects, by_id, paren_names = [], {}, {}
    for i, item in enumerate(items, 1):
        sid = item.get("id")
        where = f"subject #{i} ({sid!r})"
        _check_keys(item, "subject", where)
        if not isinstance(sid, str) or not _ID.fullmatch(sid):
            raise DataFileError(f"{_SOURCE}: {where}: id must be a country code (CN) or a slug (lg-electronics)")
        if sid in by_id:
            raise DataFileError(f"{_SOURCE}: subject id {sid!r} appears twice")
        kind = item.get("kind")
        if kind not in KINDS:
            raise DataFileError(f"{_SOURCE}: {where}: kind {kind!r} must be one of {', '.join(KINDS)}")
        country = item.get("country")
        if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
            raise DataFileError(f"{_SOURCE}: {where}: country must be a two-letter code")
        by_id[sid] = Subject(sid, kind, _names(item, where), country)
        subjects.append(by_id[sid])
        if "paren_names" in item:
            paren_names[by_id[sid]] = _names({"names": item["paren_names"]}, where + " paren_names")
    offices: dict[str, Subject] = {}
    for i, item in enumerate(doc.get("office", []), 1):
        where = f"office #{i}"
        _check_keys(item, "office", where)
        country = by_id.get(item.get("country") or "")
        if country is None or country.kind not in ("country", "region"):
            raise DataFileError(f"{_SOURCE}: {where}: country {item.get('country')!r} must be the id of a "
                                "[[subject]] of kind country or region (EU)")
        offices.update({n: country for n in _names(item, where)})
    collectives: list[str] = []
    for i, item in enumerate(doc.get("collective", []), 1):
        _check_keys(item, "collective", f"collective #{i}")
        collectives.extend(_names(item, f"collective #{i}"))
    return Vocabulary(subjects, offices, collectives, paren_names)


@cache
def vocabulary() -> Vocabulary:
    return parse_vocabulary(load_toml("subjects.toml"))
