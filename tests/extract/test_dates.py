"""Calendar arithmetic (sillok.extract.dates) and the English date table (codebook §3), one row each."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract import dates as D
from sillok.extract.en.dates_en import DateRecognizer

PUB = dt.date(2020, 4, 24)  # a Friday


@pytest.fixture(scope="module")
def recognizer() -> DateRecognizer:
    return DateRecognizer()


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("on Mar. 5", "2020-03-05", "2020-03-05"),
        ("on the 15th", "2020-04-15", "2020-04-15"),
        ("on the 15th of last month", "2020-03-15", "2020-03-15"),
        ("in early March", "2020-03-01", "2020-03-10"),
        ("in mid-March", "2020-03-11", "2020-03-20"),
        ("in late March", "2020-03-21", "2020-03-31"),
        ("at the end of March", "2020-03-21", "2020-03-31"),
        ("in March", "2020-03-01", "2020-03-31"),
        ("last March", "2020-03-01", "2020-03-31"),
        ("last October", "2019-10-01", "2019-10-31"),
        ("in June", "2019-06-01", "2019-06-30"),
        ("early this month", "2020-04-01", "2020-04-10"),
        ("earlier this month", "2020-04-01", "2020-04-24"),
        ("last month", "2020-03-01", "2020-03-31"),
        ("late last month", "2020-03-21", "2020-03-31"),
        ("the final days of January", "2020-01-21", "2020-01-31"),
        ("last week", "2020-04-13", "2020-04-19"),
        ("last weekend", "2020-04-18", "2020-04-19"),
        ("two weeks ago", "2020-04-06", "2020-04-12"),
        ("on Sunday", "2020-04-19", "2020-04-19"),
        ("last Monday", "2020-04-20", "2020-04-20"),
        ("yesterday", "2020-04-23", "2020-04-23"),
        ("this year", "2020-01-01", "2020-04-24"),
        ("early 2019", "2019-01-01", "2019-04-30"),
        ("early this year", "2020-01-01", "2020-04-30"),
        ("mid-2019", "2019-05-01", "2019-08-31"),
        ("late last year", "2019-09-01", "2019-12-31"),
        ("at the end of the year", "2020-12-01", "2020-12-31"),
        ("last year", "2019-01-01", "2019-12-31"),
        ("three years ago", "2017-01-01", "2017-12-31"),
        ("in 2017", "2017-01-01", "2017-12-31"),
        ("in the spring", "2020-03-01", "2020-05-31"),
        ("last summer", "2019-06-01", "2019-08-31"),
        ("in the winter", "2019-12-01", "2020-02-29"),
        ("since March 20", "2020-03-20", "2020-04-24"),
        ("between March 15 and 17", "2020-03-15", "2020-03-17"),
        ("from Nov. 27 to Jan. 2", "2019-11-27", "2020-01-02"),
        ("in April and May", "2019-04-01", "2019-05-31"),
        ("on Kim Il Sung's birthday", "2020-04-15", "2020-04-15"),
        ("on Kim Jong Il's birthday", "2020-02-16", "2020-02-16"),
        ("on Chuseok", "2019-09-13", "2019-09-13"),
        ("on Seollal", "2020-01-25", "2020-01-25"),
    ],
)
def test_date_table(recognizer: DateRecognizer, phrase: str, start: str, end: str) -> None:
    found = [m for m in recognizer.find(phrase, PUB) if m.range is not None]
    assert found, phrase
    assert (found[0].range.start, found[0].range.end) == (d(start), d(end))


@pytest.mark.parametrize("phrase", ["recently", "a few days ago", "weeks after", "in recent weeks"])
def test_vague_dates_are_null(recognizer: DateRecognizer, phrase: str) -> None:
    found = recognizer.find(phrase, PUB)
    assert found and all(m.range is None and m.relation == "vague" for m in found)


@pytest.mark.parametrize(
    ("phrase", "shift"),
    [
        ("the next day", 1),
        ("the following day", 1),
        ("the same day", 0),
        ("two days later", 2),
        ("hours later", 0),
        ("seventeen days after", 17),
        ("a month later", 30),
    ],
)
def test_anchored_expressions(recognizer: DateRecognizer, phrase: str, shift: int) -> None:
    (m,) = recognizer.find(phrase, PUB)
    assert (m.relation, m.shift) == ("shift", shift)


def test_that_month_refers_back(recognizer: DateRecognizer) -> None:
    (m,) = recognizer.find("in the final days of that month", PUB)
    assert (m.relation, m.part) == ("that_month", "late")


def test_without_publication_only_explicit_years(recognizer: DateRecognizer) -> None:
    assert [m.range for m in recognizer.find("in early March", None)] == []
    (m,) = recognizer.find("in early March 2018", None)
    assert m.range is not None and m.range.start == dt.date(2018, 3, 1)


def test_offsets_are_document_offsets(recognizer: DateRecognizer) -> None:
    text = "He was arrested in late March."
    (m,) = recognizer.find(text, PUB, offset=100)
    assert (m.start - 100, m.end - 100) == (text.index("late March"), text.index("late March") + len("late March"))


# ---- the shared arithmetic ------------------------------------------------------------------------
def test_month_and_year_parts() -> None:
    assert D.month_part(2020, 2, "late").end == dt.date(2020, 2, 29)
    assert D.year_part(2020, "mid") == D.DateRange(dt.date(2020, 5, 1), dt.date(2020, 8, 31))
    with pytest.raises(ValueError):
        D.month_part(2020, 2, "sometime")


def test_year_for_and_latest_month() -> None:
    assert D.year_for(5, 1, PUB) == 2019
    assert D.year_for(4, 24, PUB) == 2020
    assert D.latest_month(4, PUB) == 2020
    assert D.latest_month(4, PUB, strictly_before=True) == 2019


def test_day_of_month_rolls_back() -> None:
    assert D.day_of_month(30, PUB) == dt.date(2020, 3, 30)
    assert D.day_of_month(31, dt.date(2020, 3, 5)) is None  # Feb 31 does not exist


def test_lunar_holiday() -> None:
    assert D.holiday("dano", dt.date(2022, 6, 16)) == D.DateRange.day(dt.date(2022, 6, 3))


@pytest.mark.parametrize("phrase", ["he was let go after two months inside", "they spent three weeks there"])
def test_a_span_is_not_a_time(recognizer: DateRecognizer, phrase: str) -> None:
    assert recognizer.find(phrase, PUB) == []
