"""Quality gates: the development set's scores may not fall below the floors kept in
tests/data/quality_floors.toml. A change that lowers one fails here; a change that raises one
should raise its floor in the same commit.

The figures come from the project's own scorers in ../shared/tools, run on what patclaims
extracts from ../shared/dev/pages, exactly as a person checking a change would run them.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest

from patclaims.extractors.document import extract_document
from patclaims.pipeline import process_file

from .conftest import ROOT, shared_path

FLOORS = ROOT / "tests" / "data" / "quality_floors.toml"
META_LINE = re.compile(r"body kept (\d+)/(\d+), clutter dropped (\d+)/(\d+), titles (\d+)/(\d+), dates (\d+)/(\d+)")


def _score(gold, pred, tmp_path):
    out = tmp_path / "pred.jsonl"
    out.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in pred) + "\n", encoding="utf-8")
    tool = shared_path("tools", "score_claims.py")
    lines = subprocess.run([sys.executable, str(tool), str(gold), str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    scores = {}
    for line in lines:
        if m := re.match(r"(\w+): (\d+)/(\d+) agree", line):
            scores[m.group(1)] = int(m.group(2)) / max(1, int(m.group(3)))
        elif m := re.match(r"precision ([\d.]+) recall ([\d.]+) f1 ([\d.]+)", line):
            scores.update(precision=float(m.group(1)), recall=float(m.group(2)), f1=float(m.group(3)))
    return scores


@pytest.mark.slow
def test_development_set_claims_hold_their_floors(tmp_path):
    pages = sorted(shared_path("dev", "pages").glob("*.html"))
    pred = [process_file(p).to_dict() for p in pages]
    scores = _score(shared_path("dev", "gold.jsonl"), pred, tmp_path)
    floors = tomllib.loads(FLOORS.read_text("utf-8"))["claims"]
    fallen = {k: (round(scores[k], 3), v) for k, v in floors.items() if scores[k] + 1e-9 < v}
    assert not fallen, f"below the floor (got, floor): {fallen}"


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
    floors = tomllib.loads(FLOORS.read_text("utf-8"))["meta"]
    assert set(floors) == set(got), "quality_floors.toml [meta] names the four figures score_meta.py prints"
    fallen = {k: (round(got[k], 3), floors[k]) for k in got if got[k] < floors[k]}
    assert not fallen, f"below the floor (got, floor): {fallen}\n{run.stdout}"


@pytest.mark.parametrize("name", ["heldout", "blind", "final", "unseen"])
def test_the_news_text_sets_hold_their_floors(name, tmp_path):
    """The sets of news texts in fixtures/ (written blind to the engine, then built on): what
    `patclaims extract` makes of their .txt files may not fall below the F1 kept for each."""
    texts = sorted((ROOT / "fixtures" / name).glob("*.txt"))
    assert texts, f"fixtures/{name} has its texts"
    pred = [{"doc": t.stem, "claims": [c.to_dict() for c in process_file(t).claims]} for t in texts]
    scores = _score(ROOT / "fixtures" / name / "gold.jsonl", pred, tmp_path)
    floor = tomllib.loads(FLOORS.read_text("utf-8"))["sets"][name]
    assert scores["f1"] + 1e-9 >= floor, f"fixtures/{name}: F1 {scores['f1']:.3f} below its floor {floor}"


def test_the_floors_are_shares():
    floors = tomllib.loads(FLOORS.read_text("utf-8"))
    for table in ("claims", "meta", "text", "sets"):
        for name, value in floors[table].items():
            assert isinstance(value, (int, float)) and 0 < value <= 1, f"[{table}] {name}"
