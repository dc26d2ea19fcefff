"""A document's title is the headline as shown, without the site's name or section around it,
and its date is ISO 8601 on the publishers' clock (+09:00)."""
from __future__ import annotations

import pytest

from patclaims.extractors.cleanup import clean_title
from patclaims.extractors.document import extract_document


@pytest.mark.parametrize("title, site, headline", [
    ("한국 국제특허 출원 5년 연속 세계 4위… 삼성전자는 기업 2위 - 조선일보", "조선일보",
     "한국 국제특허 출원 5년 연속 세계 4위… 삼성전자는 기업 2위"),
    ("생성형 AI 특허 70%가 중국…한국은 세계 3위 | SBS 뉴스", None, "생성형 AI 특허 70%가 중국…한국은 세계 3위"),
    ("삼성전자, 5G 표준특허 선언 세계 2위 :: 공감언론 뉴시스 ::", None, "삼성전자, 5G 표준특허 선언 세계 2위"),
    ("韓 국제특허 출원 5년 연속 세계 4위…삼성전자 기업 2위｜동아일보", None, "韓 국제특허 출원 5년 연속 세계 4위…삼성전자 기업 2위"),
    ("대전일보 - 대전 특허출원 인구 대비 전국 1위…작년 1만2천여 건", None, "대전 특허출원 인구 대비 전국 1위…작년 1만2천여 건"),
    ("부담 커졌다-정치ㅣ한국일보", None, "부담 커졌다"),
    ("삼성전자 특허 1위 < IT < 기사본문 - 특허뉴스", "특허뉴스", "삼성전자 특허 1위"),
    # a hyphen or a dash inside the headline is the headline's
    ("[IP 공부] 美 특허 등록 톱10 정리 - 삼성 6,377건", "특허 읽는 개발자", "[IP 공부] 美 특허 등록 톱10 정리 - 삼성 6,377건"),
    ("KBS-MBC 공동 특허 분석 결과", None, "KBS-MBC 공동 특허 분석 결과"),
    ("반도체 특허 1위는 SK-하이닉스 | 전자신문", None, "반도체 특허 1위는 SK-하이닉스"),
])
def test_title_is_the_headline_as_shown(title, site, headline):
    assert clean_title(title, site) == headline


def test_a_page_title_that_is_only_a_menu_path_gives_way_to_the_headline():
    html = ("<html><head><title>보도자료 상세 | 알림마당 | 지식재산처</title></head><body><h2>알림마당</h2>"
            "<h3>보도자료</h3><h4>양자컴퓨팅 특허, 상용기술이 이끈다…10년간 연평균 40.7% 증가</h4>"
            "<div><p>" + "지식재산처는 양자컴퓨팅 특허를 분석한 결과 모두 9,162건이 출원됐다고 밝혔다. " * 3 + "</p></div></body></html>")
    assert extract_document(html.encode()).title == "양자컴퓨팅 특허, 상용기술이 이끈다…10년간 연평균 40.7% 증가"


@pytest.mark.parametrize("head, body, published", [
    ('<meta property="article:published_time" content="2025-03-17T20:00:00.000Z">', "", "2025-03-18T05:00:00+09:00"),
    ("", "<div class='info'>작성일 2025-12-19 조회수 1,287</div>", "2025-12-19T00:00:00+09:00"),
    ("", "<div class='post_date'>2023-03-02 10:42:13</div>", "2023-03-02T10:42:13+09:00"),
])
def test_publication_dates_are_on_the_publishers_clock(head, body, published):
    html = (f"<html><head>{head}</head><body>{body}<article><p>"
            + "특허청은 지난해 특허 출원이 23만 건으로 집계됐다고 밝혔다. " * 4 + "</p></article></body></html>")
    assert extract_document(html.encode()).published == published
