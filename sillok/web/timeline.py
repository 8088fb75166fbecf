"""Incidents per month by type: the counts, their CSV, and a stacked bar chart as inline SVG."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from sillok.models import TYPES

#: One colour per type, in the order of ``TYPES`` (colour-blind-friendly where possible).
COLOURS: tuple[str, ...] = (
    "#000000",
    "#7f0000",
    "#d7301f",
    "#fc8d59",
    "#fdbb84",
    "#2166ac",
    "#4393c3",
    "#1a9850",
    "#91cf60",
    "#762a83",
    "#c2a5cf",
    "#8c6d31",
    "#bdbdbd",
)


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


@dataclass(frozen=True, slots=True)
class MonthlyCounts:
    """Counts per (month, type); ``months`` runs without gaps from the first to the last month seen."""

    months: tuple[str, ...]
    types: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[month index][type index]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int]]) -> MonthlyCounts:
        """From (YYYY-MM, type, count) rows; malformed months are skipped."""
        found: dict[tuple[str, str], int] = {}
        for month, kind, count in rows:
            if not month or len(month) != 7 or not month[:4].isdigit() or not month[5:7].isdigit():
                continue
            found[(month, kind)] = found.get((month, kind), 0) + int(count)
        if not found:
            return cls((), (), ())
        seen = {t for _, t in found}
        types = tuple(t for t in TYPES if t in seen) + tuple(sorted(seen - set(TYPES)))
        first, last = min(m for m, _ in found), max(m for m, _ in found)
        months = [first]
        while months[-1] < last:
            months.append(_next_month(months[-1]))
        counts = tuple(tuple(found.get((m, t), 0) for t in types) for m in months)
        return cls(tuple(months), types, counts)

    def cells(self) -> Iterator[tuple[str, str, int]]:
        """(month, type, count) for every non-zero count."""
        for month, row in zip(self.months, self.counts, strict=True):
            for kind, n in zip(self.types, row, strict=True):
                if n:
                    yield month, kind, n

    def total(self, month_index: int) -> int:
        return sum(self.counts[month_index])

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["month", *self.types, "total"])
        for i, month in enumerate(self.months):
            w.writerow([month, *self.counts[i], self.total(i)])
        return buf.getvalue()


def colour(kind: str) -> str:
    return COLOURS[TYPES.index(kind)] if kind in TYPES else "#999999"


def svg(series: MonthlyCounts, width: int = 960, height: int = 280) -> Markup:
    """A stacked bar per month (bottom to top in the order of ``series.types``), with a title per bar part."""
    if not series.months:
        return Markup('<p class="sillok-empty">No dated incidents.</p>')
    left, bottom, top = 40, 40, 10
    peak = max(series.total(i) for i in range(len(series.months))) or 1
    plot_h = height - bottom - top
    step = (width - left - 10) / len(series.months)
    bar_w = max(step * 0.8, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sillok-timeline" role="img" viewBox="0 0 {width} {height}"'
        f' width="100%" aria-label="Incidents per month by type">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}" stroke="#444"/>',
        f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="11">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    label_every = max(1, len(series.months) // 12)
    for i, month in enumerate(series.months):
        x = left + i * step
        y = top + plot_h
        for kind, n in zip(series.types, series.counts[i], strict=True):
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour(kind)}"'
                f' data-month="{escape(month)}" data-type="{escape(kind)}" data-count="{n}">'
                f"<title>{escape(month)} {escape(kind)}: {n}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="10">{escape(month)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
