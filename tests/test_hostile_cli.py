"""Hostile inputs against the real command, one case per row of issue 9's table (and a few more).

Each runs `patclaims` as a process on real files and real SQLite and
PostgreSQL databases (loopback only; an unreachable server is a closed port
on 127.0.0.1) and checks what a user sees: one line on stderr of a fixed
shape, the exit status, no traceback, and a database that holds afterwards
what it held before plus what succeeded.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest
from sqlalchemy import create_engine, inspect, text

from .conftest import FIXTURES, PG_ENV, _pg_schema_url

SEEDS = sorted(str(p) for p in (FIXTURES / "pages").glob("0??_*.html"))
READ = (("query",), ("stats",), ("query", "--group"))
WRITE = (("ingest", SEEDS[0]), ("db", "upgrade"), ("reextract", "--quiet"))
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def patclaims(*args, db=None, stdin=None, drop_root=False, env=None, timeout=120):
    """Run the installed command; (exit status, stdout, stderr)."""
    cmd = [sys.executable, "-m", "patclaims", *args] + (["--db", db] if db else [])
    if drop_root:
        cmd = _without_root_override() + cmd
    e = {**os.environ, **(env or {})}
    e.pop("PATCLAIMS_DATABASE_URL", None)
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, env=e)
    return p.returncode, p.stdout, p.stderr


def _without_root_override() -> list[str]:
    """As root, file permissions do not bite: run without the capabilities that override them."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a read-only file cannot be made read-only for this test")
    return NO_OVERRIDE


