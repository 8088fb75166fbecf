"""Map points, the approximate province layer, and the monthly timeline."""

from __future__ import annotations

import itertools

import pytest

from sillok.web import geo, timeline
from sillok.web.timeline import MonthlyCounts


def test_locate_walks_up_to_the_first_level_with_a_point() -> None:
    hyesan = geo.locate("KP", "Ryanggang", "Hyesan", None)
    province = geo.locate("KP", "Ryanggang", None, None)
    assert hyesan is not None and province is not None
    assert hyesan.level == "admin2" and province.level == "admin1"
    assert (hyesan.lat, hyesan.lon) != (province.lat, province.lon)
    # a place not in the gazetteer falls back to its county
    village = geo.locate("KP", "Ryanggang", "Hyesan", "Nowhere-ri")
    assert village is not None and (village.lat, village.lon) == (hyesan.lat, hyesan.lon)
    assert village.label == "Nowhere-ri, Hyesan, Ryanggang, KP"
    assert geo.locate(None, None, None, None) is None


def test_map_points_merge_counts_of_the_same_place() -> None:
    points = geo.map_points(
        [("KP", "Ryanggang", "Hyesan", None, 3), ("KP", "Ryanggang", "Hyesan", None, 2), (None, None, None, None, 9)]
    )
    assert [(p.label, p.count) for p in points] == [("Hyesan, Ryanggang, KP", 5)]
    feature = geo.points_geojson(points)["features"][0]
    assert feature["geometry"]["coordinates"] == [points[0].lon, points[0].lat]


def _inside(pt: tuple[float, float], ring: list[list[float]]) -> bool:
    x, y = pt
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_province_areas_hold_their_own_centre() -> None:
    from sillok.places import load_gazetteer

    gaz = load_gazetteer()
    centres = {p.name: (p.lon, p.lat) for p in gaz.places.values() if p.level == "admin1" and p.country == "KP"}
    features = geo.province_outlines()["features"]
    assert {f["properties"]["name"] for f in features} == set(centres)
    for f in features:
        ring = f["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1] and f["properties"]["approximate"] is True
        assert _inside(centres[f["properties"]["name"]], ring), f["properties"]["name"]


def test_monthly_counts_fill_gaps_and_order_types() -> None:
    series = MonthlyCounts.from_rows(
        [("2020-11", "crackdown", 1), ("2021-01", "arrest", 2), ("2021-01", "execution", 1)]
    )
    assert series.months == ("2020-11", "2020-12", "2021-01")
    assert series.types == ("execution", "arrest", "crackdown")  # codebook order
    assert series.counts == ((0, 0, 1), (0, 0, 0), (1, 2, 0))
    assert list(series.cells()) == [("2020-11", "crackdown", 1), ("2021-01", "execution", 1), ("2021-01", "arrest", 2)]
    assert series.to_csv().splitlines()[-1] == "2021-01,1,2,0,3"


@pytest.mark.parametrize("bad", [None, "", "2021", "21-01-01", "2021-1x"])
def test_monthly_counts_skip_malformed_months(bad: str | None) -> None:
    series = MonthlyCounts.from_rows([(bad, "arrest", 1), ("2021-02", "arrest", 1)])  # type: ignore[list-item]
    assert series.months == ("2021-02",)


def test_svg_draws_one_bar_part_per_count_and_escapes() -> None:
    series = MonthlyCounts.from_rows([("2021-01", "arrest", 2), ("2021-01", "<b>", 1), ("2021-03", "arrest", 1)])
    svg = str(timeline.svg(series))
    assert svg.count("<rect") == 3 and "<b>" not in svg and "&lt;b&gt;" in svg
    assert str(timeline.svg(MonthlyCounts.from_rows([]))).startswith("<p")
