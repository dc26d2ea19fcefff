"""What the document extraction knows about pages is data, and a broken data file says where.

boilerplate.toml (generic clutter rules), dates.toml (date labels, meta tags, time zone) and
sites/*.toml (one file per site) each refuse an unknown key and an empty list, naming the file
and the key, so a contributor's typo is an error and never a rule that silently matches nothing.
"""
from __future__ import annotations

import copy
import tomllib

import pytest

from patclaims.extractors.boilerplate import parse_boilerplate
from patclaims.extractors.datafiles import data_path
from patclaims.extractors.dates import parse_config
from patclaims.extractors.errors import DataFileError
from patclaims.extractors.sites import load_rules


def shipped(name: str) -> dict:
    return tomllib.loads(data_path(name).read_text("utf-8"))


def broken(doc: dict, path: list[str], value) -> dict:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def test_the_shipped_files_validate():
    assert parse_boilerplate(shipped("boilerplate.toml")).link_lists.is_heading("■ 관련기사")
    assert parse_config(shipped("dates.toml"))["meta_names"]
    assert {"kipo", "naver-news", "dcinside"} <= {r.key for r in load_rules()}


@pytest.mark.parametrize("path, value, complaint", [
    (["drop_linez"], ["x"], "unknown key(s) drop_linez"),
    (["link_lists", "min_linkz"], 2, "[link_lists] unknown key(s) min_linkz"),
    (["comments", "classes"], ["reply"], "[comments] unknown key(s) classes"),
    (["drop_lines"], [], "drop_lines is empty"),
    (["link_lists", "headings"], [], "[link_lists]: headings is empty"),
    (["comments", "names"], [], "[comments]: names is empty"),
    (["drop_lines"], ["("], "not a valid regex"),
    (["link_lists", "min_link_share"], 1.5, "a share"),
    (["forms", "min_controls"], 0, "min_controls must be a positive integer"),
])
def test_a_broken_boilerplate_file_names_the_file_and_the_key(path, value, complaint):
    with pytest.raises(DataFileError) as e:
        parse_boilerplate(broken(shipped("boilerplate.toml"), path, value), "my/boilerplate.toml")
    assert "my/boilerplate.toml" in str(e.value) and complaint in str(e.value)


@pytest.mark.parametrize("path, value, complaint", [
    (["published_lables"], ["입력"], "unknown key(s) published_lables"),
    (["pm"], [], "pm is empty"),
    (["utc_offset"], "KST", "must look like +09:00"),
])
def test_a_broken_dates_file_names_the_file_and_the_key(path, value, complaint):
    with pytest.raises(DataFileError) as e:
        parse_config(broken(shipped("dates.toml"), path, value), "my/dates.toml")
    assert "my/dates.toml" in str(e.value) and complaint in str(e.value)
