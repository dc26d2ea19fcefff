"""The test web of Korean sources: feeds, sitemaps, a gallery list, articles, and every failure."""
from __future__ import annotations

import gzip
from dataclasses import dataclass

from .webserver import Host, gzip_bomb

ARTICLE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | 테스트뉴스</title>
<meta property="og:site_name" content="테스트뉴스"><link rel="canonical" href="{url}">
<meta property="article:published_time" content="{date}T09:00:00+09:00"></head>
<body><div class="nav"><a href="/">홈</a></div><article><h1>{title}</h1>
<p>{lead}</p><p>업계에서는 특허 경쟁이 더욱 치열해질 것으로 내다봤다. 관계자는 기술 확보가 핵심이라고 말했다.</p>
<p>이 밖에도 여러 기업이 연구개발 투자를 늘리고 있다.</p></article>
<div class="most"><h3>많이 본 뉴스</h3><ol><li>코스피 2,650 회복</li></ol></div></body></html>"""


def article(url: str, title: str, lead: str, date: str = "2024-03-01", charset: str = "utf-8") -> bytes:
    html = ARTICLE.format(url=url, title=title, lead=lead, date=date, charset=charset)
    return html.encode("cp949" if charset == "euc-kr" else "utf-8")


@dataclass
class Web:
    news: Host       # RSS + Atom feeds, articles, redirects, 429/503
    wire: Host       # sitemap index -> news sitemap (.xml.gz), articles, one EUC-KR
    board: Host      # gallery list with pagination, robots.txt Disallow + Crawl-delay
    bad: Host        # slow, oversized, gzip bomb, redirect loop, 404, non-HTML

    def stop(self):
        for h in (self.news, self.wire, self.board, self.bad):
            h.stop()

    def sources(self, delay: float = 0.05, extra: str = "", skip: tuple = ()) -> str:
        """The sources file for this web; ``skip`` leaves out sources by name."""
        head, *parts = self._sources(delay, extra).split("\n[[sources]]\n")
        kept = [p for p in parts if not any(p.startswith(f'name = "{name}"') for name in skip)]
        return "\n[[sources]]\n".join([head, *kept])

    def _sources(self, delay: float, extra: str) -> str:
        return f"""
[defaults]
delay = {delay}
timeout = 2
retries = 2
max_bytes = 1000000
user_agent = "patclaims-test/1.0"

[[sources]]
name = "news"
feeds = ["{self.news.url('/rss.xml')}", "{self.news.url('/atom.xml')}"]

[[sources]]
name = "wire"
sitemaps = ["{self.wire.url('/sitemap.xml')}"]

[[sources]]
name = "board"
start_urls = ["{self.board.url('/board/lists/?id=patent')}"]
follow = ['/board/view/\\?id=patent&no=\\d+']
strip_params = ["page"]
max_depth = 1

