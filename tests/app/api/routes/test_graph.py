from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.model import Actor, ActorKind, Graph
from graph_schema.store import GraphStore
from tests.fixtures.sample_graph import ART1, ELODIE, GENEVA_MEETING, JANE, JEAN, PARIS_TALKS, UN, ev

HERMIT = "a:hermit"


def test_shortest_connection_through_shared_events(client: TestClient) -> None:
    response = client.get("/v1/graph/connection", params={"source": UN, "target": ELODIE})
    assert response.status_code == 200
    body = response.json()
    assert body["found"] is True and body["hops"] == 2
    assert [(s["kind"], s["id"]) for s in body["path"]] == [
        ("actor", UN), ("event", GENEVA_MEETING), ("actor", JANE), ("event", PARIS_TALKS), ("actor", ELODIE)]
    assert body["path"][1]["date"] == "2024-02-20" and body["path"][2]["label"] == "Jane Doe"


def test_connection_limited_by_max_hops(client: TestClient) -> None:
    body = client.get("/v1/graph/connection", params={"source": UN, "target": ELODIE, "max_hops": 1}).json()
    assert (body["found"], body["path"]) == (False, [])


@pytest.fixture
def hermit_client(store: GraphStore, sample_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The sample graph plus an actor who took part in nothing."""
    sample_graph.actors[HERMIT] = Actor(HERMIT, "Hermit", ActorKind.PERSON, evidence=[ev(ART1, 500, "Hermit")])
    store.replace_graph(sample_graph)
    with TestClient(create_app(settings, store)) as client:
        yield client


def test_no_connection_is_found_false(hermit_client: TestClient) -> None:
    body = hermit_client.get("/v1/graph/connection", params={"source": HERMIT, "target": JANE}).json()
    assert (body["found"], body["hops"], body["path"]) == (False, 0, [])
    ego = hermit_client.get(f"/v1/graph/ego/{HERMIT}").json()
    assert [n["actor"]["id"] for n in ego["nodes"]] == [HERMIT] and ego["edges"] == []


def test_connection_to_unknown_actor_is_404(client: TestClient) -> None:
    response = client.get("/v1/graph/connection", params={"source": JANE, "target": "a:nobody"})
    assert response.status_code == 404


def test_ego_network(client: TestClient) -> None:
    body = client.get(f"/v1/graph/ego/{JANE}").json()
    assert body["center"]["id"] == JANE
    assert [(n["actor"]["id"], n["distance"]) for n in body["nodes"]] == [
        (JANE, 0), (ELODIE, 1), (JEAN, 1), (UN, 1)]
    assert {(e["source"], e["target"], e["meetings"]) for e in body["edges"]} == {
        (ELODIE, JANE, 1), (JANE, JEAN, 2), (JANE, UN, 1), (ELODIE, JEAN, 1)}


def test_ego_network_radius(client: TestClient) -> None:
    one = client.get(f"/v1/graph/ego/{UN}").json()
    assert [n["actor"]["id"] for n in one["nodes"]] == [UN, JANE]
    two = client.get(f"/v1/graph/ego/{UN}", params={"radius": 2}).json()
    assert {n["actor"]["id"]: n["distance"] for n in two["nodes"]} == {UN: 0, JANE: 1, ELODIE: 2, JEAN: 2}
    assert client.get(f"/v1/graph/ego/{UN}", params={"radius": 9}).status_code == 422


def test_centrality(client: TestClient) -> None:
    body = client.get("/v1/graph/centrality").json()
    assert (body["by"], body["node_count"], body["edge_count"]) == ("degree", 4, 4)
    top = body["items"][0]
    assert top["actor"]["id"] == JANE
    assert (top["degree"], top["meetings"]) == (1.0, 4)  # met all three others, in four meetings summed
    assert top["betweenness"] == pytest.approx(2 / 3)  # UN reaches the others only through her
    by_meetings = client.get("/v1/graph/centrality", params={"by": "meetings", "limit": 2}).json()["items"]
    assert [(i["actor"]["id"], i["meetings"]) for i in by_meetings] == [(JANE, 4), (JEAN, 3)]
    by_closeness = client.get("/v1/graph/centrality", params={"by": "closeness"}).json()
    assert by_closeness["items"][0]["closeness"] == 1.0 and by_closeness["items"][-1]["actor"]["id"] == UN
    assert by_closeness["approximate"] is False
    assert top["closeness"] == 1.0  # the same figure when ranking by another measure
    assert client.get("/v1/graph/centrality", params={"by": "fame"}).status_code == 422


def test_stats(client: TestClient) -> None:
    counts = client.get("/v1/graph/stats").json()["counts"]
    assert (counts["actors"], counts["events"], counts["locations"]) == (6, 4, 5)


@pytest.mark.parametrize("max_hops", [0, 11])
def test_connection_depth_out_of_range_is_a_422_problem(client: TestClient, max_hops: int) -> None:
    response = client.get("/v1/graph/connection", params={"source": UN, "target": ELODIE, "max_hops": max_hops})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["location"] == "query.max_hops"


def test_a_connection_not_found_in_time_is_a_503_problem_with_retry_after(
        tmp_path, sample_graph: Graph, settings: Settings) -> None:
    """Issue 16: the embedded store's search stops at the query time-out (Neo4j's queries already did)."""
    from graph_schema.stores.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "slow", query_timeout_s=1e-9)
    store.replace_graph(sample_graph)
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        response = client.get("/v1/graph/connection", params={"source": UN, "target": ELODIE})
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert int(response.headers["retry-after"]) > 0
        assert "took longer than" in response.json()["detail"]
        assert client.get(f"/v1/actors/{JANE}").status_code == 200  # the store itself still answers
    store.close()
