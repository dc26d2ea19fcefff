"""Storage on SQLite and PostgreSQL, through the commands a user runs."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timezone

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import text

from patclaims.cli import main
from patclaims.storage.db import Database
from patclaims.storage.models import MIGRATION_ONLY, Base
from patclaims.storage.repository import FetchInfo, store_document
from patclaims.pipeline import process_file

from .conftest import FIXTURES

SEEDS = sorted(str(p) for p in (FIXTURES / "pages").glob("0??_*.html"))
SEED_CLAIMS = sum(len(process_file(p).claims) for p in SEEDS)       # what extraction finds, stored once


def run(db_url, *args, ok=True):
    result = CliRunner().invoke(main, [*args, "--db", db_url])
    if ok:
        assert result.exit_code == 0, result.output + str(result.exception)
    return result


def stats(db_url):
    return json.loads(run(db_url, "stats", "--format", "json").stdout)


def rows(db_url, *args):
    return json.loads(run(db_url, "query", "--format", "json", *args).stdout)


def test_ingesting_twice_changes_nothing(db_url):
    first = run(db_url, "ingest", *SEEDS)
    assert first.stdout.count("new ") == 5
    before = stats(db_url)
    second = run(db_url, "ingest", *SEEDS)
    assert second.stdout.count("unchanged") == 5
    assert stats(db_url) == before
    assert before["documents"] == 5 and before["claims"] == SEED_CLAIMS


def test_country_aliases_return_the_same_rows(db_url):
    run(db_url, "ingest", *SEEDS)
    results = [rows(db_url, "--subject", name) for name in ("중국", "中", "China", "CN")]
    assert results[0] and all(r == results[0] for r in results)
    assert {r["subject_id"] for r in results[0]} == {"CN"}
    assert {r["subject_id"] for r in rows(db_url, "--subject", "삼성")} == {"samsung"}


def test_rows_carry_document_fields_and_sentence(db_url):
    run(db_url, "ingest", SEEDS[3])
    row = rows(db_url, "--subject", "tencent")[0]
    assert row["value"] == 4115 and row["site"] == "지디넷코리아" and row["published"].startswith("2020-04-21")
    assert row["url"] == "https://zdnet.co.kr/view/?no=20200421091512"
    assert "텐센트(4115건)" in row["sentence"] and row["title"]


def test_filters(db_url):
    run(db_url, "ingest", *SEEDS)
    assert {r["measure"] for r in rows(db_url, "--measure", "share")} == {"share"}
    assert all(r["value"] >= 4000 for r in rows(db_url, "--min", "4000")) and rows(db_url, "--min", "4000")
    assert all(r["value"] <= 10 for r in rows(db_url, "--max", "10"))
    assert {r["site"] for r in rows(db_url, "--site", "디시")} == {"디시인사이드"}
    assert all("빅모델" in r["field"] for r in rows(db_url, "--field", "빅모델"))
    assert {r["published"][:4] for r in rows(db_url, "--since", "2024-01-01", "--until", "2024-12-31")} == {"2024"}
    assert all(r["activity"] == "applications" for r in rows(db_url, "--activity", "applications"))
    assert all("텐센트" in r["sentence"] for r in rows(db_url, "--text", "텐센트"))
    assert len(rows(db_url, "--limit", "3")) == 3


def test_filters_are_parameters_not_sql(db_url):
    run(db_url, "ingest", *SEEDS)
    assert rows(db_url, "--text", "'; DROP TABLE claims; --") == []
    assert rows(db_url, "--subject", "x' OR '1'='1") == []
    assert stats(db_url)["claims"] == SEED_CLAIMS


def test_csv_and_table_output(db_url):
    run(db_url, "ingest", SEEDS[3])
    csv_out = run(db_url, "query", "--format", "csv", "--subject", "baidu").stdout.splitlines()
    assert csv_out[0].startswith("id,subject,subject_id,measure,value") and len(csv_out) == 4
    table = run(db_url, "query", "--format", "table", "--subject", "baidu").stdout.splitlines()
    assert table[0].split()[:2] == ["subject", "subject_id"] and len(table) == 5


def test_file_url_and_missing_file_are_refused_with_nothing_stored(db_url, tmp_path):
    result = run(db_url, "ingest", "file:///etc/hostname", str(tmp_path / "missing.html"), "ftp://x/y", ok=False)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert "only http and https" in lines[0] and "no such file" in lines[1] and "ftp" in lines[2]
    assert stats(db_url)["documents"] == 0


def test_a_changed_page_becomes_a_new_version(db_url, tmp_path):
    page = tmp_path / "page.html"
    original = (FIXTURES / "pages" / "003_6a260239c4aa4a2e.html").read_text("utf-8")
    page.write_text(original, "utf-8")
    run(db_url, "ingest", str(page))
    page.write_text(original.replace("바이두가 5천712건으로", "바이두가 6천100건으로"), "utf-8")
    assert "changed" in run(db_url, "ingest", str(page)).stdout
    values = {r["value"] for r in rows(db_url, "--subject", "baidu", "--measure", "count")}
    assert 6100 in values and 5712 not in values
    history = {r["value"] for r in rows(db_url, "--subject", "baidu", "--measure", "count", "--all-versions")}
    assert {5712, 6100} <= history
    assert stats(db_url)["documents"] == 1


def test_the_same_figure_across_outlets_is_grouped(db_url, tmp_path):
    text = (FIXTURES / "pages" / "003_6a260239c4aa4a2e.html").read_text("utf-8")
    other = tmp_path / "other.html"
    other.write_text(text.replace("zdnet.co.kr/view/?no=20200421091512", "example.kr/a/1")
                     .replace("지디넷코리아", "예시일보").replace('id="articleBody" class="view_cont"', 'class="story"'), "utf-8")
    run(db_url, "ingest", SEEDS[3], str(other))
    groups = json.loads(run(db_url, "query", "--group", "--format", "json", "--subject", "baidu").stdout)
    top = next(g for g in groups if g["value"] == 5712)
    assert top["documents"] == 2 and top["sites"] == 2 and top["first_seen"] and top["last_seen"]


def test_reextract_changes_only_what_changed(db_url):
    run(db_url, "ingest", *SEEDS)
    db = Database(db_url)
    from sqlalchemy import text
    with db.engine.begin() as c:         # an older extractor that missed a claim and found a wrong one
        c.execute(text("DELETE FROM claims WHERE subject_id = 'tencent'"))
        c.execute(text("UPDATE claims SET value = 1, fingerprint = 'stale', figure_key = 'microsoft|count|1|-' WHERE subject_id = 'microsoft'"))
    out = run(db_url, "reextract", "--quiet").stdout
    assert "2 claims added, 1 superseded" in out
    assert {r["value"] for r in rows(db_url, "--subject", "microsoft")} == {3978}
    assert "0 changed" in run(db_url, "reextract", "--quiet").stdout
    assert stats(db_url)["claims"] == SEED_CLAIMS


def test_concurrent_writers_neither_fail_nor_duplicate(db_url):
    docs = [process_file(p) for p in SEEDS]
    errors = []

    def writer():
        db = Database(db_url)
        try:
            for doc in docs * 3:
                store_document(db, doc, b"<html></html>", FetchInfo(identity=doc.path))
        except Exception as e:          # noqa: BLE001 - the test reports any failure
            errors.append(e)
        finally:
            db.dispose()

    Database(db_url).dispose()          # migrate once before the race
    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert stats(db_url)["documents"] == 5 and stats(db_url)["claims"] == SEED_CLAIMS


def test_db_upgrade_and_info(db_url):
    assert "schema at 0003" in run(db_url, "db", "upgrade").stdout
    out = run(db_url, "info").stdout
    assert "schema    0003" in out and "documents 0" in out


def _migration_only(name, type_, _parent):
    return not (name in MIGRATION_ONLY or (type_ == "table" and name.startswith("claims_search")))


def test_the_migrations_build_the_schema_the_code_expects(db_url):
    db = Database(db_url)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _migration_only})
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diff == []


def test_a_database_of_an_older_release_is_upgraded_with_its_data(db_url):
    old = Database(db_url, migrate=False)
    cfg = old._alembic()
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with old.engine.begin() as conn:
        conn.execute(text("INSERT INTO frontier (url, host, source, kind, depth, state, attempts, discovered_at) "
                          "VALUES ('https://a.example/1', 'a.example', 'a', 'article', 1, 'done', 1, :t)"),
                     {"t": datetime.now(timezone.utc)})
    old.dispose()
    db = Database(db_url)                                # opening it applies what is missing
    assert db.revision() == db.head() == "0003"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT url, state FROM frontier")).all() == [("https://a.example/1", "done")]
    db.dispose()
