from __future__ import annotations

from fastapi.testclient import TestClient

from tests.fixtures.sample_graph import FRA, JANE, JEAN, PARIS_MEETING, PARIS_TALKS, USA


def test_who_represented_a_state_and_where(client: TestClient) -> None:
    response = client.get(f"/v1/actors/{USA}/representatives")
    assert response.status_code == 200
    body = response.json()
    assert body["state"]["name"] == "United States"
    assert [(r["person"]["id"], r["event_ids"], r["first"], r["last"]) for r in body["items"]] == [
        (JANE, [PARIS_MEETING, PARIS_TALKS], "2024-03-04", "2024-03-05")]


def test_whom_a_person_represented(client: TestClient) -> None:
    body = client.get(f"/v1/actors/{JEAN}/represented").json()
    assert [(r["state"]["id"], r["event_ids"]) for r in body["items"]] == [(FRA, [PARIS_MEETING, PARIS_TALKS])]


def test_a_person_who_represented_nobody(client: TestClient) -> None:
    response = client.get("/v1/actors/a:elodie-martin/represented")
    assert response.status_code == 200 and response.json()["items"] == []


def test_representation_list_filters(client: TestClient) -> None:
    every = client.get("/v1/representations").json()["items"]
    assert sorted((r["person"]["id"], r["state"]["id"], r["event_id"]) for r in every) == [
        (JANE, USA, PARIS_MEETING), (JANE, USA, PARIS_TALKS), (JEAN, FRA, PARIS_MEETING), (JEAN, FRA, PARIS_TALKS)]
    assert [r["date"] for r in every] == sorted(r["date"] for r in every)
    only_france = client.get("/v1/representations", params={"state": FRA}).json()["items"]
    assert {r["person"]["name"] for r in only_france} == {"Jean Dupont"}
    assert client.get("/v1/representations", params={"person": JANE, "state": FRA}).json()["items"] == []


def test_unknown_actor_is_404(client: TestClient) -> None:
    assert client.get("/v1/actors/a:nobody/representatives").status_code == 404
    assert client.get("/v1/actors/a:nobody/represented").status_code == 404


def test_representations_page(client: TestClient) -> None:
    every = client.get("/v1/representations").json()
    pages = [client.get("/v1/representations", params={"limit": 3, "offset": o}).json() for o in (0, 3)]
    assert pages[0]["next_offset"] == 3 and pages[1]["next_offset"] is None
    assert pages[0]["items"] + pages[1]["items"] == every["items"] and every["total"] == 4


def test_a_representations_page_names_its_persons_and_states(client: TestClient) -> None:
    body = client.get("/v1/representations", params={"offset": 1, "limit": 2}).json()
    assert (body["total"], body["offset"], body["limit"], body["next_offset"]) == (4, 1, 2, 3)
    assert [(r["person"], r["state"], r["event_id"], r["date"]) for r in body["items"]] == [
        ({"id": JEAN, "name": "Jean Dupont", "kind": "person", "country": "FRA"},
         {"id": FRA, "name": "France", "kind": "state", "country": "FRA"}, PARIS_MEETING, "2024-03-04"),
        ({"id": JANE, "name": "Jane Doe", "kind": "person", "country": "USA"},
         {"id": USA, "name": "United States", "kind": "state", "country": "USA"}, PARIS_TALKS, "2024-03-05"),
    ]
    past_the_end = client.get("/v1/representations", params={"state": FRA, "offset": 2}).json()
    assert (past_the_end["items"], past_the_end["total"], past_the_end["next_offset"]) == ([], 2, None)
