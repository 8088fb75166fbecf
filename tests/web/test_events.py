"""Events in the web interface: the list, an event's page, reviewers' split and join, over HTTP.

The database (web_helpers.build_events_db): E0001 = incidents 1 (r1), 3 (r3), 5 (r4), disagreeing on the
victims; E0002 = incident 4 (r3), same case C0001; E0003 = incident 2 (r2).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from web_helpers import Client, run

from sillok.merge.store import merge_into_store
from sillok.web import events
from sillok.web.app import make_datasette

READ_PAGES = [
    "/-/sillok/events",
    "/-/sillok/events.json",
    "/-/sillok/events.csv",
    "/-/sillok/events?type=arrest&year=2021",
    "/-/sillok/event/E0001",
    "/-/sillok/event/E0001.json",
    "/-/sillok/event/E0001?_format=json",
    "/sillok/events",
    "/sillok/event_members",
]
WRITES = [
    ("/-/sillok/event/E0001/split", {"incident": "5"}),
    ("/-/sillok/event/E0001/join", {"other": "E0003"}),
]


@pytest.fixture
def client(events_db_path: Path) -> Client:
    return Client(make_datasette(events_db_path, secret="test-secret"))


def _state(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every event's membership, and the audit log: what a refused action must leave as it was."""
    with sqlite3.connect(path) as db:
        members = db.execute(
            "SELECT e.event_key, ei.incident_id FROM event_incidents ei JOIN events e ON e.id = ei.event_id"
            " ORDER BY 1, 2"
        ).fetchall()
        audit = db.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    return members, audit


def _members(data: dict[str, Any]) -> list[int]:
    return sorted(m["incident"] for m in data["members"])


# -- access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", READ_PAGES)
def test_anonymous_is_sent_to_log_in(client: Client, path: str) -> None:
    r = run(client.get(path))
    assert r.status_code == 302 and r.headers["location"].startswith("/-/sillok/login?next=")


@pytest.mark.parametrize("path", READ_PAGES)
def test_viewer_reads_the_event_pages(client: Client, path: str) -> None:
    async def go() -> None:
        await client.login("vera")
        r = await client.get(path)
        assert r.status_code == 200, r.text[:500]

    run(go())


@pytest.mark.parametrize(("path", "data"), WRITES)
def test_only_reviewers_split_and_join(client: Client, events_db_path: Path, path: str, data: dict[str, str]) -> None:
    before = _state(events_db_path)

    async def go() -> None:
        r = await client.post(path, data)  # anonymous
        assert r.status_code == 302 and "/-/sillok/login" in r.headers["location"]
        await client.login("vera")
        r = await client.post(path, data)
        assert r.status_code == 403 and "may not do this" in r.text
        assert _state(events_db_path) == before
        await client.login("rita")
        r = await client.post(path, data, csrf=False)
        assert r.status_code == 403  # no CSRF token
        assert _state(events_db_path) == before
        r = await client.post(path, data)
        assert r.status_code == 302 and r.headers["location"] == "/-/sillok/event/E0001"
        assert _state(events_db_path) != before

    run(go())


