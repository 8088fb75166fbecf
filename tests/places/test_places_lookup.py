"""Name resolution: every name of the gazetteer, romanization variants, Korean particles, ambiguity."""

from __future__ import annotations

import pytest

from sillok.models import Location
from sillok.places import Gazetteer, Place, fold, load_gazetteer
from sillok.places.gazetteer import clean_surface, ko_south, skeleton


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return load_gazetteer()


def test_every_name_and_alias_resolves_to_its_own_row(g: Gazetteer) -> None:
    """Each name, Korean name and alias of each row finds that row (ambiguous ones with their province)."""
    failures = []
    checked = 0
    for p in g.places.values():
        context = [a for a in g.ancestors(p) if a.level in ("admin1", "admin2")]
        if not context and p.level != "country":
            context = [a for a in g.ancestors(p)]
        for name in {p.name, p.name_ko or "", *p.aliases} - {""}:
            checked += 1
            cands = g.candidates(name)
            if p not in cands:
                failures.append((name, p.id, "not a candidate"))
                continue
            got = g.lookup(name, context=context)
            if got != p:
                failures.append((name, p.id, got.id if got else None))
    assert checked > 4000
    assert failures == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # McCune-Reischauer with and without diacritics and apostrophes, DPRK and Revised forms
        ("Hyesan", "KP-10.hyesan"),
        ("Hyesan City", "KP-10.hyesan"),
        ("Hyesan-si", "KP-10.hyesan"),
        ("Hyesansi", "KP-10.hyesan"),
        ("HYESAN", "KP-10.hyesan"),
        ("Hoeryŏng", "KP-09.hoeryong"),
        ("Hoeryeong", "KP-09.hoeryong"),
        ("Hoeryeong City", "KP-09.hoeryong"),
        ("Ch'ŏngjin", "KP-09.chongjin"),
        ("Ch\u2019ongjin", "KP-09.chongjin"),
        ("Cheongjin-si", "KP-09.chongjin"),
        ("Sinŭiju", "KP-03.sinuiju"),
        ("Shinuiju", "KP-03.sinuiju"),
        ("Onsong County", "KP-09.onsong-county"),
        ("Onsong-gun", "KP-09.onsong-county"),
        ("Onsong-kun", "KP-09.onsong-county"),
        ("Onsŏng", "KP-09.onsong-county"),
        ("Moosan County", "KP-09.musan-county"),
        ("Musan-gun", "KP-09.musan-county"),
        ("Pochon County", "KP-10.pochon-county"),
        ("Poch'on-gun", "KP-10.pochon-county"),
        ("Kimhyongjik County", "KP-10.kimhyongjik-county"),
        ("Kim Hyong Jik County", "KP-10.kimhyongjik-county"),
        ("Ryanggang Province", "KP-10"),
        ("Ryanggang-do", "KP-10"),
        ("Yanggang Province", "KP-10"),
        ("Lyanggang", "KP-10"),
        ("North Hamgyong Province", "KP-09"),
        ("North Hamgyŏng", "KP-09"),
        ("Hamgyongbuk-do", "KP-09"),
        ("Jagang Province", "KP-04"),
        ("Gaeseong", "KP-15"),
        ("Sunam district", "KP-09.chongjin.sunam-guyok"),
        ("Yonpung-dong", "KP-10.hyesan.yonpung-dong"),
        ("Hyetan dong", "KP-10.hyesan.hyetan-dong"),
        ("Hasambong-ri", "KP-09.onsong-county.hasambong-ri"),
        # possessives and adjectives, curly apostrophes
        ("Hyesan's", "KP-10.hyesan"),
        ("Hyesan\u2019s", "KP-10.hyesan"),
        ("Hyesan-based", "KP-10.hyesan"),
        ("Ryanggang-based", "KP-10"),
        ("Ryanggang Province-based", "KP-10"),
        # other countries
        ("Qingdao", "CN-SD.qingdao"),
        ("Kunming", "CN-YN.kunming"),
        ("Dongxing", "CN-GX.dongxing"),
        ("Mong Cai", "VN-13.mong-cai"),
        ("Khabarovsk", "RU-KHA.khabarovsk"),
        ("Yeoncheon", "KR-41.yeoncheon-county"),
        ("Gyeonggi Province", "KR-41"),
        ("China", "CN"),
        ("North Korea", "KP"),
    ],
)
def test_english_variants(g: Gazetteer, name: str, expected: str) -> None:
    place = g.lookup(name)
    assert place is not None, name
    assert place.id == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("혜산", "KP-10.hyesan"),
        ("혜산시", "KP-10.hyesan"),
        ("혜산에서", "KP-10.hyesan"),
        ("양강도의", "KP-10"),
        ("량강도", "KP-10"),
        ("양강", "KP-10"),
        ("회령시에서는", "KP-09.hoeryong"),
        ("온성군과", "KP-09.onsong-county"),
        ("무산까지", "KP-09.musan-county"),
        ("신의주로", "KP-03.sinuiju"),
        ("청진으로", "KP-09.chongjin"),
        ("함북", "KP-09"),
        ("보천군", "KP-10.pochon-county"),
        ("룡연군", "KP-05.ryongyon-county"),
        ("용연군을", "KP-05.ryongyon-county"),
        ("남양노동자구에서", "KP-09.onsong-county.namyang-workers-district"),
        ("수남구역", "KP-09.chongjin.sunam-guyok"),
        ("송봉동의", "KP-10.hyesan.songbong-dong"),
        ("선양에서도", "CN-LN.shenyang"),
        ("하바롭스크", "RU-KHA.khabarovsk"),
        ("파주", "KR-41.paju"),
        ("중국", "CN"),
        # North Korean initial ㄹ/ㄴ, whether or not the CSV lists the form
        ("룡천군에서", "KP-03.ryongchon-county"),
        ("령변", "KP-03.nyongbyon-county"),
        ("리원군", "KP-08.riwon-county"),
        ("락랑구역", "KP-01.rangnang-guyok"),
    ],
)
def test_korean_forms_and_particles(g: Gazetteer, name: str, expected: str) -> None:
    place = g.lookup(name)
    assert place is not None, name
    assert place.id == expected


