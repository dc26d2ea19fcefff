"""Who a figure is about: the names Korean patent news writes, and the id each one means.

The vocabulary is data (extractors/data/subjects.toml); these tests read like its manual.
"""
from __future__ import annotations

import pytest

from patclaims.extractors.errors import DataFileError
from patclaims.extractors.vocabulary import parse_vocabulary, vocabulary


@pytest.mark.parametrize("written, subject_id", [
    # countries: Korean, one-character hanja, English, ISO code
    ("중국", "CN"), ("中", "CN"), ("China", "CN"), ("cn", "CN"),
    ("미국", "US"), ("美", "US"), ("U.S.", "US"), ("United States", "US"),
    ("한국", "KR"), ("韓", "KR"), ("우리나라", "KR"), ("대한민국", "KR"), ("내국인", "KR"), ("South Korea", "KR"),
    ("일본", "JP"), ("日", "JP"), ("독일", "DE"), ("獨", "DE"), ("영국", "GB"), ("英", "GB"), ("UK", "GB"),
    ("프랑스", "FR"), ("佛", "FR"), ("대만", "TW"), ("타이완", "TW"), ("인도", "IN"), ("이탈리아", "IT"),
    ("伊", "IT"), ("러시아", "RU"), ("露", "RU"), ("튀르키예", "TR"), ("터키", "TR"), ("남아공", "ZA"),
    ("사우디", "SA"), ("UAE", "AE"), ("슬로바키아", "SK"), ("북한", "KP"), ("홍콩", "HK"),
    ("유럽", "EU"), ("유럽연합", "EU"), ("European Union", "EU"),
    # regions, Korean and Chinese
    ("서울", "seoul"), ("경기도", "gyeonggi"), ("충북", "chungbuk"), ("전북특별자치도", "jeonbuk"),
    ("제주", "jeju"), ("세종시", "sejong"), ("수도권", "capital-area"), ("대덕특구", "daedeok-innopolis"),
    ("대덕연구개발특구", "daedeok-innopolis"), ("광둥성", "guangdong"), ("선전시", "shenzhen"), ("深圳", "shenzhen"),
    ("저장성", "zhejiang"), ("베이징", "beijing"), ("웨강아오 대만구", "greater-bay-area"), ("아시아", "asia"),
    # Korean filers, with abbreviations and spaced forms
    ("삼성전자", "samsung"), ("삼성", "samsung"), ("Samsung Electronics", "samsung"),
    ("삼성디스플레이", "samsung-display"), ("삼성 SDI", "samsung-sdi"), ("삼성전기", "samsung-electro-mechanics"),
    ("LG", "lg"), ("LG전자", "lg-electronics"), ("LG엔솔", "lg-energy-solution"), ("LG화학", "lg-chem"),
    ("SK하이닉스", "sk-hynix"), ("SKT", "sk-telecom"), ("SK온", "sk-on"),
    ("현대차", "hyundai-motor"), ("기아", "kia"), ("기아차", "kia"), ("현대모비스", "hyundai-mobis"),
    ("HD현대", "hd-hyundai"), ("KT", "kt"), ("KT&G", "kt-and-g"), ("한전", "kepco"), ("포스코퓨처엠", "posco-future-m"),
    # former names take the company's id
    ("금성사", "lg-electronics"), ("럭키", "lg-chem"), ("현대전자", "sk-hynix"), ("하이닉스", "sk-hynix"),
    ("삼성전관", "samsung-sdi"), ("한국이동통신", "sk-telecom"), ("대우조선해양", "hanwha-ocean"),
    ("두산중공업", "doosan-enerbility"), ("포항제철", "posco"), ("포스코케미칼", "posco-future-m"),
    ("LG필립스LCD", "lg-display"), ("한국통신", "kt"), ("페이스북", "meta"), ("마쓰시타전기", "panasonic"),
    ("도시바메모리", "kioxia"), ("한국전자통신연구소", "etri"), ("전자부품연구원", "keti"),
    # universities and research institutes
    ("서울대", "seoul-national-university"), ("카이스트", "kaist"), ("한국과학기술원", "kaist"),
    ("포항공대", "postech"), ("UNIST", "unist"), ("연세대", "yonsei-university"), ("성균관대", "sungkyunkwan-university"),
    ("ETRI", "etri"), ("KIST", "kist"), ("화학연", "krict"), ("항우연", "kari"), ("생기원", "kitech"),
    ("칭화대", "tsinghua"), ("중국과학원", "cas"), ("도쿄대", "university-of-tokyo"), ("MIT", "mit"),
    ("스탠퍼드대", "stanford-university"), ("캘리포니아대", "univ-california"),
    # foreign filers, in Korean, English and their own script
    ("화웨이", "huawei"), ("华为", "huawei"), ("中兴", "zte"), ("시노펙", "sinopec"), ("中国石化", "sinopec"),
    ("창신메모리", "cxmt"), ("YMTC", "ymtc"), ("오리진퀀텀", "origin-quantum"), ("닝더스다이", "catl"),
    ("도요타", "toyota"), ("미쓰비시전기", "mitsubishi-electric"), ("노스롭 그루먼", "northrop-grumman"),
    ("디웨이브", "d-wave"), ("구글", "google"), ("알파벳", "google"), ("텍사스인스트루먼트", "texas-instruments"),
    ("메르세데스벤츠", "mercedes-benz"), ("다임러", "mercedes-benz"), ("홍하이", "foxconn"), ("미디어텍", "mediatek"),
    # applicant groups have fixed ids
    ("중소기업", "smes"), ("중견기업", "mid-sized-companies"), ("대기업", "large-companies"),
    ("개인", "individuals"), ("대학", "universities"), ("출연연", "public-research-institutes"),
    ("외국인", "foreign-applicants"),
])
def test_a_name_as_written_resolves_to_its_id(written, subject_id):
    found = vocabulary().resolve(written)
    assert found is not None, f"{written!r} is not in the vocabulary"
    assert found.id == subject_id


