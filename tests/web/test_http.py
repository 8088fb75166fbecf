"""Every route of the web interface over HTTP (Datasette's ASGI client): access, review, escaping, data views."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from web_helpers import REPORT_1, Client, revision_of, run

from sillok.web.app import make_datasette

READ_PAGES = [
    "/",
    "/sillok",
    "/sillok/incident_list",
    "/sillok/incident_list.json",
    "/sillok/incident_list.csv",
    "/sillok/documents",
    "/-/sillok/incident/1",
    "/-/sillok/incident/1.json",
    "/-/sillok/document/1",
    "/-/sillok/document/1.json",
    "/-/sillok/map",
    "/-/sillok/map.json",
    "/-/sillok/map.csv",
    "/-/sillok/provinces.geojson",
    "/-/sillok/timeline",
    "/-/sillok/timeline.json",
    "/-/sillok/timeline.csv",
]


@pytest.fixture
def client(db_path: Path) -> Client:
    return Client(make_datasette(db_path, secret="test-secret"))


@pytest.mark.parametrize("path", READ_PAGES)
def test_anonymous_is_sent_to_log_in(client: Client, path: str) -> None:
    r = run(client.get(path))
    assert r.status_code == 302
    assert r.headers["location"].startswith("/-/sillok/login?next=")


@pytest.mark.parametrize("path", READ_PAGES)
def test_viewer_reads_every_page(client: Client, path: str) -> None:
    async def go() -> None:
        assert (await client.login("vera")).status_code == 302
        r = await client.get(path)
        assert r.status_code == 200, r.text[:500]

    run(go())


def test_login_page_and_wrong_password(client: Client) -> None:
    async def go() -> None:
        r = await client.get("/-/sillok/login")
        assert r.status_code == 200 and 'name="csrftoken"' in r.text
        r = await client.login("vera", "wrong password")
        assert r.status_code == 401 and "Wrong user name or password" in r.text
        assert "sillok_session" not in client.cookies
        r = await client.login("ghost", "whatever it is")
        assert r.status_code == 401

    run(go())


def test_login_redirects_only_inside_the_site(client: Client) -> None:
    async def go() -> None:
        data = {"username": "vera", "password": "correct horse"}
        r = await client.post("/-/sillok/login", {**data, "next": "/-/sillok/map"})
        assert r.headers["location"] == "/-/sillok/map"
        r = await client.post("/-/sillok/login", {**data, "next": "//evil.example/"})
        assert r.headers["location"] == "/"

    run(go())


def test_forms_need_the_csrf_token(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        r = await client.post("/-/sillok/incident/1/accept", {"revision": "1"}, csrf=False)
        assert r.status_code == 403
        r = await client.post("/-/sillok/login", {"username": "rita", "password": "correct horse"}, csrf=False)
        assert r.status_code == 403

    run(go())


def test_forged_session_cookie_is_ignored(client: Client) -> None:
    async def go() -> None:
        client.cookies["sillok_session"] = "eyJ1IjoiYWRhbSJ9.forged"
        r = await client.get("/-/sillok/incident/1")
        assert r.status_code == 302

    run(go())


def test_logout_ends_the_session(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        assert (await client.get("/-/sillok/logout")).status_code == 200
        r = await client.post("/-/sillok/logout", {})
        assert r.status_code == 302 and "sillok_session" not in client.cookies
        assert (await client.get("/-/sillok/incident/1")).status_code == 302

    run(go())


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/-/sillok/incident/1/accept", {"revision": "1"}),
        ("/-/sillok/incident/1/reject", {"revision": "1", "status_reason": "no"}),
        ("/-/sillok/incident/1/edit", {"revision": "1", "type": "arrest"}),
        ("/-/sillok/document/1/add", {"type": "arrest", "quote_start": "0", "quote_end": "5"}),
    ],
)
def test_viewer_cannot_review_and_anonymous_cannot_write(client: Client, path: str, data: dict[str, str]) -> None:
    async def go() -> None:
        r = await client.post(path, data)
        assert r.status_code == 302 and "/-/sillok/login" in r.headers["location"]
        await client.login("vera")
        r = await client.post(path, data)
        assert r.status_code == 403
        r = await client.get("/-/sillok/incident/1.json")
        assert r.json()["revision"] == 1 and r.json()["history"] == []

    run(go())


def test_viewer_page_has_no_review_forms(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        r = await client.get("/-/sillok/incident/1")
        assert "/-/sillok/incident/1/accept" not in r.text
        await client.login("rita")
        r = await client.get("/-/sillok/incident/1")
        assert "/-/sillok/incident/1/accept" in r.text

    run(go())


def test_users_table_sql_and_admin_pages_are_for_admins_only(client: Client) -> None:
    async def go() -> None:
        for name in ("vera", "rita"):
            await client.login(name)
            assert (await client.get("/sillok/users")).status_code == 403
            assert (await client.get("/sillok?sql=select+*+from+users")).status_code == 403
            assert (await client.get("/-/sillok/users")).status_code == 403
            assert (await client.get("/_internal/tables")).status_code == 403
        await client.login("adam")
        assert (await client.get("/_internal/tables")).status_code == 200
        assert (await client.get("/sillok/users")).status_code == 200
        assert (await client.get("/sillok?sql=select+name+from+users")).status_code == 200
        r = await client.get("/-/sillok/users")
        assert r.status_code == 200 and "<td>rita</td>" in r.text
        r = await client.post(
            "/-/sillok/users", {"action": "add", "name": "nina", "role": "viewer", "password": "pw-12345678"}
        )
        assert r.status_code == 302
        r = await client.post(
            "/-/sillok/users", {"action": "add", "name": "nina", "role": "viewer", "password": "pw-12345678"}
        )
        assert r.status_code == 400 and "already exists" in r.text
        r = await client.post("/-/sillok/users", {"action": "role", "name": "vera", "role": "reviewer"})
        assert r.status_code == 302
        await client.login("vera")
        r = await client.get("/-/sillok/incident/1")
        assert "/-/sillok/incident/1/accept" in r.text  # the new role counts at once

    run(go())


def test_accept_then_stale_save_is_refused(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        page = await client.get("/-/sillok/incident/1")
        rev = revision_of(page.text)
        r = await client.post("/-/sillok/incident/1/accept", {"revision": str(rev)})
        assert r.status_code == 302
        page = await client.get("/-/sillok/incident/1")
        assert 'id="sillok-next">Next incident to review (2)' in page.text
        assert "Accepted." in page.text and 'id="sillok-history"' in page.text and ">rita<" in page.text
        # a second reviewer still holding the old revision
        r = await client.post("/-/sillok/incident/1/reject", {"revision": str(rev), "status_reason": "dup"})
        assert r.status_code == 409 and "was not saved" in r.text
        data = (await client.get("/-/sillok/incident/1.json")).json()
        assert data["status"] == "accepted" and data["revision"] == rev + 1

    run(go())


def test_edit_through_the_form(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        form = {
            "revision": "1",
            "type": "arrest",
            "date_start": "2021-03-02",
            "date_end": "2021-03-04",
            "lookup": "Hoeryong",
            "victims_count": "5",
            "victims_qualifier": "about",
            "perpetrator": "mps",
            "reason": "outside_contact",
        }
        r = await client.post("/-/sillok/incident/1/edit", form)
        assert r.status_code == 302
        data = (await client.get("/-/sillok/incident/1.json")).json()
        assert data["location"] == {"country": "KP", "admin1": "North Hamgyong", "admin2": "Hoeryong", "place": None}
        assert data["victims"] == {"count": 5, "qualifier": "about"} and data["perpetrator"] == "mps"
        assert data["status"] == "edited" and data["machine_original"]["perpetrator"] == "mss"
        fields = {h["field"] for h in data["history"]}
        assert {"date_start", "date_end", "admin1", "admin2", "victims_qualifier", "perpetrator", "status"} <= fields
        r = await client.post("/-/sillok/incident/1/edit", {**form, "revision": "2", "date_start": "March"})
        assert r.status_code == 400 and "not an ISO date" in r.text

    run(go())


def test_reject_needs_a_reason_over_http(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        r = await client.post("/-/sillok/incident/2/reject", {"revision": "1", "status_reason": ""})
        assert r.status_code == 400 and "needs a reason" in r.text
        r = await client.post("/-/sillok/incident/2/reject", {"revision": "1", "status_reason": "speculation"})
        assert r.status_code == 302
        assert (await client.get("/-/sillok/incident/2.json")).json()["status"] == "rejected"

    run(go())


def test_add_an_incident_from_a_selection(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        start = REPORT_1.index("They were later")
        end = start + len("They were later sent to a labour-training camp.")
        data = {"type": "sentence", "quote_start": str(start), "quote_end": str(end), "lookup": "Hyesan"}
        r = await client.post("/-/sillok/document/1/add", data)
        assert r.status_code == 302
        new = r.headers["location"].rsplit("/", 1)[1]
        inc = (await client.get(f"/-/sillok/incident/{new}.json")).json()
        assert inc["quote"] == "They were later sent to a labour-training camp." and inc["quote_span"] == [start, end]
        assert inc["history"][0]["action"] == "add" and inc["history"][0]["user"] == "rita"
        r = await client.post("/-/sillok/document/1/add", {"type": "sentence"})
        assert r.status_code == 400 and "select its text" in r.text

    run(go())


def test_missing_records_are_404(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        assert (await client.get("/-/sillok/incident/999")).status_code == 404
        assert (await client.get("/-/sillok/incident/999.json")).status_code == 404
        assert (await client.get("/-/sillok/document/999")).status_code == 404
        assert (await client.post("/-/sillok/incident/999/accept", {"revision": "1"})).status_code == 404

    run(go())


def test_report_text_and_titles_are_escaped(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        for path in ("/-/sillok/incident/1", "/-/sillok/document/1", "/-/sillok/document/2", "/-/sillok/incident/2"):
            html = (await client.get(path)).text
            assert "<script>alert" not in html and "<img src=x" not in html and "<b>in</b>" not in html
        html = (await client.get("/-/sillok/incident/1")).text
        assert "&lt;script&gt;alert(" in html
        # the quote is highlighted; the parts around it are escaped separately
        assert '<mark id="sillok-quote">Security agents arrested five people' in html
        html = (await client.get("/-/sillok/document/2")).text
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        html = (await client.get("/sillok/incident_list?_search=market")).text
        assert "<script>alert" not in html

    run(go())


def test_facets_search_sort_and_csv(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        data = (await client.get("/sillok/incident_list.json?_shape=objects")).json()
        assert set(data["facet_results"]) == {"type", "admin1", "perpetrator", "reason", "year", "status"}
        assert [r["id"] for r in data["rows"]] == [2, 1]  # newest first
        years = {f["value"]: f["count"] for f in data["facet_results"]["year"]["results"]}
        assert years == {"2021": 2}
        data = (await client.get("/sillok/incident_list.json?_shape=objects&_search=labour")).json()
        assert [r["id"] for r in data["rows"]] == [1]  # found in the report text, not the quote
        data = (await client.get("/sillok/incident_list.json?_shape=objects&_search=체포했다")).json()
        assert [r["id"] for r in data["rows"]] == [2]
        for words, ids in (
            ("체포", [2]),
            ("arrest", [1]),
            ("회령에서 주민", [2]),
            ('"labour-training camp"', [1]),
            ('"sent to a camp"', []),
            ('unbalanced "quote', []),
        ):
            data = (await client.get(f"/sillok/incident_list.json?_shape=objects&_search={quote(words)}")).json()
            assert [r["id"] for r in data["rows"]] == ids, words
        data = (await client.get("/sillok/incident_list.json?_shape=objects&admin1=Ryanggang")).json()
        assert [r["id"] for r in data["rows"]] == [1]
        r = await client.get("/sillok/incident_list.csv?_sort=date_start&_dl=1")
        assert r.headers["content-type"].startswith("text/csv")
        lines = r.text.splitlines()
        assert lines[0].startswith("id,type,date_start") and lines[1].startswith("1,arrest,2021-03-03")

    run(go())


def test_superseded_report_versions_are_not_listed(db_path: Path) -> None:
    """A report re-ingested with a changed text: its new text's incidents stand, the old ones stay stored."""
    from sillok.models import Document, Incident
    from sillok.store import Store

    changed = REPORT_1.replace("on March 3", "on March 4")
    quote = changed.split(". ")[0] + "."
    with Store.open(db_path) as store:
        assert store.add_documents([Document(id="r1", text=changed, language="en")]).new_versions == 1
        new_id = store.db.execute("SELECT id FROM documents WHERE doc_id = 'r1' AND version = 2").fetchone()[0]
        incident = {
            "type": "arrest",
            "date": {"start": "2021-03-04", "end": "2021-03-04"},
            "location": {"country": "KP", "admin1": "Ryanggang", "admin2": "Hyesan", "place": None},
            "victims": {"count": 5, "qualifier": "exact"},
            "perpetrator": "mss",
            "reason": "outside_contact",
            "quote": quote,
            "quote_span": [0, len(quote)],
        }
        store.save_extraction(new_id, "test-1", [Incident.from_dict(incident)])
        assert store.db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == 3
    client = Client(make_datasette(db_path, secret="test-secret"))

    async def go() -> None:
        await client.login("vera")
        rows = (await client.get("/sillok/incident_list.json?_shape=objects")).json()["rows"]
        assert sorted((r["doc_id"], r["date_start"]) for r in rows) == [("r1", "2021-03-04"), ("r2", "2021-05-01")]
        points = (await client.get("/-/sillok/map.json")).json()
        assert sum(f["properties"]["count"] for f in points["features"]) == 2
        t = (await client.get("/-/sillok/timeline.json")).json()
        assert [r["month"] for r in t["rows"]] == ["2021-03", "2021-05"]

    run(go())


