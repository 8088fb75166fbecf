"""Blocking, scoring and clustering: who merges and who stays apart."""

from __future__ import annotations

from sillok.merge.cluster import BlockingIndex, Merger
from sillok.merge.score import MergeConfig, compare
from sillok.merge.synthetic import generate

EN_ARREST = (
    "Police in Tanchon, South Hamgyong Province, arrested three young mine workers on Feb. 14 after catching "
    "them watching a South Korean drama, a source said."
)
KO_ARREST = "지난 14일 함경남도 단천시 안전부가 한국 드라마를 보던 20대 광산 노동자 세 명을 체포했다."


def _clusters(merger: Merger) -> list[set[str]]:
    return [set(map(str, c)) for c in merger.clusters()]


def test_english_and_korean_reports_of_one_act_merge(item):
    en = item("en#0", "en", date=("2021-02-14", "2021-02-14"), admin1="South Hamgyong", admin2="Tanchon",
              perpetrator="mps", reason="foreign_media", quote=EN_ARREST, language="en")  # fmt: skip
    ko = item("ko#0", "ko", date=("2021-02-11", "2021-02-20"), admin1="South Hamgyong", admin2="Tanchon",
              perpetrator="mps", reason="foreign_media", quote=KO_ARREST, language="ko")  # fmt: skip
    merger = Merger()
    merger.add([en, ko])
    assert {"en#0", "ko#0"} in _clusters(merger)


def test_look_alike_distractor_stays_apart(item):
    """Same type, county and days: but two days apart, another count and another agency."""
    a = item("a#0", "a", date=("2017-10-12", "2017-10-12"), perpetrator="border_guard")
    b = item("b#0", "b", date=("2017-10-14", "2017-10-14"), count=4, perpetrator="mps")
    c = item("c#0", "c", date=("2017-10-14", "2017-10-14"), count=4, perpetrator="mps")
    merger = Merger()
    merger.add([a, b, c])
    assert _clusters(merger) == [{"a#0"}, {"b#0", "c#0"}]


def test_different_counties_and_people_stay_apart(item):
    a = item("a#0", "a", admin2="Hyesan", quote="a 34-year-old woman died in custody")
    b = item("b#0", "b", admin2="Samsu County", quote="a 52-year-old man died in custody")
    assert compare(a, b, MergeConfig()) is None
    c = item("c#0", "c", quote="a 34-year-old woman died in custody")
    d = item("d#0", "d", quote="a 52-year-old man died in custody")
    e = item("e#0", "e", quote="서른네 살 여성이 구류장에서 숨졌다", language="ko")
    assert compare(c, e, MergeConfig()) > compare(d, e, MergeConfig())  # type: ignore[operator]


def test_same_document_never_merges(item):
    a = item("a#0", "a")
    b = item("a#1", "a")
    assert compare(a, b, MergeConfig()) is None
    merger = Merger()
    merger.add([a, b, item("b#0", "b")])
    assert all(len({k.split("#")[0] for k in c}) == len(c) for c in _clusters(merger))
    assert len(_clusters(merger)) == 2


def test_other_type_or_far_dates_never_merge(item):
    assert compare(item("a#0", "a"), item("b#0", "b", type="interrogation"), MergeConfig()) is None
    assert compare(item("a#0", "a"), item("b#0", "b", date=("2021-03-20", "2021-03-20")), MergeConfig()) is None


def test_vaguer_report_merges_with_precise_one(item):
    precise = item("a#0", "a")
    vague = item("b#0", "b", date=("2021-03-01", "2021-03-10"), admin2=None)
    merger = Merger()
    merger.add([precise, vague])
    assert _clusters(merger) == [{"a#0", "b#0"}]


