from __future__ import annotations

from fastapi.testclient import TestClient

from tests.app.conftest import ids
from tests.fixtures.sample_graph import ELODIE, JANE, JEAN, PARIS_MEETING, PARIS_TALKS, UN


def test_counterparts_with_count_first_last_and_events(client: TestClient) -> None:
    response = client.get(f"/v1/actors/{JANE}/counterparts")
    assert response.status_code == 200
    body = response.json()
    assert body["actor"]["id"] == JANE
    by_id = {c["actor"]["id"]: c for c in body["items"]}
    assert set(by_id) == {JEAN, ELODIE, UN}
    assert body["items"][0]["actor"]["id"] == JEAN  # most meetings first
    jean = by_id[JEAN]
    assert (jean["meetings"], jean["first"], jean["last"]) == (2, "2024-03-04", "2024-03-05")
    assert sorted(jean["event_ids"]) == [PARIS_MEETING, PARIS_TALKS]
    assert (by_id[UN]["meetings"], by_id[UN]["first"]) == (1, "2024-02-20")


def test_who_met_whom_is_symmetric(client: TestClient) -> None:
    of_jean = {c["actor"]["id"]: c["meetings"] for c in client.get(f"/v1/actors/{JEAN}/counterparts").json()["items"]}
    assert of_jean == {JANE: 2, ELODIE: 1}


def test_shared_meetings_of_two_actors(client: TestClient) -> None:
    response = client.get(f"/v1/actors/{JANE}/counterparts/{JEAN}/meetings")
    assert response.status_code == 200
    assert ids(response.json()["items"]) == [PARIS_MEETING, PARIS_TALKS]
    assert client.get(f"/v1/actors/{JEAN}/counterparts/{UN}/meetings").json()["items"] == []


def test_unknown_actors_are_404(client: TestClient) -> None:
    assert client.get("/v1/actors/a:nobody/counterparts").status_code == 404
    response = client.get(f"/v1/actors/{JANE}/counterparts/a:nobody/meetings")
    assert response.status_code == 404 and "a:nobody" in response.json()["detail"]


def test_counterparts_page(client: TestClient) -> None:
    first = client.get(f"/v1/actors/{JANE}/counterparts", params={"limit": 1}).json()
    assert [c["actor"]["id"] for c in first["items"]] == [JEAN]
    assert (first["total"], first["next_offset"]) == (3, 1)
    rest = client.get(f"/v1/actors/{JANE}/counterparts", params={"offset": 1, "limit": 5}).json()
    assert {c["actor"]["id"] for c in rest["items"]} == {ELODIE, UN} and rest["next_offset"] is None
