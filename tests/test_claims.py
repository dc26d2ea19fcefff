"""What is and is not a patent claim, sentence by sentence."""
from __future__ import annotations

import pytest

from patclaims.extractors.claims import claims_in_text


def claims(text, published=None):
    return [(c.subject_id, c.measure, c.value) for c in claims_in_text(text, published)]


def one(text, published=None):
    found = claims_in_text(text, published)
    assert len(found) == 1, found
    return found[0]


def test_count_with_subject_period_activity_and_field():
    c = one("중국은 2014년부터 2023년까지 38,000건의 생성형 AI 특허를 출원했다.")
    assert (c.subject_id, c.measure, c.value, c.unit) == ("CN", "count", 38000, "item")
    assert (c.year_from, c.year_to, c.activity, c.field) == (2014, 2023, "applications", "생성형 AI")


def test_mixed_korean_numbers_are_resolved():
    assert claims("화웨이는 지난해 특허 1만2천여 건을 등록했다.") == [("huawei", "count", 12000)]
    assert claims("대응 특허 공개량은 303만 2100건이다.") == [(None, "count", 3032100)]


def test_relative_years_resolve_against_publication_date():
    c = one("삼성전자는 지난해 미국 특허 6,165건을 등록했다.", "2024-01-10T09:00:00+09:00")
    assert (c.year_from, c.year_to, c.activity, c.subject_id) == (2023, 2023, "grants", "samsung")
    c = one("올해 LG전자의 특허 출원은 3천 건을 넘었다.", "2025-06-01")
    assert (c.year_from, c.qualifier, c.subject_id) == (2025, "at_least", "lg-electronics")


def test_same_period_copies_the_previous_figure():
    found = claims_in_text("한국은 2020년부터 2022년까지 특허 500건을 출원했다. 일본은 같은 기간 300건을 출원했다.")
    assert [(c.subject_id, c.year_from, c.year_to) for c in found] == [("KR", 2020, 2022), ("JP", 2020, 2022)]


def test_lists_and_parentheses():
    assert claims("PCT 특허 출원은 2위 한국 삼성전자(4387건), 3위 미국 퀄컴(3855)이다.") == [
        ("samsung", "rank", 2), ("samsung", "count", 4387), ("qualcomm", "rank", 3), ("qualcomm", "count", 3855)]


def test_elliptical_follow_up_keeps_share_context():
    text = "중국 AI 특허 비중은 58%를 차지한다. 한국은 8%, 일본은 5%다. 미국의 경우 비중은 18%다."
    assert claims(text) == [("CN", "share", 58), ("KR", "share", 8), ("JP", "share", 5), ("US", "share", 18)]


def test_growth_as_multiple_and_percent():
    assert claims("2017년 이후 특허 출원이 8배나 증가했다.") == [(None, "growth", 8)]
    assert claims("특허 출원 건수가 두 배로 늘었다.") == [(None, "growth", 2)]
    c = one("연평균 특허 출원 성장률은 20.24%다.")
    assert (c.measure, c.unit, c.value) == ("growth", "percent", 20.24)


@pytest.mark.parametrize("text, qualifier", [
    ("특허 54,000건 이상이 출원됐다.", "at_least"),
    ("미국은 6,000건이 조금 넘는 특허를 출원했다.", "at_least"),
    ("특허 100여 건을 신청했다.", "approx"),
    ("약 300건의 특허를 보유하고 있다.", "approx"),
    ("특허 출원은 1만 건 미만이다.", "at_most"),
    ("특허 출원은 500건가량이다.", "approx"),
])
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


@pytest.mark.parametrize("text", [
    "중국에는 4500개 이상의 AI 기업이 있고 특허 경쟁이 치열하다.",
    "특허 관련 투자 규모는 약 45억 달러에 달했다.",
    "1조 파라미터 규모 모델의 특허 전략을 세웠다.",
    "삼성전자는 특허 소송 12건에 휘말렸다.",
    "특허 출원 수수료를 50% 감면한다.",
    "특허 심사 기간은 16개월이다.",
    "특허청 상담 전화 02-781-1234로 문의하면 된다.",
    "상표 출원은 300건이었다.",
    "2024년 3월 5일 특허청이 발표했다.",
])
def test_numbers_that_are_not_patent_claims(text):
    assert claims(text) == []


def test_numbers_outside_patent_talk_are_ignored():
    assert claims("코스피는 2,650을 회복했다. 의대 증원은 2,000명이다.") == []


def test_a_figure_repeated_is_one_claim():
    text = "AI 특허 건수 세계 1위인 중국.\n다시 말해 AI 특허 건수 세계 1위인 중국."
    assert claims(text) == [("CN", "rank", 1)]


def test_source_attribution():
    c = one("세계지식재산권기구(WIPO) 자료에 따르면 중국은 특허 7만 건을 출원했다.")
    assert c.source in ("세계지식재산권기구(WIPO) 자료", "WIPO", "세계지식재산권기구") and c.value == 70000
    assert one("특허청에 따르면 국내 기업은 특허 1,200건을 출원했다.").source == "특허청"


def test_report_date_is_not_the_period():
    c = one("2022년에 발표한 자료에 따르면 화웨이가 신청한 PCT 특허는 7689건이다.")
    assert (c.year_from, c.year_to, c.patent_type) == (None, None, "PCT")


def test_one_character_country_forms():
    assert claims("中 AI 특허 출원 세계 1위") == [("CN", "rank", 1)]
    assert claims("美 특허 등록 3만건 돌파") == [("US", "count", 30000)]
