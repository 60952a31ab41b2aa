"""Seed quality, in-process: read -> clean -> analyze -> extract -> resolve -> export -> score.

The same floors as the end-to-end seed evaluation, without a store or the
CLI, so extraction and resolution can be checked alone while they change.
`pytest -s` prints the scorer's last line.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.evaluation import kit
from diplograph.evaluation.exported import read_export
from diplograph.evaluation.gold import load_gold
from diplograph.evaluation.score import score_export
from graph_schema.document import to_document
from graph_schema.integrity import graph_problems
from ingest.analyze import analyze_many, load_nlp
from ingest.extract import extract
from ingest.read import ArticleText, read_articles
from ingest.resolve import resolve
from tests.evaluation_cases import SEEDS_CASE, assert_within_bounds

SEEDS = kit.SEEDS.corpus

pytestmark = pytest.mark.slow


def test_seed_quality() -> None:
    articles = [a for a in read_articles([SEEDS]) if isinstance(a, ArticleText)]
    assert len(articles) == 5
    extractions = [extract(d) for d in analyze_many(articles, load_nlp())]
    graph = resolve(extractions)
    assert graph_problems(graph) == []  # every reference resolves: a store would take it
    scores = score_export(read_export(to_document(graph)), load_gold([kit.SEEDS.gold]))
    print("\n" + scores.headline())
    assert_within_bounds(SEEDS_CASE, scores)


def test_resolution_ignores_ingest_order(tmp_path: Path) -> None:
    articles = [a for a in read_articles([SEEDS]) if isinstance(a, ArticleText)]
    extractions = [extract(d) for d in analyze_many(articles, load_nlp())]
    forward = to_document(resolve(extractions))
    backward = to_document(resolve(list(reversed(extractions))))
    assert forward == backward