def test_blocking_compares_far_fewer_than_all_pairs():
    data = generate(3000, seed=3)
    merger = Merger()
    merger.add(data.items)
    n = len(data.items)
    assert merger.stats.comparisons < n * (n - 1) / 2 / 50
    # and the synthetic truth comes out nearly whole
    truth: dict[int, set[str]] = {}
    for key, ev in data.event_of.items():
        truth.setdefault(ev, set()).add(key)
    predicted = _clusters(merger)
    whole = sum(1 for members in truth.values() if members in predicted)
    assert whole / len(truth) > 0.95


def test_blocking_index_finds_vaguer_and_unplaced_candidates(item):
    index = BlockingIndex()
    day = item("a#0", "a")
    month = item("b#0", "b", date=("2021-03-01", "2021-03-31"), admin2=None)
    unplaced = item("c#0", "c", admin1=None, admin2=None, country=None)
    other_province = item("d#0", "d", admin1="Chagang", admin2=None)
    next_year = item("e#0", "e", date=("2022-03-05", "2022-03-05"), published="2022-03-20")
    for it in (day, month, unplaced, other_province, next_year):
        index.add(it)
    assert index.candidates(day) == {"b#0", "c#0"}
    assert "a#0" in index.candidates(unplaced) and "d#0" in index.candidates(unplaced)


def test_incremental_join_compares_only_candidates(item):
    merger = Merger()
    merger.add([item("a#0", "a"), item("x#0", "x", type="crackdown", count=None)])
    before = merger.stats.comparisons
    merger.add([item("b#0", "b", date=("2021-03-01", "2021-03-10"))])
    assert merger.stats.comparisons - before == 1
    assert {"a#0", "b#0"} in _clusters(merger)


def test_existing_events_are_kept_and_new_reports_join(item):
    merger = Merger()
    merger.add_existing([[item("a#0", "a"), item("b#0", "b")]])
    merger.add([item("c#0", "c")])
    assert _clusters(merger) == [{"a#0", "b#0", "c#0"}]


def test_human_cannot_link_is_respected(item):
    merger = Merger()
    merger.constrain(cannot=[("a#0", "b#0")])
    merger.add([item("a#0", "a"), item("b#0", "b")])
    assert _clusters(merger) == [{"a#0"}, {"b#0"}]


def test_human_must_link_is_respected(item):
    merger = Merger()
    a = item("a#0", "a")
    b = item("b#0", "b", type="arrest", date=("2021-05-01", "2021-05-01"), admin2="Samsu County")
    merger.add([a, b], must=[("a#0", "b#0")])
    assert _clusters(merger) == [{"a#0", "b#0"}]


def test_events_have_ids_in_order_and_cases(item):
    merger = Merger()
    merger.add(
        [
            item("a#0", "a"),
            item("a#1", "a", type="interrogation", date=("2021-03-05", "2021-03-20")),
            item("b#0", "b"),
            item("c#0", "c", type="crackdown", count=None, admin2="Kimjongsuk County"),
        ]
    )
    events = merger.events()
    assert [e.id for e in events] == ["E0001", "E0002", "E0003"]
    assert events[0].keys == ("a#0", "b#0")
    assert events[0].case_id == events[1].case_id == "C0001"
    assert events[2].case_id is None


def test_near_duplicate_reports_count_as_one_source(item):
    merger = Merger(source_of={"a": "a", "b": "a", "c": "c"})
    merger.add([item("a#0", "a"), item("b#0", "b"), item("c#0", "c")])
    (event,) = merger.events()
    assert event.reports == 3
    assert event.sources == 2


def test_place_spellings_are_folded(item):
    a = item("a#0", "a", admin1="North Hamgyong", admin2="Onsong County")
    b = item("b#0", "b", admin1="North Hamgyong Province", admin2="Onsong")
    c = item("c#0", "c", admin1="North Hamgyong", admin2="Hoeryong")
    assert compare(a, b, MergeConfig()) is not None
    assert compare(a, c, MergeConfig()) is None
    merger = Merger()
    merger.add([a, b, c])
    assert {"a#0", "b#0"} in _clusters(merger)
