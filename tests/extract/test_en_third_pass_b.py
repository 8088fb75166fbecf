"""English extraction, third pass (b): classes of precision errors and field errors, on sentences written
for these tests (not taken from any corpus): speculation and hearsay, South Korean acts, one act told in
parts or twice, one act given two types, searches during an arrest (D30), and the fields of paired acts."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.models import Document, Incident

PUB = dt.date(2021, 5, 27)


def run(extractor: EnglishExtractor, text: str, published: dt.date | None = PUB) -> list[Incident]:
    return extractor.extract(Document(id="t", text=text, published=published, language="en"))


def of_type(incidents: list[Incident], kind: str) -> list[Incident]:
    return [i for i in incidents if i.type == kind]


# ---- (A) precision ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # expectation and prediction
        "Observers expect most of the returnees to receive heavy sentences in labor camps.",
        "Activists anticipate that the detained traders will be sent to a kyohwaso.",
        "Experts predicted the two brokers would be executed before the holiday.",
        # epistemic "must"
        "Somebody in the inminban must have informed the police about the calls.",
        "The guards must have arrested them before they reached the river.",
        # hearsay and rumour, with words between the noun and its clause
        "There are rumours going around the market that three smugglers were sent to a labor camp.",
        "Rumor has it that the manager was arrested last week.",
        "We heard that a neighbor had been taken to a kyohwaso.",
        "People in the town heard from relatives that the family was arrested in Musan.",
        "Word is that the county police detained four traders in Hyesan.",
        # the source could not confirm it
        "Two women were reportedly sent to a labor-training camp, but the source could not confirm this.",
    ],
)
def test_speculation_and_hearsay_are_not_acts(extractor: EnglishExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The three fishermen are being questioned jointly by military and intelligence authorities.",
        "The man was jointly interrogated by the intelligence service and the police to determine his motive.",
        "The defector was taken into custody by South Korean soldiers near the guard post.",
        "South Korean troops detained the soldier after he crossed the MDL.",
    ],
)
def test_south_korean_acts_toward_arrivals_are_not_incidents(extractor: EnglishExtractor, text: str) -> None:
    assert of_type(run(extractor, text), "interrogation") == []
    assert of_type(run(extractor, text), "arrest") == []


def test_mdl_crossing_lands_in_the_south(extractor: EnglishExtractor) -> None:
    got = run(extractor, "A North Korean soldier crossed the military demarcation line in Hwacheon County on Monday.")
    escapes = of_type(got, "escape")
    assert len(escapes) == 1
    assert escapes[0].location is not None and escapes[0].location.country == "KR"
    assert escapes[0].location.admin2 == "Hwacheon County"
    got = run(extractor, "Two North Koreans crossed the western sea border on a small boat on Tuesday.")
    assert [i.location.country for i in of_type(got, "escape") if i.location] == ["KR"]


def test_beating_to_death_is_one_killing(extractor: EnglishExtractor) -> None:
    got = run(extractor, "In March a guard beat the prisoner, a man in his fifties, to death for stealing corn.")
    assert [i.type for i in got] == ["killing"]


@pytest.mark.parametrize(
    "text",
    [
        "All four were let go after each paid a fine of 50,000 won.",
        "The traders were released after paying heavy fines of 20,000 won each.",
    ],
)
def test_a_fine_is_a_sentence_not_a_bribe(extractor: EnglishExtractor, text: str) -> None:
    got = run(extractor, text)
    assert of_type(got, "bribery") == []
    assert len(of_type(got, "sentence")) == 1


def test_a_bribe_in_money_is_still_a_bribe(extractor: EnglishExtractor) -> None:
    got = run(extractor, "His wife paid the police chief 3,000 yuan to have him released.")
    assert len(of_type(got, "bribery")) == 1


def test_search_that_takes_items_during_an_arrest_is_part_of_it(extractor: EnglishExtractor) -> None:
    text = (
        "A man in Hyesan was arrested by the MSS on May 3, a source said.\n\n"
        '"The agents searched his house and confiscated two USB sticks and a radio," the source said.'
    )
    got = run(extractor, text)
    assert of_type(got, "surveillance") == []
    assert len(of_type(got, "arrest")) == 1


def test_search_before_any_arrest_stays_surveillance(extractor: EnglishExtractor) -> None:
    got = run(extractor, "Agents searched the family's house in Hyesan on May 2, looking for letters from the broker.")
    assert len(of_type(got, "surveillance")) == 1


def test_parts_of_a_group_sentence_are_one_act(extractor: EnglishExtractor) -> None:
    text = (
        "Six people were sentenced at a public trial in Hoeryong on March 3, a resident said.\n\n"
        '"One woman who had helped defectors got fifteen years, and the others were sentenced to labor '
        'camps," the resident said. "The other four were sent to a labor-training camp."'
    )
    got = of_type(run(extractor, text), "sentence")
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 6


def test_a_larger_remainder_is_its_own_act(extractor: EnglishExtractor) -> None:
    text = (
        "The court sentenced the two men to death in Chongjin on May 4.\n\n"
        "Twelve defendants stood trial. The remaining ten were given life sentences."
    )
    assert len(of_type(run(extractor, text), "sentence")) == 2


def test_reduced_relative_names_an_act_told_before(extractor: EnglishExtractor) -> None:
    text = (
        "A smuggler was sentenced to death in Musan on June 2, a source said.\n\n"
        "The source said the man sentenced to death would be executed soon."
    )
    assert len(of_type(run(extractor, text), "sentence")) == 1


def test_lead_summary_of_a_later_arrest_merges(extractor: EnglishExtractor) -> None:
    text = (
        "A North Korean worker fled his work site in Vladivostok on April 2, and he has since been caught by "
        "Russian police, a source said.\n\n"
        "Russian police detained the man at a railway station in the city of Ussuriysk on April 9, the source said."
    )
    arrests = of_type(run(extractor, text), "arrest")
    assert len(arrests) == 1
    assert arrests[0].date is not None and arrests[0].date.start == dt.date(2021, 4, 9)
    assert arrests[0].location is not None and arrests[0].location.admin2 == "Ussuriysk"


def test_dismissal_told_in_lead_and_body_is_one(extractor: EnglishExtractor) -> None:
    text = (
        "North Korea has sacked the party secretary of its Chagang Province and two deputies for embezzlement, "
        "state media said.\n\n"
        "The Political Bureau relieved the chief secretary of the provincial committee and two deputy "
        "secretaries of their posts."
    )
    got = of_type(run(extractor, text), "official_punishment")
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 3


# ---- (B) fields ---------------------------------------------------------------------------------
def test_attendees_are_not_the_victims_of_a_trial(extractor: EnglishExtractor) -> None:
    text = (
        "Police made about 2,000 residents of Hyesan attend a public trial on April 20, where three people "
        "were sentenced for smuggling, a source said."
    )
    sentences = of_type(run(extractor, text), "sentence")
    assert len(sentences) == 1
    assert sentences[0].victims is not None and sentences[0].victims.count == 3
    assert sentences[0].date is not None and sentences[0].date.start == dt.date(2021, 4, 20)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Police in Hyesan arrested a student on May 3 for keeping South Korean pop songs on his phone.",
            "foreign_media",
        ),
        (
            "Inspectors in Hamhung detained two teenagers on May 5 after checking their mobile phones for "
            "South Korean dramas and slang.",
            "foreign_media",
        ),
        ("Police in Chongjin detained six traders on May 6 for selling rice above the state price.", "economic"),
    ],
)
def test_reasons(extractor: EnglishExtractor, text: str, reason: str) -> None:
    got = of_type(run(extractor, text), "arrest")
    assert [i.reason for i in got] == [reason]


def test_return_by_china_is_china(extractor: EnglishExtractor) -> None:
    text = "Some 40 North Koreans returned by China in April are being held by the MSS in Sinuiju."
    got = run(extractor, text)
    assert [i.perpetrator for i in of_type(got, "repatriation")] == ["china"]
    assert [i.perpetrator for i in of_type(got, "arrest") + of_type(got, "interrogation")] in (["mss"], [])


def test_title_with_its_office_and_a_counted_group(extractor: EnglishExtractor) -> None:
    text = "The chief of the police station in Musan County and three of his officers were dismissed last month."
    got = of_type(run(extractor, text), "official_punishment")
    assert got and got[0].victims is not None and got[0].victims.count == 4


def test_background_arrival_with_its_own_time(extractor: EnglishExtractor) -> None:
    text = (
        "Police in Hoeryong have put the brother of a man who defected to South Korea in 2017 under watch, "
        "a source said."
    )
    escapes = of_type(run(extractor, text), "escape")
    assert len(escapes) == 1
    assert escapes[0].date is not None and escapes[0].date.start == dt.date(2017, 1, 1)
    assert escapes[0].location is not None and escapes[0].location.country == "KR"
    assert escapes[0].victims is not None and escapes[0].victims.count == 1


def test_background_relative_escape_without_time_is_not_coded(extractor: EnglishExtractor) -> None:
    text = "Police in Hoeryong have put the brother of a man who defected years ago under watch, a source said."
    assert of_type(run(extractor, text), "escape") == []


def test_nominal_return_with_time_and_count(extractor: EnglishExtractor) -> None:
    text = "The transfer came weeks after the repatriation in March of about 60 North Koreans, a source said."
    got = of_type(run(extractor, text), "repatriation")
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 60
    assert got[0].date is not None and got[0].date.start == dt.date(2021, 3, 1)


def test_since_when_clause_dates_the_earlier_act(extractor: EnglishExtractor) -> None:
    text = "It was the first such case since July last year, when a soldier walked across the MDL near Cheorwon."
    escapes = of_type(run(extractor, text), "escape")
    assert len(escapes) == 1
    assert escapes[0].date is not None
    assert (escapes[0].date.start, escapes[0].date.end) == (dt.date(2020, 7, 1), dt.date(2020, 7, 31))


def test_indirect_question_is_not_a_habit(extractor: EnglishExtractor) -> None:
    text = "He is being questioned by the MSS in Hyesan about how often he called his sister in Seoul."
    assert len(of_type(run(extractor, text), "interrogation")) == 1


def test_the_questioning_already_told_is_not_a_second_act(extractor: EnglishExtractor) -> None:
    text = (
        "The man was arrested by the MSS in Hyesan on May 2 and is being questioned at the county office.\n\n"
        "Agents beat him during the questioning, a source said."
    )
    got = run(extractor, text)
    assert len(of_type(got, "interrogation")) == 1


def test_hunt_since_a_named_arrest_runs_from_it(extractor: EnglishExtractor) -> None:
    text = (
        "A smuggler was arrested by police in Hyesan on May 10, a source said.\n\n"
        "Police have been hunting for two of his partners since the smuggler's arrest, the source said."
    )
    hunts = of_type(run(extractor, text), "surveillance")
    assert len(hunts) == 1
    assert hunts[0].date is not None and (hunts[0].date.start, hunts[0].date.end) == (dt.date(2021, 5, 10), PUB)


def test_generic_ones_who_get_caught_is_a_habit(extractor: EnglishExtractor) -> None:
    assert run(extractor, '"The ones who get caught are the ones who do not pay," the source said.') == []


def test_same_county_and_crossing_the_mdl(extractor: EnglishExtractor) -> None:
    text = (
        "A North Korean soldier crossed the MDL in Inje, Gangwon Province, on Monday, military officials said.\n\n"
        "It was the first crossing since March last year, when another soldier walked across the line in the "
        "same county."
    )
    escapes = of_type(run(extractor, text), "escape")
    assert len(escapes) == 2
    assert all(e.location is not None and e.location.admin2 == "Inje County" for e in escapes)


def test_topic_of_questioning_is_not_its_place(extractor: EnglishExtractor) -> None:
    text = (
        "About 30 returnees were handed over at Sinuiju on May 3, a source said.\n\n"
        "They are being questioned by the MSS in Sinuiju about their work in China, one of the sources said."
    )
    got = of_type(run(extractor, text), "interrogation")
    assert len(got) == 1
    assert got[0].location is not None and got[0].location.country == "KP"


def test_a_speaker_is_not_what_they_refers_to(extractor: EnglishExtractor) -> None:
    text = (
        "China returned about 40 North Koreans at Dandong on May 3.\n\n"
        "The returnees were handed to the border guards, one of the sources said. "
        "They are now being questioned in Sinuiju."
    )
    got = of_type(run(extractor, text), "interrogation")
    assert len(got) == 1
    assert got[0].victims is None or got[0].victims.count == 40


def test_sentence_handed_to_a_person_at_a_trial(extractor: EnglishExtractor) -> None:
    text = (
        "State media said the Central Court handed down the sentence to the woman at a trial in Pyongyang on "
        "Monday. It said she had passed documents to South Korea's intelligence service."
    )
    got = of_type(run(extractor, text), "sentence")
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 1
    assert got[0].location is not None and got[0].location.admin1 == "Pyongyang"
    assert got[0].reason != "defection"


def test_sentenced_to_a_camp_is_not_placed_at_the_camp(extractor: EnglishExtractor) -> None:
    text = "A man from Hyesan was sentenced to ten years in a prison camp in Kaechon on May 3."
    got = of_type(run(extractor, text), "sentence")
    assert got and (got[0].location is None or got[0].location.admin2 != "Kaechon")


def test_number_heading_a_relative_clause_counts(extractor: EnglishExtractor) -> None:
    text = "Police detained nine vendors in Hyesan on May 4, and three who resisted were beaten with sticks."
    got = of_type(run(extractor, text), "abuse")
    assert len(got) == 1
    assert got[0].victims is not None and got[0].victims.count == 3


def test_arrival_and_its_crossing_are_one_escape(extractor: EnglishExtractor) -> None:
    text = (
        "Ms. Pak, 41, from Musan, reached South Korea last year.\n\n"
        "Q: How did you leave?\nA: In October 2019 I crossed the Tumen near Musan with a broker."
    )
    escapes = of_type(run(extractor, text), "escape")
    assert len(escapes) == 1
    assert escapes[0].date is not None and escapes[0].date.start == dt.date(2019, 10, 1)
    assert escapes[0].location is not None and escapes[0].location.admin2 == "Musan County"


def test_pluperfect_river_crossing_is_background(extractor: EnglishExtractor) -> None:
    text = "The couple had crossed the Tumen in 2016 and lived in Yanji until their arrest by Chinese police in May."
    assert of_type(run(extractor, text), "escape") == []
