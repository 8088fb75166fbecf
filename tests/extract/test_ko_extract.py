"""The Korean extractor on short sentences written for these tests, and its analyzer wrapper.

One extractor (one Kiwi) for the whole module.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from sillok.extract.ko import KoreanAnalyzer, KoreanExtractor
from sillok.models import Document

PUB = dt.date(2023, 7, 20)


def run(ko: KoreanExtractor, text: str, published: dt.date | None = PUB) -> list:
    return ko.extract(Document("t", text, published, "ko"))


def one(ko: KoreanExtractor, text: str):  # type: ignore[no-untyped-def]
    got = run(ko, text)
    assert len(got) == 1, [(i.type, i.evidence) for i in got]
    return got[0]


# -- analyzer --------------------------------------------------------------------------------------


def test_offsets_map_to_the_original_text(ko: KoreanExtractor) -> None:
    text = "  양강도 혜산시에서,  주민 3명이 “체포됐다”고 한다.\n\n둘째 문단: 보위부(保衛部)는  조사 중!  "
    sents = ko.analyzer.sentences(text)
    assert len(sents) >= 2
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert "\n" not in s.text
        for t in s.tokens:
            assert s.start <= t.start < t.end <= s.end
            if t.tag.startswith("NN") or t.tag in ("SN", "SF", "SSO", "SSC"):
                assert text[t.start : t.end] == t.form, (t, text[t.start : t.end])


def test_analyzer_is_lazy_and_picklable(ko: KoreanExtractor) -> None:
    fresh = KoreanAnalyzer([("보위원", "NNP")])
    assert not fresh.loaded
    copy = pickle.loads(pickle.dumps(fresh))
    assert not copy.loaded and copy.user_words == (("보위원", "NNP"),)
    before = [(t.form, t.start) for t in ko.analyzer.tokenize("보위원들에게 붙잡혔다")]
    assert ko.analyzer.loaded
    restored = pickle.loads(pickle.dumps(ko.analyzer))
    assert not restored.loaded
    assert [(t.form, t.start) for t in restored.tokenize("보위원들에게 붙잡혔다")] == before
    assert ("보위원", 0) in before  # the user word stays one noun


def test_extractor_pickles_without_its_analyzer_loaded(ko: KoreanExtractor) -> None:
    copy = pickle.loads(pickle.dumps(ko))
    text = "지난 3일 혜산에서 주민 세 명이 보위부에 체포됐다."
    assert [i.to_dict() for i in run(copy, text)] == [i.to_dict() for i in run(ko, text)]


def test_nothing_loads_at_import() -> None:
    fresh = KoreanExtractor()
    assert fresh._analyzer is None and fresh._lexicon is None and fresh._gazetteer is None
    assert fresh.language == "ko" and fresh.version


# -- triggers -> types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("지난 3일 혜산에서 주민 세 명이 보위부에 체포됐다.", "arrest"),
        ("지난 3일 혜산시 보위부가 주민 3명을 연행했다.", "arrest"),
        ("지난 3일 무산군에서 탈북하려던 청년 2명이 경비대원들에게 붙잡혔다.", "arrest"),
        ("지난달 하순 온성군에서 주민 두 명이 국경경비대의 총격을 받고 숨졌다.", "killing"),
        ("지난 5일 청진시에서 남성 1명이 공개처형됐다.", "execution"),
        ("지난 5일 회령시에서 밀수꾼 2명이 총살됐다.", "execution"),
        ("이들은 지난 5일 노동단련대 6개월 형을 받았다.", "sentence"),
        ("지난달 중국 공안이 탈북민 5명을 강제북송했다.", "repatriation"),
        ("회령시의 한 여성이 지난달 탈북에 성공했다.", "escape"),
        ("지난 4일 혜산시에서 청년 2명이 행방불명됐다.", "disappearance"),
        ("지난주 혜산시 보위부는 인민반마다 강연회를 열었다.", "crackdown"),
        ("지난 10일 의주군 초소 지휘관 3명이 해임됐다.", "official_punishment"),
        ("지난 2일 밀수꾼이 초소 군인들에게 뇌물을 건넸다.", "bribery"),
    ],
)
def test_trigger_gives_type(ko: KoreanExtractor, text: str, type_: str) -> None:
    assert one(ko, text).type == type_


def test_interrogation_and_abuse_both_when_both_stated(ko: KoreanExtractor) -> None:
    text = "지난 3일 혜산시 안전부에 체포된 주민 2명은 지금 보위부 조사를 받으며 심하게 구타당하고 있다."
    types = sorted(i.type for i in run(ko, text))
    assert types == ["abuse", "arrest", "interrogation"]


@pytest.mark.parametrize(
    "text",
    [
        "다행히 아무도 체포되지 않았다.",  # negation
        "이들은 조만간 북송될 것으로 보인다.",  # speculation
        "붙잡힌 주민들이 처형될 가능성이 높다.",  # speculation
        "보위부는 해마다 국경 주민들을 단속해 왔다.",  # habit
        "총을 쏜 군인들은 처벌은커녕 표창까지 받았다.",  # -은커녕
        "국경경비대원들이 뒷돈을 받고 도강을 눈감아 주는 일은 오래된 관행이다.",  # practice
        "올해 1분기 한국에 입국한 탈북민은 모두 11명으로 집계됐다.",  # tally
        "보위부가 주민들을 체포하려 했지만 실패했다.",  # attempt by the authorities
    ],
)
def test_not_an_act(ko: KoreanExtractor, text: str) -> None:
    assert run(ko, text) == []


def test_order_wording_is_not_an_act(ko: KoreanExtractor) -> None:
    got = run(ko, "지난달 초 북한 당국은 국경경비대에 ‘도주하는 자는 현장에서 사살하라’는 지시를 내렸다.")
    assert [i.type for i in got] == ["crackdown"]
    assert got[0].perpetrator == "state"


def test_reported_speech_is_one_act_with_the_sentence_as_quote(ko: KoreanExtractor) -> None:
    text = "양강도 소식통은 “지난 3일 혜산에서 주민 세 명이 보위부에 체포됐다”고 전했다."
    inc = one(ko, text)
    assert inc.type == "arrest"
    assert inc.quote == text and (inc.quote_start, inc.quote_end) == (0, len(text))
    assert inc.date is not None and inc.date.start == dt.date(2023, 7, 3)


# -- fields ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "code"),
    [
        ("보위부", "mss"),
        ("도 보위국", "mss"),
        ("보위원들", "mss"),
        ("안전부", "mps"),
        ("분주소 안전원들", "mps"),
        ("보안서", "mps"),
        ("국경경비대", "border_guard"),
        ("경비대원들", "border_guard"),
        ("보위사령부", "military"),
        ("109상무", "task_force"),
        ("비사회주의 그루빠", "task_force"),
        ("중국 공안", "china"),
    ],
)
def test_agency_codes(ko: KoreanExtractor, agent: str, code: str) -> None:
    inc = one(ko, f"지난 3일 혜산에서 주민 세 명이 {agent}에 붙잡혔다.")
    assert inc.perpetrator == code


def test_passive_without_agent_has_no_perpetrator(ko: KoreanExtractor) -> None:
    assert one(ko, "지난 3일 혜산에서 주민 세 명이 체포됐다.").perpetrator is None


def test_active_subject_is_the_perpetrator(ko: KoreanExtractor) -> None:
    assert one(ko, "지난 3일 북한 당국은 혜산에서 주민 세 명을 체포했다.").perpetrator == "state"


@pytest.mark.parametrize(
    ("phrase", "count", "qualifier"),
    [
        ("주민 세 명이", 3, "exact"),
        ("일가족 5명이", 5, "exact"),
        ("주민 10여 명이", 10, "at_least"),
        ("주민 20명가량이", 20, "about"),
        ("주민 대여섯 명이", 5, "at_least"),
        ("주민 수십 명이", None, None),
        ("젊은 부부가", 2, "exact"),
        ("한 여성이", 1, "exact"),
    ],
)
def test_counts_in_sentences(ko: KoreanExtractor, phrase: str, count: int | None, qualifier: str | None) -> None:
    inc = one(ko, f"지난 3일 혜산에서 {phrase} 보위부에 체포됐다.")
    if count is None:
        assert inc.victims is None
    else:
        assert inc.victims is not None and (inc.victims.count, inc.victims.qualifier) == (count, qualifier)


def test_an_informer_is_not_counted(ko: KoreanExtractor) -> None:
    inc = one(ko, "지난 3일 한 주민의 신고로 청년 여섯 명이 안전부에 체포됐다.")
    assert inc.victims is not None and inc.victims.count == 6


@pytest.mark.parametrize(
    ("place", "admin1", "admin2"),
    [
        ("혜산에서", "Ryanggang", "Hyesan"),
        ("혜산시에서", "Ryanggang", "Hyesan"),
        ("양강도에서", "Ryanggang", None),
        ("량강도에서", "Ryanggang", None),
        ("무산군에서", "North Hamgyong", "Musan County"),
        ("함경북도 회령시에서", "North Hamgyong", "Hoeryong"),
    ],
)
def test_places_with_particles(ko: KoreanExtractor, place: str, admin1: str, admin2: str | None) -> None:
    inc = one(ko, f"지난 3일 {place} 주민 세 명이 보위부에 체포됐다.")
    assert inc.location is not None
    assert (inc.location.country, inc.location.admin1, inc.location.admin2) == ("KP", admin1, admin2)


def test_place_of_the_act_not_of_residence(ko: KoreanExtractor) -> None:
    inc = one(ko, "지난달 하순 김형직군에 사는 일가족 10명이 보천군에서 강을 건너려다 붙잡혔다.")
    assert inc.location is not None and inc.location.admin2 == "Pochon County"
    assert inc.reason == "defection"


def test_source_province_places_local_news(ko: KoreanExtractor) -> None:
    text = "양강도 소식통은 20일 이렇게 전했다.\n\n지난 3일 주민 세 명이 보위부에 체포됐다."
    inc = one(ko, text)
    assert inc.location is not None and inc.location.admin1 == "Ryanggang"
    assert inc.date is not None and inc.date.start == dt.date(2023, 7, 3)  # "20일 전했다" is not the act's day


def test_repatriation_is_placed_in_the_returning_state(ko: KoreanExtractor) -> None:
    inc = one(ko, "지난달 중국 공안이 탈북민 5명을 강제북송했다.")
    assert (inc.perpetrator, inc.location.country if inc.location else None) == ("china", "CN")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("지난 3일 밀수를 하던 주민 2명이 보위부에 체포됐다.", "smuggling"),
        ("지난 3일 중국 손전화로 통화하던 주민 2명이 보위부에 체포됐다.", "outside_contact"),
        ("지난 3일 한국 드라마를 보던 청년 2명이 보위부에 체포됐다.", "foreign_media"),
        ("지난 3일 간첩 혐의로 주민 2명이 보위부에 체포됐다.", "espionage"),
        ("지난 3일 빙두를 팔던 주민 2명이 보위부에 체포됐다.", "drugs"),
        ("지난 3일 성경을 갖고 있던 주민 2명이 보위부에 체포됐다.", "religion"),
        ("지난 3일 코로나 방역 규정을 어긴 주민 2명이 안전부에 체포됐다.", "epidemic"),
    ],
)
def test_reason_cues(ko: KoreanExtractor, text: str, reason: str) -> None:
    assert one(ko, text).reason == reason


def test_ongoing_interrogation_runs_from_the_arrest_to_publication(ko: KoreanExtractor) -> None:
    text = "지난 3일 혜산에서 주민 세 명이 보위부에 체포됐다. 이들은 지금 보위부에서 조사를 받고 있다."
    got = {i.type: i for i in run(ko, text)}
    inter = got["interrogation"]
    assert inter.date is not None and (inter.date.start, inter.date.end) == (dt.date(2023, 7, 3), PUB)
    assert inter.victims is not None and inter.victims.count == 3


def test_days_later_shift_the_anchor(ko: KoreanExtractor) -> None:
    text = "지난 3일 혜산에서 주민 한 명이 보위부에 체포됐다. 그는 닷새 만에 공개처형됐다."
    got = {i.type: i for i in run(ko, text)}
    assert got["execution"].date is not None and got["execution"].date.start == dt.date(2023, 7, 8)


def test_quotes_are_grounded(ko: KoreanExtractor) -> None:
    text = "(서울=테스트통신) 김기자 기자 = 지난 3일 혜산에서 주민 세 명이 보위부에 체포됐다.\n\n관련기사: 체포 소식"
    for inc in run(ko, text):
        assert text[inc.quote_start : inc.quote_end] == inc.quote


# -- further rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("지난 12일 노동단련대 수감자 2명이 감시원들의 눈을 피해 도망쳤다.", ["escape"]),
        ("지난 15일 순천시 안전부가 한 가정집을 수색했다.", ["surveillance"]),
        ("지난 15일 보위부가 국경 마을의 집들을 수색했다.", ["crackdown"]),
        ("지난 14일 잠복하던 기동순찰대에 주민 4명이 붙잡혔다.", ["arrest"]),
        ("지난 15일 수남구역 안전부 예심원 1명을 철직했다.", ["official_punishment"]),
        ("아이 어머니는 딸을 돌려보내지 말아 달라고 호소했다.", []),
        ("그는 보위원에게 중국 돈 5천 위안을 건네고 추방을 피했다.", ["bribery"]),
        ("지난 3일 비사회주의 검열 그루빠에 청년 5명이 붙잡혔다.", ["arrest"]),
    ],
)
def test_types_table(ko: KoreanExtractor, text: str, types: list[str]) -> None:
    assert sorted(i.type for i in run(ko, text)) == types


def test_the_charge_names_the_reason(ko: KoreanExtractor) -> None:
    inc = one(ko, "장사를 하던 조 씨는 지난달 초 중국 손전화를 팔았다는 혐의로 안전부에 붙잡혔다.")
    assert inc.reason == "outside_contact"
    assert inc.victims is not None and inc.victims.count == 1


@pytest.mark.parametrize(("subject", "count"), [("박 씨가", 1), ("모자가", 2), ("이 여성은", 1), ("그는", 1)])
def test_people_counted_without_a_figure(ko: KoreanExtractor, subject: str, count: int) -> None:
    inc = one(ko, f"지난 3일 {subject} 보위부에 체포됐다.")
    assert inc.victims is not None and inc.victims.count == count


def test_lead_and_body_tell_one_act(ko: KoreanExtractor) -> None:
    text = (
        "양강도 혜산에서 청년 세 명이 보위부에 붙잡혔다.\n\n"
        "양강도 소식통은 20일 “지난 3일 혜산시 보위부가 한국 드라마를 보던 청년 3명을 체포했다”고 전했다."
    )
    got = run(ko, text)
    assert [i.type for i in got] == ["arrest"]
    assert got[0].date is not None and got[0].date.start == dt.date(2023, 7, 3)
    assert got[0].quote_start and got[0].quote_start > 0  # the body's sentence, not the lead's


def test_url_month_is_the_context_without_a_publication_date(ko: KoreanExtractor) -> None:
    doc = Document(
        "u", "지난달 24일 혜산에서 주민 세 명이 보위부에 체포됐다.", None, "ko", url="https://example.org/2020/04/x"
    )
    (inc,) = ko.extract(doc)
    assert inc.date is not None and inc.date.start == dt.date(2020, 3, 24)
    (undated,) = ko.extract(Document("n", "지난달 24일 혜산에서 주민 세 명이 보위부에 체포됐다.", None, "ko"))
    assert undated.date is None
