"""The codebook's §5 scoring: predicted incidents against gold incidents.

Agrees with the reference scorer ``tools/score.py`` of the codebook: the same pairing rule (same
type, and overlapping quotes or at least two of date overlap / admin1 / count / perpetrator), the
same one-to-one pairing that maximizes the same agreement weights (an exact assignment), the same
place-name folding with the gazetteer's aliases, the same ``quote_span`` handling and the same
rounding (4 places).

Public API:

- :func:`evaluate` gold lines, predicted lines, documents -> :class:`EvaluationResult`
- :func:`read_incident_lines`, :func:`read_documents` read the JSONL files
- :func:`run_pipeline` extracts the incidents of documents with :class:`~sillok.extract.Pipeline`
- :func:`format_result` the result as readable lines (``--verbose``: every miss)
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sillok.errors import InputError, SillokError
from sillok.jsonl import IncidentLine, read_documents, read_incident_lines
from sillok.models import Document, Extraction, Incident

if TYPE_CHECKING:
    from sillok.extract import Pipeline
    from sillok.places import Gazetteer

#: The field accuracies, in the order the codebook lists them.
FIELDS: tuple[str, ...] = ("date_exact", "date_overlap", "admin1", "admin2", "count", "perpetrator", "reason")
#: Administrative suffixes dropped from the end of a place name before comparing.
SUFFIXES: tuple[str, ...] = (
    "province",
    "state",
    "county",
    "city",
    "district",
    "gun",
    "kun",
    "si",
    "do",
    "kuyok",
    "guyok",
    "ri",
    "dong",
)
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000"})
_NO_TEXT_MIN_MATCH = 30  # without the text, quotes agree when they share this many characters


# ---- input ---------------------------------------------------------------------------------------


#: A line of a gold (or predicted) file: a document's incidents.
GoldLine = IncidentLine


class IncidentsOf(Protocol):
    """What a line of incidents provides (:class:`GoldLine` and :class:`~sillok.models.Extraction` do)."""

    @property
    def doc_id(self) -> str: ...

    @property
    def incidents(self) -> Sequence[Incident]: ...


def run_pipeline(docs: Iterable[Document], pipeline: Pipeline | None = None) -> list[Extraction]:
    """The incidents that Sillok's extraction pipeline finds in ``docs``."""
    if pipeline is None:
        from sillok.extract import Pipeline

        pipeline = Pipeline()
    docs = list(docs)
    for language in sorted({doc.language or "en" for doc in docs}):
        try:
            pipeline.extractor(language)
        except (ImportError, AttributeError) as e:
            raise SillokError(
                f"the extractor for language {language!r} cannot be loaded: {e}",
                hint="score a file of predicted incidents with --pred instead",
            ) from e
    return list(pipeline.extract_all(docs))


# ---- place names -----------------------------------------------------------------------------------


def fold_place(name: str) -> str | None:
    """A place name folded for comparison: no case, diacritics, punctuation, spaces or trailing suffixes."""
    s = unicodedata.normalize("NFKD", str(name)).casefold()
    s = "".join(c for c in s if c.isalnum() or c == " ")
    words = s.split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return "".join(words) or None


class PlaceFolder:
    """Folds place names and maps aliases to their canonical name (aliases of one place only)."""

    def __init__(self, aliases: Mapping[str | None, str | None]) -> None:
        self.aliases = dict(aliases)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> PlaceFolder:
        seen: dict[str | None, set[str | None]] = defaultdict(set)
        for place in gazetteer.places.values():
            canon = fold_place(place.name)
            for alias in (place.name, place.name_ko or "", *place.aliases):
                if alias.strip():
                    seen[fold_place(alias)].add(canon)
        return cls({alias: next(iter(c)) for alias, c in seen.items() if len(c) == 1})

    def norm(self, name: str | None) -> str | None:
        if not name:
            return None
        folded = fold_place(name)
        return self.aliases.get(folded, folded)


