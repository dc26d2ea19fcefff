"""Korean numbers, as a reader of Korean news would check them."""
from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from patclaims.extractors.numbers import find_numbers, parse_number

from .conftest import SHARED, shared_path

UNSUPPORTED = {c["input"]: c["reason"] for c in tomllib.loads(
    (Path(__file__).parent / "data" / "numbers_unsupported.toml").read_text("utf-8"))["case"]}


@pytest.mark.parametrize("text, value", [
    ("5천712", 5712), ("3천407", 3407), ("303만 2100", 3032100), ("1만2천", 12000),
    ("1조 2천억", 1_200_000_000_000), ("12만", 120000), ("54,000", 54000), ("20.24", Decimal("20.24")),
    ("오천칠백십이", 5712), ("38 000", 38000), ("3백21", 321), ("2백만", 2_000_000),
])
def test_parse_number_reads_the_forms_korean_news_uses(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "특허", "이상", "5천712건 이상이다", "12km"])
def test_parse_number_refuses_what_is_not_one_number(text):
    assert parse_number(text) is None


def test_find_numbers_gives_text_value_and_offsets():
    text = "바이두가 5천712건으로 1위, 삼성(3천407건)과 303만 2100건"
    found = find_numbers(text)
    assert [(m.text, m.value) for m in found] == [
        ("5천712", 5712), ("1", 1), ("3천407", 3407), ("303만 2100", 3032100)]
    for m in found:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "사건이 이번에 구조를 조사했다",     # 사건, 이번, 구조, 조사 are words
    "이 가방은 사는 곳에 있다",           # lone 이, 사
    "세계 최고의 한국 기업",              # 세, 한 before no counter
    "10만 이상의",                         # 이 of 이상 is not 2
])
def test_everyday_words_are_not_numbers(text):
    assert all(m.value in (100000,) for m in find_numbers(text))


def test_native_numerals_count_before_a_counter():
    assert [(m.text, m.value) for m in find_numbers("특허가 두 배, 열 건이 늘었다")] == [("두", 2), ("열", 10)]


def test_approximate_marker_is_not_part_of_the_number():
    assert [(m.text, m.value) for m in find_numbers("100여 건, 1만2천여 건")] == [("100", 100), ("1만2천", 12000)]


def test_dates_are_not_numbers():
    assert find_numbers("5월 4일") == []


def _duckling_cases():
    path = SHARED / "external" / "duckling-ko" / "numerals.jsonl"
    if not path.exists():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=f"{path} is absent"))]
    return [pytest.param(e, o["value"], id=e) for o in map(json.loads, path.open(encoding="utf-8")) for e in o["examples"]]


@pytest.mark.parametrize("text, value", _duckling_cases())
def test_duckling_numerals(text, value):
    got = parse_number(text)
    assert got is not None and abs(got - Decimal(str(value))) < Decimal("1e-9")


# The subset issue 2 measures: NumberModel cases without fractions, powers, signs or 점-decimals.
_EXCLUDED = re.compile(r"분의|/|\^|[eE][+-]?\d|마이너스|마이나스|음수|[-+\u2212]|점")


def _recognizers_cases():
    path = SHARED / "external" / "recognizers-korean" / "numbers.jsonl"
    if not path.exists():
        return []
    cases = []
    for o in map(json.loads, path.open(encoding="utf-8")):
        if o["spec"] == "NumberModel.json" and not _EXCLUDED.search(o["input"]):
            cases.append((o["input"], [(r["text"], Decimal(r["value"])) for r in o["results"]]))
    return cases


def _reads(text, want):
    return [(m.text, m.value) for m in find_numbers(text)] == want


@pytest.mark.parametrize("text, want", [c for c in _recognizers_cases() if c[0] not in UNSUPPORTED] or
                         [pytest.param(None, None, marks=pytest.mark.skip(reason="../shared/external/recognizers-korean is absent"))])
def test_recognizers_number_model(text, want):
    assert _reads(text, want)


def test_recognizers_pass_rate_is_at_least_80_percent():
    shared_path("external", "recognizers-korean", "numbers.jsonl")
    cases = _recognizers_cases()
    passed = sum(_reads(t, w) for t, w in cases)
    assert passed / len(cases) >= 0.80, f"{passed}/{len(cases)}"


def test_unsupported_list_is_honest():
    """Every case we say we do not support really fails; one that passes must leave the list."""
    shared_path("external", "recognizers-korean", "numbers.jsonl")
    cases = dict(_recognizers_cases())
    for text in UNSUPPORTED:
        assert text in cases, f"{text!r} is not a corpus case"
        assert not _reads(text, cases[text]), f"{text!r} now passes: remove it from numbers_unsupported.toml"
