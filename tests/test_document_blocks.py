"""The document the claims engine reads: the article as typed blocks, on both extraction paths.

A block is a heading, paragraph, list item, table row, caption or quote. ``Document.text`` is the
blocks' texts joined by newlines, and every block knows where it sits in it. Items of one list
and rows of one table share a group; a row keeps its cells, and ``header`` marks a row of header
cells. Clutter inside the article's container (related articles, 이전글/다음글, a blog's other
posts, comments, surveys) is gone before the blocks are read.
"""
from __future__ import annotations

from patclaims.extractors.document import extract_document

PARAGRAPHS = [
    "세계지식재산기구(WIPO)는 지난해 전 세계 국제특허(PCT) 출원이 27만3900건으로 집계됐다고 밝혔다.",
    "나라별로는 중국이 7만160건으로 1위를 지켰고, 미국과 일본이 뒤를 이었다. 한국은 2만3851건으로 4위였다.",
    "기업별로는 화웨이가 6600건으로 가장 많았고 삼성전자가 4640건으로 2위에 올랐다.",
    "특허청 관계자는 “중소기업 PCT 출원 수수료 감면(최대 70%) 지원을 이어가겠다”고 말했다.",
]
RANKING = """<table><thead><tr><th>순위</th><th>국가</th><th>출원 건수</th></tr></thead><tbody>
<tr><td>1</td><td><a href="/tag/china">중국</a></td><td>70,160</td></tr>
<tr><td>2</td><td><a href="/tag/us">미국</a></td><td>54,087</td></tr>
<tr><td>3</td><td><a href="/tag/jp">일본</a></td><td>48,397</td></tr></tbody></table>"""
RELATED = """<div class="box"><h3>관련기사</h3><ul>
<li><a href="/a/1">中 화웨이, PCT 특허 6600건…7년째 세계 1위</a> 2025.03.17</li>
<li><a href="/a/2">삼성전자 美 특허 6377건…3년 연속 1위</a> 2025.01.15</li>
<li><a href="/a/3">LG엔솔 배터리 특허 1만366건 ‘세계 최다’</a> 2024.10.29</li></ul></div>"""
OTHER_POSTS = """<div class="another"><h4>'<a href="/category/ip">IP 공부</a>' 카테고리의 다른 글</h4><table>
<tr><th><a href="/224">[IP 공부] PCT 출원 순위 2024… 한국 5년 연속 4위</a> (0)</th><td>2025.03.20</td></tr>
<tr><th><a href="/219">[IP 공부] 美 특허 등록 톱10 정리 - 삼성 6,377건</a> (2)</th><td>2025.01.16</td></tr>
</table></div>"""
PREV_NEXT = """<ul class="page_nav"><li><span>이전글</span><a href="/232">특허 검색 API로 출원 건수 10만 건 긁어 본 후기</a></li>
<li><span>다음글</span><a href="/230">배터리 특허 순위: LG엔솔 1만 1천 건의 의미</a></li></ul>"""
SURVEY = """<div class="satisfy"><p>이 페이지에서 제공하는 정보에 만족하십니까?</p>
<label><input type="radio" name="sat" value="5"> 매우만족</label><label><input type="radio" name="sat" value="3"> 보통</label>
<label><input type="radio" name="sat" value="1"> 불만</label><button>확인</button></div>"""
COMMENTS = """<div class="area-reply"><h3>댓글 2</h3><ul><li><strong>지나가던변리사</strong>
<p>370만 건이면 하루에 1만 건 넘게 출원되는 거네요</p></li></ul></div>"""
CLUTTER = ("中 화웨이, PCT 특허 6600건", "카테고리의 다른 글", "美 특허 등록 톱10 정리", "특허 검색 API로",
           "배터리 특허 순위", "만족하십니까", "370만 건이면", "관련기사")


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title>{head}</head><body>{body}</body></html>".encode()


def article(inner: str) -> bytes:
    """A news page for the generic path: a menu, the article, a footer."""
    menu = "<nav><ul>" + "".join(f"<li><a href='/s/{i}'>섹션{i}</a></li>" for i in range(8)) + "</ul></nav>"
    return page(f"{menu}<main><article><h1>한국 국제특허 출원 세계 4위</h1>{inner}</article></main>"
                "<footer><p>Copyright © 뉴스. 무단 전재 및 재배포 금지</p></footer>")


