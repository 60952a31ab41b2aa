"""The dev corpus as a test: ingest eval/corpus/dev (16 real articles, 1988-2024), score it against its gold.

One store is enough for quality (the store contract tests cover the stores),
so this runs on the embedded store only. The floors sit about one meeting's
worth under what the pipeline reached when they were set (`pytest -s` prints
the score line); raise them as extraction improves. Adding a corpus (dev-a,
dev-b) is one more line in `CASES`; the blind split gets no test of floors
tuned to it.

When set (with `diplograph evaluate eval/corpus/dev --gold eval/gold/dev.json`):
meeting_f1 0.818, pair_f1 0.816, representation_f1 0.575, participant_f1 0.787,
person_f1 0.957, state_f1 0.936, date_acc 0.600, location_acc 0.360,
source_recall 0.720, affiliation_acc 0.706, no duplicates, no furniture actor.
"""
from __future__ import annotations

import pytest

from diplograph.evaluation import kit
from graph_schema.store import GraphStore
from tests.evaluation_cases import EvaluationCase, evaluate_case

CASES = [
    EvaluationCase(kit.DEV,
                   floors={"meeting_f1": 0.80, "pair_f1": 0.80, "representation_f1": 0.55, "participant_f1": 0.75,
                           "person_f1": 0.95, "state_f1": 0.90, "date_acc": 0.56, "location_acc": 0.32,
                           "source_recall": 0.68, "affiliation_acc": 0.65},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_dev_evaluation(case: EvaluationCase, embedded_store: GraphStore) -> None:
    evaluate_case(case, embedded_store)
