"""The database explains itself: views, exact claim keys, full-text search in Korean, offsets on timestamps,
and a database of the previous release upgraded with its data. Both backends."""
from __future__ import annotations

import json
from datetime import date

from alembic import command
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import text

from patclaims.cli import main
from patclaims.extractors.records import Claim, Document
from patclaims.storage.db import REVISIONS, SCHEMA_HEAD, Database
from patclaims.storage.models import DocumentRow
from patclaims.storage.repository import FetchInfo, fingerprint, store_document

from .conftest import FIXTURES

SEEDS = sorted(str(p) for p in (FIXTURES / "pages").glob("0??_*.html"))


def cli(db_url, *args):
    result = CliRunner().invoke(main, ["--db", db_url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(db_url, *args):
    return json.loads(cli(db_url, "query", "--format", "json", *args))


def claim(value, **kw) -> Claim:
    base = dict(subject="중국", subject_id="CN", measure="count", value=value, unit="item", activity="applications",
                year_from=2023, year_to=2023, text=f"{value}건", sentence=f"중국의 특허출원은 {value}건이었다.")
    return Claim(**{**base, **kw})


def store(db_url, claims, key="https://example.kr/a/1", published="2024-03-05T10:00:00+09:00", text_="본문"):
    db = Database(db_url)
    doc = Document(text=text_, title="제목", published=published, site="예시일보", url=key, claims=claims)
    r = store_document(db, doc, b"<html></html>", FetchInfo(url=key))
    db.dispose()
    return r


def test_the_revisions_known_to_the_code_are_the_migrations():
    script = ScriptDirectory.from_config(Database.__new__(Database)._alembic())
    assert tuple(reversed([s.revision for s in script.walk_revisions()])) == REVISIONS
    assert script.get_current_head() == SCHEMA_HEAD


def test_two_claims_that_differ_past_six_digits_are_two_rows_and_two_figures(db_url):
    assert store(db_url, [claim(1585661), claim(1585664)]).claims_added == 2
    assert {r["value"] for r in rows(db_url, "--subject", "CN")} == {1585661, 1585664}
    groups = json.loads(cli(db_url, "query", "--group", "--format", "json"))
    assert sorted(g["value"] for g in groups) == [1585661, 1585664]


def test_period_and_activity_are_part_of_a_claims_identity(db_url):
    claims = [claim(300), claim(300, year_from=2022, year_to=2022), claim(300, activity="grants")]
    assert store(db_url, claims).claims_added == 3
    assert store(db_url, [claim(300), claim(300.0)], key="https://example.kr/a/2").claims_added == 1


def test_current_claims_view_is_the_live_claims_with_their_document(db_url):
    cli(db_url, "ingest", *SEEDS)
    db = Database(db_url)
    with db.engine.connect() as c:
        view = c.execute(text("SELECT id, subject_id, value, url, title, site, published FROM current_claims "
                              "ORDER BY id")).all()
        fig_view = c.execute(text("SELECT subject_id, measure, value, documents, sites FROM figures")).all()
    db.dispose()
    listed = rows(db_url)
    assert sorted(r["id"] for r in listed) == [v.id for v in view]
    by_id = {r["id"]: r for r in listed}
    for v in view:
        r = by_id[v.id]
        assert (v.subject_id, v.value, v.url, v.title, v.site, v.published) == \
            (r["subject_id"], r["value"], r["url"], r["title"], r["site"], r["published"])
    grouped = json.loads(cli(db_url, "query", "--group", "--format", "json"))
    assert sorted((g["subject_id"] or "", g["measure"], g["value"], g["documents"], g["sites"]) for g in grouped) == \
        sorted((f.subject_id or "", f.measure, f.value, f.documents, f.sites) for f in fig_view)


def test_superseded_claims_leave_the_view_and_all_versions_marks_them(db_url, tmp_path):
    page = tmp_path / "page.html"
    original = (FIXTURES / "pages" / "003_6a260239c4aa4a2e.html").read_text("utf-8")
    page.write_text(original, "utf-8")
    cli(db_url, "ingest", str(page))
    page.write_text(original.replace("바이두가 5천712건으로", "바이두가 6천100건으로"), "utf-8")
    cli(db_url, "ingest", str(page))
    history = rows(db_url, "--subject", "baidu", "--measure", "count", "--all-versions")
    marks = {(r["value"], r["version"], r["superseded"]) for r in history}
    assert {(5712, 1, True), (6100, 2, False)} <= marks
    table = cli(db_url, "query", "--subject", "baidu", "--all-versions", "--format", "table").splitlines()
    assert table[0].split()[-2:] == ["version", "superseded"]
    db = Database(db_url)
    with db.engine.connect() as c:
        assert {v for (v,) in c.execute(text("SELECT value FROM current_claims WHERE subject_id = 'baidu' "
                                             "AND measure = 'count'"))} == {6100, 100}
    db.dispose()


def test_text_search_finds_korean_terms_inside_words(db_url):
    store(db_url, [claim(1000, sentence="국내 특허출원이 1000건 늘었다."),
                   claim(2000, sentence="출원된 특허는 2000건이다."),
                   claim(3000, sentence="AI 관련 상표 3000건.")])
    values = lambda *args: sorted(r["value"] for r in rows(db_url, "--text", *args))  # noqa: E731
    assert values("특허 출원") == [1000, 2000]          # every term, anywhere in a word, any order
    assert values("특허출원") == [1000]                 # one term: in that order, together
    assert values("허출") == [1000]
    assert values("국") == [1000]                       # one syllable: at any place in a word
    assert values("ai") == values("AI") == [3000]       # Latin: whole words, any case
    assert values("상표 특허") == []
    assert values("%") == []                            # no letter: the sentence contains it as written


def test_timestamps_carry_their_utc_offset(db_url):
    store(db_url, [claim(5)])
    db = Database(db_url)
    with db.session() as s:
        fetched = s.query(DocumentRow.fetched_at).scalar()
    with db.engine.connect() as c:
        raw = str(c.execute(text("SELECT fetched_at FROM documents")).scalar())
        in_view = str(c.execute(text("SELECT fetched_at FROM current_claims")).scalar())
    db.dispose()
    assert fetched.utcoffset() is not None and fetched.utcoffset().total_seconds() == 0
    assert raw.endswith("+00:00") and in_view.endswith("+00:00")


def _at_0002(db_url) -> Database:
    db = Database(db_url, migrate=False)
    cfg = db._alembic()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    return db


def test_a_0002_database_is_upgraded_with_its_claims_rekeyed_and_searchable(db_url):
    db = _at_0002(db_url)
    sqlite = db.dialect == "sqlite"
    fetched = "'2024-05-01 09:12:00.000000'" if sqlite else "'2024-05-01 09:12:00+00'"
    with db.engine.begin() as c:
        doc = c.execute(text(
            "INSERT INTO documents (url_key, version, is_current, url, site, title, published, published_date, "
            "fetched_at, content_hash, text, extraction, extractor_version) VALUES ('https://old.example/1', 1, "
            f"true, 'https://old.example/1', '옛날일보', '제목', '2023-02-01', '2023-02-01', {fetched}, 'h', '본문', "
            "'generic', '0.1.0') RETURNING id")).scalar()
        for fp, qualifier in (("old1", "exact"), ("old2", "approx")):       # one claim by the new identity
            c.execute(text(
                'INSERT INTO claims (document_id, fingerprint, figure_key, superseded, extractor_version, subject, '
                'subject_id, measure, value, unit, qualifier, activity, year_from, year_to, text, "start", "end", '
                "sentence) VALUES (:doc, :fp, 'CN|count|1.58566e+06|2023-2023', false, '0.1.0', '중국', 'CN', "
                "'count', 1585661, 'item', :q, 'applications', 2023, 2023, '1,585,661건', 3, 13, "
                "'중국의 특허출원은 1,585,661건이었다.')"), {"doc": doc, "fp": fp, "q": qualifier})
    db.dispose()
    db = Database(db_url)                                 # a write open migrates
    assert db.revision() == "0003"
    with db.engine.connect() as c:
        claims = c.execute(text("SELECT fingerprint, figure_key, superseded, start_offset, end_offset, published_date "
                                "FROM claims ORDER BY id")).all()
        fetched_now = str(c.execute(text("SELECT fetched_at FROM documents")).scalar())
    db.dispose()
    expected = fingerprint(claim(1585661))
    assert claims[0].fingerprint == expected and claims[0].figure_key == "CN|count|1585661|2023|2023"
    assert not claims[0].superseded and claims[1].superseded and claims[1].fingerprint != expected
    assert (claims[0].start_offset, claims[0].end_offset) == (3, 13)
    assert claims[0].published_date in (date(2023, 2, 1), "2023-02-01")
    assert "+00" in fetched_now
    assert [r["value"] for r in rows(db_url, "--text", "특허 출원")] == [1585661]
