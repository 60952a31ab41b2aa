"""The seed evaluation as a test: ingest eval/corpus/seeds, export, score against eval/gold/seeds.json.

Runs once per store. The floors (`tests/evaluation_cases.py`) are the
project's acceptance bar for the seeds; the score line is printed (`pytest -s`).
"""
from __future__ import annotations

import pytest

from graph_schema.store import GraphStore
from tests.evaluation_cases import SEEDS_CASE, EvaluationCase, evaluate_case


@pytest.mark.parametrize("case", [SEEDS_CASE], ids=lambda case: case.name)
def test_seed_evaluation(case: EvaluationCase, store: GraphStore) -> None:
    evaluate_case(case, store)
