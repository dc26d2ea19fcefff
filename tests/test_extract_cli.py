"""`patclaims extract` as a user runs it: seed fixtures, clutter gone, errors reported."""
from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from patclaims.cli import main

from .conftest import FIXTURES, SHARED, shared_path

SEEDS = sorted((FIXTURES / "pages").glob("0??_*.html"))


def run(*args):
    return CliRunner().invoke(main, list(args))


def extract(path):
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def claims_of(doc):
    return {(c["subject_id"], c["measure"], c["value"]) for c in doc["claims"]}


def test_seed_fixtures_score_at_least_095(tmp_path):
    gold = shared_path("spec", "seed-claims.jsonl")
    out = tmp_path / "pred.jsonl"
    result = run("extract", "--format", "jsonl", *map(str, SEEDS))
    assert result.exit_code == 0
    out.write_text(result.output, encoding="utf-8")
    score = subprocess.run([sys.executable, str(SHARED / "tools" / "score_claims.py"), str(gold), str(out)],
                           capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    f1 = float(score.split("f1 ")[1].split()[0])
    precision = float(score.split("precision ")[1].split()[0])
    assert f1 >= 0.95 and precision >= 0.95, score


def test_it_news_page_gives_ranked_company_counts():
    doc = extract(FIXTURES / "pages" / "003_6a260239c4aa4a2e.html")
    assert {("baidu", "count", 5712), ("baidu", "rank", 1), ("tencent", "count", 4115),
            ("samsung", "count", 3407), ("baidu", "count", 100)} <= claims_of(doc)
    hundred = next(c for c in doc["claims"] if c["value"] == 100)
    assert hundred["qualifier"] == "approx" and hundred["year_from"] == 2016
    assert "관련기사" not in doc["text"] and "KAIST, 세계 석학" not in doc["text"]
    assert doc["extraction"] == "site:zdnet"


def test_claim_offsets_point_into_the_text():
    for page in SEEDS:
        doc = extract(page)
        for c in doc["claims"]:
            assert doc["text"][c["start"]:c["end"]] == c["text"]
            assert c["text"] in c["sentence"]


def test_gallery_post_gives_the_post_only():
    doc = extract(FIXTURES / "pages" / "000_b317f7d5007f2283.html")
    assert "38,000건의 생성형 AI 특허를 출원" in doc["text"]
    for clutter in ("833942", "실시간 베스트", "조회 76", "갤러리 리스트", "전체 댓글"):
        assert clutter not in doc["text"]
    assert doc["published"] == "2025-01-02T21:53:41+09:00"
    assert doc["site"] == "디시인사이드"


def test_portal_page_loses_most_read_lists_and_comment_form():
    doc = extract(FIXTURES / "pages" / "001_702b2bd85daa435f.html")
    for clutter in ("가장 많이 본 뉴스", "분야별 Topic", "댓글 등록 폼", "타오바오", "이민정 기자"):
        assert clutter not in doc["text"]
    assert doc["title"] == "中 AI빅모델 특허 최대 ‘산출국’"
    assert {("CN", "share", 58), ("KR", "share", 8), ("JP", "share", 5), ("US", "share", 18)} <= claims_of(doc)


def test_broadcaster_body_rendered_twice_is_kept_once():
    doc = extract(FIXTURES / "pages" / "004_747bf3bd7eb8621c.html")
    assert doc["text"].count("세계 1위를 달리는 중국은") == 1
    for clutter in ("제보하기", "02-781-1234", "오늘의 핫 클릭", "읽어주기 기능"):
        assert clutter not in doc["text"]
    assert doc["published"] == "2024-02-23T17:22:00+09:00"
    assert doc["title"].endswith("[현장영상]") and "KBS" not in doc["title"]
    assert [c["value"] for c in doc["claims"]] == [1]


def test_table_format_prints_one_row_per_claim():
    result = run("extract", "--format", "table", str(FIXTURES / "pages" / "003_6a260239c4aa4a2e.html"))
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["doc", "subject", "subject_id"]
    assert sum("tencent" in line for line in lines) == 1 and len(lines) == 2 + 6


def test_bad_inputs_are_reported_and_the_others_still_print(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("just some words, no markup", encoding="utf-8")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.html"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["extract", str(missing), str(SEEDS[3]), str(text), str(binary), str(empty)])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert str(missing) in errors[0] and "no such file" in errors[0]
    assert str(binary) in errors[1] and "neither HTML nor text" in errors[1]
    assert str(empty) in errors[2] and "no .html, .html.gz or .txt pages inside" in errors[2]
    assert len(result.stdout.strip().splitlines()) == 2          # the good page and the text printed


def test_a_news_text_saved_as_txt_is_read_with_its_headline_and_date(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("국내 특허 출원 24만 건…역대 최대\n2024-01-15\n\n"
                     "특허청에 따르면 지난해 특허 출원은 24만3천 건으로 전년보다 2.1% 늘었다.\n"
                     "이 가운데 중소기업 출원은 6만 건이었다.\n", encoding="cp949")
    result = run("extract", str(story))
    doc = json.loads(result.output)
    assert (doc["title"], doc["published"][:10]) == ("국내 특허 출원 24만 건…역대 최대", "2024-01-15")
    assert [(c["subject_id"], c["measure"], c["value"], c["year_from"]) for c in doc["claims"]] == [
        ("KR", "count", 243000, 2023), ("KR", "growth", 2.1, 2023), ("smes", "count", 60000, 2023)]


def _score_text(gold, pred_lines, tmp_path):
    out = tmp_path / "pred.jsonl"
    out.write_text("".join(pred_lines), encoding="utf-8")
    line = subprocess.run([sys.executable, str(SHARED / "tools" / "score_text.py"), str(gold), str(out)],
                          capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    return float(line.split("f1 ")[1].split()[0])


def _extract_all(paths):
    """The JSON lines `patclaims extract` prints; a page with no article text (client-rendered) prints none."""
    from patclaims.extractors.notext import NoArticleText
    from patclaims.pipeline import process_file
    lines = []
    for p in paths:
        try:
            lines.append(json.dumps(process_file(p).to_dict(), ensure_ascii=False) + "\n")
        except NoArticleText:
            pass
    return lines


TEXT_FLOORS = tomllib.loads((Path(__file__).parent / "data" / "quality_floors.toml").read_text("utf-8"))["text"]


def test_korean_pages_text_f1_holds_its_floor(tmp_path):
    root = shared_path("external", "korean-pages")
    pages = sorted(p for p in root.rglob("*") if p.name.endswith((".html", ".html.gz")))
    assert _score_text(root / "gold-text.jsonl", _extract_all(pages), tmp_path) >= TEXT_FLOORS["korean_pages"]


@pytest.mark.slow
def test_article_benchmark_text_f1_holds_its_floor(tmp_path):
    root = shared_path("external", "article-extraction-benchmark")
    pages = sorted((root / "html").glob("*.html*"))
    assert _score_text(root / "gold-text.jsonl", _extract_all(pages), tmp_path) >= TEXT_FLOORS["benchmark"]


def _expected():
    import collections
    gold = collections.defaultdict(list)
    for line in (FIXTURES / "expected" / "claims.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        gold[row["doc"]].append(row)
    return gold


@pytest.mark.parametrize("doc", sorted(_expected()))
def test_pages_of_other_sites_give_exactly_the_expected_claims(doc):
    """Pages written for patclaims (one served as EUC-KR bytes), each with the claims a reader expects."""
    want = _expected()[doc]
    got = extract(FIXTURES / "pages" / f"{doc}.html")
    fields = ("subject_id", "measure", "value", "unit", "qualifier", "activity", "year_from", "year_to")
    got_rows = {tuple(c[f] for f in fields) for c in got["claims"]}
    required = {tuple(r[f] for f in fields) for r in want if not r.get("optional")}
    optional = {tuple(r[f] for f in fields[:3]) for r in want if r.get("optional")}
    assert required <= got_rows
    extra = {r for r in got_rows - required if r[:3] not in optional}
    assert not extra


def test_euc_kr_page_is_decoded_and_cleaned():
    doc = extract(FIXTURES / "pages" / "etnews_battery_patents.html")
    assert doc["charset"] == "cp949" and doc["site"] == "전자신문"
    assert doc["title"] == "이차전지 특허 출원 1만2천건 돌파…LG엔솔 1위"
    assert "hong@etnews.com" not in doc["text"] and "많이 본 뉴스" not in doc["text"]
