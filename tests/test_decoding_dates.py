"""Decoding Korean pages and reading their dates, as a reader would check them."""
from __future__ import annotations

import gzip

import pytest

from patclaims.extractors.dates import labelled_date, parse_datetime, refine_time
from patclaims.extractors.decoding import decode_html
from patclaims.extractors.document import extract_document

from .conftest import shared_path

KOREAN = "<html><head>{meta}<title>특허 출원 1위</title></head><body><p>삼성전자가 특허 5천712건을 출원했다.</p></body></html>"


def test_euc_kr_bytes_declared_in_meta_decode_as_cp949():
    raw = KOREAN.format(meta='<meta charset="euc-kr">').encode("cp949")
    d = decode_html(raw)
    assert d.charset == "cp949" and "삼성전자가 특허 5천712건" in d.text


def test_cp949_only_syllables_decode():
    raw = KOREAN.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">').replace("특허", "똠방각하").encode("cp949")
    assert "똠방각하" in decode_html(raw).text            # 똠 is outside EUC-KR, inside cp949


def test_page_declaring_euc_kr_but_written_in_utf8_decodes_right():
    raw = KOREAN.format(meta='<meta charset="euc-kr">').encode("utf-8")
    d = decode_html(raw)
    assert d.charset == "utf-8" and "삼성전자가" in d.text


def test_http_charset_wins_over_meta_and_bom_wins_over_both():
    raw = KOREAN.format(meta='<meta charset="utf-8">').encode("cp949")
    assert "삼성전자" in decode_html(raw, "EUC-KR").text
    assert decode_html(b"\xef\xbb\xbf" + KOREAN.format(meta="").encode("utf-8"), "euc-kr").charset == "utf-8"


def test_undeclared_euc_kr_is_detected():
    raw = KOREAN.format(meta="").encode("cp949")
    assert "삼성전자가" in decode_html(raw).text


def test_real_euc_kr_texts_decode_without_replacement_characters():
    root = shared_path("external", "korean-encodings", "chardet")
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".xml", ".html", ".txt")]
    assert files
    for p in files:
        text = decode_html(p.read_bytes()).text
        assert "\ufffd" not in text, p
        assert sum("가" <= c <= "힣" for c in text) > 20, p


def test_real_page_declaring_euc_kr_in_utf8():
    page = shared_path("external", "korean-pages", "daejonilbo", "htmldate_1538026996.html")
    doc = extract_document(page.read_bytes())
    assert "코로나19" in doc.title and doc.charset == "utf-8"


def test_hex_entity_hangul_blog_is_read():
    page = shared_path("external", "korean-pages", "naver-blog", "postlight_1675688085042.html")
    doc = extract_document(page.read_bytes())
    assert "우유" in doc.title and sum("가" <= c <= "힣" for c in doc.text) > 200


def test_gzipped_page_is_read():
    page = KOREAN.format(meta='<meta charset="utf-8">').replace("<p>", "<article><p>" + "특허 이야기. " * 10)
    doc = extract_document(gzip.compress(page.replace("</p>", "</p></article>").encode("utf-8")))
    assert "5천712건" in doc.text and doc.charset == "utf-8"


@pytest.mark.parametrize("text, iso", [
    ("입력 2024.02.23 (17:22) 수정 2024.02.23 (17:28)", "2024-02-23T17:22:00+09:00"),
    ("[2024-01-15, 08:36:24]", "2024-01-15T08:36:24+09:00"),
    ("2025.01.02 21:53:41", "2025-01-02T21:53:41+09:00"),
    ("2024년 2월 23일", "2024-02-23"),
    ("기사입력 2024년 12월 31일 오후 5:22", "2024-12-31T17:22:00+09:00"),
    ("2024-02-23T08:22:00Z", "2024-02-23T17:22:00+09:00"),          # on the publishers' clock
    ("2024-02-23T08:22:00+01:00", "2024-02-23T16:22:00+09:00"),
    ("입력 :2020/04/21 09:15", "2020-04-21T09:15:00+09:00"),
    ("등록일 2024-05-22 오전 12:05", "2024-05-22T00:05:00+09:00"),
    ("작성일 : 2023.03.02 10:42", "2023-03-02T10:42:00+09:00"),
])
def test_korean_date_forms(text, iso):
    assert (labelled_date(text) or parse_datetime(text)) == iso


@pytest.mark.parametrize("found, page, iso", [
    ("2023-03-02", "조회 211 2023-03-02 10:42:13 댓글 2023-03-02 10:47:31", "2023-03-02T10:42:13+09:00"),
    ("2023-03-02", "목록 2023-03-01 09:00 본문", "2023-03-02T00:00:00+09:00"),     # another day's time
    ("2024-05-22", "등록일 2024-05-22 조회수 1,356", "2024-05-22T00:00:00+09:00"),
    ("2024-05-22T08:00:00+09:00", "2024-05-22 10:00", "2024-05-22T08:00:00+09:00"),
])
def test_a_bare_date_takes_the_time_the_page_shows_beside_it_else_midnight_korean_time(found, page, iso):
    assert refine_time(found, page) == iso


def test_impossible_dates_are_not_dates():
    assert parse_datetime("2024.13.45") is None


def test_dates_from_data_attributes_and_json_ld():
    html = ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-05-01T10:00:00+09:00"}'
            '</script></head><body><article><p>' + "본문입니다. " * 20 + "</p></article></body></html>")
    assert extract_document(html.encode()).published == "2023-05-01T10:00:00+09:00"
    html2 = '<html><body><span data-date-time="2022-03-04 05:06:07">x</span><p>' + "본문. " * 30 + "</p></body></html>"
    assert extract_document(html2.encode()).published == "2022-03-04T05:06:07+09:00"


def test_real_pages_dates_match_their_json_ld_or_meta():
    page = shared_path("external", "korean-pages", "kbs", "test_article_1.html")
    assert extract_document(page.read_bytes()).published.startswith("2023-04-07")
