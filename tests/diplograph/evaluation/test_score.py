"""The project's scorer agrees with eval/reference/score.py to 0.001 on every figure.

On the pipeline's real export of every corpus with a gold file (seeds, dev,
samples, and any other eval/gold/*.json whose corpus folder is present), and on
the same exports spoilt in the ways that move the figures (a meeting dropped, a
wrong date, a wrong representation, a duplicate event, a negative as an actor,
and random mixes of these), so that any rule the two apply differently shows.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import random
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from diplograph.evaluation import kit
from diplograph.evaluation.exported import read_export
from diplograph.evaluation.gold import load_gold
from diplograph.evaluation.run import run_pipeline
from diplograph.evaluation.score import FIGURES, Tally, score_export

TOLERANCE = 0.001
Document = dict[str, Any]
SETS = kit.present_sets()


def load_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", kit.REFERENCE_SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFERENCE = load_reference()


@pytest.fixture(scope="module")
def exports() -> dict[str, Document]:
    """The pipeline's export of each corpus (ingested once per module)."""
    return {s.name: run_pipeline([s.corpus]).document for s in SETS}


def reference_figures(document: Document, gold: Document) -> dict[str, float]:
    return REFERENCE.score(document, REFERENCE.Gold(gold))


def project_figures(document: Document, evaluation: kit.EvaluationSet) -> dict[str, float]:
    return score_export(read_export(document), load_gold([evaluation.gold])).as_dict()


def disagreements(document: Document, evaluation: kit.EvaluationSet) -> dict[str, tuple[float, float]]:
    gold = json.loads(evaluation.gold.read_text(encoding="utf-8"))
    theirs, ours = reference_figures(document, gold), project_figures(document, evaluation)
    assert set(theirs) == set(ours) == set(FIGURES)
    return {k: (theirs[k], ours[k]) for k in theirs if abs(theirs[k] - ours[k]) > TOLERANCE}


# --- ways to spoil an export -----------------------------------------------------------------------


def meetings(document: Document) -> list[Document]:
    return [e for e in document["events"] if e.get("type") == "meeting" or str(e.get("cameo") or "").startswith("04")]


def any_meeting(document: Document, rng: random.Random) -> Document:
    """One of the export's meetings; a new empty one when an earlier spoiling dropped them all."""
    found = meetings(document)
    if found:
        return rng.choice(found)
    document["events"].append({"id": "e:new", "type": "meeting", "participants": [], "sources": []})
    return document["events"][-1]


def drop_meeting(document: Document, rng: random.Random, gold: Document) -> None:
    document["events"].remove(any_meeting(document, rng))


def wrong_date(document: Document, rng: random.Random, gold: Document) -> None:
    any_meeting(document, rng)["date"] = rng.choice([None, "1901-01-01", "2018-11-17"])


def wrong_represents(document: Document, rng: random.Random, gold: Document) -> None:
    states = [a["id"] for a in document["actors"] if a.get("kind") == "state"]
    people = [p for e in meetings(document) for p in e["participants"]]
    for participant in rng.sample(people, min(3, len(people))):
        participant["represents"] = rng.choice([*states, None, "a:nowhere"])


def duplicate_event(document: Document, rng: random.Random, gold: Document) -> None:
    twin = copy.deepcopy(any_meeting(document, rng))
    twin["id"] += "-twin"
    twin["participants"] = twin["participants"][: max(2, len(twin["participants"]) - 1)]
    document["events"].append(twin)


def negative_as_actor(document: Document, rng: random.Random, gold: Document) -> None:
    name = rng.choice(gold.get("negatives") or ["Nobody In Particular"])
    document["actors"].append({"id": "a:furniture", "name": name, "kind": "person", "aliases": []})
    any_meeting(document, rng)["participants"].append({"actor": "a:furniture", "represents": None})


def move_place(document: Document, rng: random.Random, gold: Document) -> None:
    places = [loc["id"] for loc in document["locations"]]
    any_meeting(document, rng)["location"] = rng.choice([*places, None])


def drop_participant(document: Document, rng: random.Random, gold: Document) -> None:
    event = any_meeting(document, rng)
    if event["participants"]:
        event["participants"].pop(rng.randrange(len(event["participants"])))


def rename_actor(document: Document, rng: random.Random, gold: Document) -> None:
    actor = rng.choice(document["actors"])
    actor["aliases"] = []
    actor["kind"] = rng.choice(["person", "state", "country", "organization", None])


def date_on_a_range_bound(document: Document, rng: random.Random, gold: Document) -> None:
    bounds = [day for m in gold.get("meetings", []) for day in m.get("date_range") or []] or ["2018-11-17"]
    any_meeting(document, rng)["date"] = rng.choice(bounds)


def possessive_name(document: Document, rng: random.Random, gold: Document) -> None:
    actor = rng.choice(document["actors"])
    actor["name"] = actor.get("name", "") + rng.choice(["'s", "\u2019s", "-", " (AP)"])


Perturbation = Callable[[Document, random.Random, Document], None]
NAMED: dict[str, Perturbation] = {f.__name__: f for f in (drop_meeting, wrong_date, wrong_represents,
                                                           duplicate_event, negative_as_actor)}
