"""The English extractor on short sentences written for these tests: triggers, filters, fields."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.models import Document, Incident

PUB = dt.date(2021, 5, 27)


@pytest.fixture(scope="module")
def extractor() -> EnglishExtractor:
    return EnglishExtractor()


def run(
    extractor: EnglishExtractor, text: str, published: dt.date | None = PUB, url: str | None = None
) -> list[Incident]:
    doc = Document(id="t", text=text, published=published, language="en", url=url)
    return extractor.extract(doc)


def types(incidents: list[Incident]) -> list[str]:
    return [i.type for i in incidents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two traders were arrested in Hyesan last week.", "arrest"),
        ("Police detained a woman in Musan County on Tuesday.", "arrest"),
        ("A man was taken into custody by police in Hoeryong.", "arrest"),
        ("Three smugglers were caught while crossing the Yalu near Sinuiju.", "arrest"),
        ("Chinese police picked up four North Koreans in Yanji.", "arrest"),
        ("The woman is undergoing a preliminary examination by the county MSS office.", "interrogation"),
        ("Agents interrogated them for two days in Kanggye.", "interrogation"),
        ("Guards tortured the prisoners at the detention centre.", "abuse"),
        ("The man was sentenced to ten years in a reform-through-labour camp.", "sentence"),
        ("A court sent the couple to a political prison camp in March.", "sentence"),
        ("Two men were publicly executed in Hyesan in March.", "execution"),
        ("Border guards shot dead a woman crossing the Tumen River.", "killing"),
        ("A detainee died in custody at the provincial MSS detention centre.", "killing"),
        ("Twelve North Koreans were repatriated by Chinese police in April.", "repatriation"),
        ("A family of five defected to South Korea last year.", "escape"),
        ("A 35-year-old discharged soldier went missing in Hyesan on Sunday.", "disappearance"),
        ("Agents staked out his house from the evening of May 3.", "surveillance"),
        ("The MSS has mobilized extra agents to watch the border in Ryanggang Province.", "crackdown"),
        ("Three border guards were dismissed for taking bribes.", "official_punishment"),
        ("The family paid 5,000 yuan to the police to release him.", "bribery"),
    ],
)
def test_trigger_gives_type(extractor: EnglishExtractor, text: str, expected: str) -> None:
    assert expected in types(run(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "No one was caught during the operation in Hyesan.",
        "The smugglers were not arrested, the source said.",
        "The three are likely to be executed soon.",
        "They could face very harsh punishment if they are sent back.",
        "Those involved will be sent to a labour camp, officials warned.",
        "The MSS has long arrested people who call South Korea.",
        "China routinely sends them back.",
        "Authorities blamed MSS officials for failing to stem the arrests.",
        "There has been an increase in the number of people arrested at the border.",
        "The law says illegal callers are punishable by up to five years in a labour camp.",
        "Has anyone been arrested?",
    ],
)
def test_not_incidents(extractor: EnglishExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "count", "qualifier"),
    [
        ("Ten family members were arrested in Pochon.", 10, "exact"),
        ("At least three people were arrested in Hyesan.", 3, "at_least"),
        ("More than 30 residents were detained in Kanggye.", 30, "at_least"),
        ("About twenty traders were detained in Hyesan.", 20, "about"),
        ("Five or six men were arrested in Musan County.", 5, "at_least"),
        ("A woman was arrested in Hoeryong.", 1, "exact"),
        ("Police arrested a couple in Onsong County.", 2, "exact"),
        ("Police arrested ten defectors and their guide near Hyesan.", 11, "exact"),
        ("Police arrested a couple and their adult daughter in Musan County.", 3, "exact"),
        ("A dozen people were arrested in Hyesan.", 12, "exact"),
    ],
)
def test_victim_counts(extractor: EnglishExtractor, text: str, count: int, qualifier: str) -> None:
    (inc,) = [i for i in run(extractor, text) if i.type == "arrest"]
    assert inc.victims is not None
    assert (inc.victims.count, inc.victims.qualifier) == (count, qualifier)


@pytest.mark.parametrize("text", ["Dozens of people were arrested in Hyesan.", "Police arrested a family in Hyesan."])
def test_victim_count_unknown(extractor: EnglishExtractor, text: str) -> None:
    (inc,) = [i for i in run(extractor, text) if i.type == "arrest"]
    assert inc.victims is None


def test_coreference_to_earlier_count(extractor: EnglishExtractor) -> None:
    text = "Seven people were arrested in Hyesan in early May. The seven are now being questioned by the MSS."
    incs = {i.type: i for i in run(extractor, text)}
    assert incs["interrogation"].victims is not None and incs["interrogation"].victims.count == 7


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("A man was arrested by the Ministry of State Security in Hyesan.", "mss"),
        ("A man was arrested by bowibu agents in Hyesan.", "mss"),
        ("Police arrested a woman in Hyesan.", "mps"),
        ("A woman was detained by safety agents in Musan County.", "mps"),
        ("Border guards caught two men at the river in Hoeryong.", "border_guard"),
        ("Soldiers of the Seventh Corps shot dead a man near Hyesan.", "military"),
        ("Group 109 agents arrested three viewers in Hyesan.", "task_force"),
        ("The provincial court sentenced him to five years in a labour camp.", "judiciary"),
        ("Chinese public security detained six North Koreans in Yanji.", "china"),
        ("The authorities have ordered all residents to attend lectures in Hyesan.", "state"),
        ("A man was arrested in Hyesan on Monday.", None),
    ],
)
def test_perpetrator(extractor: EnglishExtractor, text: str, perpetrator: str | None) -> None:
    inc = run(extractor, text)[0]
    assert inc.perpetrator == perpetrator


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("A woman was arrested in Hyesan for trying to defect.", "defection"),
        ("A man was arrested in Hyesan for calling relatives in South Korea on a Chinese phone.", "outside_contact"),
        ("Two students were arrested in Hyesan for watching South Korean dramas.", "foreign_media"),
        ("A man was arrested in Hyesan for selling meth.", "drugs"),
        ("A woman was arrested in Hyesan after a Bible was found in her home.", "religion"),
        ("A trader was arrested in Hyesan for smuggling copper.", "smuggling"),
        ("A man was arrested in Hyesan on Monday.", None),
    ],
)
def test_reason(extractor: EnglishExtractor, text: str, reason: str | None) -> None:
    inc = run(extractor, text)[0]
    assert inc.reason == reason


def test_place_of_act_not_residence(extractor: EnglishExtractor) -> None:
    text = "Ten family members living in Kimhyongjik County tried to defect in late March but were arrested in Pochon."
    (inc,) = run(extractor, text)
    assert inc.location is not None
    assert (inc.location.admin1, inc.location.admin2) == ("Ryanggang", "Pochon County")


def test_source_province_places_local_acts(extractor: EnglishExtractor) -> None:
    text = "A woman was arrested last month, a source in North Hamgyong Province said."
    (inc,) = run(extractor, text)
    assert inc.location is not None and inc.location.admin1 == "North Hamgyong"
    assert inc.date is not None and (inc.date.start, inc.date.end) == (dt.date(2021, 4, 1), dt.date(2021, 4, 30))


def test_speech_date_is_not_the_act_date(extractor: EnglishExtractor) -> None:
    (inc,) = run(extractor, "A man was arrested in Hyesan, a source told this outlet on May 20.")
    assert inc.date is None


def test_ongoing_act_runs_from_the_arrest_to_publication(extractor: EnglishExtractor) -> None:
    text = "Four men were arrested in Hyesan in early May.\nThe four are still being questioned by the MSS."
    incs = {i.type: i for i in run(extractor, text)}
    assert incs["interrogation"].date is not None
    assert (incs["interrogation"].date.start, incs["interrogation"].date.end) == (dt.date(2021, 5, 1), PUB)


def test_anchored_next_day(extractor: EnglishExtractor) -> None:
    text = "A man was arrested in Hyesan on May 3. The next day he was beaten by MSS agents."
    incs = {i.type: i for i in run(extractor, text)}
    assert incs["abuse"].date is not None and incs["abuse"].date.start == dt.date(2021, 5, 4)


def test_same_act_told_twice_is_one_incident(extractor: EnglishExtractor) -> None:
    text = (
        "The MSS has mobilized more agents to watch the border in Ryanggang Province.\n"
        "The MSS mobilized the agents to watch the border, the source said."
    )
    assert types(run(extractor, text)) == ["crackdown"]


def test_quotes_are_exact_substrings(extractor: EnglishExtractor) -> None:
    text = "Headline words here\n“Two men were arrested in Hyesan on May 3,” the source said. They were beaten."
    incs = run(extractor, text)
    assert incs
    for inc in incs:
        assert inc.quote_start is not None and inc.quote_end is not None
        assert text[inc.quote_start : inc.quote_end] == inc.quote


def test_boilerplate_lines_are_skipped(extractor: EnglishExtractor) -> None:
    text = (
        "[Photo: police arrested a man in Hyesan. File photo.]\n"
        "Read in Korean\n"
        "*Translated by someone who was arrested\n"
        "Related article: Two men arrested in Hyesan"
    )
    assert run(extractor, text) == []


def test_year_from_url_when_unpublished(extractor: EnglishExtractor) -> None:
    text = "Two men were arrested in Hyesan in early March."
    (inc,) = run(extractor, text, published=None, url="https://example.org/2019/04/story")
    assert inc.date is not None and inc.date.start == dt.date(2019, 3, 1)
    (inc,) = run(extractor, text, published=None, url=None)
    assert inc.date is None


def test_output_is_deterministic_and_ordered(extractor: EnglishExtractor) -> None:
    text = "Two men were arrested in Hyesan on May 3. They were sentenced to five years in a labour camp on May 20."
    first = [i.to_dict() for i in run(extractor, text)]
    second = [i.to_dict() for i in run(extractor, text)]
    assert first == second
    assert [i["type"] for i in first] == ["arrest", "sentence"]


def test_version_names_the_lexicon(extractor: EnglishExtractor) -> None:
    assert extractor.language == "en"
    assert "lex" in extractor.version


# ---- rules that follow the codebook's decisions -----------------------------------------------
def test_gapped_second_group_is_its_own_arrest(extractor: EnglishExtractor) -> None:
    text = "Twenty of the North Koreans were picked up in Qingdao and the other nine in Kunming on May 3."
    arrests = [i for i in run(extractor, text) if i.type == "arrest"]
    assert sorted(i.victims.count for i in arrests if i.victims) == [9, 20]


def test_scene_sentence_refines_the_last_act(extractor: EnglishExtractor) -> None:
    text = (
        "Border guards shot dead a man crossing the Tumen River earlier this month.\n"
        "The killing took place at Hasambong-ri in Onsong County on May 11, the source said."
    )
    (inc,) = run(extractor, text)
    assert inc.type == "killing"
    assert inc.location is not None and inc.location.admin2 == "Onsong County"
    assert inc.date is not None and inc.date.start == dt.date(2021, 5, 11)


def test_escape_caught_abroad_is_coded_by_the_arrest(extractor: EnglishExtractor) -> None:
    text = (
        "A family of three from Hyesan crossed into China in early May. "
        "Chinese police picked them up in Shenyang a week later."
    )
    assert types(run(extractor, text)) == ["arrest"]


def test_arrival_statistics_are_not_escapes(extractor: EnglishExtractor) -> None:
    assert run(extractor, "In 2019, 1,047 North Korean defectors arrived in South Korea.") == []


def test_questioning_of_an_official_is_official_punishment(extractor: EnglishExtractor) -> None:
    text = (
        "The state security officer responsible for the area has been called in for questioning by the county office."
    )
    assert types(run(extractor, text)) == ["official_punishment"]


def test_deadline_is_not_the_act_date(extractor: EnglishExtractor) -> None:
    text = (
        "Since the start of the year the OGD has been investigating the MSS nationwide, "
        "with orders to finish before May 1."
    )
    (inc,) = run(extractor, text)
    assert inc.date is not None and (inc.date.start, inc.date.end) == (dt.date(2021, 1, 1), PUB)


def test_since_then_runs_from_the_anchor(extractor: EnglishExtractor) -> None:
    text = (
        "In late August last year the Ministry of Social Security ordered a buffer zone along the border. "
        "Since then, North Korea has sent units of the Storm Corps to the frontier."
    )
    incs = run(extractor, text)
    assert [i.type for i in incs] == ["crackdown", "crackdown"]
    assert incs[1].date is not None and (incs[1].date.start, incs[1].date.end) == (dt.date(2020, 8, 21), PUB)


def test_impersonal_they_names_no_actor(extractor: EnglishExtractor) -> None:
    (inc,) = run(extractor, "On May 3 they executed nine people in Hyesan for stealing copper.")
    assert inc.type == "execution" and inc.perpetrator is None
    assert inc.victims is not None and inc.victims.count == 9
    assert inc.reason == "economic"


def test_killing_needs_an_authority(extractor: EnglishExtractor) -> None:
    assert run(extractor, "The two fishermen killed the captain and fled south.") == []


def test_death_sentence_not_carried_out_is_a_sentence(extractor: EnglishExtractor) -> None:
    assert types(run(extractor, "A court in Hyesan sentenced two smugglers to death on May 3.")) == ["sentence"]


def test_death_sentence_carried_out_is_one_execution(extractor: EnglishExtractor) -> None:
    text = (
        "A court in Hyesan sentenced two smugglers to death on May 3. "
        "The two were publicly executed on May 10 in front of a crowd."
    )
    assert types(run(extractor, text)) == ["execution"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The woman was sent to a kyohwaso in North Hamgyong Province last month.", "sentence"),
        ("Her husband paid a bribe of 3,000 yuan to the police chief in Musan County.", "bribery"),
        ("Three defectors arrived in Seoul last week after a long journey.", "escape"),
    ],
)
def test_more_trigger_forms(extractor: EnglishExtractor, text: str, expected: str) -> None:
    assert expected in types(run(extractor, text))


def test_quarterly_arrival_figures_are_statistics(extractor: EnglishExtractor) -> None:
    assert (
        run(extractor, "The ministry said 67 North Korean defectors arrived in the South in the first quarter.") == []
    )


def test_death_after_beatings_in_interrogation(extractor: EnglishExtractor) -> None:
    got = types(run(extractor, "He was beaten during interrogation by the MSS in Hyesan and died three days later."))
    assert "killing" in got and "interrogation" in got


def test_measures_of_one_actor_in_one_sentence_are_one_crackdown(extractor: EnglishExtractor) -> None:
    text = (
        "The MSS in Hoeryong has stepped up surveillance of families with relatives in South Korea, "
        "tapping their phones and monitoring their movements."
    )
    assert types(run(extractor, text)) == ["crackdown"]
