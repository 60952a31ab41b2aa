"""Our own samples as a quality test: ingest `samples/`, export, score against `samples/expected.json`.

The samples differ from the seeds on purpose (other countries, cities, years,
spellings, an HTML page, a JSON-lines record, two outlets reporting one
meeting, a conference, a mediator, two meetings in one article, an article
with no meeting). The floors below sit just under what the pipeline reaches (1.0 on every
figure when they were set), so a regression fails while one slip in a
single fact does not:

- meeting_f1 = 1.0, meeting_duplicates = 0, source_recall = 1.0: all seven
  meetings found, and the two reports of the Athens talks ("on Tuesday" /
  "yesterday", "Dimitris" / "Dimitrios") become one event with both sources.
- negatives_hit = 0: reader comments, teasers and the page's name never become actors.
- date_acc, location_acc >= 0.85: at most one of the seven meetings with a wrong date or place.
- person_f1, participant_f1, representation_f1, pair_f1, affiliation_acc >= 0.9,
  state_f1 >= 0.95: about one person, participant or state wrong at most.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graph_schema.store import GraphStore
from ingest.export import export_to_file
from ingest.pipeline import ingest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = SAMPLES / "expected.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FLOORS = {
    "min": {"meeting_f1": 1.0, "source_recall": 1.0, "date_acc": 0.85, "location_acc": 0.85,
            "person_f1": 0.9, "participant_f1": 0.9, "representation_f1": 0.9, "pair_f1": 0.9,
            "affiliation_acc": 0.9, "state_f1": 0.95},
    "max": {"meeting_duplicates": 0, "negatives_hit": 0},
}


def score(export: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCORER), str(export), "--gold", str(GOLD), *args],
                          capture_output=True, text=True, timeout=120)


def floor_args() -> list[str]:
    return [arg for bound, figures in FLOORS.items() for name, value in figures.items()
            for arg in (f"--{bound}", f"{name}={value}")]


def test_expected_answers_are_consistent(tmp_path: Path) -> None:
    """A graph that says exactly what expected.json says scores 1.0 everywhere; one that says nothing fails."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    manifest_ids = {json.loads(line)["id"] for line in (SAMPLES / "manifest.jsonl").read_text().splitlines()}
    actor_ids = {a["id"] for a in gold["actors"]}
    for meeting in gold["meetings"]:
        assert set(meeting["sources"]) <= manifest_ids, meeting["id"]
        for p in meeting["participants"]:
            assert p["actor"] in actor_ids and p.get("represents", p["actor"]) in actor_ids, p
    perfect = {
        "format": "diplomatic-graph/1",
        "actors": [{"id": f"a:{a['id']}", "name": a["names"][0], "aliases": a["names"][1:], "kind": a["kind"],
                    "country": a["country"], "titles": a.get("title_keywords") or []}
                   for a in gold["actors"] if not a.get("optional")],
        "locations": [{"id": f"l:{m['id']}", "name": m["location"]["city"][0]}
                      for m in gold["meetings"] if not m.get("optional")],
        "events": [{"id": f"e:{m['id']}", "type": "meeting", "date": m["date"], "location": f"l:{m['id']}",
                    "participants": [{"actor": f"a:{p['actor']}",
                                      "represents": f"a:{p['represents']}" if p.get("represents") else None}
                                     for p in m["participants"] if not p.get("optional")],
                    "sources": [{"article": s} for s in m["sources"]]}
                   for m in gold["meetings"] if not m.get("optional")],
    }
    (tmp_path / "perfect.json").write_text(json.dumps(perfect), encoding="utf-8")
    result = score(tmp_path / "perfect.json", "--json")
    figures = json.loads(result.stdout[: result.stdout.index("\nscore:")])  # the JSON, then the score line
    assert {k: v for k, v in figures.items() if not k.endswith(("duplicates", "spurious", "negatives_hit"))
            and v != 1.0} == {}
    (tmp_path / "empty.json").write_text(json.dumps({"format": "diplomatic-graph/1"}), encoding="utf-8")
    assert score(tmp_path / "empty.json", *floor_args()).returncode == 1


def test_sample_evaluation(store: GraphStore, tmp_path: Path) -> None:
    report = ingest([SAMPLES], store, progress=False)
    assert report.ok, (report.failures, report.errors)
    export = tmp_path / "samples.json"
    export_to_file(store, export)
    result = score(export, *floor_args())
    score_line = next(line for line in result.stdout.splitlines() if line.startswith("score:"))
    print(f"\n[{store.name}] {score_line}")
    assert result.returncode == 0, result.stdout + result.stderr
