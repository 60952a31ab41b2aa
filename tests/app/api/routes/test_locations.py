from __future__ import annotations

from fastapi.testclient import TestClient

from tests.app.conftest import ids
from tests.fixtures.sample_graph import ELYSEE, FRANCE, GENEVA, GENEVA_MEETING, PARIS, PARIS_MEETING, PARIS_TALKS


def test_location_detail_with_its_hierarchy(client: TestClient) -> None:
    response = client.get(f"/v1/locations/{ELYSEE}")
    assert response.status_code == 200
    place = response.json()
    assert (place["name"], place["kind"], place["country"]) == ("Élysée Palace", "venue", "FRA")
    assert place["within"]["id"] == PARIS
    assert [c["id"] for c in place["chain"]] == [ELYSEE, PARIS, FRANCE]
    assert place["aliases"] == ["Elysee"]
    assert place["event_count"] == 1


def test_a_city_counts_the_events_at_its_venues(client: TestClient) -> None:
    paris = client.get(f"/v1/locations/{PARIS}").json()
    assert (paris["event_count"], paris["lat"], paris["lon"]) == (2, 48.8534, 2.3488)
    assert client.get(f"/v1/locations/{FRANCE}").json()["within"] is None


def test_events_at_or_within_a_place(client: TestClient) -> None:
    assert ids(client.get(f"/v1/locations/{FRANCE}/events").json()["items"]) == [PARIS_MEETING, PARIS_TALKS]
    assert ids(client.get(f"/v1/locations/{GENEVA}/events", params={"type": "meeting"}).json()["items"]) == [
        GENEVA_MEETING]
    assert ids(client.get(f"/v1/locations/{PARIS}/events", params={"date_from": "2024-03-05"}).json()["items"]) == [
        PARIS_TALKS]


def test_unknown_location_is_404(client: TestClient) -> None:
    assert client.get("/v1/locations/l:nowhere").status_code == 404
    assert client.get("/v1/locations/l:nowhere/events").status_code == 404
