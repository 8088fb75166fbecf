"""The Korean extractor's second set of general rules, on short sentences written for these tests.

Group counts, hearsay and general statements, background clauses, two acts in one sentence,
added trigger vocabulary, reason precedence, relative dates, place context and foreign police.
"""

from __future__ import annotations

import datetime as dt

import pytest
from ko_helpers import PUB, of_type, run

from sillok.extract.ko import KoreanExtractor
from sillok.extract.ko.timex import find_times

# -- group counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count", "qualifier"),
    [
        ("지난 3일 보위부가 김 모(30) 씨와 그의 친구 두 명을 연행했다.", 3, "exact"),
        ("지난 3일 탈북민 8명과 이들을 안내하던 중국인 남성 1명이 공안에 붙잡혔다.", 9, "exact"),
        ("지난 3일 주민 10여 명과 간부 2명이 안전부에 붙잡혔다.", 12, "at_least"),
        ("지난 3일 나는 회령에서 보위원들에게 붙잡혔다.", 1, "exact"),
    ],
)
def test_joined_parts_of_a_group_add_up(ko: KoreanExtractor, text: str, count: int, qualifier: str) -> None:
    inc = of_type(ko, text, "arrest")
    assert inc.victims is not None and (inc.victims.count, inc.victims.qualifier) == (count, qualifier)


def test_people_caught_with_them_join_the_arrest(ko: KoreanExtractor) -> None:
    text = "지난 3일 혜산에서 밀수꾼 김 씨가 경비대에 붙잡혔다. 함께 있던 그의 아내도 이때 같이 붙잡혔다."
    got = [i for i in run(ko, text) if i.type == "arrest"]
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 2


def test_the_first_person_is_one(ko: KoreanExtractor) -> None:
    inc = of_type(ko, "2016년 11월 군 보위부는 나에게 노동단련대 1년 처벌을 내렸다.", "sentence", None)
    assert inc.victims is not None and inc.victims.count == 1


# -- not incidents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "관계자는 평양에서 간부가 처형됐다는 첩보가 있으나 사실 여부는 확인되지 않았다고 말했다.",  # unconfirmed
        "지난해에도 대학생들이 잡혀갔다는 말이 있었지만 확인되지 않았다.",  # hearsay
        "다른 한 명은 가족이 안전원에게 뒷돈을 찔러주고 빼냈다는 말도 돈다.",  # rumour
        "형법은 비법월경을 노동단련형으로 다스리도록 하고 있다.",  # a law
        "중국 정부는 탈북민을 붙잡는 대로 북한에 돌려보내고 있다.",  # habitual present
        "단체들은 북송된 탈북민들이 심한 구타를 당한다고 지적해 왔다.",  # a claim made over time
        "새로 입국한 탈북민들은 하나원에서 12주 동안 교육을 받는다.",  # a general statement
        "한 단체는 공개처형 장소가 300곳이 넘는다고 보고서에서 집계했다.",  # a tally
    ],
)
def test_not_an_act(ko: KoreanExtractor, text: str) -> None:
    assert run(ko, text) == []


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # a trigger in a clause that only dates another act
        ("지난 3일 일가족이 사라진 지 사흘 만에 보위부가 친척 5명을 끌고 갔다.", ["arrest"]),
        ("예심이 이어지던 9월 3일에는 조사실에서 몇 시간 동안 매를 맞았다.", ["abuse"]),
        ("국경이 봉쇄된 뒤 밀수꾼 김 씨가 지난 3일 경비대에 붙잡혔다.", ["arrest"]),
        # the act named as a place
        ("지난 3일 총살 현장에는 주민 1천여 명이 강제로 동원됐다.", ["crackdown"]),
    ],
)
def test_background_clauses_start_no_incident(ko: KoreanExtractor, text: str, types: list[str]) -> None:
    assert sorted(i.type for i in run(ko, text, dt.date(2016, 9, 20))) == types


