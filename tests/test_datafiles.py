"""Language and site knowledge is data: every shipped file validates, and a broken one says where."""
from __future__ import annotations

import pytest

from patclaims.extractors.errors import DataFileError
from patclaims.extractors.sites import load_rules, parse_rule
from patclaims.extractors.vocabulary import vocabulary


def test_every_shipped_site_rule_validates():
    rules = load_rules()
    assert {"dcinside", "kbs", "zdnet", "shanghaibang", "brunch", "naver-news", "hankookilbo"} <= {r.key for r in rules}
    assert all(r.hosts or r.detect for r in rules)


@pytest.mark.parametrize("body, complaint", [
    ('name = "X"\nhosts = ["x.kr"]\nbody = ["div[[["]\n', "not valid CSS"),
    ('name = "X"\nhosts = ["x.kr"]\nbodyy = ["div"]\n', "unknown key"),
    ('name = "X"\nbody = ["div"]\n', "hosts or detect"),
    ('hosts = ["x.kr"]\nbody = ["div"]\n', "name must be"),
    ('name = "X"\nhosts = ["x.kr"]\n', "body selectors"),
    ('name = "X"\nhosts = "x.kr"\nbody = ["div"]\n', "hosts must be a list"),
    ('name = "X"\nhosts = ["x.kr"]\nbody = ["div"]\ndrops = [".ad"]\n', "unknown key(s) drops"),
    ('name = "X"\nhosts = ["x.kr"]\nbody = ["div"]\ndrop = []\n', "drop is empty"),
    ('name = "X"\nhosts = ["x.kr"]\nbody = ["div"]\ndate = ["tr:contains(\'작성일\') td"]\n', ":contains() is not supported"),
    ('name = "X\n', "cannot read"),
])
def test_a_broken_site_rule_names_the_file_and_the_problem(tmp_path, body, complaint):
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        parse_rule(path)
    assert str(path) in str(e.value) and complaint in str(e.value)


def test_subject_aliases_resolve_to_one_id():
    v = vocabulary()
    assert {v.resolve(n).id for n in ("중국", "中", "China", "CN", "cn")} == {"CN"}
    assert {v.resolve(n).id for n in ("삼성", "삼성전자", "Samsung")} == {"samsung"}
    assert v.resolve("없는나라") is None


def test_subject_ids_are_unique_and_well_formed():
    ids = [s.id for s in vocabulary().subjects]
    assert len(ids) == len(set(ids))