def test_map_and_timeline_data(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        points = (await client.get("/-/sillok/map.json")).json()
        labels = {f["properties"]["label"]: f["properties"]["count"] for f in points["features"]}
        assert labels == {"Hyesan, Ryanggang, KP": 1, "Hoeryong, North Hamgyong, KP": 1}
        only = (await client.get("/-/sillok/map.json?perpetrator=mss")).json()
        assert len(only["features"]) == 1
        outlines = (await client.get("/-/sillok/provinces.geojson")).json()
        assert len(outlines["features"]) == 13
        t = (await client.get("/-/sillok/timeline.json")).json()
        assert t["months"] == ["2021-03", "2021-04", "2021-05"]
        assert t["rows"] == [
            {"month": "2021-03", "type": "arrest", "count": 1},
            {"month": "2021-05", "type": "arrest", "count": 1},
        ]
        html = (await client.get("/-/sillok/timeline?year=2021")).text
        assert html.count("<rect") == 2
        csv_text = (await client.get("/-/sillok/timeline.csv")).text
        assert csv_text.splitlines() == ["month,arrest,total", "2021-03,1,1", "2021-04,0,0", "2021-05,1,1"]
        page = (await client.get("/-/sillok/map")).text
        assert "/sillok-static/leaflet/leaflet.js" in page and "approximate" in page
        assert (await client.get("/sillok-static/leaflet/leaflet.js")).status_code == 200

    run(go())


def test_public_read_lets_anyone_read_but_not_write(db_path: Path) -> None:
    client = Client(make_datasette(db_path, public_read=True))

    async def go() -> None:
        assert (await client.get("/sillok/incident_list")).status_code == 200
        assert (await client.get("/-/sillok/incident/1")).status_code == 200
        assert (await client.get("/sillok/users")).status_code in (302, 403)
        r = await client.post("/-/sillok/incident/1/accept", {"revision": "1"})
        assert r.status_code == 302 and "/-/sillok/login" in r.headers["location"]

    run(go())


def test_incident_json_lists_other_reports_of_the_event(client: Client, db_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as db:
        db.execute(
            "INSERT INTO events (id, event_key, type, created_at, updated_at) VALUES (1, 'E1', 'arrest', 'x', 'x')"
        )
        db.execute("INSERT INTO event_incidents (incident_id, event_id, added_at) VALUES (1, 1, 'x'), (2, 1, 'x')")

    async def go() -> None:
        await client.login("vera")
        assert (await client.get("/-/sillok/incident/1.json")).json()["same_event"] == [2]
        html = (await client.get("/-/sillok/incident/1")).text
        assert "Other reports of the same incident" in html

    run(go())


def test_json_of_an_incident_is_valid(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        r = await client.get("/-/sillok/incident/1.json")
        data = json.loads(r.text)
        assert data["type"] == "arrest" and data["doc_id"] == "r1" and data["same_report"] == []

    run(go())


def test_a_database_file_name_with_dots_and_spaces(db_path: Path) -> None:
    other = db_path.with_name("field reports.2024.db")
    other.write_bytes(db_path.read_bytes())
    client = Client(make_datasette(other))

    async def go() -> None:
        await client.login("vera")
        page = (await client.get("/-/sillok/map")).text
        link = next(line for line in page.splitlines() if ">Incidents<" in line and "sillok-nav" not in line)
        href = link.split('href="', 1)[1].split('"', 1)[0]
        assert (await client.get(href)).status_code == 200
        assert (await client.get("/-/sillok/incident/1")).status_code == 200

    run(go())


def test_report_json(client: Client) -> None:
    async def go() -> None:
        await client.login("vera")
        data = (await client.get("/-/sillok/document/1.json")).json()
        assert data["id"] == "r1" and data["text"] == REPORT_1 and [i["id"] for i in data["incidents"]] == [1]
        assert (await client.get("/-/sillok/document/999.json")).status_code == 404

    run(go())


@pytest.mark.parametrize("path", ["/-/sillok/incident/1/accept", "/-/sillok/document/1/add"])
def test_write_routes_refuse_get(client: Client, path: str) -> None:
    async def go() -> None:
        await client.login("rita")
        assert (await client.get(path)).status_code == 405

    run(go())


def test_reviewer_cannot_add_users(client: Client) -> None:
    async def go() -> None:
        await client.login("rita")
        r = await client.post(
            "/-/sillok/users", {"action": "add", "name": "eve", "role": "admin", "password": "pw-12345678"}
        )
        assert r.status_code == 403
        await client.login("adam")
        assert "<td>eve</td>" not in (await client.get("/-/sillok/users")).text

    run(go())


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("체포", '"체포"*'),
        ("arrest  Hyesan", '"arrest"* "Hyesan"*'),
        ('"labour camp" MSS', '"labour camp" "MSS"*'),
        ('open "quote', '"open"* "quote"'),
        ("OR NEAR(", '"OR"* "NEAR("*'),
    ],
)
def test_prefix_fts(query: str, fts: str) -> None:
    from sillok.web.plugin import prefix_fts

    assert prefix_fts(query) == fts
