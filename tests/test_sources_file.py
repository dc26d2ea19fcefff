"""The sources file: every URL checked, every key used or refused, per-source timeout and user_agent honoured."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from patclaims.cli import main

from .crawlsite import article
from .hostile import documents, no_traceback, table
from .webserver import Host

GOOD_FEED = "https://example.com/rss.xml"


def crawl(sources: str, db_url: str, *args):
    result = CliRunner().invoke(main, ["crawl", "--sources", sources, "--db", db_url, "-q", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert no_traceback(result.stderr)
    return result


BAD = {
    "ftp feed": ('[[sources]]\nname = "news"\nfeeds = ["ftp://example.com/rss.xml"]\n',
                 "source #1 (news): feeds: 'ftp://example.com/rss.xml' is not an http(s) URL with a host; "
                 "give URLs like https://example.com/rss.xml"),
    "not a url": (f'[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\nsitemaps = ["not a url"]\n',
                  "source #1 (news): sitemaps: 'not a url' is not an http(s) URL with a host; "
                  "give URLs like https://example.com/rss.xml"),
    "no host": ('[[sources]]\nname = "board"\nstart_urls = ["https:///lists"]\nfollow = ["view"]\n',
                "source #1 (board): start_urls: 'https:///lists' is not an http(s) URL with a host; "
                "give URLs like https://example.com/rss.xml"),
    "bad port": ('[[sources]]\nname = "news"\nfeeds = ["http://example.com:http/rss"]\n',
                 "source #1 (news): feeds: 'http://example.com:http/rss' is not an http(s) URL with a host; "
                 "give URLs like https://example.com/rss.xml"),
    "unknown source key": (f'[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\nuseragent = "x"\n',
                           "source #1 (news): unknown key(s) useragent"),
    "unknown default key": (f'[defaults]\ntimout = 5\n[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\n',
                            "[defaults] unknown key(s) timout"),
    "unknown table": (f'[default]\ndelay = 5\n[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\n',
                      "unknown key(s) default; the file holds [defaults] and [[sources]]"),
    "zero timeout": (f'[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\ntimeout = 0\n',
                     "source #1 (news): timeout must be a number above 0"),
    "empty user_agent": (f'[defaults]\nuser_agent = " "\n[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\n',
                         "[defaults]: user_agent must be a non-empty string"),
    "fractional retries": (f'[defaults]\nretries = 1.5\n[[sources]]\nname = "news"\nfeeds = ["{GOOD_FEED}"]\n',
                           "[defaults]: retries must be a whole number at least 0"),
    "source not a table": ('sources = ["news"]\n', "source #1 must be a table: [[sources]]"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_sources_file_is_one_line_naming_the_source_and_the_key(case, tmp_path):
    body, message = BAD[case]
    path = tmp_path / "sources.toml"
    path.write_text(body, "utf-8")
    db = tmp_path / "c.db"
    result = crawl(str(path), f"sqlite:///{db}")
    assert result.exit_code == 1
    assert result.stderr == f"patclaims: {path}: {message}\n"
    assert result.stdout == "" and not db.exists()                     # refused before the database is opened


def test_each_source_is_fetched_with_its_own_timeout_and_user_agent(tmp_path, db_url):
    quick, patient = Host("127.0.0.2"), Host("127.0.0.3")
    try:
        for h in (quick, patient):
            h.add("/slow", article(h.url("/slow"), "특허", "삼성전자는 지난해 특허 5천712건을 출원했다."), delay=1.5)
            h.add("/rss.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><item><link>{h.url("/slow")}'
                              '</link></item></channel></rss>', content_type="application/rss+xml")
        path = tmp_path / "sources.toml"
        path.write_text(f"""[defaults]
delay = 0.05
timeout = 5
retries = 0
user_agent = "patclaims-default/1"

[[sources]]
name = "quick"
feeds = ["{quick.url('/rss.xml')}"]
timeout = 0.5
user_agent = "quick-agent/2"

[[sources]]
name = "patient"
feeds = ["{patient.url('/rss.xml')}"]
""", "utf-8")
        result = crawl(str(path), db_url)
        assert result.exit_code == 0, result.output
        assert {h.headers["User-Agent"] for h in quick.hits} == {"quick-agent/2"}           # robots.txt too
        assert {h.headers["User-Agent"] for h in patient.hits} == {"patclaims-default/1"}
        assert {url for url, _, _ in documents(db_url)} == {patient.url("/slow")}           # 1.5 s < 5 s
        assert table(db_url, "SELECT error FROM fetch_events WHERE url = :u", u=quick.url("/slow")) == [
            (f"{quick.url('/slow')}: timed out after 0.5 s (127.0.0.2:{quick.port} did not answer in full in time)",)]
    finally:
        quick.stop()
        patient.stop()
