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

from diplograph.evaluation import kit
from diplograph.evaluation.bounds import bounds_from, breaches
from diplograph.evaluation.exported import read_export
from diplograph.evaluation.gold import load_gold
from diplograph.evaluation.score import score_export
from graph_schema.store import GraphStore
from tests.evaluation_cases import EvaluationCase, evaluate_case

SAMPLES = kit.SAMPLES
SAMPLES_CASE = EvaluationCase(
    SAMPLES,
    floors={"meeting_f1": 1.0, "source_recall": 1.0, "date_acc": 0.85, "location_acc": 0.85, "person_f1": 0.9,
            "participant_f1": 0.9, "representation_f1": 0.9, "pair_f1": 0.9, "affiliation_acc": 0.9,
            "state_f1": 0.95},
    ceilings={"meeting_duplicates": 0, "negatives_hit": 0})


def test_expected_answers_are_consistent() -> None:
    """A graph that says exactly what expected.json says scores 1.0 everywhere; one that says nothing fails."""
    gold = json.loads(SAMPLES.gold.read_text(encoding="utf-8"))
    manifest_ids = {json.loads(line)["id"] for line in (SAMPLES.corpus / "manifest.jsonl").read_text().splitlines()}
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
    answers = load_gold([SAMPLES.gold])
    figures = score_export(read_export(perfect), answers).as_dict()
    assert {k: v for k, v in figures.items() if not k.endswith(("duplicates", "spurious", "negatives_hit"))
            and v != 1.0} == {}
    empty = score_export(read_export({"format": "diplomatic-graph/1"}), answers)
    assert breaches(bounds_from(SAMPLES_CASE.floors, SAMPLES_CASE.ceilings), empty) != []


def test_sample_evaluation(store: GraphStore) -> None:
    evaluate_case(SAMPLES_CASE, store)
