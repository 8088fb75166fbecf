"""Incident filters, ordering and the summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from store_helpers import make_doc, make_incident

from sillok.errors import NotFoundError, ValidationError
from sillok.store import IncidentFilter, Store, resolve_province

D = dt.date.fromisoformat

# (doc, type, start, end, admin1, perpetrator, count)
ROWS = [
    (1, "arrest", "2020-03-01", "2020-03-10", "Ryanggang", None, 1),
    (1, "interrogation", "2020-03-21", "2020-04-24", "Ryanggang", "mss", 10),
    (1, "crackdown", None, None, "Ryanggang", "state", None),
    (2, "execution", "2019-11-05", "2019-11-05", "North Hamgyong", "mss", 2),
    (2, "arrest", "2019-10-01", "2019-10-31", "North Hamgyong", "mps", 3),
    (3, "repatriation", "2021-06-01", "2021-06-30", None, "china", 5),
    (3, "arrest", "2021-07-02", "2021-07-02", "South Pyongan", "mps", 1),
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_documents([make_doc(n, title=f"Title {n}") for n in (1, 2, 3)])
    for d in store.documents():
        n = int(d.doc_id.split("-")[1])
        incs = [
            make_incident(
                t,
                quote=f"{t} quote {i}",
                start=s,
                end=e,
                admin1=a,
                perpetrator=p,
                count=c,
                reason=None,
                quote_start=i * 10,
            )
            for i, (doc, t, s, e, a, p, c) in enumerate(ROWS)
            if doc == n
        ]
        store.save_extraction(d.id, "en-1", incs)
    return store


def types(rows) -> list[str]:
    return [f"{r.doc_id[-1]}:{r.type}" for r in rows]


def test_all_incidents_by_date_undated_last(filled: Store) -> None:
    assert types(filled.incidents()) == [
        "2:arrest",
        "2:execution",
        "1:arrest",
        "1:interrogation",
        "3:repatriation",
        "3:arrest",
        "1:crackdown",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (IncidentFilter(type="arrest"), ["2:arrest", "1:arrest", "3:arrest"]),
        (IncidentFilter(province="Ryanggang"), ["1:arrest", "1:interrogation", "1:crackdown"]),
        (IncidentFilter(perpetrator="mps"), ["2:arrest", "3:arrest"]),
        (IncidentFilter(document="doc-0003"), ["3:repatriation", "3:arrest"]),
        # overlap: the interrogation runs into April, the arrest of early March does not reach it
        (IncidentFilter(since=D("2020-04-01"), until=D("2021-06-15")), ["1:interrogation", "3:repatriation"]),
        (IncidentFilter(since=D("2021-07-02")), ["3:arrest"]),
        (IncidentFilter(until=D("2019-10-01")), ["2:arrest"]),
        (IncidentFilter(type="arrest", perpetrator="mps", province="South Pyongan"), ["3:arrest"]),
        (IncidentFilter(status="accepted"), []),
    ],
)
def test_filters(filled: Store, filters: IncidentFilter, expected: list[str]) -> None:
    assert types(filled.incidents(filters)) == expected


def test_limit(filled: Store) -> None:
    assert types(filled.incidents(limit=2)) == ["2:arrest", "2:execution"]
    assert filled.incidents(limit=0) == []


def test_rejected_are_left_out_unless_asked_for(filled: Store) -> None:
    first = filled.incidents()[0]
    with filled.transaction() as db:
        db.execute("UPDATE incidents SET status = 'rejected' WHERE id = ?", (first.id,))
    assert first.id not in {i.id for i in filled.incidents()}
    assert [i.id for i in filled.incidents(IncidentFilter(status="rejected"))] == [first.id]


def test_incidents_of_superseded_texts_are_left_out(filled: Store) -> None:
    filled.add_documents([make_doc(2, "A corrected text of report two, long enough.")])
    assert "2:execution" not in types(filled.incidents())
    assert "2:execution" in types(filled.incidents(IncidentFilter(superseded=True)))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "murder"}, "not a codebook type"),
        ({"perpetrator": "police"}, "not a codebook code"),
        ({"status": "done"}, "status"),
        ({"since": D("2021-01-02"), "until": D("2021-01-01")}, "ends"),
    ],
)
def test_bad_filters_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        IncidentFilter(**kwargs)


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Ryanggang", "Ryanggang"),
        ("Yanggang-do", "Ryanggang"),
        ("양강도", "Ryanggang"),
        ("함북", "North Hamgyong"),
        ("north hamgyong province", "North Hamgyong"),
        ("Jilin", "Jilin"),
    ],
)
def test_province_in_any_spelling(name: str, admin1: str) -> None:
    assert resolve_province(name) == admin1


def test_province_that_is_not_one() -> None:
    with pytest.raises(ValidationError, match="not in the gazetteer") as e:
        resolve_province("Atlantis")
    assert "Ryanggang" in (e.value.hint or "")
    with pytest.raises(ValidationError, match="not a province") as e:
        resolve_province("Hyesan")
    assert "Ryanggang" in (e.value.hint or "")


def test_incident_by_id(filled: Store) -> None:
    first = filled.incidents()[0]
    assert filled.incident(first.id) == first
    with pytest.raises(NotFoundError):
        filled.incident(10_000)


def test_summary(filled: Store, db_path: Path) -> None:
    s = filled.summary()
    assert s.path == str(db_path.resolve())
    assert (s.documents, s.incidents) == (3, 7)
    assert [(c.key, c.count) for c in s.by_type][:1] == [("arrest", 3)]
    assert sum(c.count for c in s.by_type) == 7
    assert [(c.key, c.count) for c in s.by_province] == [
        ("Ryanggang", 3),
        ("North Hamgyong", 2),
        ("South Pyongan", 1),
        (None, 1),
    ]
    assert [(c.key, c.count) for c in s.by_month] == [
        ("2019-10", 1),
        ("2019-11", 1),
        ("2020-03", 2),
        ("2021-06", 1),
        ("2021-07", 1),
        (None, 1),
    ]
    assert types(s.recent) == ["3:arrest", "3:repatriation", "1:interrogation", "1:arrest", "2:execution"]
    assert s.recent[0].document_title == "Title 3"
    assert s.recent[0].quote == "arrest quote 6"
    assert [(c.key, c.count) for c in s.by_status] == [("machine", 7)]


def test_summary_of_an_empty_store(store: Store) -> None:
    s = store.summary()
    assert (s.documents, s.incidents, s.by_type, s.recent) == (0, 0, (), ())
