"""Quality gates: the development set's figures may not fall below the floors kept in
tests/data/quality_floors.toml.

The figures come from the project's own scorers in ../shared/tools, run on what patclaims
extracts from ../shared/dev/pages, exactly as a person checking a change would run them.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from patclaims.extractors.document import extract_document

from .conftest import shared_path

FLOORS = tomllib.loads((Path(__file__).parent / "data" / "quality_floors.toml").read_text("utf-8"))
META_LINE = re.compile(r"body kept (\d+)/(\d+), clutter dropped (\d+)/(\d+), titles (\d+)/(\d+), dates (\d+)/(\d+)")


def test_development_set_text_and_metadata_hold_their_floors(tmp_path):
    pages = sorted(shared_path("dev", "pages").glob("*.html"))
    meta, tool = shared_path("dev", "meta.jsonl"), shared_path("tools", "score_meta.py")
    out = tmp_path / "dev.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for page in pages:
            doc = extract_document(page.read_bytes(), name=str(page))
            doc.path = str(page)
            f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    run = subprocess.run([sys.executable, str(tool), "--verbose", str(meta), str(out)],
                         capture_output=True, text=True, check=True)
    m = META_LINE.fullmatch(run.stdout.splitlines()[-1])
    assert m, run.stdout
    got = dict(zip(("body_kept", "clutter_dropped", "titles", "dates"),
                   (int(m.group(i)) / int(m.group(i + 1)) for i in (1, 3, 5, 7))))
    floors = FLOORS["meta"]
    assert set(floors) == set(got), "quality_floors.toml [meta] names the four figures score_meta.py prints"
    below = {k: (round(got[k], 3), floors[k]) for k in got if got[k] < floors[k]}
    assert not below, f"below the floor (got, floor): {below}\n{run.stdout}"


def test_the_floors_file_is_a_table_of_shares():
    for name, value in FLOORS["meta"].items():
        assert isinstance(value, (int, float)) and 0 < value <= 1, name
