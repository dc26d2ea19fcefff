"""patclaims as a library, and what importing it or starting the command costs (modules, not seconds)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import patclaims
from patclaims.extractors.records import Document

from .conftest import FIXTURES, ROOT

HEAVY = ("sqlalchemy", "alembic", "trafilatura", "lxml", "requests", "psycopg", "tqdm", "patclaims.crawler.fetch")
PAGE = FIXTURES / "pages" / "003_6a260239c4aa4a2e.html"


def modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_extract_page_takes_a_path_or_bytes():
    from_path = patclaims.extract_page(PAGE)
    from_bytes = patclaims.extract_page(PAGE.read_bytes(), url="https://zdnet.co.kr/view/?no=20200421091512")
    assert isinstance(from_path, Document) and from_path.path == str(PAGE)
    assert ("baidu", "count", 5712) in {(c.subject_id, c.measure, c.value) for c in from_path.claims}
    assert [c.to_dict() for c in from_bytes.claims] == [c.to_dict() for c in from_path.claims]
    assert from_bytes.url == "https://zdnet.co.kr/view/?no=20200421091512"


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version
    assert patclaims.__version__ == version("patclaims")


def test_the_package_is_typed():
    assert (Path(patclaims.__file__).parent / "py.typed").exists()
    assert "py.typed" in (ROOT / "pyproject.toml").read_text()


def test_importing_patclaims_loads_nothing_heavy():
    loaded = modules_after("import patclaims")
    assert not loaded & set(HEAVY)


def test_the_command_starts_without_the_heavy_modules():
    """`patclaims --version` and `--help` import only click and the command modules (bench/startup.py times them)."""
    loaded = modules_after("import patclaims.cli as c\nc.main.list_commands(None)\n"
                           "[c.main.get_command(None, n) for n in c.COMMANDS]")
    assert not loaded & set(HEAVY)
