"""Language knowledge is data: every list the claims engine reads comes from data/lang/<language>.toml,
and a broken file says which file and key, so a contributor extends a list without reading the engine."""
from __future__ import annotations

import copy

import pytest

from patclaims.extractors.claims.lexicon import LANGUAGES, OPTIONAL_SECTIONS, SCHEMA, lexicon, parse_lexicon
from patclaims.extractors.datafiles import load_toml
from patclaims.extractors.errors import DataFileError


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_file_holds_every_key_the_engine_knows(language):
    lex = lexicon(language)
    for section, keys in SCHEMA.items():
        part = getattr(lex, section)
        if part is None and section in OPTIONAL_SECTIONS:
            continue                           # ranks: English ordinals only
        assert part is not None, section
        for key in keys:
            assert getattr(part, key) is not None, (section, key)


def _broken(change):
    doc = copy.deepcopy(load_toml("lang/ko.toml"))
    change(doc)
    return doc


@pytest.mark.parametrize("change, complaint", [
    (lambda d: d["measures"].update(growth_up=[]), "[measures] growth_up must be a non-empty list of words"),
    (lambda d: d["measures"].update(growht_up=["늘"]), "[measures] unknown key(s) growht_up"),
    (lambda d: d.update(meaures={}), "unknown section(s) meaures"),
    (lambda d: d.pop("periods"), "missing section [periods]"),
    (lambda d: d["periods"].pop("same_period"), "[periods] missing same_period"),
    (lambda d: d["figures"].update(count_re="(건"), "[figures] count_re is not a valid regular expression"),
    (lambda d: d["periods"].update(relative_years={"지난해": "작년"}), "[periods] relative_years must be a table"),
])
def test_a_broken_language_file_names_the_file_and_the_key(change, complaint):
    with pytest.raises(DataFileError) as e:
        parse_lexicon("ko", _broken(change), "extractors/data/lang/ko.toml")
    assert str(e.value).startswith("extractors/data/lang/ko.toml: ") and complaint in str(e.value)


def test_adding_a_word_needs_no_code():
    doc = _broken(lambda d: d["blockers"]["words"].append("기부금"))
    lex = parse_lexicon("ko", doc, "test")
    assert "기부금" in lex.blockers.words and "기부금" not in lexicon("ko").blockers.words


def test_the_number_vocabulary_refuses_unknown_keys():
    from patclaims.extractors.numbers import check_keys
    with pytest.raises(DataFileError, match="unknown \\[words\\] key\\(s\\) counterz"):
        check_keys({"words": {"counterz": ["건"]}})
    with pytest.raises(DataFileError, match="unknown table\\(s\\) digits"):
        check_keys({"digits": {}})