@pytest.mark.parametrize("name", ["Springfield", "", "   ", "에서", "Nowhere County", "사과"])
def test_unknown_names(g: Gazetteer, name: str) -> None:
    assert g.candidates(name) == ()
    assert g.lookup(name) is None


def test_fold_and_surface() -> None:
    assert fold("P'yŏngyang") == "pyongyang"
    assert fold("Ch\u2019ŏngjin  City") == "chongjin city"
    assert fold("Hyesan-si") == "hyesan si"
    assert fold("혜산시") == "혜산시"
    assert clean_surface("Hyesan's") == "Hyesan"
    assert clean_surface("Ryanggang Province-based") == "Ryanggang Province"
    assert skeleton("hoeryeong") == skeleton("hoeryong")
    assert skeleton("gaeseong") == skeleton("kaesong")
    assert skeleton("lyanggang") == skeleton("yanggang") == skeleton("ryanggang")
    assert skeleton("혜산") == ""
    assert [ko_south(w) for w in ("량강도", "락원군", "녕변군", "리원군", "로중리", "혜산", "")] == [
        "양강도",
        "낙원군",
        "영변군",
        "이원군",
        "노중리",
        "혜산",
        "",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Sineuiju", "KP-03.sinuiju"), ("Hoeryeung", "KP-09.hoeryong"), ("Pukcheong County", "KP-08.pukchong-county")],
)
def test_spelling_not_listed_reaches_the_row_by_skeleton(g: Gazetteer, name: str, expected: str) -> None:
    place = g.get(expected)
    assert place is not None and name not in place.aliases
    assert g._resolve_key(name)[1] == "skeleton"
    found = g.lookup(name)
    assert found is not None and found.id == expected


# -- ambiguity ---------------------------------------------------------------------------------------
def test_unsan_without_context_is_only_north_korea(g: Gazetteer) -> None:
    cands = g.candidates("Unsan")
    assert {c.id for c in cands} == {"KP-03.unsan-county", "KP-02.unsan-county-south-pyongan"}
    assert g.choose(cands, ()) is None
    certain = g.lookup("Unsan")
    assert certain is not None and certain.level == "country" and certain.id == "KP"


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("South Pyongan", "KP-02.unsan-county-south-pyongan"),
        ("North Pyongan", "KP-03.unsan-county"),
        ("Sinuiju", "KP-03.unsan-county"),
        ("Pyongsong", "KP-02.unsan-county-south-pyongan"),
    ],
)
def test_unsan_with_context(g: Gazetteer, context: str, expected: str) -> None:
    ctx = g.lookup(context)
    assert ctx is not None
    place = g.lookup("Unsan", context=[ctx])
    assert place is not None and place.id == expected


