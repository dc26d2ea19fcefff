"""The document around the figures: its title, subheads, tables, paragraphs and repeats
(claims.md, Conventions: Patent topic, Repeats, Ranks from a table's 순위 column)."""
from __future__ import annotations

from patclaims.extractors.claims import extract_claims
from patclaims.extractors.records import Block, Document, join_blocks


def doc(title, blocks, published="2024-06-01"):
    text, placed = join_blocks(blocks)
    return Document(text=text, title=title, published=published, blocks=placed)


def p(text):
    return Block("paragraph", text)


def rows(*cells, group=7, header=True):
    out = [Block("row", " | ".join(cells[0]), group=group, cells=tuple(cells[0]), header=header)]
    out += [Block("row", " | ".join(c), group=group, cells=tuple(c)) for c in cells[1:]]
    return out


def found(d):
    return [(c.subject_id, c.measure, c.value) for c in extract_claims(d)]


def test_a_paragraph_about_patent_statistics_makes_its_figures_claims():
    d = doc("반도체 특허 출원 동향", [
        p("특허청은 지난해 반도체 특허 출원 동향을 분석해 발표했다."),
        p("출원인별로는 삼성전자가 4,000건으로 가장 많았다. SK하이닉스는 1,500건이었다.")])
    assert found(d) == [("samsung", "count", 4000), ("sk-hynix", "count", 1500)]


def test_an_article_about_something_else_keeps_only_its_patent_sentences():
    d = doc("반도체 수출 감소 폭 줄었다", [
        p("지난달 반도체 수출액은 86억 달러로 20.6% 줄었다. SK하이닉스의 시장 점유율은 53%다."),
        p("특허청에 따르면 상반기 국내 반도체 특허 출원은 6,580건으로 15.5% 늘었다.")])
    assert found(d) == [("KR", "count", 6580), ("KR", "growth", 15.5)]


def test_what_a_figure_counts_decides():
    d = doc("특허 통계", [p("상표 출원은 25만 건으로 16.7% 늘었다. 특허 소송도 12건 제기됐다."
                         " 관련 논문은 7만 편이 나왔다. 기업에 이전한 기술은 1,540건이다.")])
    assert found(d) == []


def test_a_headline_figure_repeated_in_the_body_is_one_claim():
    d = doc("삼성전자, 美 특허 6377건 3년 연속 1위", [
        p("삼성전자는 지난해 미국 특허 6377건을 등록해 1위에 올랐다.")], "2025-01-15")
    claims = extract_claims(d)
    assert [(c.subject_id, c.measure, c.value, c.part) for c in claims] == [
        ("samsung", "count", 6377, "text"), ("samsung", "rank", 1, "text")]


def test_a_rank_only_in_the_headline_is_a_claim_of_the_article_s_period():
    d = doc("특허출원 22만건 사상 최대…삼성·LG전자 1·2위", [
        p("특허청은 작년(2020년) 특허출원이 22만 6,759건이라고 밝혔다."),
        p("삼성전자는 2016년부터 5년 연속 1위를 지켰다.")], "2021-01-19")
    claims = {(c.subject_id, c.measure, c.value): c for c in extract_claims(d)}
    lg = claims[("lg-electronics", "rank", 2)]
    assert (lg.part, lg.year_from, lg.year_to) == ("title", 2020, 2020)
    assert (claims[("samsung", "rank", 1)].year_from, claims[("samsung", "rank", 1)].part) == (2016, "text")


def test_a_table_s_rank_column_gives_ranks_and_its_other_columns_counts_and_shares():
    d = doc("양자컴퓨팅 특허", [
        p("양자컴퓨팅 국가별 특허출원 현황(2014~2023년)"),
        *rows(("순위", "국가", "출원 건수", "비중(%)"), ("1", "미국", "4,187", "45.7"), ("2", "중국", "2,279", "24.9"))])
    claims = extract_claims(d)
    assert [(c.subject_id, c.measure, c.value, c.year_from, c.year_to) for c in claims] == [
        ("US", "rank", 1, 2014, 2023), ("US", "count", 4187, 2014, 2023), ("US", "share", 45.7, 2014, 2023),
        ("CN", "rank", 2, 2014, 2023), ("CN", "count", 2279, 2014, 2023), ("CN", "share", 24.9, 2014, 2023)]


def test_a_table_row_repeating_the_body_adds_nothing():
    d = doc("패키징 특허", [
        p("기업별로는 삼성전자가 1847건(21.3%)으로 1위였다."),
        *rows(("순위", "기업", "출원 건수", "점유율"), ("1", "삼성전자", "1,847", "21.3"))])
    assert found(d) == [("samsung", "count", 1847), ("samsung", "share", 21.3), ("samsung", "rank", 1)]


def test_two_figures_with_one_value_but_two_periods_are_two_claims():
    d = doc("특허", [p("한국은 2022년 특허 300건, 2023년 300건을 출원했다.")])
    assert [(c.value, c.year_from) for c in extract_claims(d)] == [(300, 2022), (300, 2023)]


def test_filed_first_and_granted_first_are_two_claims():
    d = doc("특허", [p("삼성전자는 특허 출원 1위였다. 등록 건수로 보면 삼성전자가 1위를 차지했다.")])
    assert [(c.subject_id, c.value, c.activity) for c in extract_claims(d)] == [
        ("samsung", 1, "applications"), ("samsung", 1, "grants")]


def test_claim_offsets_point_into_the_document_text():
    d = doc("특허", [p("머리말이다."), p("중국은 특허 3만8,210건을 출원했다.")])
    c = extract_claims(d)[0]
    assert d.text[c.start:c.end] == c.text == "3만8,210건"
