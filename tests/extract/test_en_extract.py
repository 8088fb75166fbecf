"""The English extractor on short sentences written for these tests: triggers, filters, fields."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.models import Document, Incident

PUB = dt.date(2021, 5, 27)


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


# ---- second pass: general rules of the genre --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # crackdown orders, meetings, checks, ordered attendance
        ("On May 3 the city security office ordered every inminban leader in Hyesan to report daily.", "crackdown"),
        ("The county party committee has held weekly study sessions for all staff since early May.", "crackdown"),
        ("The county police began checking travel passes at every bus stop on Tuesday.", "crackdown"),
        ("City officials summoned residents of the district to a lecture on May 5.", "crackdown"),
        ("Authorities made thousands of students watch the execution in Hyesan.", "crackdown"),
        ("Chinese police have set up identity checks on buses leaving Yanji since April.", "crackdown"),
        ("The MSS has started requiring residents to hand in Chinese phones in Hyesan.", "crackdown"),
        # bribes paid with an amount
        ("She was freed after her husband paid the police chief 2,000 yuan in March.", "bribery"),
        ("Each family handed the police chief about 1,000 yuan before the women were released.", "bribery"),
        ("The families paid officers between 500 and 1,000 yuan each on Monday.", "bribery"),
        # sentence verbs beyond "sentenced"
        ("Most of them were then sent to a labor-training unit for a month.", "sentence"),
        ("The police fined each of them 500,000 won in Hyesan.", "sentence"),
        ("The MSS banished his wife and two children to a mountain village.", "sentence"),
        # custody and questioning
        ("The man was taken from his apartment by State Security agents on May 8.", "arrest"),
        ("He was held at the provincial MSS office in Hyesan and questioned there.", "interrogation"),
        ("Police are pressing them to name the brokers who sold them phones.", "interrogation"),
        ("Their parents were called in for questioning by the MSS.", "interrogation"),
        # surveillance before arrest, manhunts
        ("A team from the State Security office had been tracking their signals for weeks.", "surveillance"),
        ("The Military Security Command sent hundreds of soldiers to comb the hills.", "surveillance"),
        # arrivals abroad and at sea
        ("Five North Koreans arrived safely in Thailand late last month.", "escape"),
        ("A family of nine sailed south and were spotted by the South Korean navy in May.", "escape"),
        ("Two soldiers were reported missing from their barracks on May 2.", "disappearance"),
        (
            "Chinese authorities handed over about 50 North Koreans at the Sinuiju customs house on April 26.",
            "repatriation",
        ),
        ("Guards make the detainees sit motionless on the floor from dawn until night.", "abuse"),
    ],
)
def test_second_pass_trigger_forms(extractor: EnglishExtractor, text: str, expected: str) -> None:
    assert expected in types(run(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Only 67 North Korean defectors reached South Korea in 2022, according to the Unification Ministry.",
        "Rights groups say Russia has sent back dozens of North Koreans in recent years.",
        "Lawyers say most of those caught with foreign media are given labor-training sentences.",
        "A couple has disappeared, and security agents suspect the pair crossed into China.",
        "Rumours that three soldiers had deserted and fled toward the border spread quickly.",
    ],
)
def test_second_pass_not_incidents(extractor: EnglishExtractor, text: str) -> None:
    got = types(run(extractor, text, published=dt.date(2023, 3, 2)))
    assert not {"escape", "repatriation", "sentence"} & set(got), got


def test_adjectival_participle_is_not_an_arrest(extractor: EnglishExtractor) -> None:
    text = "The police chief in Musan was dismissed after taking bribes from the families of detained smugglers."
    assert types(run(extractor, text)) == ["official_punishment"]


def test_carried_out_death_sentence_with_an_apposition(extractor: EnglishExtractor) -> None:
    text = (
        "The provincial court sentenced the ringleader, a former teacher in his fifties, to death, "
        "and he was executed by firing squad immediately after the verdict."
    )
    assert types(run(extractor, text)) == ["execution"]


def test_lead_and_body_telling_one_act_are_one_incident(extractor: EnglishExtractor) -> None:
    text = (
        "A woman in Hamhung has been sentenced to three years in a labour camp, a source said.\n\n"
        "The woman was caught in mid-April.\n\n"
        "On May 20 the Hamhung City Court sentenced her to three years, the source said."
    )
    got = [i for i in run(extractor, text) if i.type == "sentence"]
    assert len(got) == 1 and got[0].date is not None and got[0].date.start == dt.date(2021, 5, 20)


def test_raid_during_the_arrest_belongs_to_the_arrest(extractor: EnglishExtractor) -> None:
    text = "The woman was caught in mid-April when a task force raided her home in Hamhung."
    assert types(run(extractor, text)) == ["arrest"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A North Korean couple was rounded up by Chinese police in Yanji on Tuesday.", 2),
        ("The MSS banished his wife and two children to a mountain village in May.", 3),
        ("The commander was relieved of his post last week.", 1),
    ],
)
def test_second_pass_counts(extractor: EnglishExtractor, text: str, count: int) -> None:
    got = run(extractor, text)
    assert got and got[0].victims is not None and got[0].victims.count == count


def test_all_of_them_refers_to_the_group(extractor: EnglishExtractor) -> None:
    text = (
        "Chinese authorities handed over about 50 North Koreans at the Sinuiju customs house on April 26. "
        "All of them are now being questioned at the MSS holding center in Sinuiju."
    )
    (inter,) = [i for i in run(extractor, text) if i.type == "interrogation"]
    assert inter.victims is not None and inter.victims.count == 50


def test_police_abroad_are_that_states(extractor: EnglishExtractor) -> None:
    text = "Police in Longjing, in China's Jilin Province, seized a North Korean woman on Monday."
    (arrest,) = run(extractor, text)
    assert arrest.perpetrator == "china"


def test_arrival_in_a_third_country_is_located_there(extractor: EnglishExtractor) -> None:
    (esc,) = run(extractor, "Five North Koreans arrived safely in Thailand late last month.")
    assert esc.location is not None and esc.location.country == "TH"


def test_days_after_the_named_act(extractor: EnglishExtractor) -> None:
    text = (
        "Border guards shot and killed a man crossing the Yalu near Manpo on May 5. "
        "His body was left on the ice until the following afternoon.\n\n"
        "Two days after the shooting, city officials summoned residents to a lecture."
    )
    (crack,) = [i for i in run(extractor, text) if i.type == "crackdown"]
    assert crack.date is not None and crack.date.start == dt.date(2021, 5, 7)


def test_act_dated_back_from_a_later_one(extractor: EnglishExtractor) -> None:
    text = (
        "He died in MSS custody in Hyesan on May 20, seventeen days after his arrest, a source said. "
        "The man was seized by agents while on the phone."
    )
    (arrest,) = [i for i in run(extractor, text) if i.type == "arrest"]
    assert arrest.date is not None and arrest.date.start == dt.date(2021, 5, 3)


def test_questioning_bounded_by_arrest_and_sentence(extractor: EnglishExtractor) -> None:
    text = (
        "The woman was caught by the MSS in Hamhung in mid-March.\n\n"
        "Agents questioned her until her trial.\n\n"
        "On May 20 the Hamhung City Court sentenced her to three years."
    )
    (inter,) = [i for i in run(extractor, text) if i.type == "interrogation"]
    assert inter.date is not None and (inter.date.start, inter.date.end) == (dt.date(2021, 3, 11), dt.date(2021, 5, 20))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("A lecturer in Pyongsong was arrested for criticising the leadership at a party.", "political"),
        ("Police in Haeju arrested ten people selling goods on the streets.", "economic"),
        ("Border guards caught a man carrying copper across the Tumen River in Musan.", "smuggling"),
    ],
)
def test_second_pass_reasons(extractor: EnglishExtractor, text: str, reason: str) -> None:
    got = run(extractor, text)
    assert got and got[0].reason == reason


def test_each_act_takes_the_time_told_next_to_it(extractor: EnglishExtractor) -> None:
    text = (
        "The wife of a man caught by border guards carrying copper across the Tumen River in February "
        "paid the police chief 2,000 yuan in March to have him released."
    )
    got = {i.type: i.date for i in run(extractor, text)}
    assert got["arrest"] is not None and got["arrest"].start == dt.date(2021, 2, 1)
    assert got["bribery"] is not None and got["bribery"].start == dt.date(2021, 3, 1)


def test_measure_begun_on_a_day_runs_to_publication(extractor: EnglishExtractor) -> None:
    text = (
        "The county police in Kapsan began checking travel passes at every bus stop on Tuesday. "
        "Officers are turning back anyone travelling without a pass."
    )
    (crack,) = [i for i in run(extractor, text) if i.type == "crackdown"]
    assert crack.date is not None and crack.date.end == PUB


def test_next_sentence_describing_the_measure_is_the_same_crackdown(extractor: EnglishExtractor) -> None:
    text = (
        "Police in Onsong County have been sending patrol teams along the Tumen River since early this month. "
        "The teams check the travel passes of anyone entering the riverside villages."
    )
    assert types(run(extractor, text)) == ["crackdown"]


def test_search_of_homes_in_a_city_is_located_there(extractor: EnglishExtractor) -> None:
    text = "The task force has been going through homes in Hamhung in search of foreign videos since May 5."
    (crack,) = run(extractor, text)
    assert crack.location is not None and crack.location.admin2 == "Hamhung"


def test_manhunt_runs_from_the_flight_to_the_capture(extractor: EnglishExtractor) -> None:
    text = (
        "Two soldiers were reported missing from their barracks near Tongchon on May 2. "
        "The Military Security Command sent hundreds of soldiers to comb the hills. "
        "The two were caught on May 6 in Kosong County."
    )
    (hunt,) = [i for i in run(extractor, text) if i.type == "surveillance"]
    assert hunt.date is not None and (hunt.date.start, hunt.date.end) == (dt.date(2021, 5, 2), dt.date(2021, 5, 6))


def test_months_of_interrogation_run_from_the_arrest(extractor: EnglishExtractor) -> None:
    text = (
        "State security agents detained five people in Pyongsong on March 6. "
        "After nearly a month of interrogation, the couple were taken to a political prison camp on April 2."
    )
    got = {i.type: i for i in run(extractor, text)}
    assert got["interrogation"].date is not None and got["interrogation"].date.start == dt.date(2021, 3, 6)
    assert "sentence" in got


def test_detention_conditions_are_ongoing_from_the_return(extractor: EnglishExtractor) -> None:
    text = (
        "Chinese authorities handed over about 50 North Koreans at the Sinuiju customs house on April 26. "
        "Guards there make the detainees sit motionless on the floor from dawn until night."
    )
    (abuse,) = [i for i in run(extractor, text) if i.type == "abuse"]
    assert abuse.date is not None and (abuse.date.start, abuse.date.end) == (dt.date(2021, 4, 26), PUB)


def test_since_they_vanished_runs_from_the_disappearance(extractor: EnglishExtractor) -> None:
    text = (
        "A husband and wife in Hyesan stopped turning up at their workplaces in late April. "
        "Since the couple vanished, MSS agents have kept the home of the wife's parents under watch."
    )
    (watch,) = [i for i in run(extractor, text) if i.type == "surveillance"]
    assert watch.date is not None and (watch.date.start, watch.date.end) == (dt.date(2021, 4, 21), PUB)


def test_the_source_is_not_the_victim(extractor: EnglishExtractor) -> None:
    text = (
        "Three women in Hyesan were detained by police in mid-May. "
        "A team from the State Security office had been tracking their signals for weeks, the resident said."
    )
    (watch,) = [i for i in run(extractor, text) if i.type == "surveillance"]
    assert watch.victims is not None and watch.victims.count == 3


def test_until_then_now_dates_the_new_measure(extractor: EnglishExtractor) -> None:
    text = (
        "Until last November, soldiers could slip into China with ease, a source said. "
        "“Now MSS officers patrol the river around the clock to stop anyone crossing.”"
    )
    (crack,) = run(extractor, text)
    assert crack.date is not None and (crack.date.start, crack.date.end) == (dt.date(2020, 11, 1), PUB)


def test_taking_effect_dates_the_order(extractor: EnglishExtractor) -> None:
    text = (
        "North Korea has ordered troops along its border to open fire on anyone near the river. "
        "The rule took effect at midnight on Thursday."
    )
    (crack,) = run(extractor, text)
    assert crack.date is not None and crack.date.start == dt.date(2021, 5, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The men are held at the Tanchon police station while officers try to trace the source.", "interrogation"),
        ("In May about 20 families were moved out of Hoeryong to mountain villages in the province.", "sentence"),
        ("The woman was caught by MSS agents in Musan, who had tracked her calls for days.", "surveillance"),
    ],
)
def test_third_batch_trigger_forms(extractor: EnglishExtractor, text: str, expected: str) -> None:
    assert expected in types(run(extractor, text))


def test_fronted_time_goes_to_the_main_verb(extractor: EnglishExtractor) -> None:
    text = "Last month a man in Musan who was caught with a phone in April received three years in a labour camp."
    got = {i.type: i.date for i in run(extractor, text)}
    assert got["sentence"] is not None and got["sentence"].start == dt.date(2021, 4, 1)
    assert got["arrest"] is not None and got["arrest"].start == dt.date(2021, 4, 1)


def test_a_second_act_of_the_kind_is_not_the_lead_retold(extractor: EnglishExtractor) -> None:
    text = (
        "In mid-February a man in his forties was arrested by the MSS in Hoeryong for calling South Korea.\n\n"
        "She also picked up a woman in her thirties from Nammun-dong on the same charge."
    )
    assert types(run(extractor, text)).count("arrest") == 2


def test_day_of_the_named_act(extractor: EnglishExtractor) -> None:
    text = (
        "A drug dealer was executed by firing squad at a public trial in Chongjin on May 18.\n\n"
        "On the morning of the trial, inminban leaders went from door to door telling every household "
        "to send at least one member."
    )
    (crack,) = [i for i in run(extractor, text) if i.type == "crackdown"]
    assert crack.date is not None and crack.date.start == dt.date(2021, 5, 18)
    assert crack.reason is None  # D20: ordered attendance at a trial


def test_a_span_is_not_the_time_of_the_act(extractor: EnglishExtractor) -> None:
    text = (
        "The inspection team arrived in Musan in April and spent three weeks questioning its officers, the source said."
    )
    (punish,) = run(extractor, text)
    assert punish.type == "official_punishment"
    assert punish.date is not None and punish.date.start == dt.date(2021, 4, 1)


def test_now_in_another_clause_does_not_make_the_act_ongoing(extractor: EnglishExtractor) -> None:
    text = (
        "Two soldiers were caught on May 6 in Kosong County. They are now being interrogated by the MSS in Wonsan. "
        "“Their parents were called in for questioning too, and the whole village knows about it now,” he said."
    )
    assert types(run(extractor, text)).count("interrogation") == 2


def _dated(incidents: list[Incident], kind: str) -> list[tuple[str, str] | None]:
    return [(i.date.start.isoformat(), i.date.end.isoformat()) if i.date else None for i in incidents if i.type == kind]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # a time told without an act sets the scene through sentences that tell neither an act nor a time
        (
            "A man was publicly executed in Hyesan on May 20.\n\nThat morning every factory was told to send its "
            "workers to watch the execution. Nobody could stay behind. The district offices ordered every "
            "inminban to send people to the execution too.",
            "crackdown",
            [("2021-05-20", "2021-05-20")],
        ),
        # a time that opens the sentence is when the source spoke only when a source speaks
        ("Late last month a source told us that police arrested two smugglers in Musan.", "arrest", [None]),
        # a measure now in force that continues a dated one runs from it to publication
        (
            "On May 3 inminban heads told residents that the checkpoints in Hyesan were to be strengthened. The "
            "police officer assigned to each area now visits the posts daily to check the lists of people going "
            "in and out.",
            "crackdown",
            [("2021-05-03", "2021-05-03"), ("2021-05-03", "2021-05-27")],
        ),
        # "The meeting also ordered ...": the time of the meeting told before
        (
            "The Party Politburo held an emergency meeting on Saturday and ordered a lockdown of Kaesong.\n\n"
            "The meeting also ordered an investigation into the border unit.",
            "official_punishment",
            [("2021-05-22", "2021-05-22")],
        ),
        # a term handed down takes the day of the dated trial; the banishment told after it does not
        (
            "A man was publicly executed in Hyesan on May 19.\n\nThe court sentenced the other eight to ten "
            "years in a labour camp. Their families were banished to rural villages.",
            "sentence",
            [("2021-05-19", "2021-05-19"), None],
        ),
        # a measure taken in answer to an act dated in the same sentence
        (
            "In mid-April a soldier who had fled came back across the border, and the Party responded by "
            "disbanding the border unit.",
            "official_punishment",
            [("2021-04-11", "2021-04-20")],
        ),
    ],
)
def test_dates_from_context(
    extractor: EnglishExtractor, text: str, kind: str, expected: list[tuple[str, str] | None]
) -> None:
    assert _dated(run(extractor, text), kind) == expected
