"""What `pip install .` puts on a user's machine: one import name, `patclaims`."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


def test_a_wheel_installs_only_the_patclaims_import_name(tmp_path):
    # build from a copy of the tracked files, so the build leaves nothing in the checkout
    src = tmp_path / "src"
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the packaging test builds from the tracked files")
    files = listed.stdout.split()
    for name in files:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(src)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("patclaims-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"patclaims"}
    # the folders of the repository arrive inside the one name, data files included
    for inside in ("patclaims/extractors/claims/engine.py", "patclaims/extractors/data/subjects.toml",
                   "patclaims/extractors/data/lang/ko.toml",
                   "patclaims/storage/migrations/versions/0001_initial.py", "patclaims/crawler/fetch.py"):
        assert inside in names
