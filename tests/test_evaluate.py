"""sillok.evaluate: the codebook's §5 scoring, checked against unit tables and the reference scorer."""

from __future__ import annotations

import csv
import importlib.util
import itertools
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sillok.cli import cli
from sillok.errors import InputError
from sillok.evaluate import (
    PRF,
    GoldLine,
    PlaceFolder,
    agreement,
    evaluate,
    evaluate_files,
    fold_place,
    format_result,
    max_weight_assignment,
    pair,
    quote_span,
    read_documents,
    read_incident_lines,
)
from sillok.models import DateRange, Document, Extraction, Incident, Location, Victims
from sillok.places import Gazetteer, Place

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SCORE_PY = SHARED / "tools" / "score.py"
SHARED_PLACES = SHARED / "data" / "places.csv"
D = DateRange.from_dict


def inc(type_: str = "arrest", quote: str = "", **kw: Any) -> Incident:
    return Incident(type=type_, quote=quote, **kw)


def small_gazetteer() -> Gazetteer:
    def place(pid: str, level: str, name: str, ko: str, aliases: tuple[str, ...], admin1: str | None) -> Place:
        return Place(pid, level, "KP", admin1, name, ko, aliases, None, None)

    return Gazetteer(
        [
            place("KP-10", "admin1", "Ryanggang", "양강도", ("Yanggang", "Ryanggang Province"), "Ryanggang"),
            place("KP-10.01", "admin2", "Hyesan", "혜산시", ("Hyesan City", "혜산"), "Ryanggang"),
            place("KP-10.02", "admin2", "Pochon County", "보천군", ("Pochon", "Poch'ŏn"), "Ryanggang"),
            # "Samsu" names two places: an ambiguous alias stays unfolded.
            place("KP-10.03", "admin2", "Samsu County", "삼수군", ("Samsu",), "Ryanggang"),
            place("KP-09.09", "admin2", "Samsu Town", None, ("Samsu",), "North Hamgyong"),
        ]
    )


# ---- place names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Pochon County", "pochon"),
        ("Poch'ŏn", "pochon"),
        ("P'YŎNGYANG", "pyongyang"),
        ("North Hamgyong Province", "northhamgyong"),
        ("Ryanggang do", "ryanggang"),
        ("Ryanggang-do", "ryanggangdo"),  # a hyphen joins: no suffix word to drop
        ("Sinuiju City", "sinuiju"),
        ("Hyesan si", "hyesan"),
        ("County", "county"),  # a suffix alone is kept
        ("Musan county district", "musan"),  # suffixes come off one after another
        ("...", None),
        ("혜산시", "혜산시"),  # Korean is folded (NFKD jamo), not stripped of 시
    ],
)
def test_fold_place(name: str, folded: str | None) -> None:
    import unicodedata

    expected = unicodedata.normalize("NFKD", folded) if folded else None
    assert fold_place(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Yanggang", "Ryanggang", True),
        ("양강도", "Ryanggang Province", True),
        ("혜산", "Hyesan", True),
        ("Poch'ŏn", "Pochon County", True),
        ("Pochon", "Hyesan", False),
        ("Samsu", "Samsu Town", False),  # a shared alias is folded to neither place
        ("Samsu", "Samsu County", True),  # ... but still compares folded ("county" drops)
        ("Nowhere", "nowhere county", True),  # unknown names compare folded
    ],
)
def test_place_folder_aliases(a: str, b: str, same: bool) -> None:
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    assert (places.norm(a) == places.norm(b)) is same


def test_place_folder_empty_names_are_none() -> None:
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    assert places.norm(None) is None
    assert places.norm("") is None


# ---- agreement, pairing rule ----------------------------------------------------------------------