# ---- agreement and pairing -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Agreement:
    """Which fields a gold and a predicted incident of the same type agree on."""

    quote: bool
    date_exact: bool
    date_overlap: bool
    admin1: bool
    admin2: bool
    count: bool
    perpetrator: bool
    reason: bool

    @property
    def eligible(self) -> bool:
        """May the two be paired: quotes overlap, or two of date, admin1, count, perpetrator agree."""
        return self.quote or (self.date_overlap + self.admin1 + self.count + self.perpetrator) >= 2

    @property
    def weight2(self) -> int:
        """Twice the pairing weight (an integer: reason weighs one half)."""
        return (
            2 * (1 + self.quote + self.date_overlap + self.admin1 + self.admin2 + self.count + self.perpetrator)
            + self.reason
        )

    @property
    def record(self) -> bool:
        """A usable record: date (overlap), admin1, count and perpetrator all agree."""
        return self.date_overlap and self.admin1 and self.count and self.perpetrator

    def wrong(self) -> tuple[str, ...]:
        """The fields that disagree (date_exact left out: date_overlap says it)."""
        return tuple(f for f in FIELDS if f != "date_exact" and not getattr(self, f))


def quote_span(incident: Incident, text: str | None) -> tuple[int, int] | None:
    """Where the incident's quote is in ``text``: its ``quote_span`` when given, else where it is found."""
    if incident.quote_start is not None:
        return (incident.quote_start, incident.quote_end if incident.quote_end is not None else incident.quote_start)
    if not incident.quote or text is None:
        return None
    i = text.translate(_SPACES).find(incident.quote.translate(_SPACES))
    return (i, i + len(incident.quote)) if i >= 0 else None


def quotes_overlap(gold: Incident, pred: Incident, text: str | None) -> bool:
    """Do the quotes overlap in the text (without the text: share a run of 30 characters, or the shorter quote)."""
    if text is not None:
        a, b = quote_span(gold, text), quote_span(pred, text)
        return bool(a and b and a[0] < b[1] and b[0] < a[1])
    qa, qb = gold.quote or "", pred.quote or ""
    if not qa or not qb:
        return False
    m = SequenceMatcher(None, qa, qb, autojunk=False).find_longest_match(0, len(qa), 0, len(qb))
    return m.size >= min(_NO_TEXT_MIN_MATCH, len(qa), len(qb))


def _interval(incident: Incident) -> tuple[Any, Any] | None:
    return (incident.date.start, incident.date.end) if incident.date else None