def one_line(stderr: str, pattern: str) -> str:
    """The one line on stderr, checked against ``pattern``; no traceback."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert re.fullmatch(pattern, lines[0]), lines[0]
    return lines[0]


def digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]          # closed again when the socket is: nothing listens there


def count_docs(db_url: str) -> int:
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM documents")).scalar()
    engine.dispose()
    return n


@pytest.fixture(scope="module")
def stocked(tmp_path_factory):
    """An SQLite database with the seed pages in it, to copy."""
    path = tmp_path_factory.mktemp("stock") / "stock.db"
    code, _, err = patclaims("ingest", *SEEDS, db=f"sqlite:///{path}")
    assert code == 0, err
    return path


def copy_of(stocked, tmp_path, name="copy.db"):
    target = tmp_path / name
    shutil.copy(stocked, target)
    return target


# --- the database is not one patclaims can use ---------------------------------------------

@pytest.mark.parametrize("args", READ + WRITE + (("info",),), ids=" ".join)
def test_db_is_a_directory(tmp_path, args):
    code, out, err = patclaims(*args, db=f"sqlite:///{tmp_path}")
    assert code == 1 and (not out or args == ("info",))     # info prints what it knows before it fails
    one_line(err, rf"patclaims: {re.escape(str(tmp_path))}: is a directory, not a database file; give a file, "
                  rf"e\.g\. --db sqlite:///{re.escape(str(tmp_path))}/patclaims\.db")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("args", READ + WRITE + (("info",),), ids=" ".join)
def test_corrupted_file(tmp_path, args):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not an SQLite database, whatever its name says\n" * 50)
    before = digest(bad)
    code, _, err = patclaims(*args, db=f"sqlite:///{bad}")
    assert code == 1
    one_line(err, r"patclaims: sqlite:///.*bad\.db: not a readable SQLite database \(corrupted, or another kind of "
                  r"file\); restore it from a backup or give another --db")
    assert digest(bad) == before


@pytest.mark.parametrize("args", READ + WRITE, ids=" ".join)
def test_database_from_a_newer_patclaims(stocked, tmp_path, args):
    db = copy_of(stocked, tmp_path)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0009'"))
    engine.dispose()
    before = digest(db)
    code, _, err = patclaims(*args, db=f"sqlite:///{db}")
    assert code == 1
    one_line(err, r"patclaims: database schema 0009 is newer than this patclaims \(0003\): upgrade patclaims "
                  r"\(pip install -U patclaims\) to use .*copy\.db")
    assert digest(db) == before


@pytest.mark.parametrize("args", READ, ids=" ".join)
def test_read_commands_do_not_migrate_an_older_database(tmp_path, args):
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as c:
        c.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        c.execute(text("INSERT INTO alembic_version VALUES ('0002')"))
    engine.dispose()
    before = digest(db)
    code, _, err = patclaims(*args, db=f"sqlite:///{db}")
    assert code == 1
    one_line(err, r"patclaims: database schema 0002 is older than this patclaims \(0003\): run "
                  r"`patclaims db upgrade --db sqlite:///.*old\.db`")
    assert digest(db) == before


@pytest.mark.parametrize("args", READ + WRITE, ids=" ".join)
def test_a_url_of_another_kind_of_database(args):
    code, _, err = patclaims(*args, db="mongodb://reader:s3cret@127.0.0.1:27017/claims")
    assert code == 1
    line = one_line(err, r"patclaims: mongodb://reader:\*\*\*@127\.0\.0\.1:27017/claims: patclaims keeps its data in "
                         r"SQLite or PostgreSQL, not mongodb; give sqlite:///PATH or postgresql://USER@HOST/DB")
    assert "s3cret" not in line


@pytest.mark.parametrize("args", READ, ids=" ".join)
def test_a_mistyped_sqlite_path_is_not_created_by_a_read(tmp_path, args):
    code, _, err = patclaims(*args, db="sqlite:///typo.db", env={"HOME": str(tmp_path)})
    assert code == 1
    one_line(err, r"patclaims: no patclaims database at typo\.db \(no such file\); `patclaims ingest` or "
                  r"`patclaims crawl` creates it, or check --db")
    assert not os.path.exists("typo.db")


def test_info_on_a_missing_database_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "none.db"
    code, out, err = patclaims("info", db=f"sqlite:///{missing}")
    assert code == 0 and not err
    assert f"schema    none: no patclaims database at {missing} (no such file)" in out
    assert not missing.exists()


# --- a read-only database file -------------------------------------------------------------

def test_read_commands_read_a_read_only_file_and_leave_it_as_it_was(stocked, tmp_path):
    db = copy_of(stocked, tmp_path)
    db.chmod(0o444)
    before = digest(db)
    for args in READ + (("info",),):
        code, out, err = patclaims(*args, db=f"sqlite:///{db}", drop_root=True)
        assert code == 0 and out and not err, err
    assert digest(db) == before


def test_writing_a_read_only_file_fails_in_one_line_and_changes_nothing(stocked, tmp_path):
    db = copy_of(stocked, tmp_path)
    db.chmod(0o444)
    before, docs = digest(db), count_docs(f"sqlite:///{db}")
    page = tmp_path / "new.html"
    page.write_text((FIXTURES / "pages" / "003_6a260239c4aa4a2e.html").read_text("utf-8")
                    .replace("zdnet.co.kr/view/?no=20200421091512", "example.kr/a/9"), "utf-8")
    code, _, err = patclaims("ingest", str(page), db=f"sqlite:///{db}", drop_root=True)
    assert code == 1
    one_line(err, r"patclaims: sqlite:///.*copy\.db: the database is read-only; make the file and its folder "
                  r"writable, or use a read command \(query, stats, info\)")
    assert digest(db) == before and count_docs(f"sqlite:///{db}") == docs


# --- PostgreSQL that is not there, or not patclaims' ---------------------------------------

def pg_base() -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL cases need a server (.ci/run sets it)")
    return base.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.mark.parametrize("args", READ + WRITE, ids=" ".join)
def test_postgresql_on_a_closed_port(args):
    pg_base()
    url = f"postgresql://patclaims:pa55word@127.0.0.1:{closed_port()}/patclaims"
    code, _, err = patclaims(*args, db=url)
    assert code == 1
    line = one_line(err, rf"patclaims: postgresql://patclaims:\*\*\*@127\.0\.0\.1:\d+/patclaims: cannot connect "
                         r"\(connection refused\): is PostgreSQL running on that host and port\?")
    assert "pa55word" not in line


@pytest.mark.parametrize("args", READ + WRITE[:2], ids=" ".join)
def test_postgresql_unknown_role(args):
    base = pg_base()
    role = f"nobody_{uuid.uuid4().hex[:8]}"
    url = re.sub(r"://[^@/]*@", f"://{role}@", base)
    code, _, err = patclaims(*args, db=url)
    assert code == 1
    one_line(err, rf'patclaims: postgresql://{role}@.*: role "{role}" does not exist; create it, or give another '
                  r"user in the URL")


@pytest.mark.parametrize("args", READ + WRITE[:2], ids=" ".join)
def test_postgresql_unknown_database(args):
    base = pg_base()
    name = f"nodb_{uuid.uuid4().hex[:8]}"
    url = re.sub(r"/[^/?]+(\?|$)", f"/{name}\\1", base, count=1) if "?" in base else base.rsplit("/", 1)[0] + f"/{name}"
    code, _, err = patclaims(*args, db=url)
    assert code == 1
    one_line(err, rf'patclaims: postgresql://.*/{name}: database "{name}" does not exist; create it \(createdb '
                  rf"{name}\), or give another")


@pytest.fixture
def empty_schema():
    """A PostgreSQL schema with no patclaims tables (an unrelated database), dropped afterwards."""
    base = pg_base()
    schema = f"pc_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
        c.execute(text(f"CREATE TABLE {schema}.orders (id integer primary key)"))
    try:
        yield _pg_schema_url(base, schema), admin, schema
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.mark.parametrize("args", READ + (("info",),), ids=" ".join)
def test_read_commands_leave_an_unrelated_postgresql_database_alone(empty_schema, args):
    url, admin, schema = empty_schema
    code, out, err = patclaims(*args, db=url)
    if args == ("info",):
        assert code == 0 and "schema    none: no patclaims database at" in out
    else:
        assert code == 1
        one_line(err, r"patclaims: no patclaims database at postgresql://.* \(no patclaims tables there\); "
                      r"`patclaims ingest`, `patclaims crawl` or `patclaims db upgrade` creates one, or check --db")
    assert inspect(admin).get_table_names(schema=schema) == ["orders"]


# --- inputs ---------------------------------------------------------------------------------

def test_extract_a_good_page_and_an_unreadable_one(tmp_path):
    unreadable = tmp_path / "unreadable.html"
    shutil.copy(SEEDS[3], unreadable)
    unreadable.chmod(0)
    code, out, err = patclaims("extract", SEEDS[4], str(unreadable), drop_root=True)
    assert code == 1
    one_line(err, rf"patclaims: {re.escape(str(unreadable))}: cannot read it \(permission denied\)")
    assert len(out.splitlines()) == 1 and '"site": "KBS 뉴스"' in out


def test_an_unknown_subject_gets_the_closest_names(stocked):
    code, out, err = patclaims("query", "--subject", "삼송전자", "--format", "csv", db=f"sqlite:///{stocked}")
    assert code == 0 and out.splitlines()[1:] == []
    one_line(err, r"patclaims: --subject 삼송전자: not a name the vocabulary knows; closest: 삼성전자 \(samsung\)(, .*)?; "
                  r"matching '삼송전자' as written")


def test_a_usage_error_exits_2():
    code, _, err = patclaims("query", "--measure", "weight")
    assert code == 2 and "Invalid value for '--measure'" in err and "Traceback" not in err


# --- interruptions --------------------------------------------------------------------------

def test_ctrl_c_during_ingest_prints_what_was_done_and_exits_130(tmp_path):
    pages = []
    original = (FIXTURES / "pages" / "003_6a260239c4aa4a2e.html").read_text("utf-8")
    for i in range(300):
        p = tmp_path / f"p{i:03}.html"
        p.write_text(original.replace("20200421091512", f"2020042109{i:04}"), "utf-8")
        pages.append(str(p))
    url = f"sqlite:///{tmp_path / 'i.db'}"
    proc = subprocess.Popen([sys.executable, "-m", "patclaims", "ingest", "--db", url, *pages],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()                      # one page is in: interrupt the rest
    assert first.startswith("new")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err
    summary, last = err.strip().splitlines()
    stored = 1 + sum(line.startswith("new") for line in out.splitlines())
    assert re.fullmatch(rf"ingest interrupted after {stored} of 300 pages: {stored} new, 0 changed, 0 unchanged, "
                        rf"0 failed; \d+ claims added", summary), summary
    assert last == "patclaims: interrupted (Ctrl-C); what was stored is kept; the same command again does the rest"
    assert count_docs(url) == stored < 300


def test_a_closed_pipe_ends_quietly(tmp_path):
    url = f"sqlite:///{tmp_path / 'big.db'}"
    from patclaims.extractors.records import Claim, Document
    from patclaims.storage.db import Database
    from patclaims.storage.repository import FetchInfo, store_document
    db = Database(url)
    for i in range(40):                                 # far more JSON than a pipe buffers
        claims = [Claim("중국", "CN", "count", 1000 * i + j, "item", sentence="중국의 특허 출원 " + "가" * 200)
                  for j in range(50)]
        store_document(db, Document(text="본문", url=f"https://example.kr/{i}", claims=claims), None,
                       FetchInfo(url=f"https://example.kr/{i}"))
    db.dispose()
    started = time.monotonic()
    shell = f'"{sys.executable}" -m patclaims query --db "{url}" | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'
    p = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert p.stdout.count("\n") == 1 and p.stdout.startswith('{"id"')
    assert p.stderr.strip() == "status=0"
    assert time.monotonic() - started < 60
