"""Incidents as JSON Lines, CSV and a table; the readable summary (sillok.export)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from store_helpers import make_doc, make_incident

from sillok.errors import ValidationError
from sillok.export import CSV_COLUMNS, write_csv, write_incidents, write_jsonl, write_summary, write_table
from sillok.models import Incident
from sillok.store import Store

QUOTE_KO = "국경경비대가 [밤에] 강을 건너던 주민 2명을 붙잡았다고 소식통이 전했다."


@pytest.fixture
def rows(store: Store):
    store.add_documents(
        [make_doc(1, title="Border arrests"), make_doc(2, text="둘째 보도: " + QUOTE_KO, language="ko")]
    )
    one, two = store.documents()
    store.save_extraction(
        one.id,
        "en-1",
        [
            make_incident(
                "arrest",
                quote='guards, "quietly", detained two, in Hyesan',
                start="2020-03-01",
                end="2020-03-10",
                count=2,
            ),
            make_incident(
                "crackdown", quote="a campaign " * 30, start=None, admin1=None, count=None, perpetrator="state"
            ),
        ],
    )
    store.save_extraction(
        two.id,
        "ko-1",
        [
            make_incident(
                "arrest", quote=QUOTE_KO, start="2021-01-05", admin1="North Hamgyong", perpetrator="border_guard"
            )
        ],
    )
    return store.incidents()


def test_jsonl_is_the_codebook_form_plus_id_status_and_document(rows) -> None:
    out = io.StringIO()
    assert write_jsonl(rows, out) == 3
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert QUOTE_KO in lines[1]  # not escaped; the undated incident comes last
    for line, row in zip(lines, rows, strict=True):
        data = json.loads(line)
        assert Incident.from_dict(data) == row.to_incident()
        assert (data["id"], data["status"], data["doc_id"]) == (row.id, "machine", row.doc_id)
        assert list(data)[:7] == ["type", "date", "location", "victims", "perpetrator", "reason", "quote"]


def test_csv_has_flat_columns_and_survives_commas_and_quotes(rows) -> None:
    out = io.StringIO()
    assert write_csv(rows, out) == 3
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(table[0]) == CSV_COLUMNS
    assert table[0]["quote"] == rows[0].quote
    assert (table[0]["date_start"], table[0]["date_end"], table[0]["victims_count"]) == (
        "2020-03-01",
        "2020-03-10",
        "2",
    )
    assert table[2]["date_start"] == "" and table[2]["admin1"] == ""


def test_table_shows_each_row_with_a_quote_excerpt(rows) -> None:
    out = io.StringIO()
    assert write_table(rows, out, width=160) == 3
    text = out.getvalue()
    assert "2020-03-01..03-10" in text
    assert "[밤에]" in text  # brackets are text, not markup
    assert "a campaign a campaign" in text and "…" in text
    assert ("a campaign " * 30).strip() not in text
    for row in rows:
        assert str(row.id) in text


def test_table_output_is_deterministic_and_handles_no_rows(rows) -> None:
    a, b = io.StringIO(), io.StringIO()
    write_table(rows, a)
    write_table(rows, b)
    assert a.getvalue() == b.getvalue()
    empty = io.StringIO()
    assert write_table([], empty) == 0
    assert "No incidents" in empty.getvalue()


def test_unknown_format(rows) -> None:
    with pytest.raises(ValidationError, match="xml"):
        write_incidents(rows, io.StringIO(), "xml")


def test_summary_text(store: Store, rows) -> None:
    out = io.StringIO()
    write_summary(store.summary(), out)
    text = out.getvalue()
    assert str(store.path.resolve()) in text
    assert "2 document(s), 3 incident(s)" in text
    for heading in ("by type", "by province", "by month", "most recent"):
        assert heading in text
    assert re.search(r"2021 +1 +Jan 1\b", text) and re.search(r"2020 +1 +Mar 1\b", text)
    assert re.search(r"\(no date\) +1\b", text)
    assert QUOTE_KO in text
    assert "Border arrests" in text


def test_summary_of_an_empty_database_says_what_to_do(store: Store) -> None:
    out = io.StringIO()
    write_summary(store.summary(), out)
    assert "sillok run" in out.getvalue()
