"""Load and validate the language and site data files under ``extractors/data``.

Contributors extend the TOML files; this module tells them, in one line naming
the file and the key, what is wrong when a file does not validate.
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from .errors import DataFileError

DATA_DIR = Path(__file__).with_name("data")


def data_path(name: str) -> Path:
    return DATA_DIR / name


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse ``data/NAME`` once; a syntax error names the file and the line."""
    path = data_path(name)
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise DataFileError(f"{path}: data file missing; reinstall patclaims") from None
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(f"{path}: not valid TOML ({e}); fix the file") from None


def table(doc: dict[str, Any], key: str, source: str, value_type: type | tuple = (int, float)) -> dict[str, Any]:
    """A table of word -> value, every value of ``value_type``."""
    t = doc.get(key)
    if not isinstance(t, dict) or not t:
        raise DataFileError(f"{source}: [{key}] must be a non-empty table")
    for word, value in t.items():
        if not word.strip():
            raise DataFileError(f"{source}: [{key}] has an empty word")
        if not isinstance(value, value_type) or isinstance(value, bool):
            raise DataFileError(f"{source}: [{key}] {word!r} = {value!r} is not a {value_type}")
    return t


def words(doc: dict[str, Any], key: str, source: str, *, required: bool = True) -> list[str]:
    """A list of non-empty strings."""
    w = doc.get(key)
    if w is None and not required:
        return []
    if not isinstance(w, list) or not all(isinstance(x, str) and x.strip() for x in w):
        raise DataFileError(f"{source}: {key} must be a list of non-empty strings")
    return list(w)


def check_keys(doc: dict[str, Any], known: set[str] | frozenset[str], source: str, where: str = "") -> None:
    """Every key of ``doc`` is one the code reads: a misspelt key is an error, not ignored."""
    unknown = sorted(set(doc) - set(known))
    if unknown:
        raise DataFileError(f"{source}: {where}unknown key(s) {', '.join(unknown)}; "
                            f"allowed: {', '.join(sorted(known))}")


def word_list(doc: dict[str, Any], key: str, source: str) -> list[str]:
    """A required, non-empty list of non-empty strings: an empty list is an error, never "match nothing"."""
    w = words(doc, key, source)
    if not w:
        raise DataFileError(f"{source}: {key} is empty; give at least one entry")
    return w
