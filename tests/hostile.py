"""Helpers of the hostile-input suite: the CLI in a subprocess under a memory limit, bombs, closed ports.

``run_limited`` runs `patclaims` in a process of its own whose address space is capped with
``resource.setrlimit(RLIMIT_AS)``; it returns the exit status, both streams, the peak resident
memory of that process (its VmHWM, read as it exits) and the seconds it took. A command that
went past the limit would die with a MemoryError traceback, so a clean one-line failure under the
limit shows it stayed under.
"""
from __future__ import annotations

import gzip
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import text

from patclaims.storage.db import Database

LIMIT = 512 * 2**20            # address space of a limited run; a patclaims command needs about 100 MB of it
BOMB_SIZE = 1200 * 2**20       # what the bomb inflates to: 1.2 GB, more than twice the limit
# The command's own peak resident memory is its VmHWM, read as it exits: the rusage of a child also
# counts the parent's pages it shared between fork and exec, which would measure pytest instead.
_WRAP = """
import atexit, resource, sys
limit, report = int(sys.argv[1]), sys.argv[2]
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
def peak():
    with open("/proc/self/status") as status, open(report, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
atexit.register(peak)
sys.argv = ["patclaims", *sys.argv[3:]]
from patclaims.cli import main
main()
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss: int               # bytes: the command's peak resident memory (VmHWM)
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def run_limited(*args: str, limit: int = LIMIT, timeout: float = 120, env: dict | None = None) -> Run:
    """`patclaims ARGS` under an address-space limit; killed (and failed) after ``timeout`` seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as report:
        # two malloc arenas per process: the limit then bounds the heap, not per-thread reservations
        environ = {**os.environ, "MALLOC_ARENA_MAX": "2", **(env or {})}
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", _WRAP, str(limit), report.name, *args], stdout=out,
                                stderr=err, env=environ, start_new_session=True)
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise AssertionError(f"patclaims {' '.join(args)} ran past {timeout} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        peak = report.read().strip()
        assert peak, "the command died before it could report its memory"
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   int(peak) * 1024, seconds)


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """About 1.2 MB of gzip that inflates to 1.2 GB of zeros (made in 1 MB steps, never held whole)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(2**20)
    return b"".join([z.compress(zeros) for _ in range(BOMB_SIZE // 2**20)] + [z.flush()])


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


class ClosedPort:
    """A port on 127.0.0.1 where nothing listens: bound (so no one else takes it) but never listening."""

    def __enter__(self) -> int:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


def ingested(pages: int, new: int = 0, failed: int = 0, claims: int = 0) -> str:
    """The summary line `patclaims ingest` ends its stderr with, when nothing stored changes."""
    return (f"ingested {pages} page{'s' if pages != 1 else ''}: {new} new, 0 changed, 0 unchanged, {failed} failed; "
            f"{claims} claims added")


def no_traceback(stderr: str) -> bool:
    return "Traceback (most recent call last)" not in stderr


def table(db_url: str, sql: str, **params) -> list[tuple]:
    db = Database(db_url)
    try:
        with db.engine.connect() as c:
            return [tuple(r) for r in c.execute(text(sql), params).all()]
    finally:
        db.dispose()


def documents(db_url: str) -> set[tuple]:
    """(url_key, version, number of live claims) of every stored document version."""
    return set(table(db_url, "SELECT d.url_key, d.version, (SELECT count(*) FROM claims c WHERE c.document_id = d.id "
                             "AND NOT c.superseded) FROM documents d"))
