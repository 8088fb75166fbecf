"""Publication dates from URLs and ``published`` values; English/Korean detection."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from ingest_helpers import EN, KO, RU, ZH

from sillok.ingest import date_from_url, detect_language, parse_published, read_inputs
from sillok.ingest.language import count_scripts
from sillok.settings import IngestSettings

D = dt.date


@pytest.mark.parametrize(
    ("url", "date", "precision"),
    [
        ("https://news.example/2020/04/24/arrests-in-hyesan", D(2020, 4, 24), "day"),
        ("https://news.example/en/2020/4/5/slug", D(2020, 4, 5), "day"),
        ("https://news.example/articles/2020-04-24-arrests", D(2020, 4, 24), "day"),
        ("https://news.example/archive/2020_04_24/story", D(2020, 4, 24), "day"),
        ("https://news.example/read.php?date=2020.04.24&id=9", D(2020, 4, 24), "day"),
        ("https://news.example/view/20200424", D(2020, 4, 24), "day"),
        ("https://news.example/view?id=202004241530", D(2020, 4, 24), "day"),  # YYYYMMDDhhmm
        ("https://news.example/2020/04/", D(2020, 4, 30), "month"),  # last day of the month
        ("https://news.example/ko/2020/02/onsong-story", D(2020, 2, 29), "month"),  # leap year
        ("https://news.example/2021/02", D(2021, 2, 28), "month"),
        ("https://news.example/archive/2020-11/", D(2020, 11, 30), "month"),
        ("https://news.example/2019/story", D(2019, 12, 31), "year"),
        ("https://news.example/2019/opinion/2020/04/24/x", D(2020, 4, 24), "day"),  # most precise wins
        ("https://news.example/2020/02/30/x", None, None),  # not a calendar day, and not trusted as a month
        ("https://news.example/view/AKR20200424146300504", None, None),  # an id, not a date
        ("https://news.example/story/1234567", None, None),
        ("https://2020.news.example/story", None, None),  # the host is not looked at
        ("https://news.example/9999/01/", None, None),  # implausible year
        ("https://news.example/2020/13/", D(2020, 12, 31), "year"),  # no month 13: only the year
        ("", None, None),
        (None, None, None),
    ],
)
def test_date_from_url(url: str | None, date: dt.date | None, precision: str | None) -> None:
    found = date_from_url(url)
    assert (found.date if found else None, found.precision if found else None) == (date, precision)


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [
        ("2020-04-24", D(2020, 4, 24), "day"),
        ("2020-04-24T09:30:00+09:00", D(2020, 4, 24), "day"),
        ("2020-04-24 09:30", D(2020, 4, 24), "day"),
        ("2020-04", D(2020, 4, 30), "month"),
        ("2020", D(2020, 12, 31), "year"),
        (None, None, None),
        ("", None, None),
    ],
)
def test_parse_published(value: str | None, date: dt.date | None, precision: str | None) -> None:
    found = parse_published(value)
    assert (found.date if found else None, found.precision if found else None) == (date, precision)


@pytest.mark.parametrize(
    "value", ["2020-13-01", "2020-02-30", "yesterday", "24/04/2020", "2020-04-24xyz", 20200424, ["2020"], "0020-01-01"]
)
def test_parse_published_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="published"):
        parse_published(value)


def test_url_date_stands_in_for_a_missing_published(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    rows = [
        {"id": "a", "text": EN, "url": "https://x.example/2020/04/"},
        {"id": "b", "text": EN + " ", "url": "https://x.example/2020/04/", "published": "2020-04-02"},  # given wins
        {"id": "c", "text": KO, "url": "https://x.example/story"},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    got = [(d.id, d.published, d.published_precision) for d in read_inputs([str(path)], IngestSettings())]
    assert got == [("a", D(2020, 4, 30), "month"), ("b", D(2020, 4, 2), "day"), ("c", None, None)]


MIXED_KO_1 = (
    "Daily NK 소식통에 따르면 North Hamgyong Province Hoeryong City MSS 요원들이 "
    "Chinese mobile phone 사용자 3명을 체포했다."
)
MIXED_KO_2 = "국경경비대 Border Security Command 대원들이 Tumen River 인근 Musan County 에서 주민을 붙잡았다."
MIXED_EN_1 = "Officials of the Ministry of State Security (국가보위성) arrested three people in Hyesan (혜산시)."
MIXED_EN_2 = "The source used the word 꽃제비 for the homeless children detained in 혜산 last week by police."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param(EN, "en", id="en"),
        pytest.param(KO, "ko", id="ko"),
        pytest.param(MIXED_KO_1, "ko", id="ko-with-names"),
        pytest.param(MIXED_KO_2, "ko", id="ko-with-names-2"),
        pytest.param(MIXED_EN_1, "en", id="en-with-hangul"),
        pytest.param(MIXED_EN_2, "en", id="en-with-word"),
        pytest.param(RU, None, id="ru"),
        pytest.param(ZH, None, id="zh"),
        pytest.param("12345 67890 !!! --- 2020-04-24", None, id="digits"),
        pytest.param("MSS 보위부", None, id="tiny"),  # too few letters to tell
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("MSS가 두 명을", (4, 3, 0)),
        ("Hyesan 혜산 Хесан 惠山", (2, 6, 7)),
        ("plain ASCII, 123", (0, 10, 0)),
    ],
)
def test_script_counts(text: str, counts: tuple[int, int, int]) -> None:
    found = count_scripts(text)
    assert (found.hangul, found.latin, found.other) == counts
    assert count_scripts(text, exact=False).readable == found.readable
