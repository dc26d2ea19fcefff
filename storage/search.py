"""Full-text search on claim sentences, the same on SQLite (FTS5) and PostgreSQL (tsvector).

Korean writes particles and compounds into one word (특허출원이, 국내특허), and
neither FTS5's tokenizers nor PostgreSQL's ``simple`` configuration split
them, so "특허 출원" would not find 특허출원. Written by hand because neither
backend has a CJK tokenizer built in: the sentence is indexed as overlapping
character bigrams of its Hangul, Han and Kana runs (특허출원 → 특허 허출 출원,
plus the run's last character, 원), the way Lucene's CJK analyser does, and
Latin words and numbers as whole lower-case words. A search term then becomes
a phrase of its bigrams, so a Korean term matches anywhere inside a word, in
order, and a Latin word or number matches a whole word (AI finds "AI 특허",
not OpenAI). Every term of ``--text`` must occur (AND).
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def _runs(word: str) -> list[tuple[str, bool]]:
    """A word cut into CJK runs and other runs: [(text, is_cjk)]."""
    out, pos = [], 0
    for m in _CJK.finditer(word):
        if m.start() > pos:
            out.append((word[pos:m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(word):
        out.append((word[pos:], False))
    return out


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def index_terms(text: str) -> str:
    """The space-separated terms a sentence is indexed under."""
    terms: list[str] = []
    for word in _WORD.findall(_normal(text)):
        for run, cjk in _runs(word):
            if cjk:
                terms.extend(run[i:i + 2] for i in range(len(run) - 1))
                terms.append(run[-1])
            else:
                terms.append(run)
    return " ".join(terms)


def _query_tokens(term: str) -> list[tuple[str, bool]]:
    """One search term as tokens to match in a row: [(token, is_prefix)]."""
    tokens: list[tuple[str, bool]] = []
    for word in _WORD.findall(_normal(term)):
        for run, cjk in _runs(word):
            if cjk and len(run) == 1:
                tokens.append((run, True))            # the first character of an indexed bigram, or a run's last
            elif cjk:
                tokens.extend((run[i:i + 2], False) for i in range(len(run) - 1))
            else:
                tokens.append((run, False))
    return tokens


def phrases(text: str) -> list[list[tuple[str, bool]]]:
    """The phrases ``--text`` asks for, one per whitespace-separated term; empty when no term has a letter or digit.

    A one-character Korean term is a prefix; a prefix can only end a phrase (both backends), so a phrase is
    split after each one.
    """
    out = []
    for term in text.split():
        phrase: list[tuple[str, bool]] = []
        for token in _query_tokens(term):
            phrase.append(token)
            if token[1]:
                out.append(phrase)
                phrase = []
        if phrase:
            out.append(phrase)
    return out


def fts5_query(text: str) -> str:
    """An FTS5 MATCH expression: every phrase, ANDed. Tokens are letters and digits only, so quoting is safe."""
    return " AND ".join('"' + " ".join(t for t, _ in p) + '"' + ("*" if p[-1][1] else "") for p in phrases(text))


def tsquery(text: str) -> str:
    """A to_tsquery('simple', …) expression: phrases with <->, prefixes with :*, ANDed."""
    return " & ".join("(" + " <-> ".join(t + (":*" if prefix else "") for t, prefix in p) + ")"
                      for p in phrases(text))
