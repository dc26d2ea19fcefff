"""Korean numbers: ``parse_number`` reads one expression, ``find_numbers`` finds them in text.

No public Python library resolves mixed forms such as 5천712, 303만 2100 or
1만2천 (see the field notes), so this is written by hand. The vocabulary is
data (``data/numbers.toml``); this module is only the grammar:

    number  := group (large_unit group?)*          303만 2100, 1조 2천억
    group   := (digit? small_unit)* digit?          5천712, 오천칠백십이, 3백21
    digit   := arabic | sino_digit | native         38,000  칠  서른다섯

Units must fall as the number goes on (천 after 백 is a new number), a space
may only follow a unit, and a number written only in Hangul must stand as a
whole word: nothing may follow it in its word but a counter or a particle.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from .datafiles import load_toml, table, words
from .errors import DataFileError

__all__ = ["NumberMatch", "parse_number", "find_numbers"]

_SOURCE = "extractors/data/numbers.toml"
_HANGUL = re.compile(r"[가-힣]")
_SPACES = " \t\u00a0\u202f\u2009"
# 1,234,567.89 | 1 234 567 (3-digit groups) | 12.5 | .25
_ARABIC = re.compile(
    r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,])(?:\.\d+)?"
    r"|\d+(?:\.\d+)?"
    r"|\.\d+"
)
_DOTTED = re.compile(r"\d+(?:\.\d+){2,}")   # 192.168.1.2, 2024.02.23: parts, not one number
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class NumberMatch:
    """One number found in a text: ``text[start:end] == self.text``."""

    text: str
    value: Decimal
    start: int
    end: int


@dataclass(frozen=True)
class _Token:
    kind: str          # arabic | digit | small | large | tens | ones
    value: Decimal
    start: int
    end: int


_TABLES = ("sino_digits", "small_units", "large_units", "native_tens", "native_ones", "words")
_WORDS = ("negative", "decimal_point", "fraction", "counters", "particles", "native_counters", "not_numbers")


def check_keys(doc: dict) -> None:
    """Unknown tables or word lists are errors: a misspelt key would silently drop a list."""
    for unknown, allowed, where in ((set(doc) - set(_TABLES), _TABLES, "table"),
                                    (set(doc.get("words", {})) - set(_WORDS), _WORDS, "[words] key")):
        if unknown:
            raise DataFileError(f"{_SOURCE}: unknown {where}(s) {', '.join(sorted(unknown))}; known: {', '.join(allowed)}")


class _Vocabulary:
    def __init__(self) -> None:
        doc = load_toml("numbers.toml")
        check_keys(doc)
        self.digits = {k: Decimal(v) for k, v in table(doc, "sino_digits", _SOURCE).items()}
        self.small = {k: Decimal(v) for k, v in table(doc, "small_units", _SOURCE).items()}
        self.large = {k: Decimal(v) for k, v in table(doc, "large_units", _SOURCE).items()}
        self.tens = {k: Decimal(v) for k, v in table(doc, "native_tens", _SOURCE).items()}
        self.ones = {k: Decimal(v) for k, v in table(doc, "native_ones", _SOURCE).items()}
        w = doc.get("words", {})
        self.negative = words(w, "negative", _SOURCE)
        self.point = words(w, "decimal_point", _SOURCE)
        self.fraction = words(w, "fraction", _SOURCE)
        self.counters = tuple(sorted(words(w, "counters", _SOURCE), key=len, reverse=True))
        self.particles = tuple(sorted(words(w, "particles", _SOURCE), key=len, reverse=True))
        self.native_counters = tuple(words(w, "native_counters", _SOURCE))
        self.not_numbers = tuple(words(w, "not_numbers", _SOURCE))
        for name, tbl in (("sino_digits", self.digits), ("small_units", self.small), ("large_units", self.large)):
            for k in tbl:
                if len(k) != 1:
                    raise DataFileError(f"{_SOURCE}: [{name}] {k!r} must be one syllable")
        natives = {**{k: ("tens", v) for k, v in self.tens.items()}, **{k: ("ones", v) for k, v in self.ones.items()}}
        self.natives = sorted(natives.items(), key=lambda kv: len(kv[0]), reverse=True)
        firsts = set(self.digits) | set(self.small) | set(self.large) | {k[0] for k in natives}
        self.first_chars = frozenset(firsts)
        self.candidate = re.compile(r"(?<![\d])(?:\d|\.\d)|(?<![가-힣])[" + "".join(sorted(firsts)) + "]")


@cache
def _vocab() -> _Vocabulary:
    return _Vocabulary()


class _Evaluator:
    """Accumulates tokens left to right; ``push`` refuses a token that breaks the grammar."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.section = Decimal(0)
        self.cur: Decimal | None = None
        self.cur_kind = ""
        self.last_small: Decimal | None = None
        self.last_large: Decimal | None = None

    def push(self, tok: _Token) -> bool:
        k = tok.kind
        if k in ("arabic", "digit"):
            if self.cur is not None:
                return False
            self.cur, self.cur_kind = tok.value, k
        elif k == "tens":
            if self.cur is not None or self.section:
                return False
            self.cur, self.cur_kind = tok.value, k
        elif k == "ones":
            if self.cur is not None and self.cur_kind != "tens":
                return False
            self.cur, self.cur_kind = (self.cur or Decimal(0)) + tok.value, k
        elif k == "small":
            if self.cur_kind in ("tens", "ones"):
                return False
            if self.last_small is not None and tok.value >= self.last_small:
                return False
            self.section += (self.cur if self.cur is not None else Decimal(1)) * tok.value
            self.cur, self.cur_kind, self.last_small = None, "", tok.value
        elif k == "large":
            if self.cur_kind in ("tens", "ones"):
                return False
            if self.last_large is not None and tok.value >= self.last_large:
                return False
            group = self.section + (self.cur or Decimal(0))
            self.total += (group or Decimal(1)) * tok.value
            self.section, self.cur, self.cur_kind = Decimal(0), None, ""
            self.last_small, self.last_large = None, tok.value
        return True

    @property
    def value(self) -> Decimal:
        return self.total + self.section + (self.cur or Decimal(0))


