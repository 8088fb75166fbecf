"""The gazetteer's data files: validation on load, and coverage of the codebook's corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sillok.errors import LexiconError
from sillok.models import Location
from sillok.places import GazetteerError, load_from, load_gazetteer
from sillok.places.gazetteer import read_morphology, read_stoplist

HEADER = "id,level,country,admin1,name,name_ko,aliases,lat,lon\n"
GOOD = (
    HEADER
    + "XX,country,XX,,Xland,,,10,20\n"
    + "XX-01,admin1,XX,Alpha,Alpha,알파도,Alpha Province|알파,11,21\n"
    + "XX-01.beta,admin2,XX,Alpha,Beta,베타시,Beta City|베타,,\n"
    + "XX-01.beta.gamma-ri,place,XX,Alpha,Gamma-ri,감마리,Gamma,12.5,22.5\n"
)
DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def _write(tmp_path: Path, text: str, name: str = "p.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_small_file_loads(tmp_path: Path) -> None:
    g = load_from([_write(tmp_path, GOOD)])
    gamma = g.lookup("Gamma")
    assert gamma is not None and gamma.admin2 == "Beta" and gamma.admin1 == "Alpha"
    assert [p.id for p in g.ancestors(gamma)] == ["XX-01.beta", "XX-01", "XX"]
    beta = g.get("XX-01.beta")
    assert beta is not None and g.coordinates(beta) == (11.0, 21.0)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("XX-01.beta,admin2,XX,Alpha,Beta2,,,,\n", "duplicate id"),
        ("XX-01.delta,county,XX,Alpha,Delta,,,,\n", "level 'county'"),
        ("XX-01.delta,admin2,Xx,Alpha,Delta,,,,\n", "not an ISO 3166"),
        ("XX-01.delta,admin2,XX,Alpha,,,,,\n", "empty name"),
        ("XX-02.delta,admin2,XX,Alpha,Delta,,,,\n", "parent 'XX-02' does not exist"),
        ("XX-01.delta,admin2,XX,Omega,Delta,,,,\n", "differs from its parent's 'Alpha'"),
        ("XX-01.delta,admin2,XX,Alpha,Delta,,,91,20\n", "lat 91.0 is out of range"),
        ("XX-01.delta,admin2,XX,Alpha,Delta,,,10,181\n", "lon 181.0 is out of range"),
        ("XX-01.delta,admin2,XX,Alpha,Delta,,,ten,20\n", "lat 'ten' is not a number"),
        ("XX-01.delta,admin2,XX,Alpha,Delta,,,10,\n", "both be given"),
        ("XX-01.beta.gamma-ri.x,admin2,XX,Alpha,X,,,,\n", "not above a admin2"),
        ("XX-03,admin1,XX,Other,Three,,,,\n", "must be its name"),
        ("YY,country,XX,,Y,,,,\n", "a country row"),
        ("XX-01.delta,admin2,XX,Alpha,Delta,,,,,extra\n", "wrong number of columns"),
    ],
)
def test_bad_rows_name_file_row_and_reason(tmp_path: Path, row: str, reason: str) -> None:
    path = _write(tmp_path, GOOD + row)
    with pytest.raises(GazetteerError) as info:
        load_from([path])
    message = str(info.value)
    assert f"{path}:6" in message
    assert reason in message
    assert isinstance(info.value, LexiconError) and info.value.hint


def test_bad_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,name\nXX,X\n")
    with pytest.raises(GazetteerError, match="header"):
        load_from([path])


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD, "a.csv")
    second = _write(tmp_path, HEADER + "XX-01,admin1,XX,Alpha,Alpha,,,,\n", "b.csv")
    with pytest.raises(GazetteerError, match=r"b\.csv:2.*duplicate id \(first at .*a\.csv:3\)"):
        load_from([first, second])


def test_a_second_file_may_hang_rows_under_the_first(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD, "a.csv")
    second = _write(tmp_path, HEADER + "XX-01.epsilon,admin2,XX,Alpha,Epsilon,,Eps,,\n", "b.csv")
    g = load_from([first, second])
    assert g.lookup("Eps").id == "XX-01.epsilon"  # type: ignore[union-attr]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="cannot be read"):
        load_from([tmp_path / "absent.csv"])


def test_stoplist_validation() -> None:
    stop = read_stoplist('[en]\nnever = ["Kim Chaek"]\n[ko]\ncommon = ["무산"]\n', "s.toml")
    assert "kim chaek" in stop.en_never and "무산" in stop.ko_common
    with pytest.raises(GazetteerError, match=r"s\.toml: \[ko\]\.never must be a list"):
        read_stoplist("[ko]\nnever = 3\n", "s.toml")
    with pytest.raises(GazetteerError, match="unknown section"):
        read_stoplist("[fr]\nnever = []\n", "s.toml")
    with pytest.raises(GazetteerError, match="not valid TOML"):
        read_stoplist("[en\n", "s.toml")


def test_packaged_data() -> None:
    g = load_gazetteer()
    assert len([p for p in g.places.values() if p.id.startswith(("KP", "CN-JL", "CN-LN", "RU-PRI"))]) >= 314
    levels = {p.level for p in g.places.values()}
    assert levels == {"country", "admin1", "admin2", "place"}
    assert {p.country for p in g.places.values()} >= {"KP", "KR", "CN", "RU", "VN", "LA", "TH", "MN"}
    for admin1 in ("Seoul", "Gyeonggi", "Gangwon", "Incheon", "Shandong", "Yunnan", "Heilongjiang", "Beijing"):
        place = g.lookup(admin1)
        assert place is not None and place.level == "admin1", admin1


def _gold_locations() -> list[dict[str, str | None]]:
    for folder in (DATA, SHARED):
        files = [folder / f"{n}.gold.jsonl" for n in ("dev-en", "dev-ko", "merge")]
        if all(f.exists() for f in files):
            out = []
            for f in files:
                for line in f.read_text("utf-8").splitlines():
                    for incident in json.loads(line)["incidents"]:
                        if incident["location"]:
                            out.append(incident["location"])
            return out
    pytest.skip("the dev corpora are not available")


def test_every_gold_location_name_is_a_gazetteer_row() -> None:
    """The codebook's gold locations use canonical names; each is a row with the same hierarchy."""
    g = load_gazetteer()
    locations = _gold_locations()
    assert len(locations) > 300
    missing = []
    for loc in locations:
        place = g.place_of(Location(loc["country"], loc["admin1"], loc["admin2"], loc["place"]))
        if place is None:
            missing.append(loc)
            continue
        got = g.location(place).to_dict()
        want = {k: loc[k] for k in ("country", "admin1", "admin2", "place")}
        if got != want:
            missing.append(loc)
    assert missing == []


