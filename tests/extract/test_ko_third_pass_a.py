"""The Korean extractor's third pass (A), on short sentences written for these tests.

Handover, penalty and payment verbs; crackdowns told as orders, attendance and duty changes;
surveillance of definite people told with "~해 왔다", causatives or adverbs of frequency; questioning
of people not in custody; ill-treatment told by posture; an inspection of officials kept apart from
the dismissals (D27); a house search after the arrest (D30). Each rule has its non-incidents beside it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.ko import KoreanExtractor
from sillok.models import Document

PUB = dt.date(2024, 5, 20)


def types(ko: KoreanExtractor, text: str) -> list[str]:
    return [i.type for i in ko.extract(Document("t", text, PUB, "ko"))]


# -- handover to the North's side: a repatriation ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "중국 공안에 붙잡힌 탈북민 3명은 지난 5일 단둥 세관을 거쳐 북한 측에 인계됐다.",
        "러시아 경찰에 붙잡힌 노동자는 사흘 만에 북측 보위원들에게 넘겨졌다.",
        "중국 변방대에 붙잡힌 여성 2명은 지난 10일 북한 쪽에 넘겨졌다.",
        "베트남 경찰에 붙잡힌 일가족은 지난달 말 북한으로 압송됐다.",
    ],
)
def test_handover_to_the_north_is_a_repatriation(ko: KoreanExtractor, text: str) -> None:
    got = types(ko, text)
    assert "repatriation" in got, got
    assert got.count("arrest") <= 1, got


@pytest.mark.parametrize(
    "text",
    [
        "밀수꾼들은 지난 5일 약재와 물건을 북한 측에 넘겼다.",
        "중국 당국은 이들을 조만간 북측에 인계할 것으로 보인다.",
        "러시아 당국은 붙잡힌 노동자들을 북측에 인계해 왔다.",
    ],
)
def test_handover_of_goods_plans_and_practice_are_not(ko: KoreanExtractor, text: str) -> None:
    assert "repatriation" not in types(ko, text)


# -- a penalty laid on someone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "7월 말 군 보위부는 나에게 노동단련대 1년을 매겼다.",
        "지난달 시 안전부는 그에게 단련대 6개월을 매겼다.",
        "김 씨는 지난 3월 교화 5년을 받았다.",
    ],
)
def test_a_term_laid_on_someone_is_a_sentence(ko: KoreanExtractor, text: str) -> None:
    assert "sentence" in types(ko, text)


def test_a_term_expected_is_not_a_sentence(ko: KoreanExtractor) -> None:
    assert "sentence" not in types(ko, "소식통은 그가 적어도 교화 10년을 받을 것으로 내다봤다.")


# -- a payment to an official -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "지난해 봄 브로커가 경비대원에게 미리 돈을 쥐여 준 덕분에 무사히 건널 수 있었다.",
        "검열이 시작되자 지배인은 검열단 성원에게 돈을 건네며 무마를 시도했다.",
        "가족들은 지난 3일 담당 보위원에게 현금을 찔러주고 그를 빼냈다.",
    ],
)
def test_money_handed_to_an_official_is_a_bribe(ko: KoreanExtractor, text: str) -> None:
    got = types(ko, text)
    assert "bribery" in got, got
    assert "crackdown" not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "아들은 지난달 브로커를 통해 어머니에게 돈을 건넸다.",
        "그는 지난 3일 시장에서 상인에게 돈을 건넸다.",
        "경비대원들은 밀수꾼에게서 돈을 받고 눈감아 준 혐의를 받고 있다.",
    ],
)
def test_money_to_family_traders_or_a_charge_is_not_a_bribe(ko: KoreanExtractor, text: str) -> None:
    assert "bribery" not in types(ko, text)


# -- orders, attendance and duty changes: crackdowns --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '인민반장들은 재판 전날 집집마다 찾아다니며 "세대마다 한 명씩 빠짐없이 나오라"고 다그쳤다.',
        '지난 2일 동 사무소는 주민들에게 "모두 강연회에 참가하라"고 독촉했다.',
    ],
)
def test_an_order_pressed_on_households_is_a_crackdown(ko: KoreanExtractor, text: str) -> None:
    assert "crackdown" in types(ko, text)


def test_an_examiner_pressing_a_detainee_is_not_a_crackdown(ko: KoreanExtractor) -> None:
    text = '지난 3일 붙잡힌 김 씨에게 예심원은 "사실대로 말하라"고 다그쳤다.'
    assert "crackdown" not in types(ko, text)


@pytest.mark.parametrize(
    "text",
    [
        "지난 3월 처형 현장에는 간부 수백 명이 불려 나와 이를 지켜봐야 했다.",
        "지난 10일 공개재판에는 주민 2천여 명이 불려 나왔다.",
    ],
)
def test_people_made_to_watch_a_trial_or_an_execution_is_a_crackdown(ko: KoreanExtractor, text: str) -> None:
    got = types(ko, text)
    assert "crackdown" in got, got
    assert "surveillance" not in got, got


def test_a_practice_of_making_people_watch_is_not(ko: KoreanExtractor) -> None:
    text = "이 단체는 “당국이 주민들을 강제로 불러 모아 처형을 보게 하는 것”이라고 지적했다."
    assert "crackdown" not in types(ko, text)


@pytest.mark.parametrize(
    "text",
    [
        "국경경비대는 지난 5일부터 초소 근무를 2인 1조에서 3인 1조로 바꿨다.",
        "사건 이후 연대 보위지도원들이 초소를 불시에 점검하도록 했다.",
        "지난달 중순부터 국경경비대는 야간 순찰을 두 배로 늘렸다.",
    ],
)
def test_guard_duty_changed_or_checked_is_a_crackdown(ko: KoreanExtractor, text: str) -> None:
    assert "crackdown" in types(ko, text)


def test_a_measure_named_as_a_circumstance_is_not_one(ko: KoreanExtractor) -> None:
    text = "국경 봉쇄가 이어지면서 밀수로 생계를 잇던 주민들이 큰 타격을 입었다."
    assert "crackdown" not in types(ko, text)


# -- surveillance of definite people ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "도 보위국은 지난달 초부터 최 씨의 통화를 몰래 엿들으며 그가 연락하는 사람들을 추적해 왔다.",
        "시 안전부는 지난 3월부터 이들 부부를 감시해 왔다.",
    ],
)
def test_watching_definite_people_since_a_start_is_surveillance(ko: KoreanExtractor, text: str) -> None:
    assert "surveillance" in types(ko, text)


def test_a_practice_told_with_haewatda_stays_a_habit(ko: KoreanExtractor) -> None:
    assert types(ko, "보위부는 국경 지역 주민들의 통화를 추적해 왔다.") == []


def test_visits_and_a_neighbour_reporting_on_a_family_are_surveillance(ko: KoreanExtractor) -> None:
    text = (
        "지난해 11월 추방된 김 씨 가족에게는 보위원이 수시로 집에 들러 묻고, "
        "이웃 한 집이 가족의 동태를 보고하는 역할을 맡았다."
    )
    assert "surveillance" in types(ko, text)


def test_a_search_of_public_places_after_a_flight_is_a_manhunt(ko: KoreanExtractor) -> None:
    text = (
        "지난 1월 19일 노동자 2명이 숙소를 빠져나간 뒤 자취를 감췄다. "
        "보위원은 곧바로 다른 노동자들을 풀어 시내 시장과 기차역을 뒤지게 했다."
    )
    assert "surveillance" in types(ko, text)


def test_a_search_of_public_places_with_nobody_missing_is_a_crackdown(ko: KoreanExtractor) -> None:
    text = "지난 5일부터 시 안전부는 역전과 장마당 입구에 안전원들을 세워 주민들의 짐을 뒤지고 있다."
    got = types(ko, text)
    assert "crackdown" in got, got
    assert "arrest" not in got and "surveillance" not in got, got


def test_a_house_search_after_the_arrest_belongs_to_it(ko: KoreanExtractor) -> None:
    text = "지난달 함흥에서 일가족 5명이 보위부에 끌려갔다. 보위원들은 집 안을 샅샅이 뒤져 성경책을 찾아냈다."
    assert types(ko, text).count("surveillance") == 0


def test_a_search_that_leads_to_the_arrest_is_its_own_surveillance(ko: KoreanExtractor) -> None:
    text = "지난 15일 시 안전부가 한 가정집을 수색하다 성경책을 찾아내 모녀를 연행했다."
    got = types(ko, text)
    assert "surveillance" in got and "arrest" in got, got


# -- questioning of people not in custody ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "아들은 지난해 9월 두만강을 건너 탈북했다. 아들이 사라진 직후 시 보위부는 가족을 차례로 불러 조사했다.",
        "보안서는 지난 13일부터 동료들과 친척들을 차례로 불러 조사하고 있다.",
        "어머니는 지난 10월 보위부에 불려 가 추궁을 받았다.",
        "보위부는 지난주 이웃 주민 3명을 소환해 조사했다.",
    ],
)
def test_people_summoned_for_questioning_are_interrogated(ko: KoreanExtractor, text: str) -> None:
    got = types(ko, text)
    assert "interrogation" in got, got
    assert "disappearance" not in got, got


def test_officials_summoned_in_an_inspection_are_not_detainees_questioned(ko: KoreanExtractor) -> None:
    text = "검열은 지난달부터 이어지고 있으며, 중대 간부들이 차례로 불려 가 조사를 받고 있다."
    assert "interrogation" not in types(ko, text)


# -- first-person acts in a testimony ------------------------------------------------------------------


def test_police_taking_me_and_others_away_is_an_arrest(ko: KoreanExtractor) -> None:
    text = "2012년 3월 11일 밤 마을에 들이닥친 중국 공안이 나와 다른 탈북 여성 두 명을 함께 잡아갔다."
    assert "arrest" in types(ko, text)


@pytest.mark.parametrize(
    "text",
    [
        "지난해 3월 보위부에 붙잡힌 뒤 예심원은 나를 밤새 벽을 보고 무릎을 꿇고 앉아 있게 했다.",
        "나는 지난해 3월 보위부에 붙잡혔다. 계호원들은 밤새 나를 무릎을 꿇려 앉혔다.",
        "나는 지난해 3월 보위부에 붙잡혔다. 계호원들은 밤마다 나를 꿇어앉혔다.",
    ],
)
def test_a_detainee_made_to_kneel_all_night_is_abuse(ko: KoreanExtractor, text: str) -> None:
    assert "abuse" in types(ko, text)


def test_kneeling_of_ones_own_accord_is_not_abuse(ko: KoreanExtractor) -> None:
    assert "abuse" not in types(ko, "그는 지난해 어머니 앞에 무릎을 꿇고 용서를 빌었다.")


# -- an inspection of officials apart from the dismissals (D27) ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "중앙당 검열단이 지난달 중순부터 보름 동안 강계의 한 군수공장을 검열해 간부 4명을 철직시켰다.",
        "조직지도부가 지난 4월부터 두 달 가까이 평안북도당 위원회를 검열해 간부 30여 명을 해임했다.",
    ],
)
def test_an_inspection_and_its_dismissals_are_two_incidents(ko: KoreanExtractor, text: str) -> None:
    got = types(ko, text)
    assert got.count("official_punishment") == 2, got
    assert "crackdown" not in got, got


def test_an_inspection_of_households_stays_a_crackdown(ko: KoreanExtractor) -> None:
    got = types(ko, "지난 11일부터 도 검열그루빠가 인민반을 돌며 집집마다 손전화를 검열하고 있다.")
    assert "official_punishment" not in got, got


# -- other ways of telling the same acts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("중국 공안은 붙잡은 탈북민 5명을 지난 3일 북한 보위부에 넘겼다.", "repatriation"),
        ("그는 지난달 시 안전부로부터 노동단련대 6개월 처분을 받았다.", "sentence"),
        ("그는 지난 2월 노동교화 3년에 처해졌다.", "sentence"),
        ("지난 3일 밀수꾼들은 초소 군관에게 돈을 먹이고 물건을 넘겼다.", "bribery"),
        ("지난해 9월 그는 보위부에 불려 다니며 조사를 받았다.", "interrogation"),
    ],
)
def test_other_wordings(ko: KoreanExtractor, text: str, type_: str) -> None:
    assert type_ in types(ko, text)


def test_a_handover_between_northern_offices_is_not_a_repatriation(ko: KoreanExtractor) -> None:
    assert "repatriation" not in types(ko, "지난 3일 붙잡힌 김 씨는 시 안전부에서 시 보위부로 넘겨졌다.")


@pytest.mark.parametrize(
    "text",
    [
        "중국 공안은 탈북민을 붙잡으면 북한 측에 넘긴다.",
        "북한 당국은 탈북민 가족을 수시로 감시한다.",
        "북한 주민들은 장마당에서 단속원에게 돈을 건네야 장사를 할 수 있다.",
        "국경경비대는 근무를 3인 1조로 바꿀 계획이다.",
        "이 공장 노동자들은 2인 1조로 일한다.",
        "보위부는 그를 불러 조사하려 했지만 그는 이미 사라진 뒤였다.",
    ],
)
def test_rules_plans_and_attempts_are_not_acts(ko: KoreanExtractor, text: str) -> None:
    assert types(ko, text) == []


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("지난달 붙잡힌 아들은 가족이 돈을 써서 사흘 만에 풀려났다.", "bribery"),
        ("지난 3일 보위원들이 들이닥쳐 남편을 끌고 갔다.", "arrest"),
        ("나는 지난해 3월 보위부에 붙잡혔다. 계호원들은 나를 몽둥이로 마구 때렸다.", "abuse"),
        ("나는 지난해 3월 보위부에 붙잡혔다. 그들은 사흘 동안 나에게 밥을 주지 않았다.", "abuse"),
        ("시 보위부는 지난달 김 씨 가족을 요시찰 대상으로 지정했다.", "surveillance"),
        ("도 보위국은 지난 3월부터 최 씨의 통화를 감청하고 있다.", "surveillance"),
        ("그의 어머니도 지난달 보위부의 조사를 받았다.", "interrogation"),
        ("지난 5일 공개재판에 주민들을 불러내 이를 보게 했다.", "crackdown"),
        ("국경경비대는 지난달부터 초소 경비 인원을 두 배로 늘렸다.", "crackdown"),
        ("그는 지난 2월 노동교화 5년을 언도받았다.", "sentence"),
        ("도 보위국은 지난달부터 중앙의 검열을 받고 있다.", "official_punishment"),
    ],
)
def test_more_wordings(ko: KoreanExtractor, text: str, type_: str) -> None:
    assert type_ in types(ko, text)


@pytest.mark.parametrize(
    "text",
    [
        "그는 돈을 써서라도 풀려날 수 있을 것이라고 말했다.",
        "국정원의 조사를 받은 탈북민들은 하나원에 들어간다.",
        "그는 지난달 어머니에게 밥을 주지 않았다는 이유로 이웃과 다퉜다.",
    ],
)
def test_more_non_acts(ko: KoreanExtractor, text: str) -> None:
    got = types(ko, text)
    assert "bribery" not in got and "interrogation" not in got and "abuse" not in got, got


# -- fields of the new acts ----------------------------------------------------------------------------


def run(ko: KoreanExtractor, text: str) -> list:
    return ko.extract(Document("t", text, PUB, "ko"))


def test_a_manhunt_counts_the_people_who_fled(ko: KoreanExtractor) -> None:
    text = (
        "지난 1월 19일 노동자 2명이 숙소를 빠져나간 뒤 자취를 감췄다. "
        "보위원은 곧바로 평양에 보고하고 다른 노동자들을 풀어 시내 시장과 기차역을 뒤지게 했다."
    )
    hunt = [i for i in run(ko, text) if i.type == "surveillance"]
    assert hunt and hunt[0].victims is not None and hunt[0].victims.count == 2
    assert hunt[0].location is None or hunt[0].location.admin1 != "Pyongyang"  # where it was reported to


def test_the_handing_state_returns_people_to_the_norths_agents(ko: KoreanExtractor) -> None:
    text = "지난 1월 29일 노동자 한 명이 러시아 경찰에 붙잡혔다. 그는 나흘 만에 북측 보위원들에게 넘겨졌다."
    back = [i for i in run(ko, text) if i.type == "repatriation"]
    assert back and back[0].perpetrator == "other"


def test_attendance_at_an_execution_takes_its_time_and_no_reason(ko: KoreanExtractor) -> None:
    text = (
        "북한이 지난 3월 뇌물을 받은 혐의로 간부 2명을 평양에서 총살했다고 국정원이 보고했다. "
        "처형 현장에는 간부 수백 명이 불려 나와 이를 지켜봐야 했다."
    )
    watch = [i for i in run(ko, text) if i.type == "crackdown"]
    assert watch and watch[0].reason is None
    assert watch[0].date is not None and watch[0].date.start == dt.date(2024, 3, 1)


def test_the_inspection_counts_no_victims_and_the_dismissal_does(ko: KoreanExtractor) -> None:
    text = "중앙당 검열단이 지난달 중순부터 보름 동안 강계의 한 군수공장을 검열해 간부 4명을 철직시켰다."
    got = sorted((i.victims.count if i.victims else 0) for i in run(ko, text) if i.type == "official_punishment")
    assert got == [0, 4]


def test_officials_named_by_the_bribes_they_took_are_not_a_bribery(ko: KoreanExtractor) -> None:
    got = types(ko, "북한이 지난 3월 뇌물을 받은 간부 2명을 평양에서 총살했다.")
    assert "execution" in got and "bribery" not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "보위부는 2010년부터 탈북자 가족들을 감시해 왔다.",
        "보위원들은 탈북민 가족을 수시로 찾아가 감시했다.",
    ],
)
def test_watching_people_in_general_stays_a_practice(ko: KoreanExtractor, text: str) -> None:
    assert "surveillance" not in types(ko, text)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("러시아 당국은 지난달 붙잡은 벌목공 2명을 북한 영사관에 넘겼다.", "repatriation"),
        ("지난달 말 시 안전부는 그에게 노동단련대 6개월을 줬다.", "sentence"),
        ("그는 지난해 12월 교화 8년 형에 처해졌다.", "sentence"),
        ("가족들은 지난주 예심원에게 담배 10보루를 건넸다.", "bribery"),
        ("보위원들은 지난달부터 이 씨의 아내를 매일 불러 남편의 행방을 캐물었다.", "interrogation"),
        ("나는 지난해 3월 보위부에 붙잡혔다. 계호원들은 나를 하루 종일 쪼그려 앉아 있게 했다.", "abuse"),
    ],
)
def test_yet_more_wordings(ko: KoreanExtractor, text: str, type_: str) -> None:
    assert type_ in types(ko, text)


def test_a_posture_outside_custody_is_not_abuse(ko: KoreanExtractor) -> None:
    assert types(ko, "그는 지난달 아이들을 엎드리게 하고 사진을 찍었다.") == []


def test_food_withheld_from_a_detainee_is_abuse(ko: KoreanExtractor) -> None:
    text = "그는 지난 2월 안전부에 붙잡혔다. 구류장에서는 먹을 것도 제대로 주지 않아 몸이 많이 상했다."
    assert "abuse" in types(ko, text)


def test_an_inspection_team_examining_a_unit_is_an_official_punishment(ko: KoreanExtractor) -> None:
    text = "지난달 하순부터 중앙 검열단이 국경경비대대에 내려와 밀수 묵인과 뇌물 수수 실태를 검열했다."
    got = types(ko, text)
    assert "official_punishment" in got and "crackdown" not in got, got


def test_an_inspection_team_checking_residents_phones_stays_a_crackdown(ko: KoreanExtractor) -> None:
    text = "지난 11일부터 도 검열그루빠가 인민반을 돌며 주민들의 손전화 사용 실태를 검열하고 있다."
    got = types(ko, text)
    assert "crackdown" in got and "official_punishment" not in got, got
