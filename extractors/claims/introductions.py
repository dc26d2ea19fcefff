"""The parties a document introduces itself, beyond the vocabulary.

News introduces a company the reader may not know with its own name in
parentheses: 항체 신약 개발 기업 넥스트젠바이오(NextGen Bio)가 …, 오리진퀀텀(Origin Quantum).
That party gets the id of its written name (nextgen-bio, origin-quantum) for
the rest of the document, under both names. Technology acronyms are not
parties (고대역폭메모리(HBM)): a name in capitals only counts after a word that
says it is an organisation (기업, 업체, 社) or when the Korean name ends like
one (…바이오, …전자, …연구소). The cues are data (``[introductions]``).
"""
from __future__ import annotations

import re

from ..vocabulary import DocumentVocabulary, Subject, vocabulary
from .lexicon import lexicon

_INTRO = re.compile(r"(?P<ko>[가-힣][가-힣A-Za-z0-9]{1,15})\s?\((?P<en>[A-Za-z][A-Za-z0-9&.'\- ]{1,40}?)\)")


def _is_term(en: str) -> bool:
    words = [lexicon(lang) for lang in ("ko", "en")]
    return any(lx.topic.patent_words.search(en) or lx.lexicon.fields.search(en) or lx.lexicon.patent_types.search(en)
               or lx.lexicon.sources.search(en) for lx in words)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def document_vocabulary(texts: list[str]) -> DocumentVocabulary:
    base = vocabulary()
    intro = lexicon("ko").introductions
    extra: dict[str, Subject] = {}
    for text in texts:
        known_at: set[int] | None = None
        for m in _INTRO.finditer(text):
            ko, en = m.group("ko"), m.group("en").strip()
            if known_at is None:
                known_at = {x.start for x in base.mentions(text)}
            if base.resolve(ko) or m.start() in known_at:
                continue
            known = base.resolve(en)
            if known is None and _is_term(en):
                continue                                  # 국제특허출원(PCT), 인공지능(AI): a term, not a party
            before = text[max(0, m.start() - 12):m.start()].rstrip()
            cued = intro.org_cues.ends(before) is not None or intro.org_endings.ends(ko) is not None
            if known is None and not (cued or (re.search(r"[a-z]", en) and " " in en)):
                continue                                  # 고대역폭메모리(HBM): a technology, not a party
            if known is not None:
                subject = Subject(known.id, known.kind, (ko, *known.names), known.country)
            else:
                sid = slug(en)
                if not sid or sid in extra:
                    continue
                kind = "university" if intro.university_endings.ends(ko) else \
                    "institution" if intro.institution_endings.ends(ko) else "company"
                subject = Subject(sid, kind, (ko, en))
            extra[subject.id] = subject
    return DocumentVocabulary(base, list(extra.values()))