def _overlap(a: tuple[Any, Any] | None, b: tuple[Any, Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a[0] <= b[1] and b[0] <= a[1]


def _admin(incident: Incident, level: str, places: PlaceFolder) -> str | None:
    return places.norm(getattr(incident.location, level)) if incident.location else None


def _count(incident: Incident) -> int | None:
    return incident.victims.count if incident.victims else None


def agreement(gold: Incident, pred: Incident, text: str | None, places: PlaceFolder) -> Agreement:
    """The field agreements of a gold and a predicted incident."""
    ig, ip = _interval(gold), _interval(pred)
    return Agreement(
        quote=quotes_overlap(gold, pred, text),
        date_exact=ig == ip,
        date_overlap=_overlap(ig, ip),
        admin1=_admin(gold, "admin1", places) == _admin(pred, "admin1", places),
        admin2=_admin(gold, "admin2", places) == _admin(pred, "admin2", places),
        count=_count(gold) == _count(pred),
        perpetrator=gold.perpetrator == pred.perpetrator,
        reason=gold.reason == pred.reason,
    )


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """(row, column) pairs, one-to-one, maximizing the total of a non-negative integer matrix.

    Exact: the shortest augmenting path method (Crouse 2016, the method of scipy's
    ``linear_sum_assignment``), one row at a time, in integers. Ties between assignments of the same
    total are settled as that method settles them (columns scanned from the last, a free column
    preferred among the nearest), so the reference scorer and this one pair alike. Every row (or
    column, whichever are fewer) is paired, at weight 0 where nothing better is left: callers drop
    the pairs they do not allow.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if not n or not m:
        return []
    cost = [[-w for w in row] for row in weights]  # maximize the weights = minimize their negation
    transposed = m < n
    if transposed:
        cost = [list(col) for col in zip(*cost, strict=True)]
        n, m = m, n
    inf = float("inf")
    u = [0] * n
    v = [0] * m
    col_of_row = [-1] * n
    row_of_col = [-1] * m
    path = [-1] * m
    for cur in range(n):
        # shortest augmenting path from row `cur` to a free column
        dist: list[float] = [inf] * m
        in_rows = [False] * n
        in_cols = [False] * m
        remaining = list(range(m - 1, -1, -1))
        min_val: float = 0
        i, sink = cur, -1
        while sink == -1:
            in_rows[i] = True
            best, best_at = inf, -1
            row = cost[i]
            for k, j in enumerate(remaining):
                r = min_val + row[j] - u[i] - v[j]
                if r < dist[j]:
                    path[j] = i
                    dist[j] = r
                if dist[j] < best or (dist[j] == best and row_of_col[j] == -1):
                    best, best_at = dist[j], k
            min_val = best
            j = remaining[best_at]
            if row_of_col[j] == -1:
                sink = j
            else:
                i = row_of_col[j]
            in_cols[j] = True
            remaining[best_at] = remaining[-1]
            remaining.pop()
        # update the duals
        u[cur] += min_val
        for r_ in range(n):
            if in_rows[r_] and r_ != cur:
                u[r_] += min_val - dist[col_of_row[r_]]
        for j in range(m):
            if in_cols[j]:
                v[j] -= min_val - dist[j]
        # augment along the path
        j = sink
        while True:
            i = path[j]
            row_of_col[j] = i
            col_of_row[i], j = j, col_of_row[i]
            if i == cur:
                break
    pairs = [(i, j) for i, j in enumerate(col_of_row) if j >= 0]
    if transposed:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)


def pair(
    gold: Sequence[Incident], pred: Sequence[Incident], text: str | None, places: PlaceFolder
) -> list[tuple[int, int, Agreement]]:
    """One-to-one pairs ``(gold index, predicted index, agreement)`` maximizing the total agreement."""
    cand: dict[tuple[int, int], Agreement] = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.type == p.type:
                a = agreement(g, p, text, places)
                if a.eligible:
                    cand[gi, pi] = a
    if not cand:
        return []
    matrix = [[cand[gi, pi].weight2 if (gi, pi) in cand else 0 for pi in range(len(pred))] for gi in range(len(gold))]
    return [(gi, pi, cand[gi, pi]) for gi, pi in max_weight_assignment(matrix) if (gi, pi) in cand]


# ---- results ---------------------------------------------------------------------------------------


def _ratio(n: int, d: int) -> float:
    return round(n / d, 4)


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> PRF:
        p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
        r = tp / n_gold if n_gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 4), round(r, 4), round(f, 4))


@dataclass(frozen=True, slots=True)
class FieldAccuracy:
    """Shares of paired incidents whose field agrees (``None`` when nothing was paired)."""

    date_exact: float | None
    date_overlap: float | None
    admin1: float | None
    admin2: float | None
    count: float | None
    perpetrator: float | None
    reason: float | None

    def get(self, name: str) -> float | None:
        if name not in FIELDS:
            raise KeyError(name)
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class TypeScore:
    type: str
    gold: int
    pred: int
    f1: float


@dataclass(frozen=True, slots=True)
class Scores:
    """The figures of a set of documents (all, or one language)."""

    gold: int
    pred: int
    paired: int
    incident: PRF
    record: PRF
    fields: FieldAccuracy
    by_type: tuple[TypeScore, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "paired": self.paired,
            "incident": _prf_dict(self.incident),
            "record": _prf_dict(self.record),
            "fields": {f: self.fields.get(f) for f in FIELDS},
            "by_type": {t.type: {"gold": t.gold, "pred": t.pred, "f1": t.f1} for t in self.by_type},
        }


def _prf_dict(s: PRF) -> dict[str, float]:
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1}


@dataclass(frozen=True, slots=True)
class Miscoded:
    """A pair whose fields disagree."""

    gold: Incident
    pred: Incident
    wrong: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What went wrong in one document."""

    doc_id: str
    language: str | None
    missed: tuple[Incident, ...]
    spurious: tuple[Incident, ...]
    miscoded: tuple[Miscoded, ...]


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """The §5 figures, overall and by language, and the per-document misses for ``--verbose``.

    ``ungrounded_quotes`` counts predicted quotes not found in the text (as score.py: a given
    ``quote_span`` counts as found; ``None`` without documents). ``misplaced_spans`` counts predicted
    ``quote_span`` offsets whose text is not the quote, which score.py does not check.
    """

    documents: int
    overall: Scores
    by_language: dict[str, Scores]
    ungrounded_quotes: int | None
    misplaced_spans: int | None
    docs_not_in_gold: int
    details: tuple[DocumentResult, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The result in the form of ``score.py --json`` (plus ``documents`` and ``misplaced_spans``)."""
        out = self.overall.to_dict()
        out["ungrounded_quotes"] = self.ungrounded_quotes
        out["unknown_types"] = 0  # incidents are validated on reading: an unknown type is an error
        out["docs_not_in_gold"] = self.docs_not_in_gold
        if self.by_language:
            out["by_language"] = {lang: s.to_dict() for lang, s in self.by_language.items()}
        out["documents"] = self.documents
        out["misplaced_spans"] = self.misplaced_spans
        return out


class _Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.tp = self.record_tp = 0
        self.fields: dict[str, int] = dict.fromkeys(FIELDS, 0)
        self.by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # gold, pred, paired

    def add(self, gold: Sequence[Incident], pred: Sequence[Incident], pairs: list[tuple[int, int, Agreement]]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        self.tp += len(pairs)
        for g in gold:
            self.by_type[g.type][0] += 1
        for p in pred:
            self.by_type[p.type][1] += 1
        for gi, _, a in pairs:
            self.by_type[gold[gi].type][2] += 1
            for f in FIELDS:
                self.fields[f] += getattr(a, f)
            self.record_tp += a.record

    def scores(self) -> Scores:
        return Scores(
            gold=self.gold,
            pred=self.pred,
            paired=self.tp,
            incident=PRF.of(self.tp, self.pred, self.gold),
            record=PRF.of(self.record_tp, self.pred, self.gold),
            fields=FieldAccuracy(**{f: _ratio(self.fields[f], self.tp) if self.tp else None for f in FIELDS}),
            by_type=tuple(TypeScore(t, g, p, PRF.of(tp, p, g).f1) for t, (g, p, tp) in sorted(self.by_type.items())),
        )


def evaluate(
    gold: Iterable[IncidentsOf],
    pred: Iterable[IncidentsOf],
    docs: Mapping[str, Document] | None = None,
    gazetteer: Gazetteer | None = None,
) -> EvaluationResult:
    """Score predicted incidents against gold incidents, as the codebook's §5 says.

    A document missing from ``pred`` counts as one with no incidents; predicted documents not in
    ``gold`` are ignored (and counted). A gold document named twice keeps its last line; predicted
    lines of one document add up. With ``docs``, quotes are located in the texts, ungrounded
    quotes are counted and the figures are also given by language.
    """
    if gazetteer is None:
        from sillok.places import load_gazetteer

        gazetteer = load_gazetteer()
    places = PlaceFolder.from_gazetteer(gazetteer)
    gold_by_doc: dict[str, Sequence[Incident]] = {}
    for line in gold:
        gold_by_doc[line.doc_id] = tuple(line.incidents)
    pred_by_doc: dict[str, list[Incident]] = {}
    for line in pred:
        pred_by_doc.setdefault(line.doc_id, []).extend(line.incidents)
    have_docs = bool(docs)
    overall = _Tally()
    by_lang: dict[str, _Tally] = defaultdict(_Tally)
    ungrounded = misplaced = 0
    details = []
    for doc_id, g in gold_by_doc.items():
        p = pred_by_doc.get(doc_id, [])
        doc = docs.get(doc_id) if docs else None
        text = doc.text if doc is not None else None
        if text is not None:
            for inc in p:
                span = quote_span(inc, text)
                if span is None:
                    ungrounded += 1
                elif inc.quote_start is not None and text[span[0] : span[1]] != inc.quote:
                    misplaced += 1
        pairs = pair(g, p, text, places)
        overall.add(g, p, pairs)
        language = (doc.language if doc is not None else None) or "?"
        if have_docs:
            by_lang[language].add(g, p, pairs)
        got_g = {gi for gi, _, _ in pairs}
        got_p = {pi for _, pi, _ in pairs}
        miscoded = tuple(Miscoded(g[gi], p[pi], a.wrong()) for gi, pi, a in pairs if a.wrong())
        missed = tuple(inc for gi, inc in enumerate(g) if gi not in got_g)
        spurious = tuple(inc for pi, inc in enumerate(p) if pi not in got_p)
        if missed or spurious or miscoded:
            details.append(DocumentResult(doc_id, language if have_docs else None, missed, spurious, miscoded))
    return EvaluationResult(
        documents=len(gold_by_doc),
        overall=overall.scores(),
        by_language={lang: t.scores() for lang, t in sorted(by_lang.items())},
        ungrounded_quotes=ungrounded if have_docs else None,
        misplaced_spans=misplaced if have_docs else None,
        docs_not_in_gold=len(set(pred_by_doc) - set(gold_by_doc)),
        details=tuple(details),
    )


def evaluate_files(
    gold_path: str | Path,
    pred_path: str | Path | None,
    docs_path: str | Path | None,
    pipeline: Pipeline | None = None,
    gazetteer: Gazetteer | None = None,
) -> EvaluationResult:
    """Score a predicted file (or, without one, the pipeline's output on the documents) against a gold file."""
    gold = read_incident_lines(gold_path)
    docs = read_documents(docs_path) if docs_path else None
    if pred_path is not None:
        pred: list[GoldLine] | list[Extraction] = read_incident_lines(pred_path)
    else:
        if not docs:
            raise InputError(
                str(docs_path or "--docs"),
                "no documents to extract incidents from",
                hint="give the documents with --docs, or a predicted file with --pred",
            )
        pred = run_pipeline(docs.values(), pipeline)
    return evaluate(gold, pred, docs, gazetteer)


# ---- output ----------------------------------------------------------------------------------------


def _coded(inc: Incident) -> str:
    d = inc.to_dict()
    return json.dumps({k: d[k] for k in ("date", "location", "victims", "perpetrator", "reason")}, ensure_ascii=False)


def format_details(result: EvaluationResult) -> list[str]:
    """One line per missed, spurious and mis-coded incident, document by document."""
    lines = []
    for d in result.details:
        for inc in d.missed:
            lines.append(f"{d.doc_id}  missed    {inc.type:<20} {inc.quote[:100]}")
        for inc in d.spurious:
            lines.append(f"{d.doc_id}  spurious  {inc.type:<20} {inc.quote[:100]}")
        for mc in d.miscoded:
            lines.append(
                f"{d.doc_id}  paired    {mc.gold.type:<20} wrong: {', '.join(mc.wrong)}"
                f"  gold={_coded(mc.gold)}  pred={_coded(mc.pred)}"
            )
    return lines


def _fmt(v: float | None) -> str:
    return f"{v:.3f}" if v is not None else "-"


def format_result(result: EvaluationResult, verbose: bool = False) -> list[str]:
    """The result as readable lines, like score.py's."""
    lines = format_details(result) if verbose else []
    s = result.overall
    lines.append(f"documents {result.documents}  gold {s.gold}  predicted {s.pred}  paired {s.paired}")
    lines.append(f"incident  P {s.incident.precision:.3f}  R {s.incident.recall:.3f}  F1 {s.incident.f1:.3f}")
    lines.append(f"record    P {s.record.precision:.3f}  R {s.record.recall:.3f}  F1 {s.record.f1:.3f}")
    lines.append("fields    " + "  ".join(f"{f} {_fmt(s.fields.get(f))}" for f in FIELDS))
    for lang, ls in result.by_language.items():
        lines.append(
            f"[{lang}] gold {ls.gold}  pred {ls.pred}  incident F1 {ls.incident.f1:.3f}  record F1 {ls.record.f1:.3f}"
        )
    lines.append("by type   " + "  ".join(f"{t.type} {t.gold}/{t.pred} F1 {t.f1:.2f}" for t in s.by_type))
    if result.ungrounded_quotes is not None:
        lines.append(f"ungrounded predicted quotes {result.ungrounded_quotes}")
    if result.misplaced_spans:
        lines.append(f"predicted quote spans that do not hold the quote {result.misplaced_spans}")
    if result.docs_not_in_gold:
        lines.append(f"predicted documents not in gold {result.docs_not_in_gold} (ignored)")
    return lines


__all__ = [
    "FIELDS",
    "PRF",
    "Agreement",
    "DocumentResult",
    "EvaluationResult",
    "FieldAccuracy",
    "GoldLine",
    "Miscoded",
    "PlaceFolder",
    "Scores",
    "TypeScore",
    "agreement",
    "evaluate",
    "evaluate_files",
    "fold_place",
    "format_details",
    "format_result",
    "max_weight_assignment",
    "pair",
    "quote_span",
    "quotes_overlap",
    "read_documents",
    "read_incident_lines",
    "run_pipeline",
]