def naver(inner: str) -> bytes:
    """A Naver News page: the site rule reads the body in #dic_area."""
    return page(f"<h2 class='media_end_head_headline'>한국 국제특허 출원 세계 4위</h2><div id='dic_area'>{inner}</div>")


def paragraphs(tag: str = "p") -> str:
    return "".join(f"<{tag}>{p}</{tag}>" for p in PARAGRAPHS)


def assert_offsets(doc) -> None:
    assert doc.text == "\n".join(b.text for b in doc.blocks)
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text


def test_generic_path_reads_headings_paragraphs_items_and_table_rows():
    doc = extract_document(article(
        "<h2>나라별 출원</h2>" + paragraphs() + "<ul><li>중국 7만160건</li><li>미국 5만4087건</li></ul>"
        + RANKING + "<blockquote><p>“해외 권리 확보에 적극 나선 결과”</p></blockquote>"))
    assert doc.extraction == "generic"
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("heading", "나라별 출원") in kinds and ("paragraph", PARAGRAPHS[1]) in kinds
    items = [b for b in doc.blocks if b.kind == "item"]
    assert [b.text for b in items] == ["중국 7만160건", "미국 5만4087건"] and items[0].group == items[1].group
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert [r.cells for r in rows] == [("순위", "국가", "출원 건수"), ("1", "중국", "70,160"),
                                       ("2", "미국", "54,087"), ("3", "일본", "48,397")]
    assert [r.header for r in rows] == [True, False, False, False]
    assert rows[1].text == "1 | 중국 | 70,160"
    assert len({r.group for r in rows}) == 1 and rows[0].group != items[0].group
    assert ("quote", "“해외 권리 확보에 적극 나선 결과”") in kinds
    assert_offsets(doc)


def test_site_rule_path_reads_the_same_kinds_from_the_body_element():
    doc = extract_document(naver(
        "<h3>나라별 출원</h3>" + "<br><br>".join(PARAGRAPHS)
        + "<figure><img src='c.png'><figcaption>[그래픽] 국가별 출원 비중 — 중국 38.2%, 한국 31.5%</figcaption></figure>"
        + "<ol><li>화웨이 6600건</li><li>삼성전자 4640건</li></ol>" + RANKING))
    assert doc.extraction == "site:naver-news"
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[:3] == [("heading", "나라별 출원"), ("paragraph", PARAGRAPHS[0]), ("paragraph", PARAGRAPHS[1])]
    assert ("caption", "[그래픽] 국가별 출원 비중 — 중국 38.2%, 한국 31.5%") in kinds
    assert [b.text for b in doc.blocks if b.kind == "item"] == ["화웨이 6600건", "삼성전자 4640건"]
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert rows[0].header and rows[0].cells == ("순위", "국가", "출원 건수") and rows[3].text == "3 | 일본 | 48,397"
    assert_offsets(doc)


def test_chart_captions_are_kept_and_photo_captions_go_on_the_generic_path():
    doc = extract_document(article(
        paragraphs()
        + "<figure><img src='c.png'><figcaption>[그래픽] OLED 특허 점유율 — 중국 38.2%, 한국 31.5%. 자료: 특허청</figcaption></figure>"
        + "<figure><img src='p.jpg'><figcaption>삼성전자 서초사옥 전경 2024.3.1 [사진=삼성전자]</figcaption></figure>"))
    captions = [b.text for b in doc.blocks if b.kind == "caption"]
    assert captions == ["[그래픽] OLED 특허 점유율 — 중국 38.2%, 한국 31.5%. 자료: 특허청"]


def test_link_lists_inside_the_article_container_are_dropped_on_the_generic_path():
    doc = extract_document(article(paragraphs() + RELATED + OTHER_POSTS + PREV_NEXT + SURVEY + COMMENTS))
    assert all(p in doc.text for p in PARAGRAPHS)
    for clutter in CLUTTER:
        assert clutter not in doc.text