def test_forms_are_shown_to_reviewers_only(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/-/sillok/event/E0001")).text
        assert 'id="sillok-split"' not in html and 'id="sillok-join"' not in html
        assert 'type="checkbox"' not in html
        await client.login("rita")
        html = (await client.get("/-/sillok/event/E0001")).text
        assert 'action="/-/sillok/event/E0001/split"' in html and 'action="/-/sillok/event/E0001/join"' in html
        assert html.count('name="csrftoken"') >= 2
        assert sorted(re.findall(r'name="incident" value="(\d+)"', html)) == ["1", "3", "5"]
        # an event of one incident has nothing to split, but can be joined
        html = (await client.get("/-/sillok/event/E0003")).text
        assert 'id="sillok-split"' not in html and 'id="sillok-join"' in html

    run(go())


@pytest.mark.parametrize("action", ["split", "join"])
def test_write_routes_refuse_get(client: Client, action: str) -> None:
    async def go() -> None:
        await client.login("rita")
        assert (await client.get(f"/-/sillok/event/E0001/{action}")).status_code == 405

    run(go())


def test_public_read_shows_events_but_does_not_let_anyone_split(events_db_path: Path) -> None:
    client = Client(make_datasette(events_db_path, public_read=True))

    async def go() -> None:
        assert (await client.get("/-/sillok/events")).status_code == 200
        html = (await client.get("/-/sillok/event/E0001")).text
        assert "Event E0001" in html and 'id="sillok-split"' not in html
        r = await client.post("/-/sillok/event/E0001/split", {"incident": "5"})
        assert r.status_code == 302 and "/-/sillok/login" in r.headers["location"]

    run(go())


def test_nav_links_to_events(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/-/sillok/map")).text
        assert '<a href="/-/sillok/events">Events</a>' in html

    run(go())


# -- the list --------------------------------------------------------------------------------------


def test_list_is_sorted_by_corroboration_then_date_with_facets(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        data = (await client.get("/-/sillok/events.json")).json()
        assert data["total"] == 3 and [e["event"] for e in data["events"]] == ["E0001", "E0002", "E0003"]
        first = data["events"][0]
        assert (first["sources"], first["reports"], first["incidents"]) == (3, 3, [1, 3, 5])
        assert first["disagreements"] == ["victims"] and first["doc_ids"] == ["r1", "r3", "r4"]
        facets = {name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()}
        assert facets == {
            "type": {"arrest": 2, "sentence": 1},
            "admin1": {"Ryanggang": 2, "North Hamgyong": 1},
            "year": {"2021": 3},
            "reports": {3: 1, 1: 2},
            "sources": {3: 1, 1: 2},
        }
        html = (await client.get("/-/sillok/events")).text
        assert html.index('href="/-/sillok/event/E0001"') < html.index('href="/-/sillok/event/E0003"')
        assert '<a href="?type=sentence">sentence</a> 1' in html
        assert '<a href="?reports=3">3</a> 1' in html

    run(go())


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("type=sentence", ["E0002"]),
        ("type=arrest", ["E0001", "E0003"]),
        ("admin1=North+Hamgyong", ["E0003"]),
        ("admin1=%28none%29", []),
        ("year=2021&reports=1", ["E0002", "E0003"]),
        ("year=2020", []),
        ("sources=3", ["E0001"]),
        ("case=C0001", ["E0001", "E0002"]),
        ("reports=99999999999999999999999&page=99999999999999999999", ["E0001", "E0002", "E0003"]),
    ],
)
def test_list_filters(client: Client, query: str, keys: list[str]) -> None:
    async def go() -> None:
        await client.login("vera")
        data = (await client.get(f"/-/sillok/events.json?{query}")).json()
        assert [e["event"] for e in data["events"]] == keys and data["total"] == len(keys)
        html = (await client.get(f"/-/sillok/events?{query}")).text
        assert re.findall(r'data-event="(E\d+)"', html) == keys

    run(go())


def test_selected_facet_links_back_and_csv(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/-/sillok/events?type=sentence")).text
        assert 'sentence &middot; 1 <a href="?" class="cross">' in html
        r = await client.get("/-/sillok/events.csv?type=arrest")
        assert r.headers["content-type"].startswith("text/csv")
        lines = r.text.splitlines()
        assert lines[0].startswith("event,case,type,date_start")
        assert [line.split(",")[0] for line in lines[1:]] == ["E0001", "E0003"]
        assert lines[1].endswith(",victims,1 3 5,r1 r3 r4")

    run(go())


def test_list_pages(events_db_path: Path) -> None:
    with sqlite3.connect(events_db_path) as db:
        page1 = events.event_list(db, events.EventFilters(), page_size=2)
        page2 = events.event_list(db, events.EventFilters(page=2), page_size=2)
    assert (page1.pages, page1.to_dict()["next"]) == (2, "?page=2")
    assert [e.key for e in page1.events + page2.events] == ["E0001", "E0002", "E0003"]
    assert page2.to_dict()["next"] is None
    assert events.EventFilters(type="arrest", page=3).query(admin1="X") == "?type=arrest&admin1=X"


def test_empty_store_lists_no_events(db_path: Path) -> None:
    client = Client(make_datasette(db_path, secret="s"))

    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/-/sillok/events")).text
        assert "No events yet" in html
        assert (await client.get("/-/sillok/events?type=arrest")).text.count("No events match these filters") == 1

    run(go())


def test_a_page_past_the_end(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/-/sillok/events?type=arrest&page=7")).text
        assert 'No events on page 7: <a href="?type=arrest">go to the first page</a>' in html

    run(go())


# -- one event -------------------------------------------------------------------------------------


def test_event_json_has_the_record_its_sources_and_members(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        data = (await client.get("/-/sillok/event/E0001.json")).json()
        assert data == (await client.get("/-/sillok/event/E0001?_format=json")).json()
        assert (data["event"], data["case"], data["type"], data["reports"], data["sources"]) == (
            "E0001",
            "C0001",
            "arrest",
            3,
            3,
        )
        assert data["victims"] == {"count": 5, "qualifier": "exact"}
        assert data["cites"]["victims"] == [1, 3] and data["cites"]["date"] == [1, 3, 5]
        assert data["disagreements"] == [
            {
                "field": "victims",
                "values": [
                    {"value": {"count": 5, "qualifier": "exact"}, "incidents": [1, 3], "reports": ["r1", "r3"]},
                    {"value": {"count": 6, "qualifier": "exact"}, "incidents": [5], "reports": ["r4"]},
                ],
            }
        ]
        assert _members(data) == [1, 3, 5]
        by_id = {m["incident"]: m for m in data["members"]}
        assert by_id[3]["report"]["title"] == "Hyesan <script>alert('t')</script> arrests"
        assert by_id[3]["report"]["outlet"] == "Outlet <i>B</i>" and by_id[3]["report"]["language"] == "en"
        assert by_id[5]["report"]["published"] == "2021-03-12" and by_id[5]["victims"]["count"] == 6
        assert data["same_case"] == ["E0002"] and data["history"] == []

    run(go())


def test_event_page_shows_disagreement_cites_members_and_case(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/-/sillok/event/E0001")).text
        assert "Told by <strong>3</strong> reports" in html and "<strong>3</strong> independent sources" in html
        disagreement = html[html.index('id="sillok-disagreements"') :].split("</div>", 1)[0]
        assert "disagree on <strong>victims</strong>" in disagreement
        assert re.search(r"<strong>5 \(exact\)</strong> in incidents .*incident/1.*incident/3", disagreement)
        assert re.search(r'<strong>6 \(exact\)</strong> in incident <a href="/-/sillok/incident/5">5</a>', disagreement)
        victims_row = re.search(r'<tr data-field="victims">.*?</tr>', html).group(0)
        assert "5 (exact)" in victims_row and "incident/1" in victims_row and "incident/5" not in victims_row
        for i in (1, 3, 5):
            assert f'<tr data-incident="{i}">' in html and f'href="/-/sillok/incident/{i}"' in html
        assert "Six held in Hyesan" in html and "Outlet C" in html and "2021-03-12" in html
        assert 'id="sillok-same-case"><li><a href="/-/sillok/event/E0002">E0002</a> sentence' in html
        html = (await client.get("/-/sillok/event/E0003")).text
        assert "None: the reports agree" in html and "sillok-same-case" not in html

    run(go())


def test_titles_outlets_and_quotes_are_escaped(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        for path in ("/-/sillok/event/E0001", "/-/sillok/event/E0002", "/-/sillok/events"):
            html = (await client.get(path)).text
            assert "<script>alert" not in html and "<i>B</i>" not in html and "<em>were</em>" not in html
        html = (await client.get("/-/sillok/event/E0001")).text
        assert "Hyesan &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; arrests" in html
        assert "Outlet &lt;i&gt;B&lt;/i&gt;" in html
        assert "Six residents of &#34;Hyesan&#34; &lt;em&gt;were&lt;/em&gt; arrested" in html

    run(go())


def test_unknown_event_is_404(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        r = await client.get("/-/sillok/event/E9999")
        assert r.status_code == 404 and "no event E9999" in r.text
        r = await client.get("/-/sillok/event/E9999.json")
        assert r.status_code == 404 and r.json() == {"error": "no event E9999", "joined_into": None}
        assert (await client.get("/-/sillok/event/1")).status_code == 404  # keys, not row ids

    run(go())


# -- split and join --------------------------------------------------------------------------------


def test_split_then_join_round_trip_with_audit(client: Client, events_db_path: Path) -> None:
    async def go() -> None:
        await client.login("rita")
        r = await client.post("/-/sillok/event/E0001/split", {"incident": "5"})
        assert r.status_code == 302
        html = (await client.get("/-/sillok/event/E0001")).text
        assert "Split incident 5 off into a new event, E0004." in html
        history = html[html.index('id="sillok-event-history"') :]
        assert "<td>rita</td><td>split</td>" in history and 'new event <a href="/-/sillok/event/E0004">' in history
        old = (await client.get("/-/sillok/event/E0001.json")).json()
        new = (await client.get("/-/sillok/event/E0004.json")).json()
        assert _members(old) == [1, 3] and _members(new) == [5]
        assert old["disagreements"] == [] and old["origin"] == "human" and new["victims"]["count"] == 6
        assert [h["action"] for h in new["history"]] == ["split"]  # the new event's page shows where it came from
        # the split is on the moved incident's page, and on those that stayed
        for incident, event in ((5, "E0004"), (1, "E0001")):
            inc = (await client.get(f"/-/sillok/incident/{incident}.json")).json()
            assert inc["event"] == event
            assert [(d["action"], d["event"], d["split_off"]) for d in inc["event_history"]] == [
                ("split", "E0001", [5])
            ]
        html = (await client.get("/-/sillok/incident/5")).text
        assert 'id="sillok-event-link">E0004</a>' in html and 'id="sillok-event-history"' in html
        assert "split incident 5 off event" in html

        r = await client.post("/-/sillok/event/E0001/join", {"other": " e0004 "})
        assert r.status_code == 302 and r.headers["location"] == "/-/sillok/event/E0001"
        html = (await client.get("/-/sillok/event/E0001")).text
        assert "Joined event E0004 into this event (E0001)." in html
        data = (await client.get("/-/sillok/event/E0001.json")).json()
        assert _members(data) == [1, 3, 5] and data["disagreements"][0]["field"] == "victims"
        assert [(h["action"], h["user"]) for h in data["history"]] == [("split", "rita"), ("join", "rita")]
        assert data["history"][1]["joined"] == ["E0004"]
        r = await client.get("/-/sillok/event/E0004")
        assert r.status_code == 404 and "was joined into event E0001 by rita" in r.text
        assert '<a href="/-/sillok/event/E0001">Go to event E0001</a>' in r.text
        assert (await client.get("/-/sillok/event/E0004.json")).json()["joined_into"] == "E0001"
        inc = (await client.get("/-/sillok/incident/5.json")).json()
        assert inc["event"] == "E0001" and [d["action"] for d in inc["event_history"]] == ["split", "join"]

    run(go())
    with sqlite3.connect(events_db_path) as db:
        rows = db.execute("SELECT incident_id, event_id, user, action FROM audit_log ORDER BY id").fetchall()
    assert rows == [(None, "E0001", "rita", "split"), (None, "E0001", "rita", "join")]
    merge_into_store(events_db_path)  # a later merge keeps the reviewer's decisions
    assert _state(events_db_path)[0][:3] == [("E0001", 1), ("E0001", 3), ("E0001", 5)]


@pytest.mark.parametrize(
    ("path", "data", "status", "message"),
    [
        ("/-/sillok/event/E0001/split", {"incident": "2"}, 400, "are not all in event E0001"),
        ("/-/sillok/event/E0001/split", {}, 400, "tick the incidents to split off"),
        ("/-/sillok/event/E0001/split", {"incident": "five"}, 400, "is not a whole number"),
        ("/-/sillok/event/E0003/split", {"incident": "2"}, 400, "leaves nothing behind"),
        ("/-/sillok/event/E9999/split", {"incident": "1"}, 404, "no event E9999"),
        ("/-/sillok/event/E0001/join", {"other": "E0001"}, 400, "cannot be joined with itself"),
        ("/-/sillok/event/E0001/join", {"other": "1"}, 400, "cannot be joined with itself"),
        ("/-/sillok/event/E0001/join", {"other": "E9999"}, 400, "no event E9999"),
        ("/-/sillok/event/E0001/join", {"other": ""}, 400, "give the key of the event"),
        ("/-/sillok/event/E0001/join", {"other": "E0002"}, 400, "one report tells each act once"),
        ("/-/sillok/event/E9999/join", {"other": "E0001"}, 404, "no event E9999"),
    ],
)
def test_invalid_split_or_join_changes_nothing(
    client: Client, events_db_path: Path, path: str, data: dict[str, str], status: int, message: str
) -> None:
    before = _state(events_db_path)

    async def go() -> None:
        await client.login("rita")
        r = await client.post(path, data)
        assert r.status_code == status and message in r.text
        if status == 400:
            assert 'class="sillok-error" role="alert">Nothing changed:' in r.text
            assert 'id="sillok-members"' in r.text  # the event page again, with the message

    run(go())
    assert _state(events_db_path) == before


def test_a_refused_form_keeps_what_was_entered(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        r = await client.post("/-/sillok/event/E0001/split", {"incident": ["1", "3", "5"]})
        assert r.status_code == 400 and "leaves nothing behind" in r.text
        assert sorted(re.findall(r'name="incident" value="(\d+)"[^>]* checked', r.text)) == ["1", "3", "5"]
        r = await client.post("/-/sillok/event/E0001/join", {"other": "E0002"})
        assert 'name="other" value="E0002"' in r.text

    run(go())


def test_split_several_incidents_at_once(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        r = await client.post("/-/sillok/event/E0001/split", {"incident": ["5", "3"]})
        assert r.status_code == 302
        html = (await client.get("/-/sillok/event/E0001")).text
        assert "Split incidents 3, 5 off into a new event, E0004." in html
        new = (await client.get("/-/sillok/event/E0004.json")).json()
        assert _members(new) == [3, 5] and new["reports"] == 2 and new["disagreements"][0]["field"] == "victims"

    run(go())


# -- the Datasette tables and speed ----------------------------------------------------------------


def test_events_table_links_to_event_pages(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        html = (await client.get("/sillok/events")).text
        assert '<a href="/-/sillok/event/E0001">E0001</a>' in html
        html = (await client.get("/sillok/event_members")).text
        assert '<a href="/-/sillok/incident/5">5</a>' in html

    run(go())


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        (events.EVENT_SQL, ("E0001",)),
        (events.MEMBERS_SQL, (1,)),
        (events.SAME_CASE_SQL, ("C0001", 1)),
        (events.LINKS_SQL, ("[1, 2]",)),
        (events.DECISIONS_SQL, {"key": "E0001", "ids": "[1, 3, 5]"}),
        (events.JOINED_INTO_SQL, ("E0004",)),
        (events.EVENT_OF_INCIDENT_SQL, (5,)),
    ],
)
def test_event_page_queries_use_indexes(events_db_path: Path, sql: str, params: Any) -> None:
    with sqlite3.connect(events_db_path) as db:
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params)]
    scans = [step for step in plan if step.startswith("SCAN") and "VIRTUAL TABLE" not in step]
    assert scans == [], plan


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("date", {"start": "2021-03-01", "end": "2021-03-31"}, "2021-03-01 to 2021-03-31"),
        ("date", {"start": "2021-03-03", "end": "2021-03-03"}, "2021-03-03"),
        ("location", {"country": "KP", "admin1": "Ryanggang", "admin2": None, "place": None}, "Ryanggang, KP"),
        ("victims", {"count": 6, "qualifier": "at_least"}, "6 (at_least)"),
        ("perpetrator", "mss", "mss"),
        ("reason", None, "(none)"),
    ],
)
def test_value_text(field: str, value: Any, text: str) -> None:
    assert events.value_text(field, value) == text
