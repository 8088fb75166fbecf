import datetime as dt

import pytest

from sillok.errors import ValidationError
from sillok.models import (
    SPECIFICITY,
    TYPES,
    DateRange,
    Document,
    Incident,
    Location,
    Victims,
    normalize_text,
    text_hash,
)

CODEBOOK_EXAMPLE = {
    "type": "arrest",
    "date": {"start": "2020-03-21", "end": "2020-03-31"},
    "location": {"country": "KP", "admin1": "Ryanggang", "admin2": "Pochon County", "place": None},
    "victims": {"count": 10, "qualifier": "exact"},
    "perpetrator": None,
    "reason": "defection",
    "quote": "Ten people were arrested.",
}


def test_incident_round_trips_the_codebook_form():
    inc = Incident.from_dict(CODEBOOK_EXAMPLE)
    assert inc.to_dict() == CODEBOOK_EXAMPLE
    assert list(inc.to_dict()) == ["type", "date", "location", "victims", "perpetrator", "reason", "quote"]


def test_offsets_are_written_only_when_asked():
    inc = Incident(type="arrest", quote="x", quote_start=3, quote_end=4)
    assert "quote_span" not in inc.to_dict()
    assert inc.to_dict(offsets=True)["quote_span"] == [3, 4]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"type": "kidnapping"}, "not a codebook type"),
        ({"perpetrator": "police"}, "not a codebook code"),
        ({"reason": "treason"}, "not a codebook code"),
        ({"date": {"start": "2020-13-01", "end": None}}, "not an ISO date"),
        ({"date": {"start": "2020-03-05", "end": "2020-03-01"}}, "before it starts"),
        ({"victims": {"count": 3, "qualifier": "roughly"}}, "qualifier"),
        ({"victims": {"count": "many", "qualifier": "exact"}}, "not a number"),
    ],
)
def test_invalid_values_are_refused(change, message):
    with pytest.raises(ValidationError, match=message):
        Incident.from_dict({**CODEBOOK_EXAMPLE, **change})


def test_specificity_order_follows_the_codebook():
    assert TYPES[0] == "execution" and TYPES[-1] == "crackdown"
    assert SPECIFICITY["killing"] < SPECIFICITY["sentence"] < SPECIFICITY["arrest"] < SPECIFICITY["surveillance"]


def test_empty_location_and_victims_read_as_null():
    assert Location.from_dict({"country": None, "admin1": None}) is None
    assert Victims.from_dict({"count": None, "qualifier": None}) is None
    assert DateRange.from_dict({"start": None, "end": None}) is None


def test_date_range_shift_and_overlap():
    r = DateRange(dt.date(2020, 3, 21), dt.date(2020, 3, 31))
    assert r.shift(1) == DateRange(dt.date(2020, 3, 22), dt.date(2020, 4, 1))
    assert r.overlaps(DateRange.day(dt.date(2020, 3, 31)))
    assert not r.overlaps(DateRange.day(dt.date(2020, 4, 1)))


def test_text_identity_ignores_layout_but_not_words():
    a = "\ufeffFirst line.  \r\nSecond   line.\n"
    b = "First line.\nSecond line."
    assert normalize_text(a) == b
    assert text_hash(a) == text_hash(b)
    assert text_hash(b) != text_hash(b + " More.")


def test_document_without_text_is_refused():
    with pytest.raises(ValidationError, match="no text"):
        Document.from_dict({"id": "x", "text": "   "})


def test_document_without_id_gets_a_stable_one():
    d1 = Document.from_dict({"text": "Some report text."})
    d2 = Document.from_dict({"text": "Some report text."})
    assert d1.id == d2.id and len(d1.id) == 16
