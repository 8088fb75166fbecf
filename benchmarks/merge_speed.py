"""Speed of merging: 100,000 synthetic incidents into events (the brief's ceiling is 60 s).

    python benchmarks/merge_speed.py [N]

``run(n)`` returns the figures as a dict: seconds to generate (with quote features), seconds to
merge, comparisons made (against n*(n-1)/2 for all pairs), and the link precision/recall against
the synthetic truth.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from itertools import combinations

from sillok.merge.cluster import Merger
from sillok.merge.synthetic import generate

LIMIT_SECONDS = 60.0
GOALS = {"merge_seconds": ("<=", LIMIT_SECONDS), "total_seconds": ("<=", LIMIT_SECONDS)}


def _links(groups: dict[object, list[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            out.add((a, b))
    return out


def run(n: int = 100_000) -> dict[str, float | int]:
    t0 = time.perf_counter()
    data = generate(n)
    t1 = time.perf_counter()
    merger = Merger()
    merger.add(data.items)
    t2 = time.perf_counter()
    truth: dict[object, list[str]] = defaultdict(list)
    for key, ev in data.event_of.items():
        truth[ev].append(key)
    pred: dict[object, list[str]] = defaultdict(list)
    for n_cluster, members in enumerate(merger.clusters()):
        pred[n_cluster].extend(str(k) for k in members)
    gold_links, pred_links = _links(truth), _links(pred)
    correct = len(gold_links & pred_links)
    return {
        "incidents": n,
        "generate_seconds": round(t1 - t0, 2),
        "merge_seconds": round(t2 - t1, 2),
        "total_seconds": round(t2 - t0, 2),  # with the quote features of every incident
        "comparisons": merger.stats.comparisons,
        "all_pairs": n * (n - 1) // 2,
        "events": len(pred),
        "link_precision": round(correct / len(pred_links), 4) if pred_links else 1.0,
        "link_recall": round(correct / len(gold_links), 4) if gold_links else 1.0,
        "limit_seconds": LIMIT_SECONDS,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    result = run(n)
    sys.stdout.write(json.dumps(result) + "\n")
    if result["merge_seconds"] > LIMIT_SECONDS:
        sys.exit(f"merging {n} incidents took {result['merge_seconds']} s (limit {LIMIT_SECONDS} s)")


if __name__ == "__main__":
    main()
