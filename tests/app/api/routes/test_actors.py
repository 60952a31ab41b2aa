from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.sample_graph import ELODIE, FRA, GENEVA_STATEMENT, JANE, JEAN, PARIS_MEETING, PARIS_TALKS, UN


def search(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/v1/actors/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.parametrize(("q", "expected"), [
    ("Jean Dupont", JEAN),
    ("dupont", JEAN),  # an alias, any case
    ("Secretary Doe", JANE),  # a longer alias
    ("Elodie Martin", ELODIE),  # accents ignored
    ("Jean Dupnot", JEAN),  # a typo
    ("UN", UN),
])
def test_search_finds_by_name_alias_and_with_typos(client: TestClient, q: str, expected: str) -> None:
    hits = search(client, q=q)
    assert hits and hits[0]["actor"]["id"] == expected
    assert all(a["score"] >= b["score"] for a, b in zip(hits, hits[1:], strict=False))


def test_an_exact_name_scores_one(client: TestClient) -> None:
    assert search(client, q="Jean Dupont")[0]["score"] == pytest.approx(1.0)


def test_search_by_kind(client: TestClient) -> None:
    hits = search(client, q="France", kind="state")
    assert [h["actor"]["id"] for h in hits] == [FRA]
    assert all(h["actor"]["kind"] == "person" for h in search(client, q="Dupont", kind="person"))


def test_search_needs_a_query(client: TestClient) -> None:
    response = client.get("/v1/actors/search")
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query.q"


def test_actor_detail_has_titles_with_their_state_affiliation_aliases_and_events(client: TestClient) -> None:
    response = client.get(f"/v1/actors/{JEAN}")
    assert response.status_code == 200
    actor = response.json()
    assert (actor["name"], actor["kind"], actor["country"]) == ("Jean Dupont", "person", "FRA")
    assert actor["aliases"] == ["Dupont"]
    assert [(t["title"], t["of"]["id"] if t["of"] else None) for t in actor["titles"]] == [
        ("Foreign Minister", FRA), ("party leader", None)]
    assert actor["titles"][0]["of"]["name"] == "France"
    assert actor["titles"][0]["evidence"][0]["quote"] == "Foreign Minister Jean Dupont"
    assert actor["affiliation"]["id"] == FRA
    assert [e["id"] for e in actor["events"]] == [PARIS_MEETING, PARIS_TALKS, GENEVA_STATEMENT]
    assert actor["event_count"] == 3
    assert [(c["field"], c["kept"], c["other"]) for c in actor["conflicts"]] == [
        ("title", "Foreign Minister", "Prime Minister")]


def test_unknown_actor_is_404_problem(client: TestClient) -> None:
    response = client.get("/v1/actors/a:nobody")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {"type": "about:blank", "title": "Not Found", "status": 404,
                               "detail": "no actor with id 'a:nobody'", "instance": "/v1/actors/a:nobody"}
