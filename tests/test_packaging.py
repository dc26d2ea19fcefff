"""What `pip install .` puts on a user's machine: one import name, `patclaims`."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_a_wheel_installs_only_the_patclaims_import_name(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("patclaims-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top == {"patclaims"}
    # the folders of the repository arrive inside the one name, data files included
    for inside in ("patclaims/extractors/claims.py", "patclaims/extractors/data/subjects.toml",
                   "patclaims/storage/migrations/versions/0001_initial.py", "patclaims/crawler/fetch.py"):
        assert inside in names
