"""Synthetic incidents for the merge benchmark and tests: events told by one to four reports.

Deterministic for a seed. Each event has a type, a day or a month, a county, a count and an agency;
each report of it may state the date vaguer (the month), leave out the county or the agency, and
quote it in English or Korean with the people's ages.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sillok.merge.features import quote_features
from sillok.merge.model import MergeItem
from sillok.models import TYPES, DateRange, Incident, Location, Victims

_PROVINCES = (
    "North Hamgyong", "South Hamgyong", "Ryanggang", "Chagang", "North Pyongan", "South Pyongan",
    "North Hwanghae", "South Hwanghae", "Kangwon", "Pyongyang", "Rason", "Nampo",
)  # fmt: skip
_AGENCIES = ("mss", "mps", "border_guard", "military", "judiciary", "task_force")
_PEOPLE_EN = ("students", "soldiers", "women", "traders", "miners", "fishermen", "brokers", "drivers")
_PEOPLE_KO = ("학생", "군인", "여성", "상인", "광부", "어부", "브로커", "운전기사")


@dataclass(frozen=True, slots=True)
class SyntheticSet:
    items: tuple[MergeItem, ...]
    event_of: dict[str, int]  # item key -> true event number


def generate(n: int, seed: int = 7, start_year: int = 2014, years: int = 10) -> SyntheticSet:
    """About ``n`` incidents (``doc#i`` keys) in reports of ``years`` years; the true events too."""
    rng = random.Random(seed)
    items: list[MergeItem] = []
    event_of: dict[str, int] = {}
    doc_no = 0
    event_no = 0
    start = dt.date(start_year, 1, 1)
    while len(items) < n:
        event_no += 1
        etype = rng.choice(TYPES)
        day = start + dt.timedelta(days=rng.randrange(365 * years))
        province = rng.choice(_PROVINCES)
        county = f"County {rng.randrange(12)}"
        count = rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 7, 10))
        agency = rng.choice(_AGENCIES)
        who = rng.randrange(len(_PEOPLE_EN))
        age = rng.randrange(18, 70)
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            doc_no += 1
            doc_id = f"syn-{doc_no:07d}"
            if rng.random() < 0.3:
                first = day.replace(day=1)
                last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                date = DateRange(first, last)
            else:
                date = DateRange.day(day)
            loc = Location("KP", province, county if rng.random() < 0.8 else None, None)
            ko = rng.random() < 0.5
            quote = (
                f"{age}살 {_PEOPLE_KO[who]} {count}명이 붙잡혔다"
                if ko
                else f"{count} {_PEOPLE_EN[who]}, {age}-year-old"
            )
            inc = Incident(
                type=etype,
                quote=quote,
                date=date,
                location=loc,
                victims=Victims(count) if etype not in ("crackdown", "bribery") else None,
                perpetrator=agency if rng.random() < 0.8 and etype not in ("escape", "disappearance") else None,
            )
            key = f"{doc_id}#0"
            language = "ko" if ko else "en"
            items.append(
                MergeItem(
                    key=key,
                    doc_id=doc_id,
                    incident=inc,
                    published=day + dt.timedelta(days=rng.randrange(1, 20)),
                    language=language,
                    features=quote_features(quote, language),
                )
            )
            event_of[key] = event_no
    kept = tuple(items[:n])
    keys = {i.key for i in kept}
    return SyntheticSet(kept, {k: v for k, v in event_of.items() if k in keys})