TEXT = "Police arrested two men in Hyesan on May 3. The MSS questioned them. Ten others fled."
Q1 = "Police arrested two men in Hyesan on May 3."
Q2 = "The MSS questioned them."


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "exact", "overlap"),
    [
        (None, None, True, True),
        ({"start": "2020-05-03"}, None, False, False),
        ({"start": "2020-05-01", "end": "2020-05-10"}, {"start": "2020-05-03", "end": "2020-05-03"}, False, True),
        ({"start": "2020-05-01", "end": "2020-05-10"}, {"start": "2020-05-10", "end": "2020-05-31"}, False, True),
        ({"start": "2020-05-01", "end": "2020-05-10"}, {"start": "2020-05-11", "end": "2020-05-31"}, False, False),
        ({"start": "2020-05-03"}, {"start": "2020-05-03", "end": "2020-05-03"}, True, True),
    ],
)
def test_date_intervals(gold_date: Any, pred_date: Any, exact: bool, overlap: bool) -> None:
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    a = agreement(inc(date=D(gold_date)), inc(date=D(pred_date)), None, places)
    assert (a.date_exact, a.date_overlap) == (exact, overlap)


@pytest.mark.parametrize(
    ("pred", "eligible"),
    [
        # the quotes overlap: enough alone
        (inc(quote=Q1, perpetrator="mss"), True),
        # two of date, admin1, count, perpetrator
        (inc(quote=Q2, date=D({"start": "2020-05-03"}), victims=Victims(2)), True),
        (inc(quote=Q2, location=Location("KP", "Yanggang"), perpetrator="mps"), True),
        # only one of them
        (inc(quote=Q2, victims=Victims(2), perpetrator="mss"), False),
        # admin2 and reason do not count toward eligibility
        (inc(quote=Q2, location=Location("KP", None, "Hyesan"), reason="defection", perpetrator="mss"), False),
        # a quote that is not in the text overlaps nothing
        (inc(quote="Police arrested two women", victims=Victims(2)), False),
    ],
)
def test_pairing_rule(pred: Incident, eligible: bool) -> None:
    gold = inc(
        quote=Q1,
        date=D({"start": "2020-05-03"}),
        location=Location("KP", "Ryanggang", "Hyesan"),
        victims=Victims(2),
        perpetrator="mps",
        reason="defection",
    )
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    assert agreement(gold, pred, TEXT, places).eligible is eligible
    assert bool(pair([gold], [pred], TEXT, places)) is eligible


def test_pairing_needs_the_same_type() -> None:
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    assert pair([inc("arrest", Q1)], [inc("interrogation", Q1)], TEXT, places) == []


@pytest.mark.parametrize(
    ("incident", "span"),
    [
        (inc(quote=Q2), (44, 68)),
        (inc(quote="The MSS\u00a0questioned them."), (44, 68)),  # a no-break space counts as a space
        (inc(quote="not there"), None),
        (inc(quote=""), None),
        (inc(quote="anything", quote_start=3, quote_end=9), (3, 9)),  # a given span is taken as given
    ],
)
def test_quote_span(incident: Incident, span: tuple[int, int] | None) -> None:
    assert quote_span(incident, TEXT) == span


def test_quotes_without_text_need_a_long_common_run() -> None:
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    long_q = "Police arrested two men in Hyesan on May 3 while they crossed."
    assert agreement(inc(quote=long_q), inc(quote="x " + long_q[:35]), None, places).quote
    assert not agreement(inc(quote=long_q), inc(quote=long_q[:25] + " and others"), None, places).quote
    assert agreement(inc(quote=Q2), inc(quote=Q2), None, places).quote  # shorter than 30: the whole quote


# ---- the assignment -----------------------------------------------------------------------------


def brute_force_best(weights: list[list[int]]) -> int:
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][c] for i, c in enumerate(cols)) for cols in itertools.permutations(range(m), n))
    return max(sum(weights[r][j] for j, r in enumerate(rows)) for rows in itertools.permutations(range(n), m))


