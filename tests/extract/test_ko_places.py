"""Which place the Korean extractor gives an act (codebook §3 "Which place", D8, D34), on short
reports written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.ko import KoreanExtractor
from sillok.models import Document, Location

PUB = dt.date(2024, 5, 20)


def located(ko: KoreanExtractor, text: str, type_: str) -> list[Location | None]:
    return [i.location for i in ko.extract(Document("t", text, PUB, "ko")) if i.type == type_]


def levels(loc: Location | None) -> tuple[str | None, str | None, str | None] | None:
    return None if loc is None else (loc.country, loc.admin1, loc.admin2)


def test_a_name_the_analyzer_splits_is_still_a_place(ko: KoreanExtractor) -> None:
    # "온성" is analysed as a determiner and a noun (온/MM 성/NNG)
    text = "함경북도 소식통은 19일 이렇게 전했다. 이달 들어 온성 강변 마을에는 기동순찰대가 순찰을 돌고 있다."
    assert [levels(x) for x in located(ko, text, "crackdown")] == [("KP", "North Hamgyong", "Onsong County")]


@pytest.mark.parametrize(
    ("body", "admin2"),
    [
        # a local measure with no place of its own: the city where the lead places the news
        ("지난주에는 보위원들이 인민반마다 내려가 손전화 사용 금지 강연을 열었다.", "Hyesan"),
        # an order come down from above, or the border guard's duty: not the city's
        ("지난주에는 위에서 내려온 지시로 손전화 사용 금지 강연이 열렸다.", None),
        ("이달 들어 국경 경계는 한층 삼엄해졌다.", None),
    ],
)
def test_a_measure_with_no_place_takes_the_city_of_the_lead(ko: KoreanExtractor, body: str, admin2: str | None) -> None:
    text = f"양강도 혜산시에서 보위부의 손전화 단속이 거세지고 있다.\n\n양강도 소식통은 15일 이렇게 전했다. {body}"
    got = [levels(x) for x in located(ko, text, "crackdown")]
    assert got and got[-1] is not None and got[-1][1:] == ("Ryanggang", admin2)


@pytest.mark.parametrize(
    "text",
    [
        # held at the provincial office, then questioned there
        "지난 3일 혜산시에서 청년 5명이 보위원들에게 연행됐다. 이들은 도 보위부 구류장에 갇혔다. "
        "지금은 예심과에서 이들을 조사하고 있다.",
        # handed to the provincial office in the same sentence as the questioning
        "지난 3일 혜산시에서 청년 5명이 보위원들에게 연행됐다. "
        "사건은 곧바로 도 보위부로 넘어갔고, 지금 보위부가 이들을 다시 조사하고 있다.",
    ],
)
def test_questioning_at_the_provincial_office_is_at_the_province(ko: KoreanExtractor, text: str) -> None:
    assert [levels(x) for x in located(ko, text, "arrest")] == [("KP", "Ryanggang", "Hyesan")]
    assert [levels(x) for x in located(ko, text, "interrogation")] == [("KP", "Ryanggang", None)]


def test_questioning_at_the_city_office_stays_in_the_city(ko: KoreanExtractor) -> None:
    text = "지난 3일 혜산시에서 청년 5명이 보위원들에게 연행됐다. 지금은 시 보위부가 이들을 조사하고 있다."
    assert [levels(x) for x in located(ko, text, "interrogation")] == [("KP", "Ryanggang", "Hyesan")]


@pytest.mark.parametrize(
    ("text", "type_", "admin2"),
    [
        # along the border, with no city or county of its own: the province
        (
            "함경북도 소식통은 3일 이 소식을 전했다. 지난달 청진시에서 부부가 사라졌다. "
            "보위부는 국경 마을 주민들을 상대로 탐문을 벌이고 있다.",
            "surveillance",
            None,
        ),
        # a source placed in a city places the local act in the city (D34) ...
        (
            "혜산시의 한 소식통은 15일 이렇게 전했다. 요즘 보위부가 국경 연선 마을마다 전파탐지기를 돌린다.",
            "crackdown",
            "Hyesan",
        ),
        # ... but a source of the province speaking for itself places it in the province
        (
            "양강도 혜산시에서 보위부 단속이 거세지고 있다.\n\n"
            "양강도의 또 다른 소식통은 “요즘 보위부가 국경 연선 마을마다 전파탐지기를 돌리고 있다”고 전했다.",
            "crackdown",
            None,
        ),
        # a city named with the border: the city
        (
            "평안북도 소식통은 3일 이 소식을 전했다. "
            "신의주시 안전부는 지난달부터 국경 연선 인민반에 대한 숙박 검열을 강화했다.",
            "crackdown",
            "Sinuiju",
        ),
    ],
)
def test_an_act_along_the_border_is_at_the_province(
    ko: KoreanExtractor, text: str, type_: str, admin2: str | None
) -> None:
    got = [levels(x) for x in located(ko, text, type_)]
    assert got and got[-1] is not None and got[-1][2] == admin2


def test_an_act_told_in_a_county_and_then_across_the_province_is_at_the_province(ko: KoreanExtractor) -> None:
    text = (
        "지난달 하순 양강도 김형직군에서 주민 2명이 국경을 넘으려다 들켜 산으로 달아났다. "
        "지난 3일 수색에 나선 군 보위부가 이들을 찾아냈다. "
        "앞서 도 보위국은 각 시·군 보위부에 ‘달아난 자들을 잡으면 곧바로 보고하라’고 지시했다."
    )
    got = [levels(x) for x in located(ko, text, "surveillance")]
    assert got == [("KP", "Ryanggang", None)]


def test_agents_sent_abroad_to_catch_people_hunt_them_there(ko: KoreanExtractor) -> None:
    text = (
        "지난 15일 함경북도 무산군에서 주민 7명이 두만강을 건너 탈북했다. "
        "무산군 보안서는 사건 직후 탈북자들을 붙잡기 위해 중국에 수사 요원들을 보냈다."
    )
    assert [levels(x) for x in located(ko, text, "surveillance")] == [("CN", None, None)]


def test_people_named_by_their_questioning_take_its_place(ko: KoreanExtractor) -> None:
    text = (
        "지난해 10월 북송된 탈북민 200여 명은 평안북도 신의주와 함경북도 온성의 집결소에 갇혀 조사를 받았다. "
        "지난해 12월에는 온성 집결소에 있던 한 여성이 계호원들에게 붙잡혀 두들겨 맞았다. "
        "조사를 마친 이들은 대부분 교화소로 보내졌다."
    )
    assert [levels(x) for x in located(ko, text, "sentence")] == [("KP", None, None)]