def test_link_lists_inside_the_body_element_are_dropped_on_the_site_rule_path():
    doc = extract_document(naver("<br>".join(PARAGRAPHS[:2]) + RELATED + "<br>".join(PARAGRAPHS[2:])
                                 + OTHER_POSTS + PREV_NEXT + SURVEY + COMMENTS))
    assert doc.extraction == "site:naver-news"
    assert all(p in doc.text for p in PARAGRAPHS)
    for clutter in CLUTTER:
        assert clutter not in doc.text


def test_a_ranking_table_whose_names_are_links_is_the_article_not_a_link_list():
    for doc in (extract_document(article(paragraphs() + RANKING)), extract_document(naver(paragraphs() + RANKING))):
        assert [b.text for b in doc.blocks if b.kind == "row"][1:] == ["1 | 중국 | 70,160", "2 | 미국 | 54,087",
                                                                      "3 | 일본 | 48,397"]


def test_a_layout_table_is_read_as_boxes_not_rows():
    body = ("<table><tr><td><table><tr><td>홈 &gt; 경제</td></tr></table></td></tr>"
            "<tr><td>" + "<br><br>".join(PARAGRAPHS) + "</td><td><b>많이 본 뉴스</b><br>"
            + "<br>".join(f"{i}. <a href='/n/{i}'>다른 기사 제목 {i}번째 이야기</a>" for i in range(1, 6))
            + "</td></tr></table>")
    doc = extract_document(page(body))
    assert not [b for b in doc.blocks if b.kind == "row"]
    assert PARAGRAPHS[2] in doc.text and "다른 기사 제목" not in doc.text


def test_characters_inside_kept_text_are_never_edited():
    inner = ("<p>(서울=연합뉴스) 홍길동 기자 = 출원은 38,000건, 1만2천~1만3천 건, 6천1백42건, 12.5%였다. 전년 대비 늘었다.</p>"
             + paragraphs() + "<p>홍길동 기자 hong@yna.co.kr</p>")
    for doc in (extract_document(article(inner)), extract_document(naver(inner))):
        first = next(b.text for b in doc.blocks if "38,000" in b.text)
        assert first == "출원은 38,000건, 1만2천~1만3천 건, 6천1백42건, 12.5%였다. 전년 대비 늘었다."
        assert "hong@yna.co.kr" not in doc.text


def test_a_paragraph_the_page_renders_twice_is_kept_once():
    doc = extract_document(naver(paragraphs() + paragraphs("div")))
    assert [b.text for b in doc.blocks] == PARAGRAPHS


def test_a_story_kept_in_a_script_is_read_when_the_page_has_no_rendered_body():
    story = {"content_elements": [
        {"type": "text", "content": PARAGRAPHS[0]},
        {"type": "header", "content": "나라별 출원"},
        {"type": "text", "content": f"<b>{PARAGRAPHS[1]}</b>"},
        {"type": "list", "items": [{"type": "text", "content": "중국 7만160건"}, {"type": "text", "content": "미국 5만4087건"}]},
        {"type": "table", "header": [{"type": "text", "content": "순위"}, {"type": "text", "content": "국가"}],
         "rows": [[{"type": "text", "content": "1"}, {"type": "text", "content": "중국"}]]},
        {"type": "image", "caption": "[그래픽] PCT 출원 상위 5개국(2024년)"},
        {"type": "raw_html", "content": "<div class='ad'>광고</div>"},
    ]}
    import json
    script = f"<script>window.Fusion=window.Fusion||{{}};Fusion.globalContent={json.dumps(story, ensure_ascii=False)};Fusion.x=1;</script>"
    doc = extract_document(page("<div id='fusion-app'></div>" + script,
                                head="<meta property='og:site_name' content='조선일보'>"))
    assert doc.extraction == "site:chosun"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", PARAGRAPHS[0]), ("heading", "나라별 출원"), ("paragraph", PARAGRAPHS[1]),
        ("item", "중국 7만160건"), ("item", "미국 5만4087건"), ("row", "순위 | 국가"), ("row", "1 | 중국"),
        ("caption", "[그래픽] PCT 출원 상위 5개국(2024년)")]
    assert doc.blocks[5].header and not doc.blocks[6].header and doc.blocks[3].group != doc.blocks[5].group
    assert_offsets(doc)
