"""The habits users bring from other tools: --db anywhere, `-` and directories, CSV and JSON everywhere,
summaries a monitor reads, verbosity levels, a progress bar with a total, and a sources file of one's own."""
from __future__ import annotations

import fcntl
import gzip
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios

from click.testing import CliRunner

from patclaims.cli import main

from .conftest import FIXTURES
from .crawlsite import build

SEEDS = sorted(str(p) for p in (FIXTURES / "pages").glob("0??_*.html"))


def run(*args, stdin=None, env=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("PATCLAIMS_")}
    p = subprocess.run([sys.executable, "-m", "patclaims", *args], input=stdin, capture_output=True, text=True,
                       env={**e, **(env or {})}, timeout=300)
    return p.returncode, p.stdout, p.stderr


def test_db_goes_before_or_after_the_command(tmp_path):
    before, after = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert CliRunner().invoke(main, ["--db", before, "ingest", SEEDS[3]]).exit_code == 0
    assert CliRunner().invoke(main, ["ingest", SEEDS[4], "--db", after]).exit_code == 0
    count = lambda *args: json.loads(CliRunner().invoke(main, [*args, "stats", "--format", "json"]).stdout)["claims"]  # noqa: E731
    assert count("--db", before) == 6 and count("--db", after) == 1
    one = CliRunner().invoke(main, ["--db", before, "stats", "--format", "json", "--db", after])
    assert json.loads(one.stdout)["documents"] == 1                       # the later --db wins


def test_extract_reads_a_list_on_stdin_and_directories_with_gzipped_pages(tmp_path):
    tree = tmp_path / "saved" / "2024"
    tree.mkdir(parents=True)
    shutil.copy(SEEDS[0], tree / "a.html")
    (tree / "b.html.gz").write_bytes(gzip.compress(open(SEEDS[3], "rb").read()))
    (tree / "notes.md").write_text("not a page", "utf-8")
    (tree / "c.txt").write_text("특허 출원 5% 증가\n2024-03-01\n\n국내 특허 출원이 5% 늘었다.\n", "utf-8")
    code, out, err = run("extract", str(tmp_path / "saved"))
    assert code == 0 and not err
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(tree / "a.html"), str(tree / "b.html.gz"),
                                                                       str(tree / "c.txt")]
    code, listed, _ = run("extract", "-", stdin=f"{SEEDS[1]}\n\n# a comment\n{SEEDS[2]}\n")
    assert code == 0 and [json.loads(line)["path"] for line in listed.splitlines()] == [SEEDS[1], SEEDS[2]]


