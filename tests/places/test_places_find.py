"""Place mentions in running text (English and Korean) and their resolution."""

from __future__ import annotations

import pytest

from sillok.places import Gazetteer, PlaceMention, load_gazetteer


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return load_gazetteer()


def _ids(mentions: list[PlaceMention]) -> list[tuple[str, str | None]]:
    return [(m.surface, m.place.id if m.place else None) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Border guards in Hyesan, Ryanggang Province, shot a man.",
            [("Hyesan", "KP-10.hyesan"), ("Ryanggang Province", "KP-10")],
        ),
        ("A Hyesan-based source said", [("Hyesan", "KP-10.hyesan")]),
        ("a Ryanggang Province-based source", [("Ryanggang Province", "KP-10")]),
        ("Hyesan's market was closed.", [("Hyesan", "KP-10.hyesan")]),
        ("Hyesan\u2019s market was closed.", [("Hyesan", "KP-10.hyesan")]),
        ("seven people were picked up in Hoeryeong alone", [("Hoeryeong", "KP-09.hoeryong")]),
        (
            "officers in Moosan County, North Hamgyong Province, arrested",
            [("Moosan County", "KP-09.musan-county"), ("North Hamgyong Province", "KP-09")],
        ),
        (
            "a police station in Sunam district of Chongjin",
            [("Sunam district of Chongjin", "KP-09.chongjin.sunam-guyok")],
        ),
        (
            "two men living in Yonpung-dong, Hyesan, were caught",
            [("Yonpung-dong", "KP-10.hyesan.yonpung-dong"), ("Hyesan", "KP-10.hyesan")],
        ),
        (
            "the Kangan, Tapsong and Yonpung districts of Hyesan",
            [
                ("Kangan", "KP-10.hyesan.kangan-dong"),
                ("Tapsong", "KP-10.hyesan.tapsong-dong"),
                ("Yonpung", "KP-10.hyesan.yonpung-dong"),
                ("Hyesan", "KP-10.hyesan"),
            ],
        ),
        ("they were sent to Onsong town by train", [("Onsong", "KP-09.onsong-county")]),
        ("crossed the Tumen River into China", [("Tumen River", "KP.tumen-river"), ("China", "CN")]),
        ("SEOUL, Oct. 3 (Yonhap) -- ", [("SEOUL", "KR-11")]),
    ],
)
def test_find_english(g: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert _ids(g.find(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kim Chaek was a general. Kim Jong Suk and Kim Hyong Jik are names of people.",
        "The Central Committee and the Joint Chiefs of Staff met. Diamond prices rose.",
        "they were moved from China to a camp",  # "China to" is not "China-do"
        "It is the sin of the state, said Do Ra-mi.",
        "He went up to see them.",
    ],
)
def test_find_english_false_friends(g: Gazetteer, text: str) -> None:
    found = [m.surface for m in g.find(text)]
    assert all(s in ("China",) for s in found), found


def test_find_needs_a_capital(g: Gazetteer) -> None:
    assert g.find("hyesan and onsong in lower case") == []


def test_mention_offsets_point_into_the_text(g: Gazetteer) -> None:
    text = "Agents in Hoeryong's Namyang district and 혜산시에서는"
    for m in g.find(text):
        assert text[m.start : m.end] == m.surface
    for m in g.find(text, "ko"):
        assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("혜산에서 두 명이 붙잡혔다", [("혜산", "KP-10.hyesan")]),
        ("양강도의 한 소식통", [("양강도", "KP-10")]),
        ("함경북도 회령시에서는 이달", [("함경북도", "KP-09"), ("회령시", "KP-09.hoeryong")]),
        (
            "함경북도 온성군과 무산군에서도",
            [("함경북도", "KP-09"), ("온성군", "KP-09.onsong-county"), ("무산군", "KP-09.musan-county")],
        ),
        ("신의주로 옮겨졌다", [("신의주", "KP-03.sinuiju")]),
        ("혜산시 송봉동 28인민반", [("혜산시", "KP-10.hyesan"), ("송봉동", "KP-10.hyesan.songbong-dong")]),
        ("지린성 연길(옌지) 인근", [("지린성", "CN-JL"), ("연길", "CN-JL.yanji"), ("옌지", "CN-JL.yanji")]),
        ("다롄항 부근 여관", [("다롄", "CN-LN.dalian")]),
        ("중강읍 인근 압록강 기슭", [("중강", "KP-04.chunggang-county"), ("압록강", "KP.yalu-river")]),
        ("혜산시보위부가", [("혜산시", "KP-10.hyesan")]),
        ("혜산 비행장까지 걸어갔다", [("혜산 비행장", "KP-10.hyesan.hyesan-airfield")]),
        ("하바롭스크 시내에서", [("하바롭스크", "RU-KHA.khabarovsk")]),
        (
            "남양세관과 회령세관으로",
            [("남양", "KP-09.onsong-county.namyang-workers-district"), ("회령", "KP-09.hoeryong")],
        ),
        ("온성보위부에서", [("온성", "KP-09.onsong-county")]),
    ],
)
def test_find_korean(g: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert _ids(g.find(text, "ko")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "대책을 강구하고 단속을 강화했다",
        "계획이 무산됐다",
        "위원회 위원들이 연대를 호소했다",
        "집안에서 통화를 하던 중",
        "27일 본 방송에",  # not 일본
        "안주를 먹었다",
        "회령사람",  # a two-syllable name joins only an institution
    ],
)
def test_find_korean_common_words_are_not_places(g: Gazetteer, text: str) -> None:
    assert g.find(text, "ko") == []