ALL: list[Perturbation] = [*NAMED.values(), move_place, drop_participant, rename_actor, date_on_a_range_bound,
                           possessive_name]


def spoilt(document: Document, gold: Document, perturbations: list[Perturbation], seed: int) -> Document:
    rng, result = random.Random(seed), copy.deepcopy(document)
    for perturb in perturbations:
        perturb(result, rng, gold)
    return result


# --- the agreement -------------------------------------------------------------------------------------


def test_every_corpus_with_gold_is_compared() -> None:
    assert {"seeds", "dev", "samples"} <= {s.name for s in SETS}


@pytest.mark.parametrize("evaluation", SETS, ids=lambda s: s.name)
def test_agrees_on_the_pipeline_export(evaluation: kit.EvaluationSet, exports: dict[str, Document]) -> None:
    document = exports[evaluation.name]
    assert meetings(document), "the pipeline found no meeting: nothing would be compared"
    assert disagreements(document, evaluation) == {}


@pytest.mark.parametrize("evaluation", SETS, ids=lambda s: s.name)
@pytest.mark.parametrize("name", NAMED)
def test_agrees_on_a_spoilt_export(name: str, evaluation: kit.EvaluationSet, exports: dict[str, Document]) -> None:
    gold = json.loads(evaluation.gold.read_text(encoding="utf-8"))
    for seed in range(5):
        document = spoilt(exports[evaluation.name], gold, [NAMED[name]], seed)
        assert disagreements(document, evaluation) == {}, f"seed {seed}"


@pytest.mark.parametrize("name", NAMED)
def test_each_spoiling_moves_the_figures(name: str, exports: dict[str, Document]) -> None:
    """Otherwise agreeing on spoilt exports would prove nothing."""
    gold = json.loads(kit.DEV.gold.read_text(encoding="utf-8"))
    clean = reference_figures(exports["dev"], gold)
    assert any(reference_figures(spoilt(exports["dev"], gold, [NAMED[name]], seed), gold) != clean
               for seed in range(5))


@pytest.mark.parametrize("evaluation", SETS, ids=lambda s: s.name)
def test_agrees_on_random_mixes_of_spoilings(evaluation: kit.EvaluationSet, exports: dict[str, Document]) -> None:
    gold = json.loads(evaluation.gold.read_text(encoding="utf-8"))
    for seed in range(30):
        rng = random.Random(seed)
        document = spoilt(exports[evaluation.name], gold, rng.choices(ALL, k=rng.randint(1, 6)), seed)
        assert disagreements(document, evaluation) == {}, f"seed {seed}"


def oracle(gold: Document, undated: Callable[[list[str]], str | None] = lambda _: None) -> Document:
    """The export a perfect pipeline would give, every optional entry included; `undated` dates the meetings
    whose text gives no day, from their `date_range`."""
    countries = {a["id"]: a.get("country") for a in gold["actors"]}
    return {
        "format": "diplomatic-graph/1",
        "actors": [{"id": f"a:{a['id']}", "name": a["names"][0], "aliases": a["names"][1:], "kind": a["kind"],
                    "country": a.get("country"), "titles": a.get("title_keywords") or []} for a in gold["actors"]],
        "locations": [{"id": f"l:{m['id']}", "name": ((m.get("location") or {}).get("city") or ["somewhere"])[0],
                       "country": (m.get("location") or {}).get("country")} for m in gold["meetings"]],
        "events": [{"id": f"e:{m['id']}", "type": "meeting", "location": f"l:{m['id']}",
                    "date": m.get("date") or (undated(m["date_range"]) if m.get("date_range") else None),
                    "participants": [{"actor": f"a:{p['actor']}", "represents": f"a:{p['represents']}"
                                      if p.get("represents") in countries else None} for p in m["participants"]],
                    "sources": [{"article": a, "quote": ""} for a in m.get("sources", [])]}
                   for m in gold["meetings"]],
    }


@pytest.mark.parametrize("evaluation", SETS, ids=lambda s: s.name)
@pytest.mark.parametrize("undated", [lambda r: None, lambda r: r[0], lambda r: r[1], lambda r: r[0][:8] + "01"],
                         ids=["no-date", "first-day", "last-day", "month-start"])
def test_agrees_on_a_perfect_export(evaluation: kit.EvaluationSet, undated: Callable[[list[str]], str]) -> None:
    gold = json.loads(evaluation.gold.read_text(encoding="utf-8"))
    assert disagreements(oracle(gold, undated), evaluation) == {}
    for seed in range(10):
        rng = random.Random(seed)
        document = spoilt(oracle(gold, undated), gold, rng.choices(ALL, k=rng.randint(1, 4)), seed)
        assert disagreements(document, evaluation) == {}, f"seed {seed}"


def test_agrees_on_an_empty_export() -> None:
    assert disagreements({"format": "diplomatic-graph/1"}, kit.SEEDS) == {}


def test_tally_rates() -> None:
    assert Tally(tp=3, fp=1, fn=2).rates() == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert Tally().rates() == (1.0, 1.0, 1.0)  # nothing to find, nothing claimed
    assert Tally(fn=2).rates() == (0.0, 0.0, 0.0)  # nothing claimed, something missed
