"""Speed of English extraction: >= 10,000 reports made from ``samples/dev-en.jsonl`` streamed
through ``sillok extract`` in a subprocess on one core, against the sentence splitter alone.

    python -m benchmarks.run extract_en [--n N]

Goals: >= 200 reports/s/core, peak RSS < 400 MB, within 3x the CPU time of the splitter alone.
"""

from __future__ import annotations

from benchmarks._extract import ROOT, bench_extract

SAMPLE = ROOT / "samples" / "dev-en.jsonl"
DEFAULT_N = 10_000
GOALS = {"reports_per_second_per_core": (">=", 200), "peak_rss_mb": ("<", 400), "ratio_to_tokenizer": ("<=", 3.0)}


def run(n: int = DEFAULT_N) -> dict[str, float | int]:
    return bench_extract("en", SAMPLE, n)


if __name__ == "__main__":
    import sys

    from benchmarks.run import main

    raise SystemExit(main(["extract_en", *sys.argv[1:]]))
