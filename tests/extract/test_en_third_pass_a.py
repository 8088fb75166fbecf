"""English extractor, third pass (A): acts told without the type's usual verb or noun, crackdowns told as
orders, meetings, searches and patrols, and type choices (fines, shootings after a conviction, beatings to
death). Sentences written for these tests, in the genre's ways of saying each act."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.models import Document, Incident

PUB = dt.date(2023, 6, 14)


def run(extractor: EnglishExtractor, text: str) -> list[Incident]:
    return extractor.extract(Document(id="t", text=text, published=PUB, language="en"))


def types(incidents: list[Incident]) -> list[str]:
    return sorted(i.type for i in incidents)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bribes that never say "bribe"
        (
            "A man in Hyesan was arrested by police in May. His brother handed some 3,000 Chinese yuan to the officer "
            "handling the case.",
            "bribery",
        ),
        (
            "The guard commander in Manpo let traders move timber across the river in exchange for 1,500 yuan, "
            "a source said.",
            "bribery",
        ),
        (
            "Police in Kanggye detained six traders in April. Four were freed after paying bribes, the source said.",
            "bribery",
        ),
        # custody told as removal or as being held
        ("Security agents in Musan took the trader's daughter from their apartment on May 2, a source said.", "arrest"),
        ("Police in Hoeryong dragged two women out of the market on Tuesday, a source said.", "arrest"),
        (
            "A student in Chongjin was held at the city police station for three days last month, a source said.",
            "arrest",
        ),
        # beatings in first-person and quoted speech
        (
            '"The MSS agents punched and kicked me until I confessed," the woman said of her detention in Musan '
            "in March.",
            "abuse",
        ),
        ("She said the guards at the holding center in Onsong made us kneel for hours every night in April.", "abuse"),
        # a penalty told as a decision
        (
            "After the questioning in Hyesan in May, the county police decided he would serve two years in a "
            "labor-training camp.",
            "sentence",
        ),
        # a stakeout told as a posting
        (
            "Since his escape in April, security agents have been stationed outside his mother's house in Musan, "
            "a source said.",
            "surveillance",
        ),
        # an inspection of officials told as a review of the books (D27)
        (
            "An inspection group from the Central Committee has been combing through the Sinuiju customs "
            "office's accounts since May 3, a source said.",
            "official_punishment",
        ),
        ("Her family bought her way out of the case in May, a source in Hyesan said.", "bribery"),
        ("His wife paid the prosecutor to have him released in May, a source in Hyesan said.", "bribery"),
        ("Since May 3, MSS agents in Musan have kept a close watch on the family, a source said.", "surveillance"),
        (
            "An inspection team from Pyongyang has been examining the Hyesan customs office's accounts since May 2, "
            "a source said.",
            "official_punishment",
        ),
        ("The detainees in the Onsong holding center were subjected to beatings in May, a source said.", "abuse"),
        ("Eleven traders in Hyesan were ordered to pay a fine of 50,000 won in May, a source said.", "sentence"),
        # people who fled their post abroad
        ("Three North Korean waiters fled their restaurant in Shenyang on May 20, a source said.", "disappearance"),
    ],
)
def test_paraphrased_acts(extractor: EnglishExtractor, text: str, expected: str) -> None:
    assert expected in types(run(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        # crackdowns told as orders, meetings, searches, patrols, ordered attendance (D4, D20, D28, D29)
        "County authorities ordered hundreds of farmers, factory workers and schoolchildren from "
        "across the district to attend the public trial in Hyesan on May 3, a source said.",
        "Security officials in Musan summoned the town's inminban leaders to an emergency meeting on May 8 and "
        "warned them to report strangers, a source said.",
        "A directive saying that anyone caught with a Chinese phone will be sent to a camp was read out at "
        "factory meetings in Hoeryong on May 10, a source said. The directive, issued by the provincial party "
        "committee, took effect at once.",
        "Inminban heads in Hyesan were instructed by the police at a meeting on May 12 to check every household "
        "each night, a source said.",
        "Guard units along the Yalu in Sinuiju have been ordered by their regiment to patrol the riverbank "
        "every two hours since May 1, a source said.",
        "Since May 2, police in Chongjin have been stopping students at bus stops to check their phones for "
        "South Korean songs, a source said.",
        "Police in Hyesan put up notices warning residents against using Chinese phones on May 4, a source said.",
        "MSS agents in Hyesan began using new German-made detectors to locate Chinese phones in May, a source said.",
    ],
)
def test_crackdowns_told_as_measures(extractor: EnglishExtractor, text: str) -> None:
    assert "crackdown" in types(run(extractor, text))


def test_fine_is_a_sentence_not_a_bribe(extractor: EnglishExtractor) -> None:
    found = types(
        run(
            extractor,
            "Police in Hyesan detained nine traders on May 5. All were released after each paid a fine "
            "of 50,000 won, the source said.",
        )
    )
    assert "sentence" in found and "bribery" not in found


def test_shooting_after_conviction_is_an_execution(extractor: EnglishExtractor) -> None:
    found = types(
        run(
            extractor,
            "A witness said two men were shot at the Hyesan airfield in March. The men had been "
            "convicted of selling copper to China, she said.",
        )
    )
    assert "execution" in found and "killing" not in found


def test_beating_to_death_is_one_killing(extractor: EnglishExtractor) -> None:
    found = types(
        run(
            extractor,
            "In March, guards at the Onsong holding center beat a detainee, a woman from Musan, to "
            "death for stealing corn. The guards struck her again and again with a club, the source said.",
        )
    )
    assert found.count("killing") == 1 and "abuse" not in found


def test_held_and_questioned_is_custody_and_questioning(extractor: EnglishExtractor) -> None:
    found = types(
        run(
            extractor,
            "The man's wife was held at the county police station from May 3 to May 6 and questioned "
            "about his contacts in China, a source in Musan said.",
        )
    )
    assert found.count("arrest") == 1 and found.count("interrogation") == 1


def test_held_and_questioned_after_a_told_arrest_adds_no_arrest(extractor: EnglishExtractor) -> None:
    found = types(
        run(
            extractor,
            "Police arrested a trader in Musan on May 2, a source said. He was held at the county "
            "police station and questioned for a week.",
        )
    )
    assert found.count("arrest") == 1


def test_second_act_of_a_chain_with_people_named_by_role(extractor: EnglishExtractor) -> None:
    found = run(
        extractor,
        "Police in Hamhung arrested a drug dealer on May 3, a source said. Two days later, police detained four "
        "of his customers, the source said.",
    )
    arrests = [i for i in found if i.type == "arrest"]
    assert len(arrests) == 2


def test_south_korean_troops_custody_is_no_arrest(extractor: EnglishExtractor) -> None:
    found = types(
        run(
            extractor,
            "A North Korean soldier crossed the military demarcation line in Cheorwon on Monday and "
            "was taken into custody by South Korean troops, the JCS said.",
        )
    )
    assert "arrest" not in found and "escape" in found


@pytest.mark.parametrize(
    "text",
    [
        # speculation, plans, habits, negation: no act
        "Residents expect the police will probably slap and kick anyone caught with a phone, a source in Hyesan said.",
        "Police in Hyesan have not been posted near the house, and nobody has been taken from their home, a "
        "source said.",
        "Smugglers in Hyesan usually hand about 500 yuan to the guards in exchange for 500 yuan of goods.",
        "The MSS plans to call residents of Musan to a meeting next month, a source said.",
        "Officials in Hyesan often go through the market's records, a source said.",
        "The price of buying one's way out of a case in Hyesan has climbed, a source said.",
        "Kim Jong Un told officials at a meeting in Pyongyang on May 3 that farm output must rise.",
        "A meeting of party cadres was held at the county police station in Hyesan on May 3, a source said.",
        "The floods in Hyesan in August hit them hard, residents said.",
        "She paid a broker 10,000 Chinese yuan in Hyesan in March to take her to China.",
    ],
)
def test_no_act_in_speculation_plans_habits_negation(extractor: EnglishExtractor, text: str) -> None:
    assert run(extractor, text) == []


def test_part_of_a_group_named_by_its_owner_is_counted(extractor: EnglishExtractor) -> None:
    found = run(extractor, "Two days later, police in Hamhung detained five of his former classmates, a source said.")
    assert [i.victims.count for i in found if i.type == "arrest" and i.victims] == [5]


def test_first_person_victim_is_one(extractor: EnglishExtractor) -> None:
    found = run(extractor, '"I was arrested by the police in Hoeryong in May 2019," the woman said.')
    assert [i.victims.count for i in found if i.type == "arrest" and i.victims] == [1]


def test_reported_background_takes_the_report_time(extractor: EnglishExtractor) -> None:
    found = run(
        extractor,
        "Daily NK reported last year that MSS agents in Hyesan had begun using new detectors to locate Chinese phones.",
    )
    crackdowns = [i for i in found if i.type == "crackdown"]
    assert crackdowns and crackdowns[0].date is not None and crackdowns[0].date.start == dt.date(2022, 1, 1)


def test_recapture_after_escape_from_a_camp(extractor: EnglishExtractor) -> None:
    found = run(
        extractor,
        "Two prisoners who slipped away from a labor-training camp in Kanggye on May 2 were recaptured three days "
        "later, a source said. Police officers surrounded the barn where they were hiding, the source said.",
    )
    arrests = [i for i in found if i.type == "arrest"]
    assert len(arrests) == 1
    assert (arrests[0].perpetrator, arrests[0].reason) == ("mps", "other")
    assert arrests[0].date is not None and arrests[0].date.start == dt.date(2023, 5, 5)