@pytest.mark.parametrize("seed", range(40))
def test_assignment_is_optimal_and_one_to_one(seed: int) -> None:
    rng = random.Random(seed)
    n, m = rng.randint(1, 6), rng.randint(1, 6)
    weights = [[rng.choice([0, 0, 4, 6, 7, 9, 11]) for _ in range(m)] for _ in range(n)]
    pairs = max_weight_assignment(weights)
    rows, cols = [r for r, _ in pairs], [c for _, c in pairs]
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)
    assert len(pairs) == min(n, m)
    assert sum(weights[r][c] for r, c in pairs) == brute_force_best(weights)


@pytest.mark.skipif(importlib.util.find_spec("scipy") is None, reason="scipy is not installed")
@pytest.mark.parametrize("seed", range(30))
def test_assignment_settles_ties_as_scipy_does(seed: int) -> None:
    """score.py pairs with scipy's linear_sum_assignment: among equal totals, the same pairs."""
    from scipy.optimize import linear_sum_assignment

    rng = random.Random(seed)
    n, m = rng.randint(1, 8), rng.randint(1, 8)
    weights = [[rng.choice([0, 0, 6, 6, 7, 8, 8]) for _ in range(m)] for _ in range(n)]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    assert max_weight_assignment(weights) == sorted(zip(rows.tolist(), cols.tolist(), strict=True))


def test_assignment_beats_greedy() -> None:
    # greedy takes the 10 and is left with 1; the best pairing is 9 + 9
    assert max_weight_assignment([[10, 9], [9, 1]]) == [(0, 1), (1, 0)]
    assert max_weight_assignment([]) == []


def test_pairing_maximizes_agreement_not_order() -> None:
    places = PlaceFolder.from_gazetteer(small_gazetteer())
    gold = [
        inc(quote=Q1, victims=Victims(2), perpetrator="mps"),
        inc(quote=Q1, victims=Victims(5), perpetrator="mss"),
    ]
    pred = [
        inc(quote=Q1, victims=Victims(5), perpetrator="mss"),
        inc(quote=Q1, victims=Victims(2), perpetrator="mps"),
    ]
    assert [(g, p) for g, p, _ in pair(gold, pred, TEXT, places)] == [(0, 1), (1, 0)]


# ---- figures --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tp", "n_pred", "n_gold", "expected"),
    [
        (0, 0, 0, (1.0, 1.0, 1.0)),
        (0, 0, 3, (0.0, 0.0, 0.0)),
        (0, 2, 0, (0.0, 1.0, 0.0)),
        (2, 3, 4, (0.6667, 0.5, 0.5714)),
        (1, 3, 3, (0.3333, 0.3333, 0.3333)),
    ],
)
def test_prf(tp: int, n_pred: int, n_gold: int, expected: tuple[float, float, float]) -> None:
    s = PRF.of(tp, n_pred, n_gold)
    assert (s.precision, s.recall, s.f1) == expected


def test_evaluate_small_case() -> None:
    doc = Document("d1", TEXT, language="en")
    gold_arrest = inc(
        quote=Q1, date=D({"start": "2020-05-03"}), location=Location("KP", "Ryanggang", "Hyesan"), victims=Victims(2)
    )
    gold_interrogation = inc("interrogation", Q2, perpetrator="mss")
    gold = [GoldLine("d1", (gold_arrest, gold_interrogation)), GoldLine("d2", (inc(quote="elsewhere"),))]
    pred = [
        Extraction(
            "d1",
            (
                # paired, with a wrong count and a finer date
                gold_arrest.with_(victims=Victims(3), date=D({"start": "2020-05-01", "end": "2020-05-10"})),
                # spurious, with a quote not in the text
                inc("escape", "Ten people fled."),
                # spurious, with a span that does not hold its quote
                inc("killing", "Ten others fled.", quote_start=0, quote_end=16),
            ),
        ),
        Extraction("d9", (inc(quote="not in gold"),)),
    ]
    result = evaluate(gold, pred, {"d1": doc}, small_gazetteer())
    s = result.overall
    assert (s.gold, s.pred, s.paired) == (3, 3, 1)
    assert s.incident == PRF(0.3333, 0.3333, 0.3333)
    assert s.record == PRF(0.0, 0.0, 0.0)  # the count disagrees
    assert (s.fields.date_exact, s.fields.date_overlap, s.fields.count, s.fields.admin2) == (0.0, 1.0, 0.0, 1.0)
    assert result.ungrounded_quotes == 1
    assert result.misplaced_spans == 1
    assert result.docs_not_in_gold == 1
    assert list(result.by_language) == ["?", "en"]  # d2 has no document
    by_doc = {d.doc_id: d for d in result.details}
    assert [i.type for i in by_doc["d1"].missed] == ["interrogation"]
    assert sorted(i.type for i in by_doc["d1"].spurious) == ["escape", "killing"]
    assert by_doc["d1"].miscoded[0].wrong == ("count",)
    assert [i.quote for i in by_doc["d2"].missed] == ["elsewhere"]
    lines = format_result(result, verbose=True)
    assert any(line.startswith("d1  missed    interrogation") for line in lines)
    assert any("wrong: count" in line for line in lines)
    assert "incident  P 0.333  R 0.333  F1 0.333" in lines


