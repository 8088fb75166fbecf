"""Speed of Korean extraction: >= 5,000 reports made from ``samples/dev-ko.jsonl`` streamed
through ``sillok extract`` in a subprocess on one core, against kiwipiepy's tokenization alone.

    python -m benchmarks.run extract_ko [--n N]

Goals: >= 30 reports/s/core, peak RSS < 600 MB, within 2x the CPU time of tokenization alone.
"""

from __future__ import annotations

from benchmarks._extract import ROOT, bench_extract

SAMPLE = ROOT / "samples" / "dev-ko.jsonl"
DEFAULT_N = 5_000
GOALS = {"reports_per_second_per_core": (">=", 30), "peak_rss_mb": ("<", 600), "ratio_to_tokenizer": ("<=", 2.0)}


def run(n: int = DEFAULT_N) -> dict[str, float | int]:
    return bench_extract("ko", SAMPLE, n)


if __name__ == "__main__":
    import sys

    from benchmarks.run import main

    raise SystemExit(main(["extract_ko", *sys.argv[1:]]))