def test_korean_common_word_needs_particle_and_support(g: Gazetteer) -> None:
    assert g.find("무산에서는 지난해에도", "ko") == []  # nothing supports it
    found = _ids(g.find("함경북도 무산군에서 탈북했다. 무산에서는 지난해에도", "ko"))
    assert found[-1] == ("무산", "KP-09.musan-county")
    assert _ids(g.find("함경북도에서 계획이 무산됐다", "ko")) == [("함경북도", "KP-09")]


def test_resolve_settles_ambiguous_mentions_with_the_others(g: Gazetteer) -> None:
    text = "A source in South Pyongan said a family from Unsan fled."
    raw = g.find(text, resolve=False)
    unsan = next(m for m in raw if m.surface == "Unsan")
    assert unsan.place is None and len(unsan.candidates) == 2
    settled = g.resolve(raw)
    assert [m.place.id for m in settled if m.surface == "Unsan"] == ["KP-02.unsan-county-south-pyongan"]  # type: ignore[union-attr]
    assert g.find(text) == settled


def test_resolve_leaves_unsettled_mentions_ambiguous(g: Gazetteer) -> None:
    (m,) = g.find("A family from Unsan fled.")
    assert m.place is None
    assert g.certain(m).id == "KP"  # type: ignore[union-attr]


def test_resolve_korean_gangwon(g: Gazetteer) -> None:
    kp = _ids(g.find("강원도 원산시에서 공개처형", "ko"))
    assert kp == [("강원도", "KP-07"), ("원산시", "KP-07.wonsan")]
    kr = _ids(g.find("강원도 속초시 앞바다로 귀순", "ko"))
    assert kr == [("강원도", "KR-42"), ("속초시", "KR-42.sokcho")]


def test_the_tumen_is_the_river(g: Gazetteer) -> None:
    (m,) = g.find("three men were beaten on the Tumen last week")
    assert m.place is not None and m.place.id == "KP.tumen-river"
    found = _ids(g.find("held in the border city of Tumen, Jilin Province"))
    assert found == [("Tumen", "CN-JL.tumen"), ("Jilin Province", "CN-JL")]


def test_context_from_the_rest_of_the_document(g: Gazetteer) -> None:
    """A sentence alone: 무산 is unsupported; with the document's places it is Musan County."""
    sentence = "무산에서는 지난해에도 두 가족이 사라졌다."
    assert g.find(sentence, "ko") == []
    musan = g.lookup("무산군")
    assert musan is not None
    assert _ids(g.find(sentence, "ko", context=[musan])) == [("무산", "KP-09.musan-county")]
    hamgyong = g.lookup("North Hamgyong")
    assert hamgyong is not None
    (m,) = g.find("두만강을 건넜다", "ko", context=[hamgyong])
    assert m.place is not None and m.place.id == "KP.tumen-river"
    jilin = g.lookup("Jilin")
    assert jilin is not None
    assert _ids(g.find("They were held in Tumen.", context=[jilin])) == [("Tumen", "CN-JL.tumen")]


def test_spelling_guesses_in_text_need_a_longer_word(g: Gazetteer) -> None:
    assert g.find("Icon files are small.") == []
    assert g.lookup("Icon") is not None  # an explicit lookup still guesses
    (m,) = g.find("People in Sineuiju said so.")
    assert m.tier == "skeleton" and m.place is not None and m.place.id == "KP-03.sinuiju"