def test_without_documents_there_is_no_language_nor_grounding() -> None:
    gold = [GoldLine("d1", (inc(quote=Q1, victims=Victims(2), perpetrator="mps"),))]
    result = evaluate(gold, [GoldLine("d1", (inc(quote=Q1),))], None, small_gazetteer())
    assert result.ungrounded_quotes is None
    assert result.by_language == {}
    assert result.overall.paired == 1  # identical quotes agree without the text
    assert "by_language" not in result.to_dict()


def test_gold_keeps_its_last_line_and_pred_lines_add_up() -> None:
    gold = [GoldLine("d1", (inc(quote="a"),)), GoldLine("d1", (inc(quote=Q1), inc("abuse", Q2)))]
    pred = [GoldLine("d1", (inc(quote=Q1),)), GoldLine("d1", (inc("abuse", Q2),))]
    result = evaluate(gold, pred, {"d1": Document("d1", TEXT, language="en")}, small_gazetteer())
    assert (result.overall.gold, result.overall.pred, result.overall.paired) == (2, 2, 2)


# ---- files and the command ------------------------------------------------------------------------


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"doc_id": "d1", "incidents": []}\n{oops\n', "gold.jsonl:2: not valid JSON"),
        ('{"incidents": []}\n', "gold.jsonl:1: not a"),
        ('{"doc_id": "d1", "incidents": [{"type": "rumour", "quote": "x"}]}\n', "gold.jsonl:1: incident 1:"),
        ('{"doc_id": "d1", "incidents": {"type": "arrest"}}\n', "is not a list"),
    ],
)
def test_bad_incident_files_name_the_line_and_reason(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_incident_lines(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_documents(tmp_path / "nope.jsonl")


def test_cli_scores_a_pred_file(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [{"doc_id": "d1", "incidents": [inc(quote=Q1).to_dict()]}])
    pred = write_jsonl(tmp_path / "p.jsonl", [{"doc_id": "d1", "incidents": [inc(quote=Q1).to_dict()]}])
    docs = write_jsonl(tmp_path / "d.jsonl", [Document("d1", TEXT, language="en").to_dict()])
    runner = CliRunner()
    out = runner.invoke(cli, ["evaluate", str(gold), "--docs", str(docs), "--pred", str(pred), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["incident"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert data["by_language"]["en"]["paired"] == 1
    out = runner.invoke(cli, ["evaluate", str(gold), "--pred", str(pred)])
    assert out.exit_code == 0 and "incident  P 1.000  R 1.000  F1 1.000" in out.output


def test_cli_without_pred_needs_docs(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "g.jsonl", [{"doc_id": "d1", "incidents": []}])
    out = CliRunner().invoke(cli, ["evaluate", str(gold)])
    assert out.exit_code == 2
    assert "--docs" in out.output


def test_cli_reports_a_bad_file(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(gold)])
    assert out.exit_code == 2
    assert "g.jsonl:1: not valid JSON" in out.output


# ---- agreement with the reference scorer on the dev corpora ---------------------------------------


def perturb(gold_path: Path, docs: dict[str, Document], seed: int) -> list[dict[str, Any]]:
    """The gold with deterministic damage: dropped, re-coded, shifted, duplicated and shuffled incidents."""
    rng = random.Random(seed)
    out = []
    for line in map(json.loads, gold_path.read_text("utf-8").splitlines()):
        text = docs[line["doc_id"]].text
        incidents = []
        for item in line["incidents"]:
            if rng.random() < 0.1:
                continue  # missed
            item = json.loads(json.dumps(item))
            change = rng.randrange(9)
            if change == 0 and item["date"]:
                item["date"] = {"start": "2001-01-01", "end": "2001-01-02"}
            elif change == 1 and item["date"]:
                item["date"] = {"start": item["date"]["start"], "end": item["date"]["start"]}
            elif change == 2:
                item["location"] = None
            elif change == 3:
                item["victims"] = {"count": 99, "qualifier": "about"}
            elif change == 4:
                item["perpetrator"] = "state" if item["perpetrator"] != "state" else None
            elif change == 5:  # the quote shifted to start before the gold one
                start = max(0, text.find(item["quote"]) - 40)
                item["quote"] = text[start : start + 30]
            elif change == 6:
                item["quote"] = "a sentence that is not in the report"
            elif change == 7:
                item["reason"] = None
            incidents.append(item)
            if rng.random() < 0.1:  # spurious copy elsewhere in the text
                incidents.append({**item, "quote": text[:50]})
        if incidents and rng.random() < 0.2:
            incidents[0] = {**incidents[0], "location": {"country": "KP", "admin1": "Yanggang", "admin2": None}}
        rng.shuffle(incidents)
        out.append({"doc_id": line["doc_id"], "incidents": incidents})
    return out


def shared_gazetteer() -> Gazetteer:
    """The gazetteer score.py reads (the shared places.csv), so both fold names alike."""
    with SHARED_PLACES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return Gazetteer(
        Place(
            r["id"],
            r["level"],
            r["country"],
            r["admin1"] or None,
            r["name"],
            r["name_ko"] or None,
            tuple(a for a in (r["aliases"] or "").split("|") if a),
            None,
            None,
        )
        for r in rows
    )


@pytest.mark.skipif(not SCORE_PY.exists(), reason="the codebook's score.py (../shared) is not here")
@pytest.mark.skipif(
    importlib.util.find_spec("scipy") is None, reason="without scipy, score.py pairs greedily, not optimally"
)
@pytest.mark.parametrize(
    ("corpus", "seed", "with_docs"),
    [
        ("dev-en", 1, True),
        ("dev-en", 2, False),
        ("dev-ko", 3, True),
        ("dev-ko", 4, False),
        ("merge", 8, True),
        ("merge", 6, True),
    ],
)
def test_figures_equal_score_py(tmp_path: Path, corpus: str, seed: int, with_docs: bool) -> None:
    gold_path, docs_path = DATA / f"{corpus}.gold.jsonl", DATA / f"{corpus}.jsonl"
    docs = read_documents(docs_path)
    pred_path = write_jsonl(tmp_path / "pred.jsonl", perturb(gold_path, docs, seed))
    args = [sys.executable, str(SCORE_PY), str(gold_path), str(pred_path), "--json"]
    if with_docs:
        args += ["--docs", str(docs_path)]
    reference = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    ours = evaluate_files(gold_path, pred_path, docs_path if with_docs else None, gazetteer=shared_gazetteer())
    mine = ours.to_dict()
    assert mine.pop("documents") == len(docs)
    mine.pop("misplaced_spans")
    assert mine == reference
    assert 0 < reference["paired"] < reference["gold"]  # the perturbation left something to find
