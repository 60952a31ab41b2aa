"""Seed quality, in-process: read -> clean -> analyze -> extract -> resolve -> export -> score.

The same floors as the end-to-end seed evaluation, without a store or the
CLI, so extraction and resolution can be checked alone while they change.
`pytest -s` prints the scorer's last line.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph_schema.document import to_document
from graph_schema.integrity import graph_problems
from ingest.analyze import analyze_many, load_nlp
from ingest.extract import extract
from ingest.read import ArticleText, read_articles
from ingest.resolve import resolve

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SCORER = SHARED / "eval" / "score.py"
FLOORS = ["--min", "meeting_f1=1.0", "--max", "meeting_duplicates=0", "--max", "negatives_hit=0",
          "--min", "pair_f1=0.95", "--min", "representation_f1=0.95", "--min", "participant_f1=0.9",
          "--min", "person_f1=0.9", "--min", "state_f1=1.0", "--min", "date_acc=1.0",
          "--min", "location_acc=1.0", "--min", "source_recall=1.0", "--min", "affiliation_acc=0.9"]

pytestmark = pytest.mark.slow


def test_seed_quality(tmp_path: Path) -> None:
    articles = [a for a in read_articles([SEEDS]) if isinstance(a, ArticleText)]
    assert len(articles) == 5
    extractions = [extract(d) for d in analyze_many(articles, load_nlp())]
    graph = resolve(extractions)
    assert graph_problems(graph) == []  # every reference resolves: a store would take it
    export = tmp_path / "seeds.json"
    export.write_text(json.dumps(to_document(graph)), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), str(export), *FLOORS], capture_output=True, text=True,
                            timeout=120, check=False)
    print("\n" + next(line for line in result.stdout.splitlines() if line.startswith("score:")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_resolution_ignores_ingest_order(tmp_path: Path) -> None:
    articles = [a for a in read_articles([SEEDS]) if isinstance(a, ArticleText)]
    extractions = [extract(d) for d in analyze_many(articles, load_nlp())]
    forward = to_document(resolve(extractions))
    backward = to_document(resolve(list(reversed(extractions))))
    assert forward == backward
