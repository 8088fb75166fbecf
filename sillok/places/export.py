"""Plain records of the gazetteer for the ``sillok places`` commands: lookups and exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sillok.errors import ValidationError
from sillok.places.gazetteer import Gazetteer, Place

EXPORT_FORMATS: tuple[str, ...] = ("geojson", "csv")
CSV_COLUMNS: tuple[str, ...] = ("id", "level", "country", "admin1", "admin2", "name", "name_ko", "lat", "lon")


@dataclass(frozen=True, slots=True)
class LookupResult:
    """What one name resolves to (``place``), or why it does not (``error`` and ``candidates``)."""

    query: str
    place: Place | None
    error: str | None = None
    candidates: tuple[Place, ...] = ()
    certain: Place | None = None  # what every candidate shares, when the name stays ambiguous

    def to_dict(self) -> dict[str, Any]:
        if self.place is not None:
            p = self.place
            return {
                "query": self.query,
                "id": p.id,
                "name": p.name,
                "level": p.level,
                "admin1": p.admin1,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
            }
        out: dict[str, Any] = {
            "query": self.query,
            "error": self.error,
            "candidates": [{"id": c.id, "name": c.name, "level": c.level, "admin1": c.admin1} for c in self.candidates],
        }
        if self.certain is not None:
            out["certain"] = {"id": self.certain.id, "name": self.certain.name, "level": self.certain.level}
        return out


def context_places(gazetteer: Gazetteer, names: Sequence[str]) -> list[Place]:
    """The places named as context; a name that resolves to nothing is an error."""
    out = []
    for name in names:
        place = gazetteer.lookup(name)
        if place is None:
            raise ValidationError(
                f"context name {name!r} is not a place the gazetteer knows (or is ambiguous)",
                hint="give an unambiguous place name, e.g. a province: --context Ryanggang",
            )
        out.append(place)
    return out


def lookup_name(gazetteer: Gazetteer, name: str, context: Sequence[Place] = ()) -> LookupResult:
    """Resolve one name, explaining a failure."""
    cands = gazetteer.candidates(name)
    if not cands:
        return LookupResult(name, None, f"{name!r} is not a name the gazetteer knows")
    chosen = cands[0] if len(cands) == 1 else gazetteer.choose(cands, context)
    if chosen is not None:
        return LookupResult(name, chosen)
    why = f"{name!r} may name {len(cands)} places and the context does not settle which"
    if not context:
        why += " (give --context with a province or another place of the report)"
    return LookupResult(name, None, why, cands, gazetteer.common_ancestor(cands))


def to_geojson(gazetteer: Gazetteer) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of every place that has a point (lon, lat order, as GeoJSON has it)."""
    features = []
    for p in gazetteer.places.values():
        if p.lat is None or p.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "id": p.id,
                    "name": p.name,
                    "name_ko": p.name_ko,
                    "level": p.level,
                    "country": p.country,
                    "admin1": p.admin1,
                    "admin2": p.admin2,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_csv(gazetteer: Gazetteer) -> str:
    """Every place as CSV (``CSV_COLUMNS``), coordinates empty where the gazetteer has none."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in gazetteer.places.values():
        writer.writerow(
            [
                p.id,
                p.level,
                p.country,
                p.admin1 or "",
                p.admin2 or "",
                p.name,
                p.name_ko or "",
                "" if p.lat is None else p.lat,
                "" if p.lon is None else p.lon,
            ]
        )
    return buf.getvalue()


def export_text(gazetteer: Gazetteer, fmt: str) -> str:
    """The gazetteer in an export format, as text."""
    if fmt == "geojson":
        return json.dumps(to_geojson(gazetteer), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return to_csv(gazetteer)
    raise ValidationError(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
