"""The dev corpora as tests: ingest each, score it against its gold, hold it at its floors.

One store is enough for quality (the store contract tests cover the stores),
so this runs on the embedded store only. The floors sit about one meeting's
worth under what the pipeline reached when they were set (`pytest -s` prints
the score lines); raise them as extraction improves. The blind split gets no
test of floors tuned to it: it is scored by `diplograph evaluate` and only its
totals are read (docs/extraction.md).

When set (`diplograph evaluate eval/corpus/NAME --gold eval/gold/NAME.json`):

| corpus | meeting | pair | repr. | particip. | person | state | date | place | sources | affil. |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| dev | 0.889 | 0.880 | 0.723 | 0.870 | 0.979 | 0.936 | 0.680 | 0.600 | 0.800 | 0.750 |
| dev-a | 0.800 | 0.629 | 0.691 | 0.697 | 0.874 | 0.963 | 0.353 | 0.412 | 0.611 | 0.767 |
| dev-b | 0.720 | 0.712 | 0.530 | 0.667 | 0.933 | 0.889 | 0.375 | 0.312 | 0.562 | 0.526 |

and on every one no duplicate meeting and no furniture actor.
"""
from __future__ import annotations

import pytest

from diplograph.evaluation import kit
from graph_schema.store import GraphStore
from tests.evaluation_cases import EvaluationCase, evaluate_case

CASES = [
    EvaluationCase(kit.DEV,
                   floors={"meeting_f1": 0.86, "pair_f1": 0.85, "representation_f1": 0.70, "participant_f1": 0.84,
                           "person_f1": 0.95, "state_f1": 0.91, "date_acc": 0.64, "location_acc": 0.56,
                           "source_recall": 0.76, "affiliation_acc": 0.70},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
    EvaluationCase(kit.DEV_A,
                   floors={"meeting_f1": 0.76, "pair_f1": 0.59, "representation_f1": 0.65, "participant_f1": 0.66,
                           "person_f1": 0.85, "state_f1": 0.94, "date_acc": 0.29, "location_acc": 0.35,
                           "source_recall": 0.55, "affiliation_acc": 0.72},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
    EvaluationCase(kit.DEV_B,
                   floors={"meeting_f1": 0.66, "pair_f1": 0.64, "representation_f1": 0.48, "participant_f1": 0.66,
                           "person_f1": 0.90, "state_f1": 0.84, "date_acc": 0.34, "location_acc": 0.28,
                           "source_recall": 0.53, "affiliation_acc": 0.49},
                   ceilings={"meeting_duplicates": 0, "negatives_hit": 0}),
]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_dev_evaluation(case: EvaluationCase, embedded_store: GraphStore) -> None:
    evaluate_case(case, embedded_store)