def _token(text: str, i: int) -> _Token | None:
    v = _vocab()
    if i >= len(text):
        return None
    ch = text[i]
    if ch.isdigit() or (ch == "." and i + 1 < len(text) and text[i + 1].isdigit()):
        m = _ARABIC.match(text, i)
        if not m:
            return None
        raw = m.group()
        digits = re.sub(r"[, \u00a0\u202f\u2009]", "", raw)
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return None
        return _Token("arabic", value, i, m.end())
    if ch not in v.first_chars:
        return None
    for word, (kind, value) in v.natives:
        if text.startswith(word, i):
            return _Token(kind, value, i, i + len(word))
    for kind, tbl in (("digit", v.digits), ("small", v.small), ("large", v.large)):
        if ch in tbl:
            return _Token(kind, tbl[ch], i, i + 1)
    return None


def _hangul_run_end(text: str, i: int) -> int:
    while i < len(text) and "가" <= text[i] <= "힣":
        i += 1
    return i


def _suffix_ok(rest: str, v: _Vocabulary) -> bool:
    return not rest or rest.startswith(v.counters) or rest.startswith(v.particles)


def _acceptable(text: str, start: int, toks: list[_Token], whole: bool) -> bool:
    """May ``toks`` (read from ``start``) stand as a number in ``text``?"""
    v = _vocab()
    end = toks[-1].end
    if toks[-1].kind == "arabic":
        # 29km, 5G, 1e10: a number glued to Latin letters is a code or a unit we do not read
        if end < len(text) and _ASCII_LETTER.match(text, end):
            return False
    if start > 0 and _ASCII_LETTER.match(text, start - 1) and toks[0].kind == "arabic":
        return False
    if whole:
        return True
    if toks[-1].kind == "arabic":
        return True
    rest = text[end:_hangul_run_end(text, end)]
    if not _suffix_ok(rest, v):
        return False
    if all(t.kind != "arabic" for t in toks):
        word = text[start:_hangul_run_end(text, start)]
        if word.startswith(v.not_numbers):
            return False
        if len(toks) == 1 and toks[0].end - toks[0].start == 1:
            if toks[0].kind not in ("ones", "tens"):
                return False            # a lone 이, 사, 일, 만 is a word, not a number
            after = text[end:].lstrip(_SPACES[:1])
            return after.startswith(v.native_counters)
        if len(toks) == 1 and toks[0].kind == "ones" and not rest:
            after = text[end:].lstrip(" ")
            return after.startswith(v.native_counters) or not after[:1].isalpha()
    return True


def _read(text: str, start: int, whole: bool = False) -> tuple[int, Decimal] | None:
    """The longest acceptable number starting at ``start``: (end, value)."""
    ev = _Evaluator()
    toks: list[_Token] = []
    best: tuple[int, Decimal] | None = None
    pos = start
    while True:
        j = pos
        if toks:
            while j < len(text) and text[j] in _SPACES and j - pos < 2:
                j += 1
            if j > pos and toks[-1].kind not in ("small", "large"):
                break
        tok = _token(text, j)
        if tok is None or not ev.push(tok):
            break
        toks.append(tok)
        pos = tok.end
        if _acceptable(text, start, toks, whole):
            best = (pos, ev.value)
    return best


