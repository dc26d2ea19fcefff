"""The period pass (claims.md, Fields: year_from/year_to; Conventions: year-on-year growth, N년 연속,
relative years). Each case is a text, its publication date, and its claims as
(subject_id, measure, value, year_from, year_to)."""
from __future__ import annotations

import pytest

from patclaims.extractors.claims import claims_in_text


def periods(text, published):
    return [(c.subject_id, c.measure, c.value, c.year_from, c.year_to) for c in claims_in_text(text, published)]


@pytest.mark.parametrize("text, published, expected", [
    # written spans, since and single years
    ("중국은 2014년부터 2023년까지 특허 3만 건을 출원했다.", "2024-07-01", [("CN", "count", 30000, 2014, 2023)]),
    ("관련 특허는 2011∼2020년 11만 건이 출원됐다.", "2022-09-13", [(None, "count", 110000, 2011, 2020)]),
    ("LG엔솔은 2019년부터 지난해까지 특허 1만 건을 출원했다.", "2024-10-29",
     [("lg-energy-solution", "count", 10000, 2019, 2023)]),
    ("특허 출원이 2017년 이후 8배로 늘었다.", "2024-07-04", [(None, "growth", 8, 2017, None)]),
    ("특허 출원은 ’10년 286건에서 ’18년 1,219건으로 늘었다.", "2021-03-30",
     [(None, "count", 286, 2010, 2010), (None, "count", 1219, 2018, 2018)]),
    # relative years against the publication date; the year written wins
    ("지난해 국내 특허 출원은 24만 건이었다.", "2025-01-20", [("KR", "count", 240000, 2024, 2024)]),
    ("작년(2022년) 중국의 특허 등록은 79만 건이었다.", "2023-03-02", [("CN", "count", 790000, 2022, 2022)]),
    ("최근 10년간 특허 출원이 4배로 늘었다.", "2023-10-12", [(None, "growth", 4, 2013, 2022)]),
    ("최근 10년간(2014~2023년) 특허 9천 건이 출원됐다.", "2025-12-19", [(None, "count", 9000, 2014, 2023)]),
    ("ETRI는 4월 말 기준 특허 1만 건을 보유하고 있다.", "2024-05-22", [("etri", "count", 10000, 2024, 2024)]),
    ("올 상반기 특허 출원은 11만 건으로 전년 동기 대비 3.6% 늘었다.", "1995-08-01",
     [(None, "count", 110000, 1995, 1995), (None, "growth", 3.6, 1995, 1995)]),
    # the year before: 전년(…), 1년 전(…)
    ("한국의 특허 출원은 지난해 2만3851건으로 전년(2만2288건)보다 7.1% 늘었다.", "2025-03-18",
     [("KR", "count", 23851, 2024, 2024), ("KR", "count", 22288, 2023, 2023), ("KR", "growth", 7.1, 2024, 2024)]),
    # growth over a span, and year-on-year growth at the newer year
    ("특허 출원은 2013년 185건에서 2022년 771건으로 불었고, 연평균 증가율은 17.2%다.", "2023-10-12",
     [(None, "count", 185, 2013, 2013), (None, "count", 771, 2022, 2022), (None, "growth", 17.2, 2013, 2022)]),
    ("2020년 한국의 특허 출원은 4천9백여 건으로, 2011년(2천여 건)의 2.5배로 불었다.", "2022-09-13",
     [("KR", "count", 4900, 2020, 2020), ("KR", "count", 2000, 2011, 2011), ("KR", "growth", 2.5, 2011, 2020)]),
    ("국내 특허 출원은 2024년(24만6245건)보다 5.9% 늘었다.", "2026-01-31",
     [("KR", "count", 246245, 2024, 2024), ("KR", "growth", 5.9, 2025, 2025)]),
    # N년 연속: with a start year written, the run; without, the figure's own year
    ("삼성전자는 2016년부터 5년 연속 특허 출원 1위를 지켰다.", "2021-01-19", [("samsung", "rank", 1, 2016, 2020)]),
    ("한국은 지난해 PCT 출원 5년 연속 세계 4위를 지켰다.", "2025-03-18", [("KR", "rank", 4, 2024, 2024)]),
    # a relative clause keeps its year to itself
    ("지난해 특허 등록에서 2023년 2위였던 퀄컴은 3,422건으로 3위였다.", "2025-01-15",
     [("qualcomm", "rank", 2, 2023, 2023), ("qualcomm", "count", 3422, 2024, 2024), ("qualcomm", "rank", 3, 2024, 2024)]),
    # a report's date is not the data's period
    ("2022년에 발표한 자료에 따르면 화웨이의 PCT 특허는 7,689건이다.", "2024-01-15", [("huawei", "count", 7689, None, None)]),
])
def test_periods(text, published, expected):
    assert periods(text, published) == expected


def test_same_period_takes_the_figure_before():
    text = "한국은 2020년부터 2022년까지 특허 500건을 출원했다. 일본은 같은 기간 300건을 출원했다."
    assert periods(text, "2023-01-01") == [("KR", "count", 500, 2020, 2022), ("JP", "count", 300, 2020, 2022)]


def test_the_scope_a_statement_sets_holds_for_later_paragraphs():
    text = ("특허청은 2012년부터 지난해까지 IP5에 출원된 관련 특허가 8천 건이라고 밝혔다.\n"
            "연도별로는 2012년 412건에서 지난해 1897건으로 늘었다.\n"
            "출원인 국적별로는 한국이 42.1%로 가장 높았다.")
    assert periods(text, "2022-10-05")[-1] == ("KR", "share", 42.1, 2012, 2021)
