"""The Korean extractor's third pass (issue #4, classes A and B), on short sentences written for these tests.

A: habits, practices, trends and generalities; the same act told twice (recaps, the scene of the act
before, the people just named, a decision named after the act); word sense (things gone, a leader's
death, idioms); D16. B: dates counted from a named act, holidays, "이듬해"; reasons (the case's charge,
D23, mourning); a provincial office's arrest in a city; people counted in pieces; D35.
"""

from __future__ import annotations

import datetime as dt

import pytest
from ko_helpers import PUB, of_type, run

from sillok.extract.ko import KoreanExtractor
from sillok.extract.ko.timex import find_times
from sillok.models import DateRange


def day(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


# -- A: not acts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # habits and practices told by the predicate
        "2000년대에는 국경에서 붙잡힌 사람이 교화소에 보내지는 일이 흔했다.",
        "그때는 뇌물을 주면 단련대에서 풀려나곤 했다.",
        "경비대원들이 돈을 받고 주민들을 강 건너로 넘겨 주는 게 일상이 됐다.",
        "요즘 국경 마을에서는 밀수꾼이 붙잡히는 일이 다반사다.",
        "최근 양강도에서 공개처형 소식이 잇따르고 있다.",
        # generalities: 'usually', present-day, a quoted present, 'as usual it would'
        "탈북했다 붙잡힌 사람은 대개 정치범수용소로 보내진다고 한다.",
        '그는 "요즘은 손전화로 통화만 해도 끌려간다"고 말했다.',
        '한 주민은 "평소 같으면 벌금으로 끝날 일"이라고 말했다.',
        '그는 "보위원들 눈에 띄면 그 자리에서 끌려간다"고 말했다.',
        "주민들 사이에서 추방은 가장 무거운 처벌로 여겨진다.",
        # heard, expected
        '그는 "붙잡힌 사람은 수용소로 간다고 들었다"고 말했다.',
        '그는 "이렇게 빨리 쫓겨날 줄은 몰랐다"고 말했다.',
    ],
)
def test_habits_trends_and_generalities_are_not_acts(ko: KoreanExtractor, text: str) -> None:
    assert run(ko, text) == []


def test_a_measure_going_on_now_stays_an_act(ko: KoreanExtractor) -> None:
    inc = of_type(ko, "요즘 혜산시 안전부가 국경 마을마다 전파탐지기를 가동한다.", "crackdown")
    assert inc.perpetrator == "mps"  # the measure of a named office, going on


@pytest.mark.parametrize(
    "text",
    [
        "창고에서 시멘트와 철근 같은 자재가 한꺼번에 사라져 간부들이 애를 먹고 있다.",
        "지난해 말 농장 창고의 식량이 몰래 사라졌다고 주민이 전했다.",
    ],
)
def test_things_gone_are_not_a_disappearance(ko: KoreanExtractor, text: str) -> None:
    assert [i for i in run(ko, text) if i.type == "disappearance"] == []


@pytest.mark.parametrize(
    "text",
    [
        "김일성 사망 추모 기간에 구류장에 갇힌 사람들은 더 엄하게 다뤄졌다.",
        '탈북민 A씨는 "단련대에서 나온 뒤로 죽기 살기로 일했다"고 말했다.',
    ],
)
def test_a_leaders_death_and_idioms_are_not_killings(ko: KoreanExtractor, text: str) -> None:
    assert [i for i in run(ko, text) if i.type == "killing"] == []


def test_sources_described_by_their_arrival_are_not_an_escape(ko: KoreanExtractor) -> None:
    text = "한국에 입국한 탈북민들의 증언을 통해 수용소의 실태를 살펴봤다."
    assert [i for i in run(ko, text) if i.type == "escape"] == []


def test_a_work_assignment_is_not_a_deployment(ko: KoreanExtractor) -> None:
    assert run(ko, "그 집 아들은 협동농장 작업반에 배치된 것으로 알려졌다.") == []
    inc = of_type(ko, "지난 3일부터 혜산시 역전에 안전원들이 배치돼 주민들의 짐을 검사하고 있다.", "crackdown")
    assert inc.date == DateRange(day(2023, 7, 3), PUB)


# -- A: the same act told twice ---------------------------------------------------------------


def test_a_recap_is_the_acts_told(ko: KoreanExtractor) -> None:
    text = (
        "지난 2일 무산군에서 주민 4명이 보위부에 붙잡혔다. 지난 4일 회령에서도 2명이 체포됐다. "
        "이렇게 체포된 6명은 지난 15일 노동단련대 6개월 처벌을 받았다."
    )
    assert len([i for i in run(ko, text) if i.type == "arrest"]) == 2


def test_an_act_at_the_scene_of_the_act_before_is_that_act(ko: KoreanExtractor) -> None:
    text = "지난 5일 밤 안전원들이 한 살림집에서 술을 마시던 주민들을 덮쳤다. 이 자리에서 주민 6명이 한꺼번에 끌려갔다."
    inc = of_type(ko, text, "arrest")
    assert inc.victims is not None and inc.victims.count == 6
    assert inc.date == DateRange.day(day(2023, 7, 5))
    assert [i for i in run(ko, text) if i.type in ("surveillance", "crackdown")] == []


