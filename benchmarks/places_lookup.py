"""Speed of the gazetteer: name lookups per second (cold and warm) and find() throughput.

    python benchmarks/places_lookup.py [N]

``run(n)`` returns the figures as a dict; the brief's floor is 100,000 lookups per second.
Rates are per second of this process's CPU time (``*_wall``: of wall-clock time, which on a
shared machine also counts other processes). *Cold* resolves every distinct name without the
gazetteer's memo (each name once); *warm* is ``n`` lookups through ``lookup()`` with the memo.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sillok.places.gazetteer import Gazetteer, clean_surface, load_gazetteer

#: The brief's floor, shown by ``python -m benchmarks.run``.
GOALS = {"lookups_per_second_cold": (">=", 100_000), "lookups_per_second_warm": (">=", 100_000)}

_ROOT = Path(__file__).resolve().parents[1]
_CORPORA = (_ROOT / "samples", _ROOT / ".." / "shared" / "corpus")

# Written for this benchmark (not taken from any report).
_SAMPLE_EN = (
    "Border guards in Hyesan, Ryanggang Province, detained two women near the Yalu River last week, "
    "a source in the province said. Security agents from the Onsong County office and the North "
    "Hamgyong provincial MSS later questioned relatives in Hoeryeong and Musan. Several people were "
    "handed back by Chinese police in Tumen, Jilin Province, and taken to Sinuiju. "
)
_SAMPLE_KO = (
    "양강도 혜산시에서 지난달 주민 두 명이 압록강을 건너려다 국경경비대에 붙잡혔다고 소식통이 전했다. "
    "함경북도 회령시와 온성군에서도 보위부가 중국 손전화 사용자를 단속했고, 무산군 보안서는 주민 "
    "이동을 막았다. 중국 지린성 투먼에서 넘겨진 탈북민들은 신의주로 옮겨졌다. "
)


def _queries(g: Gazetteer) -> list[str]:
    """Every name and alias, plus running-text forms (possessive, -based, Korean particles)."""
    out: list[str] = []
    for p in g.places.values():
        for name in (p.name, p.name_ko or "", *p.aliases):
            if not name:
                continue
            out.append(name)
            if name.isascii():
                out.append(name + "'s")
                out.append(name.upper())
            else:
                out.append(name + "에서는")
    out.extend(["Nowhere", "Springfield", "없는곳에서", "Kim Jong Un"])  # misses
    return out


def _texts() -> tuple[list[str], list[str]]:
    en: list[str] = []
    ko: list[str] = []
    for folder in _CORPORA:
        paths = [folder / name for name in ("dev-en.jsonl", "dev-ko.jsonl", "merge.jsonl")]
        if not any(p.exists() for p in paths):
            continue
        for path in paths:
            if path.exists():
                for line in path.read_text("utf-8").splitlines():
                    doc = json.loads(line)
                    (ko if doc.get("language") == "ko" else en).append(doc["text"])
        break
    return en or [_SAMPLE_EN * 8], ko or [_SAMPLE_KO * 8]


def run(n: int = 200_000) -> dict[str, float | int]:
    """Figures: load time, cold and warm lookups per second, find() characters per second."""
    t0 = time.perf_counter()
    load_gazetteer.cache_clear()
    g = load_gazetteer()
    load_s = time.perf_counter() - t0

    queries = _queries(g)
    g._memo.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    for q in queries:
        g._resolve_key_uncached(q)
    cold_wall = len(queries) / (time.perf_counter() - t0)
    cold = len(queries) / (time.process_time() - c0)

    stream = [queries[i % len(queries)] for i in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    for q in stream:
        g.lookup(q)
    warm_wall = n / (time.perf_counter() - t0)
    warm = n / (time.process_time() - c0)

    en, ko = _texts()
    figures: dict[str, float | int] = {
        "places": len(g.places),
        "distinct_queries": len(queries),
        "load_seconds": round(load_s, 3),
        "lookups_per_second_cold": round(cold),
        "lookups_per_second_warm": round(warm),
        "lookups_per_second_cold_wall": round(cold_wall),
        "lookups_per_second_warm_wall": round(warm_wall),
        "resolved_share": round(sum(1 for q in queries if g.candidates(clean_surface(q))) / len(queries), 4),
    }
    for lang, texts in (("en", en), ("ko", ko)):
        chars = sum(len(t) for t in texts)
        t0 = time.perf_counter()
        mentions = sum(len(g.find(t, lang)) for t in texts)
        secs = time.perf_counter() - t0
        figures[f"find_{lang}_docs"] = len(texts)
        figures[f"find_{lang}_mentions"] = mentions
        figures[f"find_{lang}_ms_per_doc"] = round(1000 * secs / len(texts), 3)
        figures[f"find_{lang}_chars_per_second"] = round(chars / secs)
    return figures


if __name__ == "__main__":
    result = run(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
    for key, value in result.items():
        print(f"{key:32} {value}")
