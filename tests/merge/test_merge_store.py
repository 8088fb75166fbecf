"""Merging in the store: incremental, events listed, and reviewers' split/join decisions kept."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from sillok.errors import StoreError, ValidationError
from sillok.merge.store import count_events, join_events, list_events, merge_into_store, split_event
from sillok.models import DateRange, Document, Incident, Location, Victims

Store = pytest.importorskip("sillok.store").Store

HYESAN = Location("KP", "Ryanggang", "Hyesan", None)


def _arrest(day: int, count: int = 3, quote: str = "three students were arrested") -> Incident:
    return Incident("arrest", quote, DateRange.day(dt.date(2021, 3, day)), HYESAN, Victims(count), "mss", "defection")


def _add(path, doc_id: str, text: str, incidents: list[Incident]) -> None:
    with Store.open(path) as st:
        st.add_documents([Document(doc_id, text, dt.date(2021, 3, 20), "en", outlet=doc_id)])
        row = next(d for d in st.documents() if d.doc_id == doc_id)
        st.save_extraction(row.id, "test", incidents)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "sillok.db"
    _add(path, "a", "Report A: three students were arrested in Hyesan on March 5.", [_arrest(5)])
    _add(path, "b", "Report B tells it too: three students arrested in Hyesan, March 5.", [_arrest(5)])
    _add(path, "c", "Report C: a crackdown, and two women arrested on March 12.", [_arrest(12, 2, "two women")])
    return path


def test_merge_into_store_and_list(db):
    result = merge_into_store(db)
    assert result.new_incidents == 3 and result.events_created == 2 and result.events_total == 2
    events = list_events(db)
    assert events[0].reports == 2 and events[0].doc_ids == ("a", "b") and events[0].sources == 2
    assert list_events(db, min_reports=2) == events[:1]
    assert count_events(db).events == 2 and count_events(db).multi_report == 1
    assert json.loads(json.dumps(events[0].to_dict()))["event"] == events[0].key


def test_incremental_merge_joins_new_report_without_touching_others(db):
    merge_into_store(db)
    _add(db, "d", "Report D, later: the March 5 arrest of three students in Hyesan.", [_arrest(5)])
    result = merge_into_store(db)
    assert result.new_incidents == 1 and result.events_created == 0
    assert result.comparisons == 3  # the new incident against the three of its block; no old pair again
    assert list_events(db)[0].doc_ids == ("a", "b", "d")


def test_split_is_never_undone(db):
    merge_into_store(db)
    first = list_events(db)[0]
    new_key = split_event(db, first.key, [first.incident_ids[1]], "alice")
    merge_into_store(db)
    _add(db, "e", "Report E: three students arrested in Hyesan on March 5, sources say.", [_arrest(5)])
    merge_into_store(db)
    by_key = {e.key: e for e in list_events(db)}
    assert set(by_key[first.key].incident_ids).isdisjoint(by_key[new_key].incident_ids)
    assert first.incident_ids[1] in by_key[new_key].incident_ids
    with sqlite3.connect(db) as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE event_id = ?", (first.key,))]
    assert actions == ["split"]


def test_join_is_never_undone(db):
    merge_into_store(db)
    events = list_events(db)
    kept = join_events(db, [events[0].key, events[1].key], "bob")
    merge_into_store(db)
    (joined,) = list_events(db)
    assert joined.key == kept and joined.reports == 3 and joined.origin == "human"
    assert "victims" in joined.disagreements and "date" in joined.disagreements


def test_join_refuses_two_incidents_of_one_report(tmp_path):
    path = tmp_path / "x.db"
    _add(path, "a", "Report A: two arrests on different days in Hyesan, March 5 and 12.",
         [_arrest(5), _arrest(12, 2, "two women")])  # fmt: skip
    merge_into_store(path)
    events = list_events(path)
    with pytest.raises(ValidationError, match="one report tells each act once"):
        join_events(path, [e.key for e in events], "bob")


def test_near_duplicates_linked_and_counted_once(tmp_path):
    path = tmp_path / "n.db"
    text = "Three students were arrested in Hyesan on March 5, a source in Ryanggang Province said. " * 3
    _add(path, "a", text, [_arrest(5)])
    _add(path, "b", "Repost. " + text, [_arrest(5)])
    result = merge_into_store(path)
    assert result.near_duplicates == 1
    (event,) = list_events(path)
    assert event.reports == 2 and event.sources == 1


def test_rejected_incident_leaves_its_event(db):
    merge_into_store(db)
    first = list_events(db)[0]
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE incidents SET status = 'rejected' WHERE id = ?", (first.incident_ids[0],))
    merge_into_store(db)
    after = {e.key: e for e in list_events(db)}[first.key]
    assert after.incident_ids == first.incident_ids[1:] and after.reports == 1


def test_functions_take_an_open_connection(db):
    with Store.open(db) as st:
        result = merge_into_store(st.db)
        assert result.events_total == 2
        assert count_events(st.db).events == 2
    plain = sqlite3.connect(db)
    try:
        assert [e.reports for e in list_events(plain)] == [2, 1]
        assert plain.row_factory is None
    finally:
        plain.close()
    empty = sqlite3.connect(":memory:")
    with pytest.raises(StoreError, match="no events table"):
        count_events(empty)