def test_the_people_just_named_told_again_are_the_act(ko: KoreanExtractor) -> None:
    text = (
        "중국 공안이 지난 10일 옌지에서 탈북민 5명을 체포했다. "
        "이들은 한국행을 위해 숙소에서 기다리던 중 공안에 연행된 것으로 전해졌다."
    )
    assert len([i for i in run(ko, text) if i.type == "arrest"]) == 1


def test_a_decision_named_after_the_act_gives_its_perpetrator(ko: KoreanExtractor) -> None:
    text = "지난달 중순 신의주에 살던 박 모 씨 가족이 농촌으로 쫓겨났다. 추방 결정은 시 안전부가 내렸다."
    inc = of_type(ko, text, "sentence")
    assert inc.perpetrator == "mps"  # the measure of a named office, going on


def test_a_search_that_found_items_in_an_arrest_belongs_to_it(ko: KoreanExtractor) -> None:
    text = (
        "지난 8일 보위원들이 김 모 씨를 체포했다. "
        '소식통은 "보위원들이 방 안을 뒤져 한국 영화가 담긴 USB 두 개를 찾아냈다"고 말했다.'
    )
    assert [i for i in run(ko, text) if i.type in ("surveillance", "crackdown")] == []


def test_no_word_after_being_taken_is_not_a_disappearance(ko: KoreanExtractor) -> None:
    text = "지난 4일 청진에서 한 여성이 보위부에 연행된 뒤 연락이 끊겼다."
    assert [i.type for i in run(ko, text)] == ["arrest"]


# -- A: D16 ------------------------------------------------------------------------------------


def test_a_crossing_by_people_later_caught_in_china_is_not_an_escape(ko: KoreanExtractor) -> None:
    text = (
        "나는 2015년 봄 무산에서 두만강을 건너 중국 옌지의 식당에서 일했다. "
        "2016년 5월 중국 공안이 식당에 들이닥쳐 나를 체포했다."
    )
    types = [i.type for i in run(ko, text)]
    assert "escape" not in types and "arrest" in types


def test_a_crossing_after_the_return_stays_an_escape(ko: KoreanExtractor) -> None:
    text = "2016년 5월 중국 공안이 나를 체포했다. 2018년 가을 나는 다시 두만강을 건너 중국으로 갔다."
    assert len([i for i in run(ko, text) if i.type == "escape"]) == 1


# -- B: dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("설 전날", dt.date(2013, 2, 22), day(2013, 2, 9), day(2013, 2, 9)),
        ("추석 다음날", dt.date(2012, 10, 20), day(2012, 10, 1), day(2012, 10, 1)),
        ("2013년 가을 풀려난 그는 이듬해 봄", dt.date(2023, 1, 1), day(2014, 3, 1), day(2014, 5, 31)),
    ],
)
def test_days_counted_from_holidays_and_the_year_after(
    text: str, published: dt.date, start: dt.date, end: dt.date
) -> None:
    got = [t for t in find_times(text, published) if t.range is not None]
    assert got[-1].range == DateRange(start, end)


def test_ahead_of_a_holiday_is_not_its_day() -> None:
    got = find_times("설 명절을 앞두고", dt.date(2013, 2, 22))
    assert all(t.range is None for t in got)


def test_caught_at_the_scene_takes_the_acts_day(ko: KoreanExtractor) -> None:
    text = "지난 12일 밤 경비대원들이 강을 건너던 남성을 사살했다. 함께 있던 여성은 현장에서 붙잡혔다."
    assert of_type(ko, text, "arrest").date == DateRange.day(day(2023, 7, 12))


def test_the_day_of_a_named_trial(ko: KoreanExtractor) -> None:
    text = (
        "지난 14일 청진시에서 공개재판이 열려 밀수꾼 3명이 교화 10년을 선고받았다. "
        "재판 당일 시내 공장 노동자들이 모두 재판장에 동원됐다."
    )
    assert of_type(ko, text, "crackdown").date == DateRange.day(day(2023, 7, 14))


def test_the_week_of_the_act_before(ko: KoreanExtractor) -> None:
    text = "지난 8일 혜산시에서 주민 5명이 안전부에 붙잡혔다. 같은 주에 보천군에서도 주민 두 명이 잡혀갔다."
    dates = sorted((i.date.start, i.date.end) for i in run(ko, text) if i.type == "arrest" and i.date)
    assert (day(2023, 7, 3), day(2023, 7, 9)) in dates and len(dates) == 2


def test_questioning_for_months_from_the_custody(ko: KoreanExtractor) -> None:
    text = "나는 지난해 3월 말 온성군 보위부에 체포됐다. 보위부 구류장에서 나는 석 달 동안 예심을 받았다."
    inc = of_type(ko, text, "interrogation")
    assert inc.date == DateRange(day(2022, 3, 21), day(2022, 6, 30))


