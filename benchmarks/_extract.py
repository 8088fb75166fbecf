"""Shared by the extraction benchmarks: a large corpus made from the samples, and the measurement
of a command in a subprocess pinned to one core (CPU time and peak RSS from ``os.wait4``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
_SMALL_NUMBER = re.compile(r"(?<![\d.,])\b([1-9]|1\d|2[0-8])\b(?![\d.,])")


def vary_corpus(sample: Path, n: int, out: Path, prefix: str) -> int:
    """Write ``n`` reports made from the sample's documents, each different: a new id, the
    publication date moved by one day a round, and every small number (1-28) shifted by the round.
    Returns the number of characters written as text."""
    docs = [json.loads(line) for line in sample.read_text("utf-8").splitlines() if line.strip()]
    if not docs:
        raise ValueError(f"{sample}: no documents")
    chars = 0
    with out.open("w", encoding="utf-8") as f:
        for k in range(n):
            doc = dict(docs[k % len(docs)])
            round_ = k // len(docs)
            doc["id"] = f"{prefix}-{k:06d}"
            if doc.get("published") and round_:
                published = dt.date.fromisoformat(doc["published"]) + dt.timedelta(days=round_)
                doc["published"] = published.isoformat()
            if round_:
                doc["text"] = _SMALL_NUMBER.sub(
                    lambda m, r=round_: str((int(m.group(1)) - 1 + r) % 28 + 1), doc["text"]
                )
            chars += len(doc["text"])
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return chars


@dataclass(frozen=True)
class Measure:
    wall_seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    stdout: str


def _one_core(cmd: list[str]) -> list[str]:
    """``cmd`` pinned to one core with ``taskset`` (when installed). Not with a ``preexec_fn``: a
    forked copy of this process would count toward the child's peak RSS."""
    taskset = shutil.which("taskset")
    if taskset is None or not hasattr(os, "sched_getaffinity"):
        return cmd
    return [taskset, "-c", str(max(os.sched_getaffinity(0))), *cmd]


def measure(cmd: list[str]) -> Measure:
    """Run ``cmd`` on one core; its wall time, CPU time (user + system) and peak RSS."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(_one_core(cmd), cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this child alone
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return Measure(
            wall_seconds=wall,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_rss_mb=usage.ru_maxrss / 1024,  # kB on Linux
            stdout=out.read().decode(),
        )


def bench_extract(language: str, sample: Path, n: int) -> dict[str, float | int]:
    """``sillok extract`` on ``n`` reports made from ``sample``, against the tokenizer alone."""
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = OUT / f"extract_{language}-corpus.jsonl"
    result = OUT / f"extract_{language}-incidents.jsonl"
    chars = vary_corpus(sample, n, corpus, f"bench-{language}")
    ext = measure([sys.executable, "-m", "sillok.cli", "extract", str(corpus), "--quiet", "--output", str(result)])
    lines = incidents = 0
    with result.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines += 1
                incidents += len(json.loads(line)["incidents"])
    if lines != n:
        raise RuntimeError(f"sillok extract wrote {lines} lines for {n} reports")
    base = measure([sys.executable, "-m", "benchmarks._baseline", language, str(corpus)])
    _docs, units, words = (int(x) for x in base.stdout.split()[:3])
    # start-up (imports, lexicons, the analyzer) measured on one report, to give the streaming rate too
    one = OUT / f"extract_{language}-one.jsonl"
    vary_corpus(sample, 1, one, f"bench-{language}")
    ext1 = measure([sys.executable, "-m", "sillok.cli", "extract", str(one), "--quiet", "--output", os.devnull])
    base1 = measure([sys.executable, "-m", "benchmarks._baseline", language, str(one)])
    ext_stream = max(ext.cpu_seconds - ext1.cpu_seconds, 1e-9)
    base_stream = max(base.cpu_seconds - base1.cpu_seconds, 1e-9)
    return {
        "reports": n,
        "mean_chars": round(chars / n),
        "incidents": incidents,
        "extract_wall_seconds": round(ext.wall_seconds, 2),
        "extract_cpu_seconds": round(ext.cpu_seconds, 2),
        "reports_per_second_per_core": round(n / ext.cpu_seconds, 1),
        "peak_rss_mb": round(ext.peak_rss_mb, 1),
        "tokenizer_cpu_seconds": round(base.cpu_seconds, 2),
        "tokenizer_reports_per_second_per_core": round(n / base.cpu_seconds, 1),
        "tokenizer_peak_rss_mb": round(base.peak_rss_mb, 1),
        "tokenizer_units": units,
        "tokenizer_words": words,
        "ratio_to_tokenizer": round(ext.cpu_seconds / base.cpu_seconds, 2),
        "startup_cpu_seconds": round(ext1.cpu_seconds, 2),
        "tokenizer_startup_cpu_seconds": round(base1.cpu_seconds, 2),
        "streaming_reports_per_second_per_core": round(n / ext_stream, 1),
        "streaming_ratio_to_tokenizer": round(ext_stream / base_stream, 2),
    }
