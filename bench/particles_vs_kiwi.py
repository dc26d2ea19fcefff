"""Does the particle table read the same grammatical roles as a morphological analyser?

    pip install kiwipiepy            # only for this comparison; patclaims does not need it
    python bench/particles_vs_kiwi.py [PAGES_DIR]

For every name the vocabulary finds in the candidate sentences of the pages
(sentences with a figure), it compares the role ``claims/roles.py`` reads from
its particle table with the tag Kiwi gives the morpheme after the name
(JKS/JX subject or topic, JKG genitive, JKB adverbial: a place or a compared
party, JC/SP a list, VCP a predicate, a noun: part of a compound), and prints
the agreement, the disagreements, and what each costs (load time, characters
per second). Defaults to ../shared/dev/pages beside the checkout.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from patclaims.extractors.claims.figures import find_figures
from patclaims.extractors.claims.lexicon import lexicon
from patclaims.extractors.claims.roles import annotate
from patclaims.extractors.claims.units import document_units
from patclaims.pipeline import process_file

ROOT = Path(__file__).resolve().parent.parent
OURS = {"topic": "subject", "genitive": "genitive", "predicate": "predicate", "place": "adverbial",
        "comparison": "adverbial", "announce": "adverbial", "within": "adverbial", "source": "adverbial",
        "holder": "noun", "jurisdiction": "noun", "modifier": "noun", "plain": "noun"}


def kiwi_class(tokens, end: int) -> str | None:
    """The class of the first morpheme at or after character ``end`` (skipping an alias in parentheses)."""
    depth = 0
    for t in tokens:
        if t.start < end:
            continue
        if t.form == "(":
            depth += 1
            continue
        if t.form == ")":
            depth -= 1
            continue
        if depth:
            continue
        tag = t.tag
        if tag in ("JKS", "JX"):
            return "subject"
        if tag == "JKG":
            return "genitive"
        if tag in ("JKB", "JKO"):
            return "adverbial"
        if tag in ("JC", "SP"):
            return "list"
        if tag == "VCP":
            return "predicate"
        if tag.startswith(("NN", "SL", "SN", "XSN")):
            return "noun"
        return tag
    return None


def main() -> None:
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        sys.exit("bench/particles_vs_kiwi.py: kiwipiepy is not installed; pip install kiwipiepy to run it")
    pages = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "dev" / "pages"
    ko = lexicon("ko")
    sentences = []
    for page in sorted(pages.glob("*.html")):
        for u in document_units(process_file(page)):
            if u.lang == "ko" and u.kind != "row" and find_figures(u.text, ko):
                sentences.append(u.text)
    chars = sum(len(s) for s in sentences)

    start = time.perf_counter()
    named = [annotate(s, ko) for s in sentences]
    ours_s = time.perf_counter() - start

    start = time.perf_counter()
    kiwi = Kiwi()
    load_s = time.perf_counter() - start
    kiwi.tokenize(sentences[0])                      # warm up
    start = time.perf_counter()
    tokens = list(kiwi.tokenize(sentences))          # one batch: Kiwi's fastest way
    kiwi_s = time.perf_counter() - start

    agree, total, confusion, examples = 0, 0, Counter(), []
    for s, names, toks in zip(sentences, named, tokens):
        for n in names:
            if n.mention.kind != "subject":
                continue
            ours = "list" if n.group is not None and n.role != "modifier" and s[n.after:n.after + 2].strip()[:1] in \
                ("과", "와", ",", "·", "및") else OURS.get(n.role, n.role)
            theirs = kiwi_class(toks, n.mention.end)
            total += 1
            if ours == theirs:
                agree += 1
            else:
                confusion[(ours, theirs)] += 1
                if len(examples) < 15:
                    examples.append(f"  {n.mention.text}: table {n.role} ({ours}), Kiwi {theirs}: …{s[n.start:n.after + 12]}…")
    print(f"sentences {len(sentences)} ({chars:,} characters), names {total}")
    print(f"roles agree: {agree}/{total} ({agree / max(1, total):.1%})")
    for (ours, theirs), count in confusion.most_common(8):
        print(f"  table {ours} vs Kiwi {theirs}: {count}")
    print("\n".join(examples))
    print(f"particle table: {chars / ours_s / 1000:,.0f}k characters/s, no model to load")
    print(f"Kiwi: load {load_s:.1f} s, {chars / kiwi_s / 1000:,.0f}k characters/s")


if __name__ == "__main__":
    main()
