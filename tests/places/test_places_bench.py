"""The places benchmark runs and reports its figures (its speed floor is checked by ``make bench``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "places_lookup.py"


def test_benchmark_reports_figures() -> None:
    if not BENCH.exists():
        pytest.skip("no benchmarks directory")
    spec = importlib.util.spec_from_file_location("places_lookup_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.run(2_000)
    assert figures["lookups_per_second_cold"] > 0 and figures["lookups_per_second_warm"] > 0
    assert figures["resolved_share"] > 0.999  # every name and alias (and its running-text forms) resolves
    assert figures["find_en_mentions"] > 0 and figures["find_ko_mentions"] > 0
    assert set(module.GOALS) <= set(figures)
