"""A kill in the middle of an ingest leaves the database consistent; a rerun completes it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import text

from patclaims.pipeline import process_file
from patclaims.storage.db import Database

from .conftest import FIXTURES

PAGES = 60


def _pages(tmp_path):
    template = (FIXTURES / "pages" / "003_6a260239c4aa4a2e.html").read_text("utf-8")
    paths = []
    for i in range(PAGES):
        p = tmp_path / f"page{i:03}.html"
        p.write_text(template.replace("?no=20200421091512", f"?no=2020042109{i:04}")
                     .replace("바이두가 5천712건으로", f"바이두가 {5000 + i}건으로"), "utf-8")
        paths.append(str(p))
    return paths


def _counts(db_url):
    db = Database(db_url)
    with db.engine.connect() as c:
        docs = c.execute(text("SELECT url_key, id FROM documents WHERE is_current")).all()
        per_doc = dict(c.execute(text("SELECT document_id, count(*) FROM claims WHERE NOT superseded GROUP BY document_id")).all())
        versions = c.execute(text("SELECT count(*) FROM documents")).scalar()
        if db.is_sqlite:
            assert c.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    db.dispose()
    return docs, per_doc, versions


def test_sigkill_mid_ingest_then_rerun(db_url, tmp_path):
    paths = _pages(tmp_path)
    expected = {p: len(process_file(p).claims) for p in paths[:1]}
    Database(db_url).dispose()
    cmd = [sys.executable, "-m", "patclaims", "ingest", *paths, "--db", db_url]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        docs, _, _ = _counts(db_url)
        if len(docs) >= 5:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    docs, per_doc, versions = _counts(db_url)
    assert 5 <= len(docs) < PAGES, "the kill should land mid-ingest"
    # every stored document has all its claims: a document and its claims commit together
    assert all(per_doc.get(doc_id) == expected[paths[0]] for _, doc_id in docs)
    assert versions == len(docs)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.count("unchanged") == len(docs) and rerun.stdout.count("new ") == PAGES - len(docs)
    docs, per_doc, versions = _counts(db_url)
    assert len(docs) == PAGES and versions == PAGES
    assert all(per_doc.get(doc_id) == expected[paths[0]] for _, doc_id in docs)