def test_ingest_reads_stdin_and_prints_a_json_summary(tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    code, out, err = run("ingest", "-", "--format", "json", "--db", db, stdin="\n".join(SEEDS) + "\n")
    assert code == 0 and not err
    summary = json.loads(out)
    assert (summary["pages"], summary["new"], summary["failed"], summary["interrupted"]) == (5, 5, 0, False)
    assert summary["claims_added"] == sum(r["claims"] for r in summary["results"])
    code, out, _ = run("ingest", str(FIXTURES / "pages"), str(tmp_path / "missing.html"), "--format", "json",
                       "--db", db)
    again = json.loads(out)
    assert code == 1 and again["unchanged"] == 5 and again["new"] == 3 and again["failed"] == 1
    assert again["errors"][0]["target"] == str(tmp_path / "missing.html")


def test_reextract_prints_a_json_summary(tmp_path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    run("ingest", *SEEDS, "--db", db)
    code, out, _ = run("reextract", "--quiet", "--format", "json", "--db", db)
    assert code == 0 and json.loads(out) == {"documents": 5, "done": 5, "changed": 0, "claims_added": 0,
                                             "superseded": 0, "failed": 0, "interrupted": False}


def test_every_listing_has_csv_and_json_lines(tmp_path):
    db = f"sqlite:///{tmp_path / 'l.db'}"
    run("ingest", *SEEDS, "--db", db)
    _, csv_out, _ = run("extract", "--format", "csv", SEEDS[3])
    assert csv_out.splitlines()[0].startswith("doc,subject,subject_id,measure,value") and len(csv_out.splitlines()) > 2
    _, stats_csv, _ = run("stats", "--format", "csv", "--db", db)
    assert stats_csv.splitlines()[:2] == ["by,key,documents,claims", f"total,,5,{stats_json(db)['claims']}"]
    _, stats_lines, _ = run("stats", "--format", "jsonl", "--db", db)
    rows = [json.loads(line) for line in stats_lines.splitlines()]
    assert {r["by"] for r in rows} == {"total", "site", "subject_id", "month"}
    assert sum(r["claims"] for r in rows if r["by"] == "site") == rows[0]["claims"]
    _, groups, _ = run("query", "--group", "--format", "csv", "--db", db)
    assert groups.splitlines()[0].startswith("subject_id,subject,measure,value")


def stats_json(db):
    return json.loads(run("stats", "--format", "json", "--db", db)[1])


def test_crawl_summary_as_json_and_verbosity_levels(tmp_path):
    web = build()
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(web.sources(), "utf-8")
        db = f"sqlite:///{tmp_path / 'w.db'}"
        code, out, err = run("crawl", "--sources", str(sources), "--format", "json", "--db", db)
        summary = json.loads(out)
        assert code == 0 and summary["status"] == "ok" and summary["new"] == 10 and summary["failed"] >= 1
        assert "WARNING patclaims.crawl:" in err and "urllib3" not in err     # patclaims' warnings; no library chatter
        _, _, verbose = run("crawl", "--sources", str(sources), "--refresh", "-v", "--db", db)
        assert "urllib3" not in verbose and any(line.startswith(("unchanged", "new", "changed")) for line in
                                                verbose.splitlines())          # a line per URL
        _, _, very = run("crawl", "--sources", str(sources), "--refresh", "-vv", "--db", db)
        assert "DEBUG urllib3" in very                                         # the libraries' lines too
    finally:
        web.stop()


def test_ingest_shows_a_progress_bar_with_its_total_and_lines_above_it(tmp_path):
    db = f"sqlite:///{tmp_path / 'p.db'}"
    missing = str(tmp_path / "missing.html")
    pid, fd = pty.fork()
    if pid == 0:                                       # the child: patclaims on a terminal of 100 columns
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execvpe(sys.executable, [sys.executable, "-m", "patclaims", "ingest", *SEEDS[:2], missing, SEEDS[2],
                                    "--db", db], {**os.environ, "COLUMNS": "100"})
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    screen = b"".join(chunks).decode("utf-8", "replace")
    pieces = [p.strip() for p in screen.replace("\r", "\n").split("\n")]
    assert any("4/4" in p for p in pieces)                                     # the bar knows its total
    assert f"patclaims: {missing}: no such file" in pieces                      # a whole line, not torn by the bar
    assert sum(p.startswith("new ") for p in pieces) == 3


def test_a_sources_file_of_ones_own(tmp_path):
    config = tmp_path / "config"
    code, out, err = run("sources", env={"XDG_CONFIG_HOME": str(config)})
    assert code == 0 and out.strip().endswith("patclaims/sources.toml") and "shipped with patclaims" in err
    assert str(config / "patclaims" / "sources.toml") in err                   # where to put one's own
    (config / "patclaims").mkdir(parents=True)
    shutil.copy(out.strip(), config / "patclaims" / "sources.toml")
    code, out, err = run("sources", env={"XDG_CONFIG_HOME": str(config)})
    assert out.strip() == str(config / "patclaims" / "sources.toml") and "in the user config directory" in err
    named = tmp_path / "mine.toml"
    named.write_text('[[sources]]\nname = "one"\nfeeds = ["https://example.kr/rss.xml"]\n', "utf-8")
    code, out, err = run("sources", env={"XDG_CONFIG_HOME": str(config), "PATCLAIMS_SOURCES": str(named)})
    assert out.strip() == str(named) and "named by PATCLAIMS_SOURCES; 1 sources: one" in err
    code, _, err = run("sources", env={"PATCLAIMS_SOURCES": str(tmp_path / "gone.toml")})
    assert code == 1 and err.strip() == f"patclaims: {tmp_path / 'gone.toml'}: no such sources file"