# -- two acts in one sentence, new vocabulary --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("지난달 여성 3명이 공안에 체포된 뒤 지난주 투먼 세관을 통해 북한으로 넘겨졌다.", ["arrest", "repatriation"]),
        ("지난 3일 군 보위부가 친척 세 집을 뒤지고 남자 5명을 끌고 갔다.", ["arrest", "surveillance"]),
        ("지난해 12월 달아났던 노동자 1명이 러시아 경찰에 붙잡혀 북측에 넘겨졌다.", ["arrest", "repatriation"]),
        ("지난 3일 혜산에서 붙잡힌 주민 10여 명은 교화소로 보내졌다.", ["arrest", "sentence"]),
    ],
)
def test_each_clause_gives_its_act(ko: KoreanExtractor, text: str, types: list[str]) -> None:
    assert sorted(i.type for i in run(ko, text)) == types


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("갑산군 안전부는 지난 13일 인민반에 ‘한 세대에 한 명 이상 반드시 참가하라’고 통보했다.", "crackdown"),
        ("8일에는 당비서가 노동자 40여 명을 모아 놓고 총화를 열어 “배반하면 무사하지 못하다”고 했다.", "crackdown"),
        ("평성시 안전부는 이달 초부터 시장 골목마다 안전원을 세워 두고 외화 거래를 막고 있다.", "crackdown"),
        ("아내는 지난 3일 중국 돈 1만 위안을 보위국 간부에게 건네고 풀려났다.", "bribery"),
        ("보위원들은 지난 3일 하루 종일 시내 사업장들을 뒤졌지만 두 사람의 행방을 찾지 못했다.", "surveillance"),
        ("지난 3일 순찰하던 경비대원들에게 끌려 나온 청년은 그 자리에서 발길질을 당했다.", "abuse"),
        ("그 여성은 지난 3일 밤마다 계호원들에게 맞았다고 한다.", "abuse"),
        ("같은 날 순천시장에서도 안전원들이 외화 단속에 나섰지만 적발된 사람은 없었다고 한다.", "crackdown"),
    ],
)
def test_added_vocabulary(ko: KoreanExtractor, text: str, type_: str) -> None:
    assert type_ in {i.type for i in run(ko, text)}


def test_examiners_questions_to_people_in_custody(ko: KoreanExtractor) -> None:
    text = "지난 3일 나는 보위부에 붙잡혔다. 예심원들은 석 달 동안 누구를 만났는지 하루에도 몇 번씩 물었다."
    assert "interrogation" in {i.type for i in run(ko, text)}


def test_a_sea_crossing_is_placed_where_they_arrived(ko: KoreanExtractor) -> None:
    inc = of_type(ko, "지난 3일 일가족 4명이 목선을 타고 서해 북방한계선(NLL)을 넘어 남쪽으로 왔다.", "escape")
    assert inc.location is not None and inc.location.country == "KR"


# -- reasons and perpetrators ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("지난 3일 손전화로 한국 드라마 영상을 주고받은 학생 2명이 보위부에 연행됐다.", "foreign_media"),
        ("국가정보원에 따르면 지난 3일 탈북을 시도한 주민 3명이 체포됐다.", "defection"),
        ("지난 3일 장마당에서 외화를 바꿔 주던 주민 3명이 안전부에 붙잡혔다.", "economic"),
        ("지난 3일 건설 현장에서 달아난 노동자 2명이 현지 경찰에 붙잡혔다.", "defection"),
    ],
)
def test_reason_precedence(ko: KoreanExtractor, text: str, reason: str) -> None:
    assert of_type(ko, text, "arrest").reason == reason


