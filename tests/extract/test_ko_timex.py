"""Korean time expressions: one row per row of the codebook's date table (§3), and the Korean extras."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.extract.ko.timex import find_times

PUB = dt.date(2020, 4, 28)  # a Tuesday


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("3월 5일", "2020-03-05", "2020-03-05"),  # a day
        ("26일", "2020-04-26", "2020-04-26"),  # a bare day: the latest on or before publication
        ("29일", "2020-03-29", "2020-03-29"),
        ("3월 초", "2020-03-01", "2020-03-10"),
        ("3월 중순", "2020-03-11", "2020-03-20"),
        ("3월 하순", "2020-03-21", "2020-03-31"),
        ("3월 말", "2020-03-21", "2020-03-31"),
        ("지난 3월", "2020-03-01", "2020-03-31"),
        ("5월", "2019-05-01", "2019-05-31"),
        ("이달 초", "2020-04-01", "2020-04-10"),
        ("이달 들어", "2020-04-01", "2020-04-28"),
        ("이달 중순", "2020-04-11", "2020-04-20"),
        ("지난달", "2020-03-01", "2020-03-31"),
        ("지난달 하순", "2020-03-21", "2020-03-31"),
        ("지난달 24일", "2020-03-24", "2020-03-24"),
        ("지난주", "2020-04-20", "2020-04-26"),
        ("지난 주말", "2020-04-25", "2020-04-26"),
        ("2주 전", "2020-04-13", "2020-04-19"),
        ("지난 월요일", "2020-04-27", "2020-04-27"),
        ("일요일", "2020-04-26", "2020-04-26"),
        ("어제", "2020-04-27", "2020-04-27"),
        ("올해", "2020-01-01", "2020-04-28"),
        ("올해 초", "2020-01-01", "2020-04-30"),
        ("지난해 말", "2019-09-01", "2019-12-31"),
        ("연말", "2019-12-01", "2019-12-31"),
        ("지난해", "2019-01-01", "2019-12-31"),
        ("작년", "2019-01-01", "2019-12-31"),
        ("3년 전", "2017-01-01", "2017-12-31"),
        ("봄", "2020-03-01", "2020-05-31"),
        ("겨울", "2019-12-01", "2020-02-29"),
        ("가을", "2019-09-01", "2019-11-30"),
        ("6월 20일부터", "2019-06-20", "2020-04-28"),
        ("4월 20일부터", "2020-04-20", "2020-04-28"),
        ("태양절", "2020-04-15", "2020-04-15"),
        ("김정일 생일", "2020-02-16", "2020-02-16"),
        ("당 창건 기념일", "2019-10-10", "2019-10-10"),
        ("설날", "2020-01-25", "2020-01-25"),
        ("추석", "2019-09-13", "2019-09-13"),
        ("단오", "2019-06-07", "2019-06-07"),
        ("지난 8일과 9일", "2020-04-08", "2020-04-09"),
        ("2020년 3월 하순", "2020-03-21", "2020-03-31"),
        ("2019년 12월 19일", "2019-12-19", "2019-12-19"),
        ("지난해 10월부터 올해 1월까지", "2019-10-01", "2020-01-31"),
    ],
)
def test_date_expressions(text: str, start: str, end: str) -> None:
    found = [t for t in find_times(text, PUB) if t.kind == "date"]
    assert found, text
    assert found[0].range is not None
    assert (found[0].range.start, found[0].range.end) == (d(start), d(end))


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("같은 날", 0),
        ("이날", 0),
        ("다음 날", 1),
        ("이튿날", 1),
        ("닷새 만에", 5),
        ("열흘 만에", 10),
        ("사흘 뒤", 3),
        ("직후", 0),
    ],
)
def test_anchored_expressions(text: str, shift: int) -> None:
    found = find_times(text, PUB)
    assert [(t.kind, t.shift) for t in found] == [("anchor", shift)]


@pytest.mark.parametrize("text", ["최근", "며칠 전"])
def test_vague_expressions_have_no_date(text: str) -> None:
    found = find_times(text, PUB)
    assert found and all(t.range is None for t in found)


def test_no_year_without_publication_date() -> None:
    found = find_times("3월 5일", None)
    assert found[0].range is None
    explicit = find_times("2019년 3월 5일", None)
    assert explicit[0].range is not None and explicit[0].range.start == dt.date(2019, 3, 5)


def test_offsets_point_into_the_text() -> None:
    text = "소식통은 지난달 24일 혜산에서 주민 3명이 체포됐다고 말했다."
    (t,) = find_times(text, PUB)
    assert text[t.start : t.end] == "지난달 24일"


def test_holidays_with_yeonhyu_span_three_days() -> None:
    found = [t for t in find_times("양력설 연휴에", PUB) if t.kind == "date"]
    assert found and found[0].range is not None
    assert (found[0].range.start, found[0].range.end) == (d("2020-01-01"), d("2020-01-03"))


def test_report_day_is_found_as_a_day() -> None:
    # the extractor, not find_times, decides that "25일 전했다" is the day the source spoke
    (t,) = find_times("소식통이 25일 전했다", PUB)
    assert t.range is not None and t.range.start == d("2020-04-25")