[[sources]]
name = "bad"
feeds = ["{self.bad.url('/feed.xml')}"]
{extra}
"""


def build(ips=("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")) -> Web:
    news, wire, board, bad = (Host(ip) for ip in ips)
    web = Web(news, wire, board, bad)

    # news: RSS and Atom, a redirect, a 429 and a 503 that recover, an article that is always 503
    a1, a2, a3, a4 = (news.url(f"/news/{i}") for i in (1, 2, 3, 4))
    news.add("/news/1", article(a1, "삼성전자 특허 출원", "삼성전자는 지난해 특허 5천712건을 출원했다."))
    news.add("/news/2", article(a2, "중국 AI 특허", "중국은 AI 특허 출원에서 세계 1위를 차지했다."),
             sequence=[(429, {"Retry-After": "1"})])
    news.add("/news/3", article(a3, "화웨이 PCT", "화웨이가 신청한 PCT 특허는 7689건이다."),
             sequence=[(503, {"Retry-After": "1"})])
    news.add("/news/moved", status=301, headers={"Location": a4})
    news.add("/news/4", article(a4, "LG전자 특허", "LG전자는 특허 2천299건을 등록했다."))
    news.add("/news/down", status=503, headers={"Retry-After": "0"})
    news.add("/rss.xml", f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>1</title><link>{a1}?utm_source=rss</link><pubDate>Fri, 01 Mar 2024 09:00:00 +0900</pubDate></item>
<item><title>2</title><link>{a2}</link><pubDate>Fri, 01 Mar 2024 10:00:00 +0900</pubDate></item>
<item><title>3</title><link>{news.url('/news/down')}</link></item>
</channel></rss>""", content_type="application/rss+xml; charset=utf-8", etag='"rss-v1"')
    news.add("/atom.xml", f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>3</title><link href="{a3}"/><updated>2024-03-02T09:00:00+09:00</updated></entry>
<entry><title>4</title><link href="{news.url('/news/moved')}"/><updated>2024-03-02T10:00:00+09:00</updated></entry>
</feed>""", content_type="application/atom+xml", etag='"atom-v1"')

    # wire: sitemap index -> news sitemap (gzipped), one old entry for --since, one EUC-KR article
    w1, w2, w_old = wire.url("/a/100"), wire.url("/a/101"), wire.url("/a/1")
    wire.add("/a/100", article(w1, "특허청 통계", "특허청에 따르면 국내 이차전지 특허 출원은 1만 2천여 건이다.",
                               charset="euc-kr"), content_type="text/html; charset=euc-kr")
    wire.add("/a/101", article(w2, "바이두 특허", "바이두가 5천712건으로 1위를 차지했다."))
    wire.add("/a/1", article(w_old, "옛 기사", "일본은 특허 3천 건을 출원했다.", date="2019-01-01"))
    wire.add("/sitemap.xml", f"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{wire.url('/news-sitemap.xml.gz')}</loc></sitemap></sitemapindex>""", content_type="application/xml")
    wire.add("/news-sitemap.xml.gz", gzip.compress(f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{w1}</loc><news:news><news:publication_date>2024-03-05T09:00:00+09:00</news:publication_date></news:news></url>
<url><loc>{w2}</loc><lastmod>2024-03-06</lastmod></url>
<url><loc>{w_old}</loc><lastmod>2019-01-01</lastmod></url>
</urlset>""".encode()), content_type="application/x-gzip")

    # board: a gallery list and its page 2; robots.txt disallows /board/view/?id=patent&no=13
    def post(no):
        return board.url(f"/board/view/?id=patent&no={no}")
    for no, lead in ((11, "한국은 특허 출원 8%를 차지했다."), (12, "퀄컴은 특허 3855건을 보유했다."),
                     (13, "비밀 글: 특허 999건"), (14, "텐센트는 특허 4115건을 출원했다.")):
        board.add(f"/board/view/?id=patent&no={no}", article(post(no), f"글 {no}", lead))
    rows = "".join(f'<tr><td class="gall_num">{n}</td><td><a href="/board/view/?id=patent&no={n}&page=1">글 {n}</a></td>'
                   f'<td>01.16</td><td>41</td></tr>' for n in (11, 12, 13))
    board.add("/board/lists/?id=patent", f"""<html><body><table class="gall_list">{rows}</table>
<div class="paging"><a href="/board/lists/?id=patent&page=2">2</a><a href="javascript:;">다음</a></div></body></html>""")
    board.add("/board/lists/?id=patent&page=2", """<html><body><table class="gall_list">
<tr><td><a href="/board/view/?id=patent&no=14&page=2">글 14</a></td></tr></table>
<a href="/board/lists/?id=patent&page=3">3</a></body></html>""")
    board.add("/board/lists/?id=patent&page=3", "<html><body>too deep</body></html>")
    board.add("/robots.txt", "User-agent: *\nDisallow: /board/view/?id=patent&no=13\nCrawl-delay: 0.3\n",
              content_type="text/plain")

    # bad: every failure a crawl must survive
    bad.add("/slow", article(bad.url("/slow"), "느린 글", "특허 1건"), delay=4)
    bad.add("/huge", stream_bytes=3_000_000)
    bad.add("/bomb", gzip_bomb(), headers={"Content-Encoding": "gzip"})
    bad.add("/loop-a", status=302, headers={"Location": bad.url("/loop-b")})
    bad.add("/loop-b", status=302, headers={"Location": bad.url("/loop-a")})
    bad.add("/image", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    bad.add("/empty", b"")                                   # fetched fine, nothing to extract
    links = "".join(f"<item><link>{bad.url(p)}</link></item>"
                    for p in ("/slow", "/huge", "/bomb", "/loop-a", "/image", "/gone", "/empty"))
    bad.add("/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel>{links}</channel></rss>',
            content_type="application/rss+xml")
    return web