def test_morphology_validation() -> None:
    good = (
        '[en]\ndesignators = ["County", "gun"]\nattached = ["gun"]\n'
        '[ko]\ndesignators = ["군"]\nparticles = ["에", "에서"]\nlocative = ["에서"]\nplace_nouns = ["항"]\n'
    )
    m = read_morphology(good, "n.toml")
    assert m.en_designators == ("county", "gun")
    assert m.ko_particles == ("에서", "에")  # longest first
    assert m.strip_designators("onsong county") == ["onsong"]
    assert m.strip_designators("onsonggun") == ["onsong"]
    assert m.strip_designators("무산군") == ["무산"]
    assert m.ko_splits("다롄항에서") == [("다롄항에서", ""), ("다롄항", "에서"), ("다롄", "항에서")]
    assert m.is_locative("에서") and m.is_locative("항에서") and not m.is_locative("에")
    assert m.ko_institutions == ()  # optional
    m = read_morphology(good + 'institutions = ["세관"]\n', "n.toml")
    assert m.starts_institution("세관") and m.starts_institution("세관에서") and not m.starts_institution("세관원")
    with pytest.raises(GazetteerError, match=r"n\.toml: \[ko\]\.locative has words that are not particles: 로"):
        read_morphology(good.replace('locative = ["에서"]', 'locative = ["로"]'), "n.toml")
    with pytest.raises(GazetteerError, match=r"\[ko\]\.place_nouns must be a list"):
        read_morphology(good.replace('place_nouns = ["항"]', "place_nouns = 1"), "n.toml")
    with pytest.raises(GazetteerError, match="attached must be designators"):
        read_morphology(good.replace('attached = ["gun"]', 'attached = ["kun"]'), "n.toml")