def test_an_act_during_the_questioning_told(ko: KoreanExtractor) -> None:
    text = (
        "두 사람은 지난 3월 시 보위부에 체포돼 재판까지 넉 달 동안 예심을 받았다. 지난 7월 10일 재판이 열렸다. "
        '협력자는 "조사 기간에 여자는 보위원들에게 맞아 다리를 다쳤다"고 전했다.'
    )
    assert of_type(ko, text, "abuse").date is not None


# -- B: reasons, places, counts ----------------------------------------------------------------


def test_the_cases_charge_outranks_a_later_cue(ko: KoreanExtractor) -> None:
    text = (
        "지난 5일 회령에서 여성들을 중국 브로커에게 팔아넘긴 혐의로 주민 2명이 체포됐다. "
        '주민들은 "장사하러 가야 하는데 못 갔다"고 말했다. 두 사람은 지금 보위부에서 예심을 받고 있다.'
    )
    assert {i.reason for i in run(ko, text) if i.type in ("arrest", "interrogation")} == {"defection"}


def test_acts_in_a_mourning_period_are_political(ko: KoreanExtractor) -> None:
    text = "지난 20일 애도 기간에 술을 마신 주민 3명이 안전부에 붙잡혔다."
    assert of_type(ko, text, "arrest").reason == "political"


def test_the_reason_told_after_the_act(ko: KoreanExtractor) -> None:
    text = "지난달 청진에 살던 일가족 4명이 산골로 쫓겨났다. 딸이 한국으로 갔다는 것이 이유였다."
    assert of_type(ko, text, "sentence").reason == "defection"


def test_a_provincial_offices_arrest_stays_in_the_city(ko: KoreanExtractor) -> None:
    text = "양강도 혜산시에서 지난 9일 송금 브로커 한 명이 도 보위국에 체포됐다."
    inc = of_type(ko, text, "arrest")
    assert inc.location is not None and inc.location.admin2 == "Hyesan"


@pytest.mark.parametrize(
    ("text", "type_", "count"),
    [
        ("지난 9일 시 재판소는 30대 남성에게 교화 10년, 20대 여성에게 교화 8년을 선고했다.", "sentence", 2),
        ("지난달 박 모 씨 부부와 두 아들은 평양에서 쫓겨났다.", "sentence", 4),
        ("지난 3월 말 우리 두 사람은 다른 탈북민 열 명과 함께 중국 공안에 의해 북송됐다.", "repatriation", 12),
    ],
)
def test_people_counted_in_pieces(ko: KoreanExtractor, text: str, type_: str, count: int) -> None:
    inc = of_type(ko, text, type_)
    assert inc.victims is not None and inc.victims.count == count


def test_an_arrival_in_the_south_through_a_third_country(ko: KoreanExtractor) -> None:
    text = "그는 지난해 8월 중국 선양의 식당에서 달아나 제3국을 거쳐 그해 10월 한국에 들어왔다."
    inc = of_type(ko, text, "escape")
    assert inc.location is not None and inc.location.country == "KR"


def test_an_order_given_once_after_the_case_has_no_date(ko: KoreanExtractor) -> None:
    text = (
        "지난 3일 혜산시에서 주민 2명이 보위부에 체포됐다. "
        "사건 이후 시 보위부는 인민반장들을 불러 모아 외부와 연락하는 세대를 신고하라고 지시했다."
    )
    assert of_type(ko, text, "crackdown").date is None  # a lower bound only (D2)


def test_the_office_that_goes_along_is_not_the_actor(ko: KoreanExtractor) -> None:
    text = "지난 11일부터 검열그루빠 성원들이 보안원들과 함께 인민반을 돌며 집집마다 저장매체를 뒤지고 있다."
    assert of_type(ko, text, "crackdown").perpetrator == "task_force"


def test_banished_from_the_district_where_they_lived(ko: KoreanExtractor) -> None:
    text = "평양 대동강구역에 살던 이 모 씨 가족은 지난달 평양에서 쫓겨났다."
    inc = of_type(ko, text, "sentence")
    assert inc.location is not None and inc.location.admin2 == "Taedonggang-guyok"


def test_a_thing_found_is_not_an_arrest(ko: KoreanExtractor) -> None:
    text = "요즘 시 보위부는 역전에 보위원들을 세워 한국 영상물을 찾아낸다며 주민들의 가방을 검사하고 있다."
    assert [i for i in run(ko, text) if i.type == "arrest"] == []


def test_the_flight_told_as_an_escape_dates_the_questioning(ko: KoreanExtractor) -> None:
    text = (
        "딸은 지난해 5월 중국으로 달아나 그해 8월 한국에 들어왔다. "
        "딸이 사라진 직후 시 보위부는 가족을 차례로 불러 조사했다."
    )
    assert [i for i in run(ko, text) if i.type == "disappearance"] == []


def test_a_dated_act_beside_a_habit_stays(ko: KoreanExtractor) -> None:
    text = "김 모 씨는 지난 3일 보위부에 체포됐는데, 평소 장마당에서 중국 물건을 팔곤 했다."
    assert of_type(ko, text, "arrest").date == DateRange.day(day(2023, 7, 3))
