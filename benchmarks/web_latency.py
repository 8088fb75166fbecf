"""Latency of the web interface on a large database: the filtered incident list and the incident page.

    python benchmarks/web_latency.py [--incidents 100000] [--requests 60] [--db PATH] [--keep]

Builds a database of generated incidents (synthetic quotes and reports, three incidents per
report) through the store's migrations, logs in, and times requests through Datasette's ASGI
client (in process, so the figures are the server's work without network). ``run()`` returns the
figures as a dict; the brief's target is p95 < 150 ms for the filtered list and the incident page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sillok.models import PERPETRATORS, REASONS, TYPES
from sillok.store import Store
from sillok.web.app import make_datasette
from sillok.web.users import add_user

PROVINCES = (
    ("Ryanggang", "Hyesan"),
    ("North Hamgyong", "Hoeryong"),
    ("North Hamgyong", "Musan County"),
    ("North Pyongan", "Sinuiju"),
    ("Chagang", "Manpo"),
    ("South Pyongan", "Pyongsong"),
    ("Pyongyang", None),
    ("Kangwon", "Wonsan"),
)
WORDS = (
    "security agents arrested residents near the river after phone calls to relatives abroad while the "
    "provincial office ordered patrols and inspections in the market where traders were questioned about "
    "smuggling and foreign films found on memory sticks during house searches by the task force"
).split()


def build(path: Path, incidents: int, seed: int = 7) -> None:
    """A database with ``incidents`` generated incidents, three per report, dated 2015-2024."""
    rng = random.Random(seed)
    now = "2026-01-01T00:00:00+00:00"
    with Store.open(path) as store, store.transaction() as db:
        docs = (incidents + 2) // 3
        for d in range(1, docs + 1):
            # common words, and one rarer keyword per report (kw0..kw199) for the search requests
            text = " ".join(rng.choice(WORDS) for _ in range(120)) + f" kw{rng.randrange(200)} report {d}."
            db.execute(
                "INSERT INTO documents (id, doc_id, hash, text, published, language, title, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, 'en', ?, ?)",
                (d, f"bench-{d}", f"h{d}", text, f"{rng.randint(2015, 2024)}-06-01", f"Report {d}", now),
            )
        rows = []
        for i in range(1, incidents + 1):
            kind = rng.choice(TYPES)
            admin1, admin2 = rng.choice(PROVINCES)
            year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
            date = f"{year}-{month:02d}-{day:02d}"
            perp = None if kind in ("escape", "disappearance") else rng.choice(PERPETRATORS)
            quote = " ".join(rng.choice(WORDS) for _ in range(18)) + "."
            rows.append(
                (
                    i,
                    (i - 1) // 3 + 1,
                    kind,
                    date,
                    date,
                    "KP",
                    admin1,
                    admin2,
                    rng.randint(1, 9),
                    "exact",
                    perp,
                    rng.choice(REASONS),
                    quote,
                    0,
                    len(quote),
                    "bench",
                    rng.choice(("machine", "accepted", "edited")),
                    now,
                    now,
                )
            )
        db.executemany(
            """INSERT INTO incidents (id, document_id, type, date_start, date_end, country, admin1, admin2,
                   victims_count, victims_qualifier, perpetrator, reason, quote, quote_start, quote_end,
                   extractor_version, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        add_user(db, "bench", "reviewer", "bench-password")
    with Store.open(path) as store:
        store.db.execute("ANALYZE")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _measure(path: Path, incidents: int, requests: int, seed: int) -> dict[str, Any]:
    ds = make_datasette(path, secret="bench")
    name = path.stem
    r = await ds.client.get("/-/sillok/login")
    token = r.cookies["ds_csrftoken"]
    r = await ds.client.post(
        "/-/sillok/login",
        data={"username": "bench", "password": "bench-password", "csrftoken": token, "next": "/"},
        cookies={"ds_csrftoken": token},
    )
    cookies = {"ds_csrftoken": token, "sillok_session": r.cookies["sillok_session"]}
    rng = random.Random(seed)

    def filtered() -> str:
        kind = rng.choice(TYPES)
        admin1 = rng.choice(PROVINCES)[0].replace(" ", "+")
        extra = rng.choice(("", "&year=2019", "&status=accepted", f"&_search=kw{rng.randrange(200)}"))
        return f"/{name}/incident_list?type={kind}&admin1={admin1}{extra}"

    scenarios = {
        "filtered_list": filtered,
        "incident_page": lambda: f"/-/sillok/incident/{rng.randint(1, incidents)}",
        "unfiltered_list": lambda: f"/{name}/incident_list",
        "timeline": lambda: "/-/sillok/timeline",
        "map_json": lambda: "/-/sillok/map.json",
    }
    out: dict[str, Any] = {"incidents": incidents}
    for label, make_path in scenarios.items():
        await ds.client.get(make_path(), cookies=cookies)  # warm up
        times = []
        n = requests if label in ("filtered_list", "incident_page") else max(5, requests // 6)
        for _ in range(n):
            p = make_path()
            t0 = time.perf_counter()
            r = await ds.client.get(p, cookies=cookies)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"{p}: HTTP {r.status_code}")
        out[label] = {
            "requests": n,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(_pct(times, 0.95), 1),
            "max_ms": round(max(times), 1),
        }
    return out


def run(incidents: int = 100_000, requests: int = 60, db: Path | None = None, seed: int = 7) -> dict[str, Any]:
    """Build (unless ``db`` exists) and measure; the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        if not path.exists():
            build(path, incidents, seed)
        built = time.perf_counter() - t0
        figures = asyncio.run(_measure(path, incidents, requests, seed))
        figures["build_s"] = round(built, 1)
        figures["target_p95_ms"] = 150
        figures["ok"] = figures["filtered_list"]["p95_ms"] < 150 and figures["incident_page"]["p95_ms"] < 150
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--db", type=Path, help="use (or create and keep) this database")
    args = parser.parse_args()
    print(json.dumps(run(args.incidents, args.requests, args.db), indent=1))


if __name__ == "__main__":
    main()
