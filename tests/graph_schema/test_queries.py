"""The saved Browser queries, run from Python against the real Neo4j.

First on the hand-built sample graph, where every answer is known exactly;
then on the seed articles ingested by the pipeline, checked against the gold
answers in eval/gold/seeds.json.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from diplograph.evaluation import kit
from graph_schema.queries import UnknownQuery, load_query, query_names, run_query
from graph_schema.store import GraphStore
from tests.fixtures.sample_graph import (
    ART1,
    ART2,
    GENEVA_MEETING,
    GENEVA_STATEMENT,
    JEAN,
    PARIS_MEETING,
    PARIS_TALKS,
)

NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
SEEDS = kit.SEEDS.corpus
GOLD = kit.SEEDS.gold

EXPECTED_QUERIES = ["conflicting_claims", "event_sources", "meetings_at_place", "person_timeline",
                    "representatives_of_state", "who_met_whom"]


@pytest.fixture
def session(neo4j_store: GraphStore) -> Iterator[Any]:
    """A plain driver session on the (wiped) database the store writes to, as a user would run Cypher."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(NEO4J_URI, auth=_auth())
    with driver.session(database=os.environ.get("NEO4J_DATABASE", "neo4j")) as s:
        yield s
    driver.close()


def _auth() -> tuple[str, str] | None:
    password = os.environ.get("NEO4J_PASSWORD", "")
    return (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None


def rows(result: list[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[c] for c in columns) for row in result]


# --- the files themselves ----------------------------------------------------------------------


def test_every_question_has_a_query() -> None:
    assert query_names() == EXPECTED_QUERIES


@pytest.mark.parametrize("name", EXPECTED_QUERIES)
def test_header_says_what_it_answers_and_names_its_params(name: str) -> None:
    query = load_query(name)
    assert query.cypher.startswith("// ")
    assert len(query.summary) > 60
    documented = re.search(r"Params:(.*)", query.summary)
    assert documented, f"{name}: no 'Params:' line in the header"
    assert sorted(set(re.findall(r"\$(\w+)", documented.group(1)))) == list(query.params)
    if not query.params:
        assert documented.group(1).strip().startswith("none")


def test_unknown_query_and_wrong_params_are_refused() -> None:
    with pytest.raises(UnknownQuery, match="who_met_whom"):
        load_query("who_met_who")
    with pytest.raises(ValueError, match=r"missing \['state'\], unknown \['country'\]"):
        load_query("representatives_of_state").check_params({"country": "IRN"})


# --- on the sample graph -----------------------------------------------------------------------


@pytest.fixture
def sample_db(neo4j_store: GraphStore, sample_graph: Any, session: Any) -> Any:
    neo4j_store.replace_graph(sample_graph)
    return session


def test_who_met_whom_on_the_sample(sample_db: Any) -> None:
    result = run_query(sample_db, "who_met_whom")
    assert rows(result, "date", "place", "actor", "on_behalf_of", "met_with", "met_on_behalf_of", "meeting") == [
        ("2024-02-20", "Geneva", "Jane Doe", None, "United Nations", None, GENEVA_MEETING),
        ("2024-03-04", "Élysée Palace", "Jane Doe", "United States", "Jean Dupont", "France", PARIS_MEETING),
        ("2024-03-05", "Paris", "Jane Doe", "United States", "Jean Dupont", "France", PARIS_TALKS),
        ("2024-03-05", "Paris", "Élodie Martin", None, "Jane Doe", "United States", PARIS_TALKS),
        ("2024-03-05", "Paris", "Élodie Martin", None, "Jean Dupont", "France", PARIS_TALKS),
    ]
    # the graph columns carry the meeting and both people, for Browser to draw
    met = result[1]["met"]
    assert [step for step in met if isinstance(step, dict)][1]["type"] == "meeting"


@pytest.mark.parametrize(("place", "expected"), [
    ("France", [(PARIS_MEETING, "Élysée Palace", ["Jane Doe", "Jean Dupont"]),
                (PARIS_TALKS, "Paris", ["Jane Doe", "Jean Dupont", "Élodie Martin"])]),
    ("l:paris", [(PARIS_MEETING, "Élysée Palace", ["Jane Doe", "Jean Dupont"]),
                 (PARIS_TALKS, "Paris", ["Jane Doe", "Jean Dupont", "Élodie Martin"])]),
    ("ELYSEE", [(PARIS_MEETING, "Élysée Palace", ["Jane Doe", "Jean Dupont"])]),  # an alias, any case
    ("switzerland", [(GENEVA_MEETING, "Geneva", ["Jane Doe", "United Nations"])]),  # the statement is no meeting
    ("Atlantis", []),
])
def test_meetings_at_a_place_include_everything_within_it(sample_db: Any, place: str, expected: list) -> None:
    result = run_query(sample_db, "meetings_at_place", place=place)
    assert rows(result, "meeting", "located_in", "participants") == expected


@pytest.mark.parametrize("state", ["FRA", "fra", "a:fra", "France", "French Republic"])
def test_who_represented_a_state(sample_db: Any, state: str) -> None:
    result = run_query(sample_db, "representatives_of_state", state=state)
    assert rows(result, "person", "on_behalf_of", "event", "date", "place", "event_id") == [
        ("Jean Dupont", "France", "meeting", "2024-03-04", "Élysée Palace", PARIS_MEETING),
        ("Jean Dupont", "France", "consultation", "2024-03-05", "Paris", PARIS_TALKS),
    ]


def test_an_organisation_or_unknown_name_represented_by_nobody(sample_db: Any) -> None:
    assert run_query(sample_db, "representatives_of_state", state="United Nations") == []
    assert run_query(sample_db, "representatives_of_state", state="XXX") == []


def test_sources_and_quotes_behind_an_event(sample_db: Any) -> None:
    result = run_query(sample_db, "event_sources", event=PARIS_MEETING)
    assert rows(result, "article", "outlet", "published", "start", "end", "quote") == [
        (ART1, "Example Wire", "2024-03-05", 0, 31, "Secretary of State Jane Doe met"),
        (ART1, "Example Wire", "2024-03-05", 200, 220, "at the Elysee Palace"),
        (ART2, "Sample Times", "2024-03-06", 0, 29, "Doe and Dupont met on Monday."),
    ]
    assert run_query(sample_db, "event_sources", event="e:no-such-event") == []


def test_a_persons_timeline_runs_in_date_order_undated_last(sample_db: Any) -> None:
    result = run_query(sample_db, "person_timeline", person="dupont")  # an alias
    assert rows(result, "date", "event", "role", "on_behalf_of", "place", "event_id") == [
        ("2024-03-04", "meeting", "host", "France", "Élysée Palace", PARIS_MEETING),
        ("2024-03-05", "consultation", "participant", "France", "Paris", PARIS_TALKS),
        (None, "statement", "participant", None, "Geneva", GENEVA_STATEMENT),
    ]
    by_id = run_query(sample_db, "person_timeline", person="a:jane-doe")
    assert rows(by_id, "event_id", "on_behalf_of") == [
        (GENEVA_MEETING, None), (PARIS_MEETING, "United States"), (PARIS_TALKS, "United States")]


def test_conflicting_claims(sample_db: Any) -> None:
    result = run_query(sample_db, "conflicting_claims")
    assert rows(result, "subject", "about_what", "field", "kept", "other", "articles", "quotes") == [
        (JEAN, "Jean Dupont", "title", "Foreign Minister", "Prime Minister", [ART2], ["Prime Minister Dupont"]),
        (PARIS_MEETING, "meeting 2024-03-04", "date", "2024-03-04", "2024-03-03", [ART2], ["on Sunday"]),
    ]


# --- on the seed articles, ingested by the pipeline ---------------------------------------------


def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def names_of(gold_id: str) -> set[str]:
    actor = next(a for a in gold()["actors"] if a["id"] == gold_id)
    return {n.casefold() for n in actor["names"]}


def is_(name: str | None, gold_id: str) -> bool:
    return name is not None and name.casefold() in names_of(gold_id)


@pytest.fixture(scope="class")
def seed_db(neo4j_reachable: None) -> Iterator[tuple[Any, Any]]:
    """The seed articles ingested once into a wiped Neo4j; yields (session, resolved graph)."""
    from neo4j import GraphDatabase

    from graph_schema.stores.neo4j import Neo4jStore
    from ingest.pipeline import ingest

    store = Neo4jStore(uri=NEO4J_URI, user=os.environ.get("NEO4J_USER", "neo4j"),
                       password=os.environ.get("NEO4J_PASSWORD", ""),
                       database=os.environ.get("NEO4J_DATABASE", "neo4j"), query_timeout_s=60)
    store.wipe()
    report = ingest([SEEDS], store, progress=False)
    assert report.ok, report.errors or report.failures
    graph = store.read_graph()
    store.close()
    driver = GraphDatabase.driver(NEO4J_URI, auth=_auth())
    with driver.session(database=os.environ.get("NEO4J_DATABASE", "neo4j")) as s:
        yield s, graph
    driver.close()


@pytest.mark.neo4j
@pytest.mark.slow
class TestSeedGraph:
    """The questions users ask, answered for the 28 May 2007 talks the seed articles report."""

    def talks(self, seed_db: tuple[Any, Any]) -> list[dict[str, Any]]:
        """who_met_whom rows of the gold meeting: dated as gold says, Crocker and Kazemi Qomi both in."""
        meeting = next(m for m in gold()["meetings"] if not m.get("optional"))
        result = run_query(seed_db[0], "who_met_whom")
        ids = {r["meeting"] for r in result if r["date"] == meeting["date"]
               and (is_(r["actor"], "ryan-crocker") or is_(r["met_with"], "ryan-crocker"))}
        return [r for r in result if r["meeting"] in ids]

    def test_who_met_whom(self, seed_db: tuple[Any, Any]) -> None:
        talks = self.talks(seed_db)
        assert talks, "no meeting on the gold date with Ryan Crocker"
        sides = {(r["actor"], r["on_behalf_of"]) for r in talks} | {(r["met_with"], r["met_on_behalf_of"])
                                                                      for r in talks}
        meeting = next(m for m in gold()["meetings"] if not m.get("optional"))
        for p in meeting["participants"]:
            if p.get("optional"):
                continue
            matches = [state for person, state in sides if is_(person, p["actor"])]
            assert matches, f"{p['actor']} missing from who_met_whom: {sorted(sides, key=str)}"
            if "represents" in p:
                assert any(is_(state, p["represents"]) for state in matches), (p, matches)
        for r in talks:  # nobody "meets" the state they speak for
            assert r["met_with"] != r["on_behalf_of"] and r["actor"] != r["met_on_behalf_of"], r

    def test_meetings_at_the_place_and_within_it(self, seed_db: tuple[Any, Any]) -> None:
        meeting_ids = {r["meeting"] for r in self.talks(seed_db)}
        for place in ("l:irq", "Iraq", "Baghdad"):
            found = {r["meeting"] for r in run_query(seed_db[0], "meetings_at_place", place=place)}
            assert meeting_ids <= found, place

    @pytest.mark.parametrize(("code", "person"), [("USA", "ryan-crocker"), ("IRN", "hassan-kazemi-qomi"),
                                                  ("IRQ", "mowaffak-al-rubaie")])
    def test_who_represented_a_state(self, seed_db: tuple[Any, Any], code: str, person: str) -> None:
        result = run_query(seed_db[0], "representatives_of_state", state=code)
        meeting_ids = {r["meeting"] for r in self.talks(seed_db)}
        assert any(is_(r["person"], person) and r["event_id"] in meeting_ids for r in result), result

    def test_sources_and_quotes_behind_the_talks(self, seed_db: tuple[Any, Any]) -> None:
        from ingest.read import ArticleText, read_articles

        texts = {t.article.id: t.text for t in read_articles([SEEDS]) if isinstance(t, ArticleText)}
        meeting = next(m for m in gold()["meetings"] if not m.get("optional"))
        reporting: set[str] = set()
        for meeting_id in {r["meeting"] for r in self.talks(seed_db)}:
            result = run_query(seed_db[0], "event_sources", event=meeting_id)
            reporting |= {r["article"] for r in result}
            for r in result:  # each quote is the article's own words at the span it names
                assert texts[r["article"]][r["start"]:r["end"]] == r["quote"]
        assert reporting == set(meeting["sources"])

    def test_timeline_of_a_participant(self, seed_db: tuple[Any, Any]) -> None:
        crocker = next(r for r in self.talks(seed_db) if is_(r["actor"], "ryan-crocker")
                       or is_(r["met_with"], "ryan-crocker"))
        name = crocker["actor"] if is_(crocker["actor"], "ryan-crocker") else crocker["met_with"]
        result = run_query(seed_db[0], "person_timeline", person=name)
        assert crocker["meeting"] in {r["event_id"] for r in result}
        dated = [r["date"] for r in result if r["date"]]
        assert dated == sorted(dated)

    def test_conflicting_claims_are_the_resolved_graphs(self, seed_db: tuple[Any, Any]) -> None:
        session, graph = seed_db
        result = run_query(session, "conflicting_claims")
        assert sorted(rows(result, "subject", "field", "kept", "other"), key=str) == sorted(
            ((c.subject, c.field, c.kept, c.other) for c in graph.conflicts), key=str)