@pytest.mark.parametrize(
    ("text", "type_", "code"),
    [
        ("지난 3일 노동자 2명이 현지 경찰에 붙잡혔다.", "arrest", "other"),
        ("지난 3일 노동자 2명이 러시아 경찰에 붙잡혔다.", "arrest", "other"),
        ("지난달 러시아에서 붙잡힌 노동자 2명이 지난 3일 북한으로 강제 송환됐다.", "repatriation", "other"),
        ("국경경비여단 보위부는 지난 3일 중대장을 철직했다.", "official_punishment", "military"),
    ],
)
def test_perpetrators(ko: KoreanExtractor, text: str, type_: str, code: str) -> None:
    assert of_type(ko, text, type_).perpetrator == code


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("2018년 봄", None, "2018-03-01", "2018-05-31"),  # a year is known without publication
        ("2016년 8월 중순 ... 그해 11월", None, "2016-11-01", "2016-11-30"),
        ("이달 초부터", "2022-05-24", "2022-05-01", "2022-05-24"),  # since: to publication
        ("지난달 중순부터", "2022-05-24", "2022-04-11", "2022-05-24"),
        ("지난달 중순부터 이달 초까지", "2022-05-24", "2022-04-11", "2022-05-10"),  # a span is not "since"
    ],
)
def test_date_expressions(text: str, published: str | None, start: str, end: str) -> None:
    pub = dt.date.fromisoformat(published) if published else None
    got = [t for t in find_times(text, pub) if t.kind == "date"]
    assert got and got[-1].range is not None
    assert (got[-1].range.start.isoformat(), got[-1].range.end.isoformat()) == (start, end)


def test_a_story_year_dates_days_without_a_publication_date(ko: KoreanExtractor) -> None:
    text = "2016년 8월 나는 두만강을 건너다 경비대에 붙잡혔다. 9월 3일에는 조사실에서 매를 맞았다."
    inc = of_type(ko, text, "abuse", None)
    assert inc.date is not None and inc.date.start == dt.date(2016, 9, 3)


@pytest.mark.parametrize(
    ("text", "type_", "start", "end"),
    [
        # anchors count from the last dated act before the sentence, and add up within it
        (
            "지난 5일 주민 2명이 사라졌다. 보위부는 사흘 뒤 그들의 집을 수색했다.",
            "surveillance",
            "2023-07-08",
            "2023-07-08",
        ),
        (
            "지난 14일 재판이 열렸다. 안전부는 재판 전날 인민반에 참가하라고 통보했다.",
            "crackdown",
            "2023-07-13",
            "2023-07-13",
        ),
        (
            "지난 5일 노동자 2명이 사라졌다. 보위원들은 이튿날 아침 이를 확인하고 그날 하루 종일 "
            "시내를 뒤졌지만 행방을 찾지 못했다.",
            "surveillance",
            "2023-07-06",
            "2023-07-06",
        ),
        # ongoing questioning after a transfer "right after" the arrest runs to publication (D7)
        (
            "지난 3일 보위부가 청년 3명을 연행했다. 세 사람은 곧바로 시 보위부로 넘겨져 지금까지 예심을 받고 있다.",
            "interrogation",
            "2023-07-03",
            "2023-07-20",
        ),
    ],
)
def test_relative_dates(ko: KoreanExtractor, text: str, type_: str, start: str, end: str) -> None:
    inc = of_type(ko, text, type_)
    assert inc.date is not None and (inc.date.start.isoformat(), inc.date.end.isoformat()) == (start, end)


# -- places ------------------------------------------------------------------------------------


def test_a_county_office_refers_to_the_county_named_before(ko: KoreanExtractor) -> None:
    text = "양강도 갑산군에서 지난 14일 공개재판이 열렸다.\n\n협력자에 따르면 세 사람은 3월 초 군 안전부에 붙잡혔다."
    inc = of_type(ko, text, "arrest")
    assert inc.location is not None and (inc.location.admin1, inc.location.admin2) == ("Ryanggang", "Kapsan County")


def test_a_provincial_office_as_a_destination_keeps_the_place_of_the_arrest(ko: KoreanExtractor) -> None:
    text = "이 남성은 지난달 초 혜산시 강변에서 국경경비대에 붙잡혀 도 보위국으로 넘겨졌다."
    inc = of_type(ko, text, "arrest")
    assert inc.location is not None and inc.location.admin2 == "Hyesan"


