"""Evaluation corpora as tests: a corpus, its gold and the floors it must stay above.

Each test module keeps a list of `EvaluationCase`s, so adding a corpus is one
line. The floors sit just under what the pipeline reaches, so a regression
fails while the score line (`pytest -s` prints it) shows how far above them
the pipeline is.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from diplograph.evaluation import kit
from diplograph.evaluation.bounds import bounds_from, breaches
from diplograph.evaluation.exported import read_export
from diplograph.evaluation.gold import load_gold
from diplograph.evaluation.score import Scores, score_export
from graph_schema.store import GraphStore
from ingest.export import export_document
from ingest.pipeline import ingest


@dataclass(frozen=True)
class EvaluationCase:
    evaluation: kit.EvaluationSet
    floors: Mapping[str, float]  # figure -> minimum
    ceilings: Mapping[str, float] = field(default_factory=dict)  # figure -> maximum

    @property
    def name(self) -> str:
        return self.evaluation.name


def evaluate_case(case: EvaluationCase, store: GraphStore) -> Scores:
    """Ingest the case's corpus into `store`, export, score; fail naming every figure out of bounds."""
    report = ingest([case.evaluation.corpus], store, progress=False)
    assert report.ok, (report.failures, report.errors)
    scores = score_export(read_export(export_document(store)), load_gold([case.evaluation.gold]))
    print(f"\n[{store.name}] {case.name} {scores.headline()}")
    assert_within_bounds(case, scores)
    return scores


def assert_within_bounds(case: EvaluationCase, scores: Scores) -> None:
    out_of_bounds = breaches(bounds_from(case.floors, case.ceilings), scores)
    assert out_of_bounds == [], f"{case.name}: {out_of_bounds}"


SEEDS_CASE = EvaluationCase(
    kit.SEEDS,
    floors={"meeting_f1": 1.0, "pair_f1": 0.95, "representation_f1": 0.95, "participant_f1": 0.9,
            "person_f1": 0.9, "state_f1": 1.0, "date_acc": 1.0, "location_acc": 1.0, "source_recall": 1.0,
            "affiliation_acc": 0.9},
    ceilings={"meeting_duplicates": 0, "negatives_hit": 0})
