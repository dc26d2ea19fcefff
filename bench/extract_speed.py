"""Throughput of the whole extraction pipeline against bare trafilatura, in one run.

    python bench/extract_speed.py [--rounds 3] [PAGES_DIR ...]

Both read the same page bytes from memory; the ratio is bare time / our time
(1.0 = as fast as trafilatura alone; issue 2 asks for >= 0.8). Defaults to the
shared benchmark and Korean pages beside the checkout, else the fixtures.
"""
from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path

import trafilatura

from patclaims.pipeline import process_page

ROOT = Path(__file__).resolve().parent.parent


def load(dirs: list[Path]) -> list[bytes]:
    pages = []
    for d in dirs:
        for p in sorted(d.rglob("*")):
            if p.name.endswith((".html", ".html.gz")):
                raw = p.read_bytes()
                pages.append(gzip.decompress(raw) if p.name.endswith(".gz") else raw)
    return pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    shared = ROOT.parent / "shared" / "external"
    dirs = args.dirs or [d for d in (shared / "article-extraction-benchmark" / "html", shared / "korean-pages") if d.exists()]
    pages = load(dirs or [ROOT / "fixtures" / "pages"])
    mb = sum(map(len, pages)) / 1e6
    best_bare = best_ours = float("inf")
    for _ in range(args.rounds):           # alternate, keep the best of each: least disturbed by the machine
        t = time.perf_counter()
        for raw in pages:
            trafilatura.extract(raw)
        best_bare = min(best_bare, time.perf_counter() - t)
        t = time.perf_counter()
        claims = sum(len(process_page(raw).claims) for raw in pages)
        best_ours = min(best_ours, time.perf_counter() - t)
    print(f"pages {len(pages)} ({mb:.1f} MB), claims {claims}")
    print(f"bare trafilatura.extract: {len(pages) / best_bare:.1f} pages/s")
    print(f"patclaims extract (document + claims): {len(pages) / best_ours:.1f} pages/s")
    print(f"ratio {best_bare / best_ours:.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()
