"""Reconciliation: the narrowest interval, the most specific place, disagreements kept and cited."""

from __future__ import annotations

import datetime as dt

from sillok.merge.model import build_event, counts_consistent, reconcile_date, reconcile_location
from sillok.models import DateRange, Location, Victims


def test_narrowest_interval_is_the_intersection(item):
    month = item("a#0", "a", date=("2021-03-01", "2021-03-31"))
    early = item("b#0", "b", date=("2021-03-01", "2021-03-10"))
    day = item("c#0", "c", date=("2021-03-05", "2021-03-05"))
    value, disagreement = reconcile_date([month, early, day])
    assert value.value == DateRange.day(dt.date(2021, 3, 5))
    assert set(value.sources) == {"a#0", "b#0", "c#0"}
    assert disagreement is None


def test_conflicting_days_keep_the_majority_and_the_disagreement(item):
    items = [
        item("a#0", "a", date=("2015-06-01", "2015-06-30")),
        item("b#0", "b", date=("2015-06-09", "2015-06-09")),
        item("c#0", "c", date=("2015-06-08", "2015-06-08")),
        item("d#0", "d", date=("2015-06-09", "2015-06-09")),
    ]
    value, disagreement = reconcile_date(items)
    assert value.value == DateRange.day(dt.date(2015, 6, 9))
    assert set(value.sources) == {"a#0", "b#0", "d#0"}
    assert disagreement is not None and disagreement.field == "date"
    days = {v.value: v.sources for v in disagreement.values}
    assert days[DateRange.day(dt.date(2015, 6, 8))] == ("c#0",)


def test_undated_reports_do_not_widen_or_narrow(item):
    value, _ = reconcile_date([item("a#0", "a", date=None), item("b#0", "b", date=("2021-03-01", "2021-03-10"))])
    assert value.value == DateRange(dt.date(2021, 3, 1), dt.date(2021, 3, 10))
    assert value.sources == ("b#0",)


def test_most_specific_place_is_filled_from_agreeing_reports(item):
    vague = item("a#0", "a", admin2=None)
    precise = item("b#0", "b", admin2="Hyesan")
    value, disagreement = reconcile_location([vague, precise])
    assert value.value == Location("KP", "Ryanggang", "Hyesan", None)
    assert disagreement is None


def test_place_disagreement_is_kept(item):
    items = [
        item("a#0", "a", admin2="Hyesan"),
        item("b#0", "b", admin2="Hyesan"),
        item("c#0", "c", admin2="Samsu County"),
    ]
    value, disagreement = reconcile_location(items)
    assert value.value is not None and value.value.admin2 == "Hyesan"
    assert disagreement is not None
    assert {v.value.admin2 for v in disagreement.values} == {"Hyesan", "Samsu County"}


def test_counts_and_qualifiers():
    assert counts_consistent(Victims(10, "at_least"), Victims(12))
    assert not counts_consistent(Victims(10, "at_least"), Victims(8))
    assert counts_consistent(Victims(20, "about"), Victims(22))
    assert not counts_consistent(Victims(3), Victims(4))


def test_event_record_prefers_exact_count_and_specific_agency(item):
    items = [
        item("a#0", "a", count=10, qualifier="at_least", perpetrator="state"),
        item("b#0", "b", count=12, perpetrator="mss"),
        item("c#0", "c", count=12, perpetrator=None),
    ]
    ev = build_event("E0001", items)
    assert ev.victims.value == Victims(12)
    assert set(ev.victims.sources) == {"a#0", "b#0", "c#0"}
    assert ev.perpetrator.value == "mss" and ev.perpetrator.sources == ("b#0",)
    assert ev.disagreements == ()
    assert ev.reports == 3


def test_count_disagreement_exposed(item):
    ev = build_event("E0001", [item("a#0", "a", count=7), item("b#0", "b", count=8), item("c#0", "c", count=7)])
    assert ev.victims.value == Victims(7)
    assert [d.field for d in ev.disagreements] == ["victims"]
    d = ev.disagreements[0].to_dict()
    assert d["values"] == [
        {"value": {"count": 7, "qualifier": "exact"}, "sources": ["a#0", "c#0"]},
        {"value": {"count": 8, "qualifier": "exact"}, "sources": ["b#0"]},
    ]