def test_tumen_city_or_river(g: Gazetteer) -> None:
    assert g.lookup("Tumen") is None  # a CN city and a river in KP share nothing
    jilin = g.lookup("Jilin")
    hamgyong = g.lookup("North Hamgyong")
    assert jilin is not None and hamgyong is not None
    assert g.lookup("Tumen", [jilin]).id == "CN-JL.tumen"  # type: ignore[union-attr]
    assert g.lookup("Tumen", [hamgyong]).id == "KP.tumen-river"  # type: ignore[union-attr]
    assert g.lookup("Tumen River").id == "KP.tumen-river"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("강원도", "원산", "KP-07"),
        ("강원도", "속초", "KR-42"),
        ("강원도", "한국", "KR-42"),
        ("고성군", "Kangwon", "KP-07.kosong-county"),
        ("고성군", "Sokcho", "KR-42.goseong-county"),
        ("옹진군", "Haeju", "KP-05.ongjin-county"),
        ("옹진군", "Incheon", "KR-28.ongjin-county"),
        ("Pohang", "Chongjin", "KP-09.chongjin.pohang-guyok"),
        ("Pohang", "South Korea", "KR-47.pohang"),
    ],
)
def test_names_in_both_koreas(g: Gazetteer, name: str, context: str, expected: str) -> None:
    assert g.lookup(name) is None
    ctx = g.lookup(context)
    assert ctx is not None
    place = g.lookup(name, [ctx])
    assert place is not None and place.id == expected


# -- hierarchy ---------------------------------------------------------------------------------------
def test_location_fills_every_level_above(g: Gazetteer) -> None:
    def loc(name: str) -> Location:
        p = g.lookup(name)
        assert p is not None
        return g.location(p)

    assert loc("Yonpung-dong") == Location("KP", "Ryanggang", "Hyesan", "Yonpung-dong")
    assert loc("Pochon") == Location("KP", "Ryanggang", "Pochon County", None)
    assert loc("Ryanggang") == Location("KP", "Ryanggang", None, None)
    assert loc("China") == Location("CN", None, None, None)
    assert loc("Yalu River") == Location("KP", None, None, "Yalu River")
    assert loc("Hyesan Airfield") == Location("KP", "Ryanggang", "Hyesan", "Hyesan Airfield")
    assert loc("Baengnyeong Island") == Location("KR", "Incheon", "Ongjin County", "Baengnyeong Island")


def test_ancestors_and_admin1(g: Gazetteer) -> None:
    dong = g.get("KP-10.hyesan.hyetan-dong")
    assert dong is not None
    assert [p.id for p in g.ancestors(dong)] == ["KP-10.hyesan", "KP-10", "KP"]
    assert g.admin1_of(dong).id == "KP-10"  # type: ignore[union-attr]
    assert g.country_of(dong).id == "KP"  # type: ignore[union-attr]
    assert g.parent(g.get("KP-10")).id == "KP"  # type: ignore[arg-type, union-attr]
    assert g.parent(g.get("KP")) is None  # type: ignore[arg-type]


def test_coordinates_walk_up_to_the_nearest_point(g: Gazetteer) -> None:
    hyesan = g.get("KP-10.hyesan")
    assert hyesan is not None and hyesan.lat is not None
    assert g.get("KP-10.hyesan.hyetan-dong").lat is None  # type: ignore[union-attr]
    assert g.coordinates(Location("KP", "Ryanggang", "Hyesan", "Hyetan-dong")) == (hyesan.lat, hyesan.lon)
    assert g.coordinates(Location("KP", "Ryanggang", "Hyesan", None)) == (hyesan.lat, hyesan.lon)
    ryanggang = g.get("KP-10")
    assert g.coordinates(Location("KP", "Ryanggang")) == (ryanggang.lat, ryanggang.lon)  # type: ignore[union-attr]
    assert g.coordinates(Location("KP", "Ryanggang", "Unknown County")) == (ryanggang.lat, ryanggang.lon)  # type: ignore[union-attr]
    assert g.coordinates(Location("CN")) == (35.0, 103.0)
    assert g.coordinates(Location(None, None, None, None)) is None
    yalu = g.get("KP.yalu-river")
    assert yalu is not None and g.coordinates(yalu) == (g.get("KP").lat, g.get("KP").lon)  # type: ignore[union-attr]


def test_place_of_a_location(g: Gazetteer) -> None:
    assert g.place_of(Location("KP", "North Hamgyong", "Onsong County", "Namyang Workers' District")).id == (  # type: ignore[union-attr]
        "KP-09.onsong-county.namyang-workers-district"
    )
    assert g.place_of(Location("KR", "Incheon", "Ongjin County")).id == "KR-28.ongjin-county"  # type: ignore[union-attr]
    assert g.place_of(Location("KP", "South Hwanghae", "Ongjin County")).id == "KP-05.ongjin-county"  # type: ignore[union-attr]


def test_place_is_frozen_and_keeps_first_version_fields(g: Gazetteer) -> None:
    p = g.get("KP-10.hyesan.hyetan-dong")
    assert isinstance(p, Place)
    assert (p.admin2, p.parent_id, p.level) == ("Hyesan", "KP-10.hyesan", "place")
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]
