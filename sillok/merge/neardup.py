"""Near-duplicate reports (syndicated copies, reposts) found with MinHash and LSH.

A story reposted five times is one source, not five corroborations. Each report's normalized text
is cut into character shingles and summarized by a MinHash signature; an LSH index finds the
reports whose estimated Jaccard similarity reaches the threshold. The index can be extended one
report at a time, and its signatures saved (:meth:`NearDuplicateIndex.signature`, :meth:`save`)
and loaded back, so that ingesting a new report needs no recomputation of the old ones.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from sillok.errors import InputError
from sillok.models import Document, normalize_text

SHINGLE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's permutation scheme; saved signatures are uint32 values
DEFAULT_THRESHOLD = 0.7

_NON_WORD = re.compile(r"[^\w]+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Character shingles of the text with case, punctuation and spacing folded away."""
    flat = _NON_WORD.sub(" ", normalize_text(text).casefold()).strip()
    if len(flat) <= size:
        return {flat.encode("utf-8")} if flat else set()
    return {flat[i : i + size].encode("utf-8") for i in range(len(flat) - size + 1)}


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    m = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    m.update_batch(sorted(shingles(text)))
    return m


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    doc_a: str
    doc_b: str
    similarity: float


class NearDuplicateIndex:
    """An LSH index of report signatures that grows one report at a time."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._hashes

    def _insert(self, doc_id: str, m: MinHash) -> list[NearDuplicate]:
        found = []
        for other in sorted(self._lsh.query(m)):
            sim = round(float(m.jaccard(self._hashes[other])), 4)
            if sim >= self.threshold and other != doc_id:
                a, b = sorted((other, doc_id))
                found.append(NearDuplicate(a, b, sim))
        if doc_id not in self._hashes:
            self._lsh.insert(doc_id, m)
            self._hashes[doc_id] = m
        return found

    def add(self, doc_id: str, text: str) -> list[NearDuplicate]:
        """Index a report; returns the already indexed reports it nearly duplicates."""
        return self._insert(doc_id, minhash(text, self.num_perm))

    def add_signature(self, doc_id: str, signature: bytes) -> list[NearDuplicate]:
        """Index a report by a signature saved earlier (:meth:`signature`)."""
        values = np.frombuffer(signature, dtype=np.uint32)
        if len(values) != self.num_perm:
            raise InputError(doc_id, f"signature has {len(values)} values, expected {self.num_perm}")
        return self._insert(doc_id, MinHash(num_perm=self.num_perm, seed=SEED, hashvalues=values.copy(), scheme=SCHEME))

    def signature(self, doc_id: str) -> bytes:
        return self._hashes[doc_id].hashvalues.astype(np.uint32).tobytes()

    def save(self, path: str | Path) -> None:
        """Write the signatures (JSON: threshold, num_perm, doc id -> base64 signature)."""
        data = {
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "signatures": {d: base64.b64encode(self.signature(d)).decode("ascii") for d in sorted(self._hashes)},
        }
        Path(path).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> NearDuplicateIndex:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            index = cls(float(data["threshold"]), int(data["num_perm"]))
            for doc_id, sig in sorted(data["signatures"].items()):
                index.add_signature(doc_id, base64.b64decode(sig))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise InputError(str(path), f"not a near-duplicate index: {e}") from e
        return index


def find_near_duplicates(
    docs: Sequence[Document], threshold: float = DEFAULT_THRESHOLD, index: NearDuplicateIndex | None = None
) -> list[tuple[str, str, float]]:
    """Pairs of near-duplicate reports ``(doc_a, doc_b, similarity)``, doc_a < doc_b, sorted.

    Pass ``index`` to extend an existing index (pairs with its reports are found too).
    """
    index = index if index is not None else NearDuplicateIndex(threshold)
    found: set[tuple[str, str, float]] = set()
    for doc in docs:
        for d in index.add(doc.id, doc.text):
            found.add((d.doc_a, d.doc_b, d.similarity))
    return sorted(found)


def source_groups(pairs: Iterable[tuple[str, str, float]], doc_ids: Iterable[str] = ()) -> dict[str, str]:
    """Doc id -> the id of its group of near-duplicates (the smallest id in the group)."""
    parent: dict[str, str] = {d: d for d in doc_ids}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {d: root(d) for d in list(parent)}
