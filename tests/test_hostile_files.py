"""Hostile saved pages given to `extract`, `ingest` and `reextract`: bombs, huge pages, damaged bytes, no text.

Each case checks the exact line a user reads, the exit status, that no traceback is printed, and
what the database holds afterwards: what it held before plus what succeeded. Memory-bound cases run
the command in a process of its own under an address-space limit (tests/hostile.py).
"""
from __future__ import annotations

import gzip
import json
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from patclaims.cli import main
from patclaims.pipeline import process_file
from patclaims.storage.db import Database

from .conftest import FIXTURES
from .crawlsite import article
from .hostile import LIMIT, documents, gzip_bomb, ingested, no_traceback, run_limited

GOOD = FIXTURES / "pages" / "003_6a260239c4aa4a2e.html"
CAP = "5,242,880"
HINT = "raise the cap with --max-bytes or PATCLAIMS_MAX_BYTES if the page is real"
LEAD = "삼성전자는 지난해 특허 5천712건을 출원했다."


def cli(*args, env=None):
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert no_traceback(result.stderr)
    return result


def page(tmp_path, name: str, html: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return str(path)


@pytest.fixture
def bomb(tmp_path):
    return page(tmp_path, "bomb.html.gz", gzip_bomb())


def test_a_gzip_bomb_given_to_extract_is_cut_under_a_memory_limit(bomb):
    run = run_limited("extract", str(GOOD), bomb)
    assert run.returncode == 1
    assert run.lines == [f"patclaims: {bomb}: gzip data inflates past the {CAP}-byte cap; skipped ({HINT})"]
    assert json.loads(run.stdout)["path"] == str(GOOD)                  # the good page still printed
    assert run.max_rss < LIMIT / 2, run.max_rss                        # inflating it whole would need 1.2 GB


def test_a_gzip_bomb_given_to_ingest_stores_nothing_of_it(bomb, db_url, tmp_path):
    cli("ingest", str(GOOD), "--db", db_url)
    before = documents(db_url)
    other = page(tmp_path, "other.html", article("https://news.example/7", "LG 특허", LEAD))
    run = run_limited("ingest", other, bomb, "--db", db_url)
    assert run.returncode == 1 and no_traceback(run.stderr)
    claims = len(process_file(other).claims)
    assert run.lines == [f"patclaims: {bomb}: gzip data inflates past the {CAP}-byte cap; skipped ({HINT})",
                         ingested(2, new=1, failed=1, claims=claims)]
    assert re.fullmatch(r"new +document +\d+ +\d+ claims  " + re.escape(other) + "\n", run.stdout)
    assert documents(db_url) == before | {("https://news.example/7", 1, claims)}
    assert run.max_rss < LIMIT / 2


def test_reextract_meets_a_stored_gzip_bomb_and_keeps_the_document_as_it_was(db_url, tmp_path):
    victim = page(tmp_path, "victim.html", article("https://news.example/8", "특허", LEAD))
    cli("ingest", str(GOOD), victim, "--db", db_url)
    db = Database(db_url)
    with db.engine.begin() as c:                      # a raw page stored by an earlier release: the bomb file
        doc_id = c.execute(text("SELECT id FROM documents WHERE url_key = 'https://news.example/8'")).scalar()
        c.execute(text("UPDATE documents SET raw_gzip = :raw WHERE id = :id"),
                  {"raw": gzip.compress(gzip_bomb()), "id": doc_id})
    db.dispose()
    before = documents(db_url)
    run = run_limited("reextract", "--quiet", "--db", db_url)
    assert run.returncode == 1 and no_traceback(run.stderr)
    assert run.lines == [f"patclaims: document {doc_id}: https://news.example/8: gzip data inflates past the "
                         f"{CAP}-byte cap; skipped ({HINT})"]
    assert run.stdout == "re-extracted 2 documents: 0 changed, 0 claims added, 0 superseded, 1 failed\n"
    assert documents(db_url) == before
    assert run.max_rss < LIMIT / 2


def test_a_50_mb_page_is_refused_at_once_without_being_read(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as f:
        f.write(b"<html><body>")
        for _ in range(50):
            f.write(b"<p>" + "특허 ".encode() * 149_000 + b"</p>")          # 50 MB of real HTML
        f.write(b"</body></html>")
    size = big.stat().st_size
    run = run_limited("extract", str(big), timeout=60)
    assert run.returncode == 1 and run.stdout == ""
    assert run.lines == [f"patclaims: {big}: {size:,} bytes, over the {CAP}-byte cap; skipped ({HINT})"]
    assert run.max_rss < 200 * 2**20                   # never read: the size is known before a byte is


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_page_cap_is_set_by_option_or_environment(tmp_path, how):
    path = page(tmp_path, "p.html", article("https://news.example/9", "특허", LEAD + " 설명 " * 20_000))
    size = len(open(path, "rb").read())
    assert cli("extract", path).exit_code == 0                            # under the default cap
    args, env = (["--max-bytes", "100000"], None) if how == "option" else ([], {"PATCLAIMS_MAX_BYTES": "100000"})
    result = cli("extract", path, *args, env=env)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"patclaims: {path}: {size:,} bytes, over the 100,000-byte cap; skipped "
                             f"({HINT})\n")


def test_a_gzip_page_over_the_cap_but_small_on_disk_is_refused_by_what_it_inflates_to(tmp_path):
    html = article("https://news.example/10", "특허", LEAD + " 설명 " * 40_000)
    path = page(tmp_path, "p.html.gz", gzip.compress(html))
    result = cli("extract", path, "--max-bytes", "200000")
    assert result.exit_code == 1
    assert result.stderr == f"patclaims: {path}: gzip data inflates past the 200,000-byte cap; skipped ({HINT})\n"
    assert json.loads(cli("extract", path).stdout)["claims"]                # under the default cap it is read


def damaged_utf8() -> bytes:
    """A UTF-8 page with one multi-byte sequence cut short (a byte lost in a copy)."""
    raw = article("https://news.example/11", "삼성전자 특허 출원", LEAD)
    cut = raw.index("관계자".encode()) + 1
    return raw[:cut] + raw[cut + 2:]


def test_a_declared_utf8_page_with_a_cut_sequence_stays_utf8_with_a_warning(tmp_path, db_url):
    path = page(tmp_path, "damaged.html", damaged_utf8())
    result = cli("extract", path)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["charset"] == "utf-8" and LEAD in doc["text"] and "\ufffd" in doc["text"]
    assert [c["value"] for c in doc["claims"] if c["measure"] == "count"] == [5712]
    assert result.stderr == (f"patclaims: {path}: warning: 1 byte sequence(s) are not valid UTF-8; kept as UTF-8 "
                             "with U+FFFD in their place\n")
    stored = cli("ingest", path, "--db", db_url)
    assert stored.exit_code == 0
    assert stored.stderr == result.stderr + ingested(1, new=1, claims=len(doc["claims"])) + "\n"
    assert documents(db_url) == {("https://news.example/11", 1, len(doc["claims"]))}


NO_TEXT = {
    "deep.html": ("<html><head><title>깊은 글</title></head><body>" + "<div>" * 300 + f"<p>{LEAD}</p>" +
                  "</div>" * 300 + "</body></html>",
                  "the HTML is nested deeper than 255 levels, and what lies deeper cannot be read"),
    "frames.html": ("<html><head><title>틀</title></head><frameset cols='20%,80%'><frame src='menu.html'>"
                    "<frame src='view.html?no=1'></frameset></html>",
                    "a frameset page: its text is in the frames' own pages (menu.html, view.html?no=1); "
                    "give those instead"),
    "scripts.html": ("<html><head><title>앱</title><script src='app.js'></script></head><body><div id='root'></div>"
                     "<script>render({\"body\": \"...\"})</script><noscript>자바스크립트를 켜 주세요</noscript>"
                     "</body></html>",
                     "the page holds only scripts: its text is written by JavaScript; save it after it has rendered"),
}


def test_pages_with_no_article_text_are_failures_with_their_reason(tmp_path, db_url):
    paths = {name: page(tmp_path, name, html) for name, (html, _) in NO_TEXT.items()}
    result = cli("extract", str(GOOD), *paths.values())
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"patclaims: {paths[name]}: no article text: {why}"
                                          for name, (_, why) in NO_TEXT.items()]
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [str(GOOD)]
    cli("ingest", str(GOOD), "--db", db_url)
    before = documents(db_url)
    stored = cli("ingest", *paths.values(), "--db", db_url)
    assert stored.exit_code == 1 and stored.stdout == ""
    assert stored.stderr == result.stderr + ingested(3, failed=3) + "\n"
    assert documents(db_url) == before                                 # no empty 0-claim documents
