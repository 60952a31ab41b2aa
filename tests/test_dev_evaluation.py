"""The dev corpora as tests: ingest each, score it against its gold, hold it at its floors.

One store is enough for quality (the store contract tests cover the stores),
so this runs on the embedded store only. The floors sit about one meeting's
worth under what the pipeline reached when they were set (`pytest -s` prints
the score lines); raise them as extraction improves. The blind split gets no
test of floors tuned to it: it is scored by `diplograph evaluate` and only its
totals are read (docs/extraction.md).

When set (at 4bc2024, `diplograph evaluate eval/corpus/NAME --gold eval/gold/NAME.json`):

| corpus | meeting | pair | repr. | particip. | person | state | date | place | sources | affil. |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| dev | 0.960 | 0.962 | 0.926 | 0.980 | 0.989 | 0.958 | 0.920 | 0.960 | 0.960 | 0.865 |
| dev-a | 0.938 | 1.000 | 0.820 | 0.919 | 0.886 | 0.963 | 0.882 | 0.706 | 0.833 | 0.742 |
| dev-b | 0.968 | 0.935 | 0.904 | 0.935 | 0.943 | 0.931 | 0.906 | 0.906 | 0.938 | 0.638 |

and on every one no duplicate meeting and no furniture actor.
"""
from __future__ import annotations

import pytest

from diplograph.evaluation import kit
from graph_schema.store import GraphStore
from tests.evaluation_cases import EvaluationCase, evaluate_case

CASES = [
    EvaluationCase(kit.DEV,
                   floors={"meeting_f1": 0.92, "pair_f1": 0.93, "representation_f1": 0.89, "participant_f1": 0.95,
                           "person_f1": 0.97, "state_f1": 0.93, "date_acc": 0.88, "location_acc": 0.92,
                           "source_recall": 0.92, "affiliation_acc": 0.84},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
    EvaluationCase(kit.DEV_A,
                   floors={"meeting_f1": 0.90, "pair_f1": 0.95, "representation_f1": 0.78, "participant_f1": 0.88,
                           "person_f1": 0.85, "state_f1": 0.94, "date_acc": 0.82, "location_acc": 0.64,
                           "source_recall": 0.77, "affiliation_acc": 0.70},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
    EvaluationCase(kit.DEV_B,
                   floors={"meeting_f1": 0.94, "pair_f1": 0.90, "representation_f1": 0.87, "participant_f1": 0.90,
                           "person_f1": 0.91, "state_f1": 0.90, "date_acc": 0.87, "location_acc": 0.87,
                           "source_recall": 0.90, "affiliation_acc": 0.60},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_dev_evaluation(case: EvaluationCase, embedded_store: GraphStore) -> None:
    evaluate_case(case, embedded_store)
