"""Where the English extractor places acts (codebook §3 "Which place", D8, D9, D15, D34, D35), on short
reports written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.models import Document, Incident, Location

PUB = dt.date(2021, 5, 27)


def run(extractor: EnglishExtractor, text: str) -> list[Incident]:
    return extractor.extract(Document(id="t", text=text, published=PUB, language="en"))


def one(extractor: EnglishExtractor, text: str, kind: str) -> Incident:
    found = [i for i in run(extractor, text) if i.type == kind]
    assert len(found) == 1, [i.type for i in run(extractor, text)]
    return found[0]


def test_people_named_by_their_home_place_do_not_place_the_act(extractor: EnglishExtractor) -> None:
    text = (
        "A family of five from Kusong fled early this month, a source in North Pyongan Province said.\n\n"
        "It followed the disappearance of a family from Sukchon in April. The MSS is circulating photographs "
        "of the Sukchon family as well as the Kusong group."
    )
    inc = one(extractor, text, "surveillance")
    assert inc.location == Location("KP", "North Pyongan")


def test_a_foreign_authoritys_place_is_not_a_north_korean_acts(extractor: EnglishExtractor) -> None:
    text = (
        "A source in North Pyongan Province said MSS agents have been tracking the family and sent their "
        "photographs to the Chinese police in Dandong."
    )
    inc = one(extractor, text, "surveillance")
    assert inc.location == Location("KP", "North Pyongan")


def test_repatriation_is_where_the_people_were_handed_over(extractor: EnglishExtractor) -> None:
    text = (
        "South Korea handed two North Korean sailors back to the North on Thursday.\n\n"
        "The two were taken across at Panmunjom in the afternoon, officials said."
    )
    inc = one(extractor, text, "repatriation")
    assert inc.location is not None and inc.location.country == "KP" and inc.location.place == "Panmunjom"


def test_handover_through_several_crossings_is_their_shared_level(extractor: EnglishExtractor) -> None:
    text = (
        "China forcibly returned about 60 North Koreans on May 3.\n\n"
        "The handovers were made through customs posts in Tumen, Hunchun and Dandong, activists said."
    )
    inc = one(extractor, text, "repatriation")
    assert inc.location == Location("CN")


def test_place_the_report_says_is_unknown(extractor: EnglishExtractor) -> None:
    text = (
        "A factory manager was publicly executed in early May, a source in South Hamgyong Province said.\n\n"
        "The source did not say where the execution took place."
    )
    inc = one(extractor, text, "execution")
    assert inc.location == Location("KP")


def test_central_organs_orders_without_a_place_are_national(extractor: EnglishExtractor) -> None:
    text = (
        "The Politburo of the Workers' Party met on May 22 and ordered a total lockdown of Kaesong.\n\n"
        "The meeting also ordered an investigation into the border unit on duty that night."
    )
    inc = one(extractor, text, "official_punishment")
    assert inc.location == Location("KP")


def test_arrest_of_people_sent_back_is_in_the_returning_state(extractor: EnglishExtractor) -> None:
    text = (
        "China sent back about 60 North Koreans on May 3, a source in North Pyongan Province said.\n\n"
        "Most of those sent back had been arrested while heading for South Korea and had been held "
        "in Chinese detention centres."
    )
    inc = one(extractor, text, "arrest")
    assert inc.location == Location("CN")
    assert inc.perpetrator == "china"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("Chinese police picked them up there a week later.", Location("CN", "Jilin", "Yanji")),
        ("Chinese police picked them up as they were moving on to another city.", Location("CN", "Jilin")),
    ],
)
def test_foreign_authoritys_act_is_where_the_paragraph_has_the_people(
    extractor: EnglishExtractor, tail: str, expected: Location
) -> None:
    text = f"A family of three from Hyesan crossed the Tumen and reached Yanji in April. {tail}"
    inc = one(extractor, text, "arrest")
    assert inc.location == expected


def test_an_island_named_by_proximity_gives_its_province(extractor: EnglishExtractor) -> None:
    text = "Two North Korean fishermen crossed the western sea border near Baengnyeong Island on May 4."
    inc = one(extractor, text, "escape")
    assert inc.location == Location("KR", "Incheon")


def test_escape_placed_by_the_next_sentence(extractor: EnglishExtractor) -> None:
    text = (
        "A North Korean soldier crossed the border into South Korea on Sunday, the military said. "
        "He walked across the demarcation line in Yeoncheon at dawn."
    )
    inc = one(extractor, text, "escape")
    assert inc.location == Location("KR", "Gyeonggi", "Yeoncheon County")


def test_an_escapes_destination_not_yet_reached(extractor: EnglishExtractor) -> None:
    text = "Five North Koreans arrived safely in Thailand last month and are waiting to fly to Seoul."
    inc = one(extractor, text, "escape")
    assert inc.location == Location("TH")


def test_a_site_named_again_keeps_its_place(extractor: EnglishExtractor) -> None:
    text = (
        "A teacher at a college in Pyongsong, South Pyongan Province, was arrested on May 2, a source in the "
        "province said.\n\n"
        "Since mid-May, the college's party committee has held weekly study sessions for all staff."
    )
    inc = one(extractor, text, "crackdown")
    assert inc.location == Location("KP", "South Pyongan", "Pyongsong")
