"""Map data: points for incidents from the gazetteer, and an approximate base layer of provinces.

No boundary data ships with Sillok. The base layer is drawn from what the gazetteer has: each
North Korean province is the set of points nearer its centre than any other province's centre
(a Voronoi cell), cut to a rough hand-traced outline of the country (about 30 points along the
Yalu, the Tumen, the coasts and the Military Demarcation Line). It shows roughly where each
province lies; it is not a boundary and the map says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sillok.places import Gazetteer, Place, load_gazetteer

Point = tuple[float, float]  # (lon, lat)

#: A rough outline of North Korea (lon, lat), clockwise from the mouth of the Yalu. Approximate.
OUTLINE: tuple[Point, ...] = (
    (124.35, 39.95),
    (124.40, 40.10),
    (124.90, 40.45),
    (125.40, 40.65),
    (126.00, 40.90),
    (126.30, 41.15),
    (126.60, 41.60),
    (126.95, 41.80),
    (127.50, 41.45),
    (128.15, 41.40),
    (128.30, 41.60),
    (128.10, 41.95),
    (128.60, 42.00),
    (129.20, 42.25),
    (129.60, 42.45),
    (129.80, 42.90),
    (130.00, 42.95),
    (130.25, 42.70),
    (130.70, 42.30),
    (130.30, 42.15),
    (129.80, 41.80),
    (129.70, 41.40),
    (129.20, 40.70),
    (128.70, 40.30),
    (128.00, 40.00),
    (127.60, 39.80),
    (127.40, 39.40),
    (127.55, 39.10),
    (128.00, 38.85),
    (128.35, 38.60),
    (127.80, 38.30),
    (127.10, 38.25),
    (126.70, 37.95),
    (126.30, 37.75),
    (125.70, 37.70),
    (125.30, 37.70),
    (124.70, 38.10),
    (124.90, 38.50),
    (125.20, 38.75),
    (125.10, 39.00),
    (125.20, 39.30),
    (124.80, 39.55),
    (124.35, 39.95),
)


@dataclass(frozen=True, slots=True)
class MapPoint:
    """Incidents at one place, placed at the nearest gazetteer point that has coordinates."""

    lat: float
    lon: float
    label: str
    level: str
    count: int


def _clip(poly: Sequence[Point], a: Point, b: Point) -> list[Point]:
    """The part of ``poly`` nearer ``a`` than ``b`` (Sutherland-Hodgman against their bisector)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]

    def inside(p: Point) -> bool:
        return (p[0] - mx) * dx + (p[1] - my) * dy <= 0

    def cut(p: Point, q: Point) -> Point:
        fp = (p[0] - mx) * dx + (p[1] - my) * dy
        fq = (q[0] - mx) * dx + (q[1] - my) * dy
        t = fp / (fp - fq)
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

    out: list[Point] = []
    n = len(poly)
    for i in range(n):
        cur, nxt = poly[i], poly[(i + 1) % n]
        if inside(cur):
            out.append(cur)
            if not inside(nxt):
                out.append(cut(cur, nxt))
        elif inside(nxt):
            out.append(cut(cur, nxt))
    return out


@lru_cache(maxsize=1)
def province_outlines() -> dict[str, Any]:
    """GeoJSON FeatureCollection of approximate province areas (see the module's note)."""
    gaz = load_gazetteer()
    centres = sorted(
        (p for p in gaz.places.values() if p.level == "admin1" and p.country == "KP" and p.lat is not None),
        key=lambda p: p.id,
    )
    base = list(OUTLINE[:-1])
    features = []
    for p in centres:
        poly = base
        for q in centres:
            if q is not p and poly:
                poly = _clip(poly, (p.lon or 0.0, p.lat or 0.0), (q.lon or 0.0, q.lat or 0.0))
        if len(poly) < 3:
            continue
        ring = [[round(x, 4), round(y, 4)] for x, y in poly]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "properties": {"name": p.name, "name_ko": p.name_ko, "approximate": True},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _find(gaz: Gazetteer, name: str | None, level: str, admin1: str | None) -> Place | None:
    if not name:
        return None
    cands = [p for p in gaz.candidates(name) if p.level == level]
    if admin1:
        cands = [p for p in cands if p.admin1 == admin1] or cands
    exact = [p for p in cands if p.name == name]
    return (exact or cands or [None])[0]


def locate(
    country: str | None, admin1: str | None, admin2: str | None, place: str | None, gaz: Gazetteer | None = None
) -> MapPoint | None:
    """Where to draw a location: its place, else its admin2, else its admin1 (the first with coordinates)."""
    gaz = gaz or load_gazetteer()
    for name, level in ((place, "place"), (admin2, "admin2"), (admin1, "admin1")):
        found = _find(gaz, name, level, admin1)
        if found is not None and found.lat is not None and found.lon is not None:
            label = ", ".join(x for x in (place, admin2, admin1, country) if x)
            return MapPoint(found.lat, found.lon, label, level, 0)
    return None


def map_points(rows: Iterable[tuple[str | None, str | None, str | None, str | None, int]]) -> list[MapPoint]:
    """One point per located place from rows of (country, admin1, admin2, place, count)."""
    gaz = load_gazetteer()
    merged: dict[tuple[float, float, str], MapPoint] = {}
    for country, admin1, admin2, place, count in rows:
        pt = locate(country, admin1, admin2, place, gaz)
        if pt is None:
            continue
        key = (pt.lat, pt.lon, pt.label)
        prev = merged.get(key)
        merged[key] = MapPoint(pt.lat, pt.lon, pt.label, pt.level, count + (prev.count if prev else 0))
    return sorted(merged.values(), key=lambda p: (-p.count, p.label))


def points_geojson(points: Iterable[MapPoint]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"label": p.label, "level": p.level, "count": p.count},
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            }
            for p in points
        ],
    }
