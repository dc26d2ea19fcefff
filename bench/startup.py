"""Start-up time of the command: `patclaims --version` and `--help` against `python -c pass`, best of N.

    python bench/startup.py [--runs 15]

Each is a fresh process (what a user or a cron job pays). The goal for
`patclaims --version` is <= 0.3 s (issue 10); the ratio against a bare
interpreter shows what patclaims itself adds.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

SCRIPT = os.path.join(os.path.dirname(sys.executable), "patclaims")     # the console script a user runs
COMMAND = [SCRIPT] if os.path.exists(SCRIPT) else [sys.executable, "-m", "patclaims"]


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    bare = best([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass:        {bare * 1000:6.0f} ms")
    for what in (["--version"], ["--help"], ["query", "--help"]):
        t = best([*COMMAND, *what], args.runs)
        print(f"patclaims {' '.join(what):<12} {t * 1000:6.0f} ms  ({t / bare:.1f}x a bare interpreter)"
              + ("  goal <= 300 ms" if what == ["--version"] else ""))
    heavy = [m for m in ("sqlalchemy", "alembic", "trafilatura", "lxml", "requests", "patclaims.crawler.fetch")
             if m in subprocess.run([sys.executable, "-c", "import sys, patclaims.cli; print(' '.join(sys.modules))"],
                                    capture_output=True, text=True, check=True).stdout.split()]
    print(f"heavy modules imported by `import patclaims.cli`: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
