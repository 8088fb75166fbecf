"""``sillok places lookup`` and ``sillok places export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from sillok.cli import cli


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), obj={})
    return result.exit_code, result.stdout, result.stderr


def test_lookup_prints_one_json_line_per_name() -> None:
    code, out, _ = _run("places", "lookup", "Hyesan's", "회령시에서는", "Yanggang Province")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in lines] == ["Hyesan's", "회령시에서는", "Yanggang Province"]
    assert lines[0] == {
        "query": "Hyesan's",
        "id": "KP-10.hyesan",
        "name": "Hyesan",
        "level": "admin2",
        "admin1": "Ryanggang",
        "country": "KP",
        "lat": lines[0]["lat"],
        "lon": lines[0]["lon"],
    }
    assert isinstance(lines[0]["lat"], float)
    assert lines[1]["name"] == "Hoeryong" and lines[2]["name"] == "Ryanggang"


def test_lookup_failures_explain_and_exit_1() -> None:
    code, out, _ = _run("places", "lookup", "Unsan", "Springfield")
    assert code == 1
    unsan, unknown = (json.loads(line) for line in out.splitlines())
    assert "context" in unsan["error"]
    assert {c["id"] for c in unsan["candidates"]} == {"KP-03.unsan-county", "KP-02.unsan-county-south-pyongan"}
    assert unsan["certain"]["id"] == "KP"
    assert unknown["candidates"] == [] and "not a name" in unknown["error"]


def test_lookup_with_context() -> None:
    code, out, _ = _run("places", "lookup", "Unsan", "강원도", "--context", "South Pyongan", "--context", "원산")
    assert code == 0
    unsan, gangwon = (json.loads(line) for line in out.splitlines())
    assert unsan["id"] == "KP-02.unsan-county-south-pyongan"
    assert gangwon["id"] == "KP-07"


def test_lookup_unknown_context_is_an_error_with_a_hint() -> None:
    code, out, err = _run("places", "lookup", "Unsan", "--context", "Atlantis")
    assert code == 2 and out == ""
    assert "Atlantis" in err and "Hint:" in err


def test_lookup_needs_a_name() -> None:
    code, _, _ = _run("places", "lookup")
    assert code == 2


def test_export_geojson(tmp_path: Path) -> None:
    target = tmp_path / "places.geojson"
    code, _, err = _run("places", "export", "--format", "geojson", "-o", str(target))
    assert code == 0 and "wrote" in err
    data = json.loads(target.read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in data["features"]}
    hyesan = by_id["KP-10.hyesan"]
    assert hyesan["geometry"]["type"] == "Point"
    lon, lat = hyesan["geometry"]["coordinates"]
    assert 128 < lon < 129 and 41 < lat < 42
    assert hyesan["properties"]["admin1"] == "Ryanggang"
    assert "KP-10.hyesan.hyetan-dong" not in by_id  # no point of its own
    assert all(f["geometry"]["coordinates"][0] is not None for f in data["features"])


def test_export_csv_to_stdout_is_deterministic() -> None:
    code, out, _ = _run("places", "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0].keys() == {"id", "level", "country", "admin1", "admin2", "name", "name_ko", "lat", "lon"}
    dong = next(r for r in rows if r["id"] == "KP-10.hyesan.hyetan-dong")
    assert (dong["admin2"], dong["lat"]) == ("Hyesan", "")
    assert _run("places", "export", "--format", "csv")[1] == out


def test_export_rejects_unknown_format() -> None:
    code, _, err = _run("places", "export", "--format", "kml")
    assert code == 2 and "kml" in err


def test_export_to_unwritable_place(tmp_path: Path) -> None:
    code, _, err = _run("places", "export", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 2 and "cannot be written" in err
