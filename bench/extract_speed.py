"""Throughput of the whole extraction pipeline against bare trafilatura, in one run.

    python bench/extract_speed.py [--rounds 3] [PAGES_DIR ...]

Both read the same page bytes from memory; the ratio is bare time / our time
(1.0 = as fast as trafilatura alone; the claims issue asks for >= 0.85). Defaults to the
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
    # page by page, bare and ours one after the other, keeping each page's best of the rounds: a busy
    # machine slows both alike, and a burst of load touches one page's pair, not a whole pass
    bare = [float("inf")] * len(pages)
    ours = [float("inf")] * len(pages)
    claims = 0
    for _ in range(args.rounds):
        claims = 0
        for i, raw in enumerate(pages):
            t = time.perf_counter()
            trafilatura.extract(raw)
            bare[i] = min(bare[i], time.perf_counter() - t)
            t = time.perf_counter()
            claims += len(process_page(raw).claims)
            ours[i] = min(ours[i], time.perf_counter() - t)
    best_bare, best_ours = sum(bare), sum(ours)
    print(f"pages {len(pages)} ({mb:.1f} MB), claims {claims}")
    print(f"bare trafilatura.extract: {len(pages) / best_bare:.1f} pages/s")
    print(f"patclaims extract (document + claims): {len(pages) / best_ours:.1f} pages/s")
    print(f"ratio {best_bare / best_ours:.2f} (goal >= 0.85)")


if __name__ == "__main__":
    main()
