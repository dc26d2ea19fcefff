"""Subjects (countries, regions, companies, institutions) and how text names them.

The names live in ``data/subjects.toml``. A Korean name must stand as a word:
what follows it may only be a particle (중국은, 삼성의) or a non-letter, so
중국인 and 인도네시아 do not read as 중국 and 인도. The longest name wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .datafiles import load_toml
from .errors import DataFileError

_SOURCE = "extractors/data/subjects.toml"
_KINDS = {"country", "region", "company", "institution"}
# what may follow a Korean name inside its word
_PARTICLES = ("은", "는", "이", "가", "의", "도", "와", "과", "에", "로", "으로", "만", "을", "를", "측", "까지", "보다", "처럼", "이며", "이고")


@dataclass(frozen=True)
class Subject:
    id: str
    kind: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    subject: Subject
    text: str
    start: int
    end: int


class Vocabulary:
    def __init__(self, subjects: list[Subject]):
        self.subjects = subjects
        self.by_name: dict[str, Subject] = {}
        for s in subjects:
            for n in s.names:
                self.by_name.setdefault(n.casefold(), s)
                self.by_name.setdefault(n.replace(" ", "").casefold(), s)
        names = sorted({n for s in subjects for n in s.names}, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in names))

    def resolve(self, name: str) -> Subject | None:
        """The subject a user means by ``name`` (중국, 中, China or CN all mean CN)."""
        key = name.strip().casefold()
        for s in self.subjects:
            if s.id.casefold() == key:
                return s
        return self.by_name.get(key) or self.by_name.get(key.replace(" ", ""))

    def mentions(self, text: str) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(text):
            name, s, e = m.group(), m.start(), m.end()
            if not _standalone(text, s, e, name):
                continue
            out.append(Mention(self.by_name[name.casefold()], name, s, e))
        return out


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _standalone(text: str, s: int, e: int, name: str) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e:e + 3]
    if name.isascii():
        return not (before.isascii() and before.isalnum()) and not (after[:1].isascii() and after[:1].isalnum())
    if len(name) == 1 and not _is_hangul(name):          # 中 美 韓 日: a one-character form
        return not after[:1].isalpha() or _is_hangul(after[:1])
    if _is_hangul(before):
        return False
    if after and _is_hangul(after[0]):
        return after.startswith(_PARTICLES)
    return True


@cache
def vocabulary() -> Vocabulary:
    doc = load_toml("subjects.toml")
    items = doc.get("subject")
    if not isinstance(items, list) or not items:
        raise DataFileError(f"{_SOURCE}: needs [[subject]] entries")
    subjects, seen = [], set()
    for i, item in enumerate(items, 1):
        sid, kind, names = item.get("id"), item.get("kind"), item.get("names")
        if not isinstance(sid, str) or not re.fullmatch(r"[A-Z]{2}|[a-z0-9]+(?:-[a-z0-9]+)*", sid or ""):
            raise DataFileError(f"{_SOURCE}: subject #{i} id {sid!r} must be a country code (CN) or a slug (lg-electronics)")
        if sid in seen:
            raise DataFileError(f"{_SOURCE}: subject id {sid!r} appears twice")
        if kind not in _KINDS:
            raise DataFileError(f"{_SOURCE}: subject {sid!r} kind {kind!r} must be one of {sorted(_KINDS)}")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise DataFileError(f"{_SOURCE}: subject {sid!r} needs a non-empty list of names")
        seen.add(sid)
        subjects.append(Subject(sid, kind, tuple(names)))
    return Vocabulary(subjects)
