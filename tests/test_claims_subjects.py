"""The subject pass: who each figure is about (claims.md, Conventions: Subjects, Office totals,
Applicant groups). Each case is a text written for these tests and its claims as
(subject_id, measure, value)."""
from __future__ import annotations

import pytest

from patclaims.extractors.claims import claims_in_text


def subjects(text, published="2024-06-01"):
    return [(c.subject_id, c.measure, c.value) for c in claims_in_text(text, published)]


@pytest.mark.parametrize("text, expected", [
    # the topic or subject, not a nearer noun in another role
    ("삼성전자는 지난해 미국 특허 4,120건을 등록해 1위를 지켰다.",
     [("samsung", "count", 4120), ("samsung", "rank", 1)]),
    ("한국의 PCT 출원은 전년보다 3.2% 늘었다.", [("KR", "growth", 3.2)]),
    ("일본의 경우 특허 비중은 12%였다.", [("JP", "share", 12)]),
    # a compared party, a place of announcement and a ranking set are not subjects
    ("특허 출원에서 한국이 일본에 이어 2위를 기록했다.", [("KR", "rank", 2)]),
    ("특허 순위에서 화웨이가 삼성전자를 제치고 1위에 올랐다.", [("huawei", "rank", 1)]),
    ("WIPO가 스위스 제네바에서 발표한 통계를 보면 중국의 특허 출원은 7만 건이었다.", [("CN", "count", 70000)]),
    ("이 연구원은 전 세계 공공연구기관 가운데 특허 순위 1위에 올랐다.", [(None, "rank", 1)]),
    # parentheses, lists and ranks that name the party after them
    ("특허 출원은 텐센트(4,100건), 바이두(3,900건) 순이었다.", [("tencent", "count", 4100), ("baidu", "count", 3900)]),
    ("PCT 출원 1위 삼성전자(4,213건), 2위 LG전자(2,968건)였다.",
     [("samsung", "rank", 1), ("samsung", "count", 4213), ("lg-electronics", "rank", 2),
      ("lg-electronics", "count", 2968)]),
    ("특허 출원 1위는 2,500건을 낸 중국 화웨이였다.", [("huawei", "rank", 1), ("huawei", "count", 2500)]),
    ("특허 등록 1위인 IBM은 3,000건을 받았다.", [("ibm", "rank", 1), ("ibm", "count", 3000)]),
    ("특허 출원에서 일본과 인도가 각각 3천409건, 1천350건으로 4, 5위였다.",
     [("JP", "count", 3409), ("IN", "count", 1350), ("JP", "rank", 4), ("IN", "rank", 5)]),
    ("특허 출원에서 애플(3082건)과 화웨이(3046건)가 4·5위로 뒤를 이었다.",
     [("apple", "count", 3082), ("huawei", "count", 3046), ("apple", "rank", 4), ("huawei", "rank", 5)]),
    # where patents were filed is not who filed them
    ("삼성전자는 미국 특허 6,100건을 받았다.", [("samsung", "count", 6100)]),
    # office totals take the office's country; places counted, groups and world totals
    ("특허청에 따르면 지난해 특허 출원은 24만 건이었다.", [("KR", "count", 240000)]),
    ("미국에서 등록된 특허는 33만 건이었다.", [("US", "count", 330000)]),
    ("국내 특허 출원이 5% 늘었다.", [("KR", "growth", 5)]),
    ("내국인 특허 출원은 18만 건이었다.", [("KR", "count", 180000)]),
    ("IP5에 출원된 관련 특허는 9,000건이었다.", [(None, "count", 9000)]),
    ("전 세계 PCT 출원은 27만 건이었다.", [(None, "count", 270000)]),
    ("EPO에 출원된 특허는 19만 건이었다.", [("EU", "count", 190000)]),
    # applicant groups have fixed ids
    ("중소기업의 특허 출원은 4만 건으로 늘었다.", [("smes", "count", 40000)]),
    ("대학의 특허 출원 비중은 8%였다.", [("universities", "share", 8)]),
    ("외국인 특허 출원은 6만 건이었다.", [("foreign-applicants", "count", 60000)]),
    # a former name takes the company's id
    ("금성사는 그해 특허 1,200건을 출원했다.", [("lg-electronics", "count", 1200)]),
])
def test_subjects(text, expected):
    assert subjects(text) == expected


def test_the_subject_carries_to_the_next_sentence():
    text = "TSMC는 특허 3,989건으로 2위에 올랐다. 1년 새 8% 늘었다."
    assert subjects(text) == [("tsmc", "count", 3989), ("tsmc", "rank", 2), ("tsmc", "growth", 8)]


def test_of_these_refers_back_to_the_sentence_before():
    text = "ETRI는 등록특허 1만4154건을 보유하고 있다. 이 가운데 7293건은 미국·유럽 등 해외에서 등록받은 특허다."
    assert subjects(text) == [("etri", "count", 14154), ("etri", "count", 7293)]


def test_a_breakdown_takes_the_total_s_subject():
    text = ("특허청은 지난해 국내 특허 출원이 24만 건이라고 밝혔다.\n"
            "기술 분야별로는 디지털 통신이 2만 건으로 가장 많았다.")
    assert subjects(text) == [("KR", "count", 240000), ("KR", "count", 20000)]


def test_a_company_the_article_introduces_gets_the_id_of_its_written_name():
    text = ("신약 개발 기업 한빛제약(Hanbit Pharma)이 투자를 유치했다.\n"
            "회사는 국내외 특허 46건을 등록했다.")
    assert subjects(text) == [("hanbit-pharma", "count", 46)]


def test_a_figure_after_an_unknown_name_is_not_given_to_another():
    # 가나다전자 is in no vocabulary: its 605건 is nobody's rather than 구글's
    assert subjects("특허 출원은 구글(680건)이 2위, 가나다전자(605건)가 3위였다.")[:2] == [
        ("google", "count", 680), ("google", "rank", 2)]