def test_the_ids_the_claim_model_fixes_are_all_there():
    ids = {s.id for s in vocabulary().subjects}
    assert {"CN", "US", "KR", "JP", "DE", "IN", "EU", "huawei", "samsung", "qualcomm", "baidu", "tencent",
            "microsoft", "ibm", "google", "lg-electronics", "lg", "cas", "greater-bay-area", "smes",
            "mid-sized-companies", "large-companies", "individuals", "universities",
            "public-research-institutes", "foreign-applicants"} <= ids


def test_offices_and_collectives_are_not_subjects():
    v = vocabulary()
    assert v.resolve("특허청") is None and v.resolve("USPTO") is None and v.resolve("IP5") is None
    office, = v.mentions("특허청에 따르면 지난해 특허 출원은 24만 건이다.")
    assert (office.kind, office.id) == ("office", "KR")      # a total it counts is Korea's
    assert [(m.kind, m.id) for m in v.mentions("선진 5개 특허청(IP5)에 출원된 특허")] == [("collective", None)] * 2


def ids_in(text):
    return [m.id for m in vocabulary().mentions(text)]


def test_a_korean_name_is_read_only_as_a_word_of_its_own():
    assert ids_in("중국인 출원인") == []
    assert ids_in("인도네시아는") == ["ID"]
    assert ids_in("서울대가 5위, 서울은 1위") == ["seoul-national-university", "seoul"]
    assert ids_in("삼성의 특허, 삼성바이오로직스의 특허") == ["samsung", "samsung-biologics"]


def test_the_longest_name_wins():
    assert ids_in("중국과학원이 1위") == ["cas"]
    assert ids_in("LG에너지솔루션과 LG") == ["lg-energy-solution", "lg"]
    assert ids_in("KT&G와 KT") == ["kt-and-g", "kt"]
    assert ids_in("2위 한국 삼성전자(4387건), 3위 미국 퀄컴(3855)") == ["KR", "samsung", "US", "qualcomm"]


