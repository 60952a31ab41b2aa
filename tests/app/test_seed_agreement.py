"""On the seed graph, the API and the official neo4j driver give the same answers.

The seed articles go in through the API (`POST /v1/articles`) into a real
Neo4j; then Cypher written here against the documented graph model
(`graph_schema/README.md`) is run with the driver, and compared with what the
API says about who met whom, representation and meetings within a place.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from app.main import create_app
from diplograph.evaluation import kit
from diplograph.settings import Settings
from graph_schema.store import GraphStore
from ingest.read import ArticleText, read_articles
from tests.app.conftest import API_KEY

SEEDS = kit.SEEDS.corpus

pytestmark = pytest.mark.slow

WHO_MET_WHOM = """
MATCH (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a <> b
RETURN a.id AS actor, b.id AS other, count(DISTINCT m) AS meetings, collect(DISTINCT m.id) AS events,
       min(m.date) AS first, max(m.date) AS last
"""
REPRESENTATION = """
MATCH (p:Actor)-[:REPRESENTED]->(r:Representation)-[:ON_BEHALF_OF]->(s:Actor), (r)-[:AT]->(e:Event)
RETURN p.id AS person, s.id AS state, e.id AS event
"""
MEETINGS_WITHIN = """
MATCH (m:Meeting)-[:LOCATED_IN]->(:Location)-[:WITHIN*0..]->(:Location {id: $place})
RETURN DISTINCT m.id AS id
"""
PLACES = "MATCH (l:Location) RETURN l.id AS id"


@pytest.fixture
def seeded(neo4j_store: GraphStore, settings: Settings) -> Iterator[TestClient]:
    """The seed articles posted to the API, which stores them in Neo4j."""
    items = [item for item in read_articles([SEEDS]) if isinstance(item, ArticleText)]
    assert len(items) == 5
    body = {"articles": [{"id": i.article.id, "title": i.article.title, "outlet": i.article.outlet,
                          "url": i.article.url, "published": i.article.published,
                          "dateline": i.article.dateline, "language": i.article.language, "text": i.text} for i in items]}
    with TestClient(create_app(settings, neo4j_store)) as client:
        response = client.post("/v1/articles", json=body, headers={"X-API-Key": API_KEY})
        assert response.status_code == 200, response.text
        assert response.json()["ingested"] == 5 and response.json()["errors"] == [], response.json()
        yield client


@pytest.fixture
def driver() -> Iterator[object]:
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    with GraphDatabase.driver(uri, auth=(os.environ.get("NEO4J_USER", "neo4j"),
                                         os.environ.get("NEO4J_PASSWORD", ""))) as drv:
        yield drv


def cypher(driver, query: str, **params: object) -> list[dict]:
    records, _, _ = driver.execute_query(query, params, database_=os.environ.get("NEO4J_DATABASE", "neo4j"))
    return [r.data() for r in records]


def test_who_met_whom_agrees(seeded: TestClient, driver) -> None:
    rows = cypher(driver, WHO_MET_WHOM)
    assert rows, "the seed graph has no meeting with two participants"
    by_actor: dict[str, dict[str, tuple]] = {}
    for r in rows:
        by_actor.setdefault(r["actor"], {})[r["other"]] = (r["meetings"], sorted(r["events"]), r["first"], r["last"])
    for actor, expected in by_actor.items():
        response = seeded.get(f"/v1/actors/{actor}/counterparts")
        assert response.status_code == 200
        answered = {c["actor"]["id"]: (c["meetings"], sorted(c["event_ids"]), c["first"], c["last"])
                    for c in response.json()["items"]}
        assert answered == expected, actor
        for other, (meetings, events, _, _) in expected.items():
            shared = seeded.get(f"/v1/actors/{actor}/counterparts/{other}/meetings").json()
            assert sorted(e["id"] for e in shared["items"]) == events and shared["total"] == meetings


def test_representation_agrees(seeded: TestClient, driver) -> None:
    expected = sorted((r["person"], r["state"], r["event"]) for r in cypher(driver, REPRESENTATION))
    assert expected, "the seed graph has no representation"
    answered = seeded.get("/v1/representations").json()["items"]
    assert sorted((r["person"]["id"], r["state"]["id"], r["event_id"]) for r in answered) == expected
    for state in {s for _, s, _ in expected}:
        items = seeded.get(f"/v1/actors/{state}/representatives").json()["items"]
        assert sorted((i["person"]["id"], e) for i in items for e in i["event_ids"]) == sorted(
            (p, e) for p, s, e in expected if s == state)


def test_meetings_within_a_place_agree(seeded: TestClient, driver) -> None:
    places = [r["id"] for r in cypher(driver, PLACES)]
    assert places
    for place in places:
        expected = sorted(r["id"] for r in cypher(driver, MEETINGS_WITHIN, place=place))
        page = seeded.get("/v1/meetings", params={"place": place, "limit": 200}).json()
        assert sorted(m["id"] for m in page["items"]) == expected, place
