"""English crackdowns (issue #3): collective measures told as orders, checks, fortification, bans, closures,
postings, rewards and ordered duties, in the active, the passive, the present perfect progressive and as
nouns; and what is not a crackdown (plans, threats, speculation, habits, laws, South Korean or Chinese domestic
measures, the bare word "crackdown" (D28), a measure named only as the time of another act (D17)). Sentences
written for these tests, in the genre's ways of saying each act."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.models import Document, Incident

PUB = dt.date(2023, 6, 14)


def run(extractor: EnglishExtractor, text: str) -> list[Incident]:
    return extractor.extract(Document(id="t", text=text, published=PUB, language="en"))


def crackdowns(extractor: EnglishExtractor, text: str) -> list[Incident]:
    return [i for i in run(extractor, text) if i.type == "crackdown"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # checks of people's papers and phones
        ("Since last month, police in Hyesan have been checking the IDs of passengers on buses and trains.", "mps"),
        ("This month MSS agents in Hyesan have been inspecting residents' mobile phones for foreign content.", "mss"),
        ("Police in Hyesan have been conducting ID checks on trains since early May.", "mps"),
        ("Last week the MSS in Musan stepped up phone inspections at the market.", "mss"),
        # border fortification, active and passive, simple and progressive
        ("Since April, soldiers have been stringing barbed wire along the Yalu River near Sinuiju.", "military"),
        ("The authorities installed new surveillance cameras along the Tumen River in Hoeryong in May.", "state"),
        ("In April, soldiers laid landmines along the riverbank near Hyesan.", "military"),
        ("Last month the border guards built a new fence along the Tumen near Musan.", "border_guard"),
        (
            "Guard posts have been set up every 50 meters along the Yalu near Hyesan by the border guards since April.",
            "border_guard",
        ),
        # bans, curfews, restrictions
        ("Last week the MSS banned residents of Hyesan from traveling to border areas.", "mss"),
        ("In June the police imposed a curfew in Hyesan.", "mps"),
        ("A ban on the use of Chinese mobile phones was announced by the MSS in Hyesan in March.", "mss"),
        # orders in the passive with their issuer
        (
            "In May, border guards in Hyesan were ordered by the provincial MSS to shoot anyone approaching the river.",
            "mss",
        ),
        ("Residents of Hyesan have been ordered by the police to register their phones since last month.", "mps"),
        # rewards for informing
        ("Authorities in Hyesan have been offering rewards to residents who report smugglers since May.", "state"),
        # sealing and closing
        ("Since last week police in Hyesan have been closing the markets at 6 p.m.", "mps"),
        # postings and ordered duties
        ("Last month the border guards stationed extra soldiers along the river in Hyesan.", "border_guard"),
        ("In March police in Hyesan made residents stand guard along the riverbank at night.", "mps"),
        # lectures held, told with the event as subject
        (
            "Lectures were held at every factory in Hyesan by the party committee in early May, warning workers "
            "against watching South Korean films.",
            "party",
        ),
        # a campaign named as a noun with its target
        ("In March the provincial party committee in Hyesan launched an all-out drive against smuggling.", "party"),
        # a Chinese measure aimed at North Koreans is in scope
        (
            "Chinese police have set up checkpoints on roads out of Yanji since May to catch North Korean defectors.",
            "china",
        ),
    ],
)
def test_measure_is_a_crackdown(extractor: EnglishExtractor, text: str, perpetrator: str) -> None:
    found = crackdowns(extractor, text)
    assert len(found) == 1, run(extractor, text)
    assert found[0].perpetrator == perpetrator


@pytest.mark.parametrize(
    "text",
    [
        # plans, predictions, threats, speculation
        "The MSS plans to install more cameras along the border in Hyesan.",
        "Authorities will likely step up patrols in Hyesan ahead of the holiday.",
        "Officials in Hyesan threatened to seal off the area.",
        "Sources speculate that the MSS may ban Chinese phones in Hyesan.",
        # negated
        "The MSS did not install any new cameras in Hyesan this year.",
        # habits and long periods
        "The border in Hyesan is usually patrolled by soldiers.",
        "In the past, border guards used to string barbed wire along the river every spring.",
        "In the years since, the MSS has built fences along much of the river in Hyesan.",
        # laws in general
        "North Korea's criminal law bans watching foreign films.",
        # South Korean and Chinese domestic measures
        "South Korean police increased patrols in Seoul last week.",
        "Chinese police imposed a lockdown on Shanghai in April.",
        "Chinese police stepped up traffic checks in Shenyang last week to fight drunk driving.",
        # D28: the word "crackdown" with no measure
        "Suddenly a crackdown has begun in Hyesan.",
        # the country's 2020 closure recalled as background
        "North Korea sealed its border with China in early 2020.",
        # one person's restriction, one group's search: not a collective measure
        "The MSS in Hyesan banned him from leaving the city after his release last month.",
    ],
)
def test_not_a_crackdown(extractor: EnglishExtractor, text: str) -> None:
    assert crackdowns(extractor, text) == []


def test_d17_measure_named_as_a_time(extractor: EnglishExtractor) -> None:
    text = "He was arrested in Hyesan in March during the special enforcement period declared by the MSS."
    assert [i.type for i in run(extractor, text)] == ["arrest"]


def test_checks_of_a_group_arrested_are_not_a_crackdown(extractor: EnglishExtractor) -> None:
    text = "Police stopped the two women at the station in Hyesan on May 3 and searched their phones."
    assert crackdowns(extractor, text) == []


def test_measure_told_further_in_the_next_sentence_is_one(extractor: EnglishExtractor) -> None:
    # D29: the next sentence tells the same campaign by the same actor, with no time of its own
    text = (
        "Late last month the MSS in Hyesan launched a sweep against smuggling. MSS agents went through "
        "residents' mobile phones across the city."
    )
    found = crackdowns(extractor, text)
    assert len(found) == 1
    assert found[0].date is not None and found[0].date.start == dt.date(2023, 5, 21)


def test_place_of_a_later_clause_is_not_the_measures(extractor: EnglishExtractor) -> None:
    # the place belongs to the arrest told in the coordinated clause, not to the checks
    text = (
        "Late last month MSS agents in Ryanggang Province went through residents' mobile phones, and five people "
        "were arrested in Hyesan."
    )
    found = crackdowns(extractor, text)
    assert len(found) == 1 and found[0].location is not None
    assert found[0].location.admin1 == "Ryanggang" and found[0].location.admin2 is None
