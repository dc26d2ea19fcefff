"""The language knowledge of the claims engine: ``data/lang/<language>.toml``, validated and compiled.

Each language file holds the same sections, keyed by meaning (what makes a
figure a count, what says it grew, what makes a name a compared party). The
engine reads every list from here; ``SCHEMA`` is the one list of the keys it
knows. A file with an unknown key, a missing key, an empty list or a broken
regular expression is refused with one line naming the file and the key, so
a contributor extends a list without reading the engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterator

from ..datafiles import load_toml
from ..errors import DataFileError

LANGUAGES = ("ko", "en")

WORDS, REGEX, YEARS = "a non-empty list of words", "a regular expression", "a table of word = whole number"

# section -> key -> kind. Sections marked optional may be absent from a language.
SCHEMA: dict[str, dict[str, str]] = {
    "topic": {"patent_words": WORDS, "filing_words": WORDS},
    "figures": {"count_re": REGEX, "piece_re": REGEX, "percent_re": REGEX, "points_re": REGEX, "multiple_re": REGEX, "rank_re": REGEX,
                "rank_bracket_after_re": REGEX, "rank_bracket_before": WORDS, "rank_list_joiners": WORDS,
                "rank_range_joiners": WORDS, "not_figure_re": REGEX},
    "measures": {"growth_up": WORDS, "growth_down": WORDS, "growth_nouns": WORDS, "average_words": WORDS,
                 "share_words": WORDS, "margin_words": WORDS, "ratio_markers": WORDS},
    "blockers": {"words": WORDS, "per_capita": WORDS, "per_item": WORDS, "proportion": WORDS, "forecast": WORDS, "unless": WORDS,
                 "counted_nouns": WORDS},
    "qualifiers": {"at_least": WORDS, "at_most": WORDS, "approx": WORDS, "before_approx": WORDS,
                   "before_at_least": WORDS, "before_at_most": WORDS, "adverbs": WORDS, "particles": WORDS},
    "activities": {"applications": WORDS, "grants": WORDS, "publications": WORDS, "holdings": WORDS, "none": WORDS},
    "lexicon": {"patent_types": WORDS, "fields": WORDS, "sources": WORDS, "according_to": WORDS},
    "periods": {"relative_years": YEARS, "relative_followers": WORDS, "same_period": WORDS, "previous_year": WORDS, "consecutive_re": REGEX,
                "recent_span_re": REGEX, "span_re": REGEX, "since_re": REGEX, "until_re": REGEX, "year_re": REGEX,
                "month_re": REGEX, "report_words": WORDS, "scope_cues": WORDS, "scope_breaks": WORDS, "section_re": REGEX,
                "year_parts": WORDS, "date_suffixes": WORDS, "as_of": WORDS, "base_markers": WORDS,
                "record_words": WORDS},
    "subjects": {"topic": WORDS, "predicate": WORDS, "genitive": WORDS, "comparison": WORDS, "source_markers": WORDS, "excluded": WORDS, "within": WORDS,
                 "locative": WORDS, "locative_topic": WORDS, "domestic": WORDS, "abroad": WORDS, "surpass_verbs": WORDS,
                 "generic_parties": WORDS, "passive": WORDS, "place_nouns": WORDS, "announce_verbs": WORDS, "adverbs": WORDS,
                 "list_joiners": WORDS, "world": WORDS, "anaphors": WORDS, "rank_relatives": WORDS, "breakdowns": WORDS, "party_breakdowns": WORDS,
                 "respectively": WORDS, "holder_nouns": WORDS, "counted_whole": WORDS, "jurisdiction_nouns": WORDS},
    "clauses": {"abbreviations": WORDS, "breaks": WORDS},
    "tables": {"subject_headers": WORDS, "rank_headers": WORDS, "count_headers": WORDS, "share_headers": WORDS, "growth_headers": WORDS},
    "grammar": {"particles": WORDS, "subject_particles": WORDS, "from_marker": WORDS, "to_marker": WORDS,
                "sentence_endings": WORDS, "minus": WORDS, "comparative": WORDS, "fillers": WORDS},
    "introductions": {"org_cues": WORDS, "university_endings": WORDS, "institution_endings": WORDS,
                      "org_endings": WORDS},
    "ranks": {"ordinals": YEARS, "before_re": REGEX, "after_re": REGEX, "not_after_re": REGEX},
}
OPTIONAL_SECTIONS = {"ranks"}
ACTIVITIES = ("applications", "grants", "publications", "holdings")
# A year as the data files mean it: 2023, or the short form ’23 of press releases.
YEAR = r"(?:(?:19|20)\d{2}|[’'‘`]\d{2}(?!\d))"


def year_value(text: str) -> int:
    """2023 -> 2023; ’23 -> 2023, ’98 -> 1998."""
    digits = text.strip("’'‘` ")
    if len(digits) == 4:
        return int(digits)
    n = int(digits)
    return 1900 + n if n >= 50 else 2000 + n


def _bounded(word: str) -> str:
    """A word matched as written; one that starts or ends with a Latin letter must stand as an English word
    there (up is not in group, AI not in SAID)."""
    out = re.escape(word)
    if word[:1].isascii() and word[:1].isalpha():
        out = r"(?<![A-Za-z])" + out
    if word[-1:].isascii() and word[-1:].isalpha():
        out += r"(?![A-Za-z])"
    return out


class Words:
    """A named token list that refuses to be empty; matched longest first."""

    def __init__(self, name: str, items: list[str]):
        self.name = name
        self.given = tuple(dict.fromkeys(items))               # as the data file orders them
        self.items = tuple(sorted(self.given, key=len, reverse=True))
        self._pattern: re.Pattern | None = None

    @property
    def pattern(self) -> re.Pattern:
        """The items as one alternation, compiled on first use (start-up stays cheap)."""
        if self._pattern is None:
            self._pattern = re.compile("|".join(_bounded(w) for w in self.items))
        return self._pattern

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __contains__(self, word: object) -> bool:
        return word in self.items

    def __repr__(self) -> str:
        return f"Words({self.name}, {len(self.items)})"

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        return self.pattern.search(text, start, len(text) if end is None else end)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        return self.pattern.finditer(text, start, len(text) if end is None else end)

    def starts(self, text: str) -> str | None:
        """The longest item ``text`` starts with."""
        m = self.pattern.match(text)
        return m.group() if m else None

    def ends(self, text: str) -> str | None:
        """The longest item ``text`` ends with."""
        for w in self.items:
            if text.endswith(w) and not (w[:1].isascii() and w[:1].isalpha() and text[-len(w) - 1:-len(w)].isalpha()):
                return w
        return None


class Section:
    """One section of a language file; its keys are attributes."""

    def __init__(self, name: str, values: dict[str, Any]):
        self._name = name
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"Section({self._name})"


@dataclass(frozen=True)
class Lexicon:
    language: str
    topic: Section
    figures: Section
    measures: Section
    blockers: Section
    qualifiers: Section
    activities: Section
    lexicon: Section
    periods: Section
    subjects: Section
    clauses: Section
    tables: Section
    grammar: Section
    introductions: Section
    ranks: Section | None = None

    def activity_words(self) -> Iterator[tuple[str, str | None]]:
        """(word, activity) for every activity word; declared/none words give None."""
        for act in ACTIVITIES:
            for w in getattr(self.activities, act):
                yield w, act
        for w in self.activities.none:
            yield w, None


def _value(source: str, section: str, key: str, kind: str, raw: Any, table: dict[str, Any]) -> Any:
    where = f"{source}: [{section}] {key}"
    if kind == WORDS:
        if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w.strip() for w in raw):
            raise DataFileError(f"{where} must be {WORDS}")
        return Words(f"{section}.{key}", raw)
    if kind == REGEX:
        if not isinstance(raw, str) or not raw:
            raise DataFileError(f"{where} must be {REGEX}")
        if "{relative}" in raw:        # the relative-year words of the same section
            words = sorted(table.get("relative_years", {}), key=len, reverse=True)
            raw = raw.replace("{relative}", "|".join(re.escape(w) for w in words) or "(?!)")
        raw = raw.replace("{year}", YEAR)
        try:
            return re.compile(raw)
        except re.error as e:
            raise DataFileError(f"{where} is not a valid regular expression ({e})") from None
    if not isinstance(raw, dict) or not raw or not all(
            isinstance(k, str) and k.strip() and isinstance(v, int) and not isinstance(v, bool)
            for k, v in raw.items()):
        raise DataFileError(f"{where} must be {kind}")
    return dict(raw)


def parse_lexicon(language: str, doc: dict[str, Any], source: str) -> Lexicon:
    unknown = set(doc) - set(SCHEMA)
    if unknown:
        raise DataFileError(f"{source}: unknown section(s) {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(SCHEMA)}")
    sections: dict[str, Section] = {}
    for name, keys in SCHEMA.items():
        table = doc.get(name)
        if table is None and name in OPTIONAL_SECTIONS:
            continue
        if not isinstance(table, dict):
            raise DataFileError(f"{source}: missing section [{name}]")
        extra = set(table) - set(keys)
        if extra:
            raise DataFileError(f"{source}: [{name}] unknown key(s) {', '.join(sorted(extra))}; "
                                f"known: {', '.join(keys)}")
        values = {}
        for key, kind in keys.items():
            if key not in table:
                raise DataFileError(f"{source}: [{name}] missing {key} ({kind})")
            values[key] = _value(source, name, key, kind, table[key], table)
        sections[name] = Section(name, values)
    return Lexicon(language=language, **sections)


@cache
def lexicon(language: str) -> Lexicon:
    if language not in LANGUAGES:
        raise DataFileError(f"no language data for {language!r}; known: {', '.join(LANGUAGES)}")
    name = f"lang/{language}.toml"
    return parse_lexicon(language, load_toml(name), f"extractors/data/{name}")