def test_a_source_placed_in_a_province_places_its_own_sentence(ko: KoreanExtractor) -> None:
    text = (
        "자강도 만포시의 한 주민 소식통은 “지난 7일 여성이 체포됐다”고 전했다.\n\n"
        "자강도의 또 다른 소식통은 “요즘 보위부가 마을마다 전파탐지기를 돌리고 있다”고 전했다."
    )
    inc = of_type(ko, text, "crackdown")
    assert inc.location is not None and (inc.location.admin1, inc.location.admin2) == ("Chagang", None)


def test_a_repatriation_is_placed_where_they_were_handed_over(ko: KoreanExtractor) -> None:
    inc = of_type(ko, "탈북 여성 3명이 지난주 투먼 세관을 통해 북한으로 넘겨졌다.", "repatriation")
    assert inc.location is not None and (inc.location.country, inc.location.admin2) == ("CN", "Tumen")


# -- lead and body -----------------------------------------------------------------------------


def test_lead_and_body_tell_one_group_arrest(ko: KoreanExtractor) -> None:
    text = (
        "중국 룽징시에서 탈북민 10명과 이들을 안내하던 남성 1명이 공안에 붙잡혔다고 소식통이 13일 전했다.\n\n"
        "소식통에 따르면 이들은 지난 10일 새벽 룽징시의 한 농가에 숨어 있다가 공안에 체포됐다."
    )
    got = [i for i in run(ko, text, dt.date(2015, 3, 13)) if i.type == "arrest"]
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 11
    assert got[0].date is not None and got[0].date.start == dt.date(2015, 3, 10)


def test_two_acts_each_told_with_its_own_time_stay_two(ko: KoreanExtractor) -> None:
    text = (
        "2016년 8월 나는 종성에서 강을 건너다 경비대에 붙잡혔다.\n\n"
        "며칠 전에는 지난 4월 10일 종성에서 이웃집 아주머니가 강을 건너다 붙잡혔다는 말을 전해 들었다."
    )
    assert [i.type for i in run(ko, text, None)].count("arrest") == 2


# -- acts bounded on both sides (D2), policies and trends ---------------------------------------


def test_questioning_until_the_trial_runs_from_the_arrest_to_the_trial(ko: KoreanExtractor) -> None:
    text = (
        "갑산군에서 지난 14일 주민 3명에 대한 공개재판이 열렸다.\n\n"
        "군 재판소는 세 사람에게 교화 10년을 선고했다. 세 사람은 3월 초 군 안전부에 붙잡혔다. "
        "재판이 열리기까지 석 달 남짓 안전부 구류장에서 예심을 받았다."
    )
    got = {i.type: i for i in run(ko, text)}
    assert got["sentence"].date is not None and got["sentence"].date.start == dt.date(2023, 7, 14)
    inter = got["interrogation"].date
    assert inter is not None and (inter.start, inter.end) == (dt.date(2023, 3, 1), dt.date(2023, 7, 14))


def test_questioning_until_a_dated_release(ko: KoreanExtractor) -> None:
    text = "지난 10일 보위부가 친척 5명을 끌고 갔다. 이들은 추궁을 받았고, 4명이 풀려난 것은 엿새 뒤인 16일이었다."
    inc = of_type(ko, text, "interrogation")
    assert inc.date is not None and (inc.date.start, inc.date.end) == (dt.date(2023, 7, 10), dt.date(2023, 7, 16))


