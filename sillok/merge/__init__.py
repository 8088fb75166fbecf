"""Merging: incidents of several reports that tell one act become one event.

``Merger`` (blocking + scoring + clustering, incremental), the event model (``Event``,
``Disagreement``), near-duplicate reports (``find_near_duplicates``), JSON Lines merging
(``merge_extractions``) and the store side (``sillok.merge.store``). Nothing is loaded at import.
"""

from __future__ import annotations

from sillok.merge.cluster import BlockingIndex, Merger
from sillok.merge.model import Disagreement, Event, MergeItem, Sourced
from sillok.merge.score import MergeConfig, compare

__all__ = [
    "BlockingIndex",
    "Disagreement",
    "Event",
    "MergeConfig",
    "MergeItem",
    "Merger",
    "Sourced",
    "compare",
]