@pytest.mark.parametrize("everyday, meant", [
    ("경기가 얼어붙은 가운데", "경기도의 특허 출원"),          # 경기 "the economy"
    ("정당한 대우를 받는", "대우전자가 출원한"),              # 대우 "treatment"
    ("현대 사회의 특허", "현대자동차의 특허"),                # 현대 "modern"
    ("데이터 저장 특허", "저장성의 특허"),                    # 저장 "storage"
    ("업체들이 선전했다", "선전시의 특허"),                # 선전 "did well"
])
def test_an_everyday_word_is_no_subject_but_its_unambiguous_form_is(everyday, meant):
    assert ids_in(everyday) == []
    assert len(ids_in(meant)) == 1


def test_english_names_are_whole_words_matched_as_written():
    assert ids_in("Samsung Electronics received 6,165 patents, ahead of IBM.") == ["samsung", "ibm"]
    assert ids_in("IBMers and samsung") == []


def test_no_name_reads_as_another_subjects_id():
    """resolve() takes ids first: a name equal to another id (SK is Slovakia) would mean two things."""
    v = vocabulary()
    ids = {s.id.casefold(): s.id for s in v.subjects}
    clashes = [(n, s.id, ids[n.casefold()]) for s in v.subjects for n in s.names
               if ids.get(n.casefold(), s.id) != s.id]
    assert clashes == []


def test_home_countries_are_subjects_of_the_vocabulary():
    v = vocabulary()
    places = {s.id for s in v.subjects if s.kind in ("country", "region")}
    assert all(len(s.id) == 2 and s.id.isupper() for s in v.subjects if s.kind == "country")
    assert {s.country for s in v.subjects if s.country} <= places


GOOD = {"id": "CN", "kind": "country", "names": ["중국"]}


@pytest.mark.parametrize("doc, complaint", [
    ({"subject": [GOOD | {"alias": ["中"]}]}, "unknown key(s) alias"),
    ({"subject": [GOOD], "subjects": []}, "unknown table(s) subjects"),
    ({"subject": [GOOD, {"id": "TW", "kind": "country", "names": ["중국"]}]}, "'중국' is given to 'CN'"),
    ({"subject": [GOOD, {"id": "cn-2", "kind": "country", "names": ["china"]}, {"id": "x", "kind": "company",
      "names": ["China"]}]}, "is given to"),
    ({"subject": [GOOD, GOOD | {"names": ["中"]}]}, "subject id 'CN' appears twice"),
    ({"subject": [GOOD | {"kind": "nation"}]}, "kind 'nation' must be one of"),
    ({"subject": [GOOD | {"id": "Huawei"}]}, "id must be a country code"),
    ({"subject": [GOOD | {"names": []}]}, "needs a non-empty list of names"),
    ({"subject": [GOOD | {"country": "china"}]}, "country must be a two-letter code"),
    ({"subject": []}, "needs [[subject]] entries"),
    ({"subject": [GOOD], "office": [{"country": "KR", "names": ["특허청"]}]}, "country 'KR' must be the id"),
    ({"subject": [GOOD], "office": [{"country": "CN", "names": ["중국"]}]}, "'중국' is given to 'CN'"),
])
def test_the_loader_rejects_a_bad_file_and_says_why(doc, complaint):
    with pytest.raises(DataFileError) as e:
        parse_vocabulary(doc)
    assert "subjects.toml" in str(e.value) and complaint in str(e.value)


def test_a_small_good_file_loads():
    v = parse_vocabulary({"subject": [GOOD], "office": [{"country": "CN", "names": ["CNIPA"]}],
                          "collective": [{"names": ["IP5"]}]})
    assert v.resolve("중국").id == "CN" and v.resolve("CNIPA") is None
    assert [(m.kind, m.id) for m in v.mentions("CNIPA에 따르면 IP5")] == [("office", "CN"), ("collective", None)]
