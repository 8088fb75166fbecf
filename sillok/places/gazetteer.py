"""Gazetteer data and name resolution (first version: exact alias matching after folding)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sillok.models import Location

_SUFFIXES = ("province", "county", "city", "district", "gun", "kun", "si", "do", "kuyok", "guyok", "ri", "dong")


def fold(name: str) -> str:
    """A name folded for matching: no diacritics, apostrophes or punctuation, case-folded, spaces kept single."""
    s = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['\u02bc\u2018`]", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    level: str  # admin1 | admin2 | place
    country: str
    admin1: str | None
    name: str
    name_ko: str | None
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    admin2: str | None = None  # the admin2 parent's name, for a place inside one

    @property
    def parent_id(self) -> str | None:
        if self.level == "admin1":
            return None
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A span of text that names a place; ``candidates`` holds every place the name may mean."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


class Gazetteer:
    """Places by id, and an index from folded names to places."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: dict[str, Place] = {p.id: p for p in places}
        self._index: dict[str, list[Place]] = {}
        for p in self.places.values():
            for name in {p.name, p.name_ko or "", *p.aliases}:
                key = fold(name)
                if key:
                    bucket = self._index.setdefault(key, [])
                    if p not in bucket:
                        bucket.append(p)
        self._max_words = max((k.count(" ") + 1 for k in self._index if k.isascii()), default=1)

    # -- lookup --------------------------------------------------------------------------------
    def candidates(self, name: str) -> tuple[Place, ...]:
        key = fold(name)
        found = self._index.get(key)
        if found is None:
            words = key.split()
            if len(words) > 1 and words[-1] in _SUFFIXES:
                found = self._index.get(" ".join(words[:-1]))
        return tuple(found or ())

    def lookup(self, name: str, context: Sequence[Place] = ()) -> Place | None:
        """The place a name means; ambiguous names are settled by ``context`` (other places named)."""
        cands = self.candidates(name)
        if len(cands) == 1:
            return cands[0]
        if not cands:
            return None
        admin1s = {p.admin1 for p in context if p.admin1}
        fitting = [c for c in cands if c.admin1 in admin1s]
        return fitting[0] if len(fitting) == 1 else None

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def admin1_of(self, place: Place) -> Place | None:
        for p in self.places.values():
            if p.level == "admin1" and p.country == place.country and p.name == place.admin1:
                return p
        return None

    # -- mentions ------------------------------------------------------------------------------
    def find(self, text: str, language: str = "en") -> list[PlaceMention]:
        """Place names in ``text``, longest match first, not overlapping."""
        if language == "ko":
            return self._find_ko(text)
        return self._find_en(text)

    def _find_en(self, text: str) -> list[PlaceMention]:
        words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z\u00C0-\u024F][\w'\u2019\u0300-\u036f.-]*", text)]
        out: list[PlaceMention] = []
        i = 0
        while i < len(words):
            if not text[words[i][0]].isupper():
                i += 1
                continue
            hit = None
            for n in range(min(self._max_words, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                surface = text[start:end].rstrip(".")
                if surface.endswith(("'s", "\u2019s")):
                    surface = surface[:-2]
                cands = self.candidates(surface)
                if cands:
                    hit = PlaceMention(start, start + len(surface), surface, cands)
                    i += n
                    break
            if hit:
                out.append(hit)
            else:
                i += 1
        return out

    def _find_ko(self, text: str) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for m in re.finditer(r"[\uac00-\ud7a3]+", text):
            word = m.group()
            for end in range(len(word), 0, -1):
                cands = self.candidates(word[:end])
                if cands and end >= 2:
                    out.append(PlaceMention(m.start(), m.start() + end, word[:end], cands))
                    break
        return out

    # -- codebook form -------------------------------------------------------------------------
    def location(self, place: Place) -> Location:
        if place.level == "admin1":
            return Location(place.country, place.name, None, None)
        if place.level == "admin2":
            return Location(place.country, place.admin1 or None, place.name, None)
        return Location(place.country, place.admin1 or None, place.admin2, place.name)


def _parse(text: str) -> list[Place]:
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {r["id"]: r for r in rows}
    places = []
    for r in rows:
        admin2 = None
        if r["level"] == "place":
            parent = by_id.get(r["id"].rsplit(".", 1)[0])
            if parent and parent["level"] == "admin2":
                admin2 = parent["name"]
        places.append(
            Place(
                id=r["id"],
                level=r["level"],
                country=r["country"],
                admin1=r["admin1"] or None,
                name=r["name"],
                name_ko=r["name_ko"] or None,
                aliases=tuple(a for a in (r["aliases"] or "").split("|") if a),
                lat=float(r["lat"]) if r["lat"] else None,
                lon=float(r["lon"]) if r["lon"] else None,
                admin2=admin2,
            )
        )
    return places


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (read once per process; it is immutable)."""
    text = resources.files("sillok.places").joinpath("data/places.csv").read_text("utf-8")
    return Gazetteer(_parse(text))
