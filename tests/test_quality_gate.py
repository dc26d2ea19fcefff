"""The claims quality gate: the development set's scores may not fall below the floors kept in
tests/data/quality_floors.toml. A change that lowers one fails here; a change that raises one
should raise its floor in the same commit."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest

from patclaims.pipeline import process_file

from .conftest import ROOT, shared_path

FLOORS = ROOT / "tests" / "data" / "quality_floors.toml"


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
