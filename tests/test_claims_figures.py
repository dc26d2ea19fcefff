"""The figures pass: what a number with its unit word is, and how sure the text is of it.

Each case is a sentence about patents and the figures read from it, as
(measure, value, unit, qualifier). The sentences are written for these
tests, one shape of Korean (or English) each.
"""
from __future__ import annotations

import pytest

from patclaims.extractors.claims import claims_in_text


def figures(text, published="2024-06-01"):
    return [(c.measure, c.value, c.unit, c.qualifier) for c in claims_in_text(text, published)]


@pytest.mark.parametrize("text, expected", [
    # counts, in every way Korean writes a number
    ("그 회사의 특허 출원은 6천1백42건이다.", [("count", 6142, "item", "exact")]),
    ("국내 기업은 특허 1.2만 건을 보유하고 있다.", [("count", 12000, "item", "exact")]),
    ("이 연구소는 특허 2,215 건을 출원했다.", [("count", 2215, "item", "exact")]),
    ("전체 특허 출원은 3만 1,422건이었다.", [("count", 31422, "item", "exact")]),
    ("관련 특허는 5만 4천여 건에 이른다.", [("count", 54000, "item", "approx")]),
    # qualifiers after and before the figure
    ("특허 출원은 44만 건에 육박했다.", [("count", 440000, "item", "at_most")]),
    ("보유 특허가 1천 건을 훌쩍 넘는다.", [("count", 1000, "item", "at_least")]),
    ("특허 출원이 9만 2,000건 남짓이다.", [("count", 92000, "item", "at_least")]),
    ("특허 출원이 300건 미만이다.", [("count", 300, "item", "at_most")]),
    ("특허 출원은 약 400건이다.", [("count", 400, "item", "approx")]),
    ("등록 특허는 7,400건가량이다.", [("count", 7400, "item", "approx")]),
    ("특허 출원은 20만 건에 조금 못 미쳤다.", [("count", 200000, "item", "at_most")]),
    ("특허 출원이 최소 500건이다.", [("count", 500, "item", "at_least")]),
    # shares and growth, percentage points and multiples
    ("특허 출원 비중은 8.7%다.", [("share", 8.7, "percent", "exact")]),
    ("특허 출원이 전년보다 7.1% 늘었다.", [("growth", 7.1, "percent", "exact")]),
    ("특허 출원이 1년 새 2.8% 줄었다.", [("growth", -2.8, "percent", "exact")]),
    ("특허 출원 증가율은 17.2%에 이른다.", [("growth", 17.2, "percent", "exact")]),
    ("특허 점유율이 3.4%포인트 높아졌다.", [("growth", 3.4, "percent", "exact")]),
    ("특허 비중이 0.5%p 낮아졌다.", [("growth", -0.5, "percent", "exact")]),
    ("특허 출원이 연평균 -19.8%로 쪼그라들었다.", [("growth", -19.8, "percent", "exact")]),
    ("특허 출원이 10년 새 4.6배로 불어났다.", [("growth", 4.6, "multiple", "exact")]),
    ("특허 출원이 네 배 넘게 늘었다.", [("growth", 4, "multiple", "at_least")]),
    ("특허 출원이 2.5배 수준으로 불었다.", [("growth", 2.5, "multiple", "approx")]),
    # older and looser writing: 개 beside a patent word, hanja, no spaces
    ("이 회사는 특허 3천여 개를 보유하고 있다.", [("count", 3000, "item", "approx")]),
    ("삼성은 1만 개의 특허를 확보했다.", [("count", 10000, "item", "exact")]),
    ("特許出願은 4만5천8백여건으로 전년대비 12.3% 증가했다.",
     [("count", 45800, "item", "approx"), ("growth", 12.3, "percent", "exact")]),
    ("선진 5개 특허청에 출원된 특허를 분석했다.", []),
    ("심사는 2~3개월 안에 끝나고 특허 여부를 알 수 있다.", []),
    # ranks, and what only looks like one
    ("한국은 특허 출원에서 세계에서 네 번째로 많았다.", [("rank", 4, "ordinal", "exact")]),
    ("이 회사는 특허 출원 세계 3위에 올랐다.", [("rank", 3, "ordinal", "exact")]),
    ("특허 출원 10위권에 세 곳이 들었다.", []),
    ("특허 순위 상위 50위 안에 들었다.", []),
    ("코로나19 위기에도 특허 출원은 늘었다.", []),
])
def test_figures(text, expected):
    assert figures(text) == expected


def test_a_rank_list_is_one_figure_with_several_places():
    found = claims_in_text("특허 출원에서 미국(5만4087건)과 일본(4만8397건)이 2·3위였다.")
    assert [(c.subject_id, c.measure, c.value) for c in found if c.measure == "rank"] == [("US", "rank", 2),
                                                                                          ("JP", "rank", 3)]


def test_a_range_of_ranks_is_shared_out_in_order():
    found = claims_in_text("특허 출원은 LG화학(2612건), 현대차(2279건), 삼성SDI(1762건), SK온(1677건)이 2~5위를 차지했다.")
    ranks = [(c.subject_id, c.value) for c in found if c.measure == "rank"]
    assert ranks == [("lg-chem", 2), ("hyundai-motor", 3), ("samsung-sdi", 4), ("sk-on", 5)]


@pytest.mark.parametrize("text, expected", [
    ("Samsung Electronics was granted 6,165 U.S. patents last year, ranking first.",
     [("samsung", "count", 6165), ("samsung", "rank", 1)]),
    ("Qualcomm's patent tally jumped 46.8 percent.", [("qualcomm", "growth", 46.8)]),
    ("Patents granted in the United States fell 3.4 percent.", [("US", "growth", -3.4)]),
    ("Apple ranked seventh in patents, while Intel placed 10th.", [("apple", "rank", 7), ("intel", "rank", 10)]),
    ("It was the first American company in three decades to lead in patents.", []),
])
def test_english_sentences(text, expected):
    assert [(c.subject_id, c.measure, c.value) for c in claims_in_text(text, "2024-01-10")] == expected