def _find(text: str, whole: bool = False) -> list[NumberMatch]:
    v = _vocab()
    found: list[NumberMatch] = []
    i = 0
    while True:
        m = v.candidate.search(text, i)
        if not m:
            return found
        s = m.start()
        dotted = _DOTTED.match(text, s) if text[s].isdigit() else None
        if dotted:
            for part in re.finditer(r"\d+", dotted.group()):
                found.append(NumberMatch(part.group(), Decimal(part.group()), s + part.start(), s + part.end()))
            i = dotted.end()
            continue
        hit = _read(text, s, whole)
        if hit is None:
            i = s + 1
            if text[s].isdigit():       # skip the rest of a refused digit run (29km)
                while i < len(text) and (text[i].isdigit() or text[i] in ".,"):
                    i += 1
            continue
        end, value = hit
        found.append(NumberMatch(text[s:end], value, s, end))
        i = end


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text`` with its value and character offsets.

    Months and days (5월 4일) are dates, not numbers, and are left out.
    """
    whole = bool(text.strip()) and _is_whole_number(text)
    found = _find(text, whole=whole)
    return [m for m in found if not _is_date_part(text, m)]


def _is_whole_number(text: str) -> bool:
    s = text.strip(_SPACES)
    hit = _read(s, 0, whole=True)
    return hit is not None and hit[0] == len(s)


def _is_date_part(text: str, m: NumberMatch) -> bool:
    if not m.text.isdigit():
        return False
    after = text[m.end:m.end + 1]
    if after == "월" and 1 <= m.value <= 12:
        return True
    if after == "일" and 1 <= m.value <= 31:
        return bool(re.search(r"월\s*$", text[max(0, m.start - 6):m.start]))
    return False


def _strip_sign(s: str) -> tuple[bool, str]:
    v = _vocab()
    for w in ("-", "\u2212", *v.negative):
        if s.startswith(w):
            return True, s[len(w):].strip(_SPACES)
    return False, s


def _parse_integer_or_decimal(s: str) -> Decimal | None:
    v = _vocab()
    s = s.strip(_SPACES)
    if not s:
        return None
    neg, s = _strip_sign(s)
    for p in v.point:
        left, sep, right = s.partition(p)
        if sep and left and right:
            whole = _parse_plain(left)
            digits = [v.digits.get(c) for c in right.replace(" ", "")]
            if whole is None or any(d is None for d in digits):
                return None
            frac = Decimal("0." + "".join(str(int(d)) for d in digits))
            value = whole + frac
            return -value if neg else value
    value = _parse_plain(s)
    if value is None:
        return None
    return -value if neg else value


def _parse_plain(s: str) -> Decimal | None:
    s = s.strip(_SPACES)
    hit = _read(s, 0, whole=True)
    if hit is None or hit[0] != len(s):
        return None
    return hit[1]


def parse_number(text: str) -> Decimal | None:
    """The value of ``text`` read as one Korean number expression, or None.

    >>> parse_number("5천712"), parse_number("303만 2100"), parse_number("사분의삼")
    (Decimal('5712'), Decimal('3032100'), Decimal('0.75'))
    """
    v = _vocab()
    s = text.strip(_SPACES)
    if not s:
        return None
    # mixed numbers: 일과 이분의 일, 2 1/4
    parts = re.split(r"(?<=[가-힣])[과와]\s+", s)
    if len(parts) == 1:
        mixed = re.fullmatch(r"(-?\d+)\s+(\d+\s*/\s*\d+)", s)
        if mixed:
            parts = [mixed.group(1), mixed.group(2)]
    if len(parts) > 1:
        values = [parse_number(p) for p in parts]
        if any(x is None for x in values):
            return None
        neg = values[0] < 0
        total = sum((abs(x) for x in values), Decimal(0))
        return -total if neg else total
    slash = re.fullmatch(r"(-?[\d.]+)\s*/\s*(-?[\d.]+)", s)
    if slash:
        num, den = Decimal(slash.group(1)), Decimal(slash.group(2))
        return num / den if den else None
    for f in v.fraction:
        den_text, sep, num_text = s.partition(f)
        if sep:
            den, num = _parse_integer_or_decimal(den_text), _parse_integer_or_decimal(num_text)
            if den is None or num is None or den == 0:
                return None
            return num / den
    return _parse_integer_or_decimal(s)
