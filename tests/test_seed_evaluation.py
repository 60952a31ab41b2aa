"""The seed evaluation as a test: ingest ../shared/corpus/seeds, export, score against the gold.

Runs once per store. The floors are the project's acceptance bar for the
seeds; the score line is printed (`pytest -s` shows it).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph_schema.store import GraphStore
from ingest.export import export_to_file
from ingest.pipeline import ingest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SCORER = SHARED / "eval" / "score.py"
FLOORS = ["--min", "meeting_f1=1.0", "--max", "meeting_duplicates=0", "--max", "negatives_hit=0",
          "--min", "pair_f1=0.95", "--min", "representation_f1=0.95", "--min", "participant_f1=0.9",
          "--min", "person_f1=0.9", "--min", "state_f1=1.0", "--min", "date_acc=1.0",
          "--min", "location_acc=1.0", "--min", "source_recall=1.0", "--min", "affiliation_acc=0.9"]


def score(export: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCORER), str(export), *args], capture_output=True, text=True,
                          timeout=120)


def test_seed_evaluation(store: GraphStore, tmp_path: Path) -> None:
    report = ingest([SEEDS], store, progress=False)
    assert report.ok, (report.failures, report.errors)
    export = tmp_path / "seeds.json"
    export_to_file(store, export)
    result = score(export, *FLOORS)
    score_line = next(line for line in result.stdout.splitlines() if line.startswith("score:"))
    print(f"\n[{store.name}] {score_line}")
    assert result.returncode == 0, result.stdout + result.stderr
