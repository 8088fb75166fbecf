"""Run Sillok's benchmarks, print their figures as a table, save them as JSON, check their floors.

    python -m benchmarks.run [NAME...] [--n N] [--check] [--saved] [--list]

A benchmark is a module ``benchmarks/NAME.py`` (names starting with ``_`` are helpers) with a
function ``run(n=...)`` that returns a flat dict of figures; an optional ``GOALS`` dict maps a
figure to ``(op, value)`` and is shown in the table. NAME may be a prefix (``extract`` runs
``extract_en`` and ``extract_ko``). Results go to ``benchmarks/out/NAME.json``.

``--check`` compares the figures with ``benchmarks/floors.toml`` (``[NAME]`` tables of
``min_FIGURE`` / ``max_FIGURE`` keys; a nested figure is named with dots, ``"max_list.p95_ms"``)
and exits 1 when one is out of bounds; with ``--saved`` it checks the last saved results instead
of running again.
"""

from __future__ import annotations

import argparse
import importlib
import json
import operator
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
FLOORS = HERE / "floors.toml"
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}


def discover() -> list[str]:
    """The benchmark modules, by name."""
    names = []
    for path in sorted(HERE.glob("*.py")):
        if path.stem.startswith("_") or path.stem == "run":
            continue
        names.append(path.stem)
    return names


def select(names: list[str], wanted: list[str]) -> list[str]:
    if not wanted:
        return names
    chosen: list[str] = []
    for w in wanted:
        hits = [n for n in names if n == w] or [n for n in names if n.startswith(w)]
        if not hits:
            raise SystemExit(f"no benchmark named {w!r}; known: {', '.join(names)}")
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


def run_one(name: str, n: int | None) -> dict[str, Any]:
    module = importlib.import_module(f"benchmarks.{name}")
    func = getattr(module, "run", None)
    if func is None:
        raise SystemExit(f"benchmarks/{name}.py has no run() function")
    start = time.perf_counter()
    figures = func(n) if n is not None else func()
    if not isinstance(figures, dict):
        raise SystemExit(f"benchmarks/{name}.py: run() returned {type(figures).__name__}, not a dict")
    return {
        "benchmark": name,
        "n": n,
        "seconds": round(time.perf_counter() - start, 2),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "figures": figures,
        "goals": {k: list(v) for k, v in getattr(module, "GOALS", {}).items()},
    }


def flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested figures as dotted keys: {"list": {"p95_ms": 9}} -> {"list.p95_ms": 9}."""
    out: dict[str, Any] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def table(result: dict[str, Any]) -> list[str]:
    lines = [f"== {result['benchmark']}  ({result['seconds']} s)"]
    goals = result.get("goals", {})
    for key, value in flatten(result["figures"]).items():
        line = f"  {key:40} {value!s:>14}"
        if key in goals:
            op, goal = goals[key]
            ok = _OPS[op](value, goal)
            line += f"   goal {op} {goal}: {'met' if ok else 'NOT met'}"
        lines.append(line)
    return lines


def read_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    data = tomllib.loads(path.read_text("utf-8"))
    for name, floors in data.items():
        for key, value in floors.items():
            if not key.startswith(("min_", "max_")) or isinstance(value, bool) or not isinstance(value, int | float):
                raise SystemExit(f"{path}: [{name}] {key} = {value!r}: keys are min_FIGURE or max_FIGURE = number")
    return data


def check(result: dict[str, Any], floors: dict[str, dict[str, float]]) -> list[str]:
    """The figures of one result outside the bounds of its ``floors.toml`` table."""
    bad = []
    name = result["benchmark"]
    figures = flatten(result["figures"])
    for key, bound in floors.get(name, {}).items():
        figure = key[4:]
        value = figures.get(figure)
        if value is None:
            bad.append(f"{name}: {figure} is not among the figures (floor {key} = {bound})")
        elif key.startswith("min_") and value < bound:
            bad.append(f"{name}: {figure} {value} is below its floor {bound}")
        elif key.startswith("max_") and value > bound:
            bad.append(f"{name}: {figure} {value} is above its ceiling {bound}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    ap.add_argument("--n", type=int, help="size of each benchmark (default: its own)")
    ap.add_argument("--check", action="store_true", help="fail when a figure is out of benchmarks/floors.toml")
    ap.add_argument("--saved", action="store_true", help="with --check: check the saved results, do not run")
    ap.add_argument("--list", action="store_true", help="list the benchmarks")
    args = ap.parse_args(argv)
    names = select(discover(), args.names)
    if args.list:
        print("\n".join(names))
        return 0
    floors = read_floors() if args.check else {}
    bad: list[str] = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        saved = OUT / f"{name}.json"
        if args.saved:
            if not saved.exists():
                bad.append(f"{name}: no saved result ({saved})")
                continue
            result = json.loads(saved.read_text("utf-8"))
        else:
            result = run_one(name, args.n)
            saved.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print("\n".join(table(result)), flush=True)
        if args.check:
            bad.extend(check(result, floors))
    if bad:
        print("\nout of bounds:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    if args.check:
        print("\nall figures within benchmarks/floors.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
