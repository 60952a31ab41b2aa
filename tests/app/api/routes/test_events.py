from __future__ import annotations

from fastapi.testclient import TestClient

from tests.app.conftest import ids
from tests.fixtures.sample_graph import (
    ART1,
    ART2,
    ELYSEE,
    FRA,
    FRANCE,
    GENEVA_MEETING,
    GENEVA_STATEMENT,
    JANE,
    JEAN,
    PARIS,
    PARIS_MEETING,
    PARIS_TALKS,
    USA,
)


def test_all_events_by_date_with_the_undated_last(client: TestClient) -> None:
    page = client.get("/v1/events").json()
    assert ids(page["items"]) == [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS, GENEVA_STATEMENT]
    assert page["items"][-1]["date"] is None


def test_events_by_type(client: TestClient) -> None:
    assert ids(client.get("/v1/events", params={"type": "statement"}).json()["items"]) == [GENEVA_STATEMENT]
    assert ids(client.get("/v1/events", params={"type": "meeting"}).json()["items"]) == [
        GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS]


def test_event_detail(client: TestClient) -> None:
    response = client.get(f"/v1/events/{PARIS_MEETING}")
    assert response.status_code == 200
    event = response.json()
    assert [loc["id"] for loc in event["location_chain"]] == [ELYSEE, PARIS, FRANCE]
    assert [(r["person"]["id"], r["state"]["id"]) for r in event["representation"]] == [(JEAN, FRA), (JANE, USA)]
    assert event["participants"][0]["evidence"][0]["quote"] == "Foreign Minister Jean Dupont"
    assert [(s["article"]["id"], s["start"], s["end"]) for s in event["sources"]] == [
        (ART1, 0, 31), (ART1, 200, 220), (ART2, 0, 29)]
    first = event["sources"][0]
    assert first["quote"] == "Secretary of State Jane Doe met"
    assert (first["article"]["title"], first["article"]["outlet"]) == ("Doe meets Dupont in Paris", "Example Wire")
    assert event["merged_from"] == ["same participants and date in art-001 and art-002"]


def test_event_detail_shows_conflicting_claims(client: TestClient) -> None:
    conflicts = client.get(f"/v1/events/{PARIS_MEETING}").json()["conflicts"]
    assert [(c["field"], c["kept"], c["other"]) for c in conflicts] == [("date", "2024-03-04", "2024-03-03")]
    assert conflicts[0]["evidence"][0] == {"article": ART2, "start": 40, "end": 49, "quote": "on Sunday"}
    assert client.get(f"/v1/events/{PARIS_TALKS}").json()["conflicts"] == []


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/v1/events/e:nothing")
    assert response.status_code == 404 and response.json()["detail"] == "no event with id 'e:nothing'"