@pytest.mark.parametrize(
    "text",
    [
        "중국은 국경을 넘은 북한 주민을 난민이 아닌 불법 체류자로 여겨 북한으로 돌려보내고 있다.",
        "최근 몇 달 사이 중국과 통화하다 적발된 주민들이 잇따라 보위부에 끌려가고 있다.",
    ],
)
def test_policies_and_trends_are_not_acts(ko: KoreanExtractor, text: str) -> None:
    assert run(ko, text) == []


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'version = "1"\n[[trigger]]\ntype = "arrest"\npatterns = ["체포/N"]\nforbids_before = ["(물건"]',
            "trigger #1",
        ),
        ('version = "1"\n[modality]\nafter_words = ["(말이"]', "modality.after_words"),
        (
            'version = "1"\n[[trigger]]\ntype = "bribery"\npatterns = ["뇌물/N"]\nforbids_after = ["(사실"]',
            "trigger #1",
        ),
        ('version = "1"\n[[trigger]]\ntype = "arrest"\npatterns = ["체포/N"]\nforbid_before = ["물건"]', "unknown key"),
    ],
)
def test_bad_new_lexicon_entries_are_named(toml: str, message: str) -> None:
    from sillok.errors import LexiconError
    from sillok.extract.ko.lexicon import parse_lexicon

    with pytest.raises(LexiconError, match=message) as err:
        parse_lexicon(toml)
    assert "lexicon.toml" in str(err.value)


@pytest.mark.parametrize(
    ("text", "type_", "start", "end"),
    [
        # a deadline is not the time of the order
        (
            "함경남도 당위원회는 지난달 중순 인민반에 이달 말까지 녹화물을 바치라고 지시했다.",
            "crackdown",
            "2023-06-11",
            "2023-06-20",
        ),
        # a crossing of the MDL, the word split by the analyzer
        (
            "북한군 하사관은 19일 새벽 연천 지역 군사분계선을 넘어 한국군 초소 쪽으로 걸어왔다.",
            "escape",
            "2023-07-19",
            "2023-07-19",
        ),
    ],
)
def test_deadlines_and_crossings(ko: KoreanExtractor, text: str, type_: str, start: str, end: str) -> None:
    inc = of_type(ko, text, type_)
    assert inc.date is not None and (inc.date.start.isoformat(), inc.date.end.isoformat()) == (start, end)


def test_lately_gives_no_date_but_currently_runs_from_the_arrest(ko: KoreanExtractor) -> None:
    lately = of_type(ko, "지난 3일 주민 2명이 체포됐다. 요즘 보위부가 마을마다 전파탐지기를 돌리고 있다.", "crackdown")
    assert lately.date is None
    now = of_type(
        ko, "지난 3일 주민 2명이 안전부에 체포됐다. 이들은 현재 시 안전부에서 조사를 받고 있다.", "interrogation"
    )
    assert now.date is not None and (now.date.start, now.date.end) == (dt.date(2023, 7, 3), PUB)


def test_a_bribe_named_as_a_finding_is_not_a_payment(ko: KoreanExtractor) -> None:
    text = "보위부는 지난 3일 중대장이 밀수꾼에게서 뒷돈을 받고 눈감아 준 사실을 밝혀내 그를 철직했다."
    assert [i.type for i in run(ko, text)] == ["official_punishment"]


def test_a_measure_in_a_story_abroad_is_placed_where_the_story_is(ko: KoreanExtractor) -> None:
    text = (
        "러시아 블라디보스토크의 건설 현장에서 일하던 북한 노동자 2명이 지난 5일 숙소를 빠져나간 뒤 연락이 끊겼다.\n\n"
        "8일에는 사업소 당비서가 남은 노동자들을 모아 놓고 총화를 열었다."
    )
    inc = of_type(ko, text, "crackdown")
    assert inc.location is not None and inc.location.country == "RU"
    assert inc.perpetrator == "party"


@pytest.mark.parametrize(
    "text",
    [
        "안전부는 지난 13일 인민반에 밀수꾼 재판에 ‘한 세대에 한 명 이상 반드시 참가하라’고 통보했다.",
        "지난 13일 마약 밀매범 총살 현장에는 주민 1천여 명이 강제로 동원됐다.",
    ],
)
def test_ordered_attendance_at_a_trial_or_execution_has_no_reason(ko: KoreanExtractor, text: str) -> None:
    assert of_type(ko, text, "crackdown").reason is None


def test_a_person_named_by_a_kinship_word_is_one(ko: KoreanExtractor) -> None:
    inc = of_type(ko, "지난 10일 종성에서 이웃집 아주머니가 강을 건너다 붙잡혔다.", "arrest")
    assert inc.victims is not None and inc.victims.count == 1
