"""Pages of events are written as bytes, not through their models: they must still be exactly `EventPage`."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.schemas.events import EventPage
from tests.fixtures.sample_graph import FRA, FRANCE, JANE, PARIS, PARIS_MEETING, USA

EVENT_PAGES = [
    "/v1/meetings", f"/v1/meetings?actor={JANE}", "/v1/events", f"/v1/events?limit=2&actor={FRA}",
    f"/v1/actors/{JANE}/timeline", f"/v1/locations/{FRANCE}/timeline", f"/v1/locations/{PARIS}/events",
    f"/v1/actors/{FRA}/counterparts/{USA}/meetings", "/v1/events?actor=a:nobody",
]


@pytest.mark.parametrize("path", EVENT_PAGES)
def test_every_event_page_is_exactly_an_event_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    page = EventPage.model_validate_json(response.content, strict=False)
    assert page.model_dump(mode="json") == response.json()  # no field more, none less, every value as dumped


def test_an_event_page_names_places_and_participants_as_the_models_do(client: TestClient) -> None:
    body = client.get("/v1/meetings", params={"actor": JANE, "limit": 2}).json()
    assert (body["total"], body["offset"], body["limit"], body["next_offset"], len(body["items"])) == (3, 0, 2, 2, 2)
    item = next(i for i in body["items"] if i["id"] == PARIS_MEETING)
    assert [c["id"] for c in item["location_chain"]][1:] == [PARIS, FRANCE]
    assert item["location"] == item["location_chain"][0]
    assert {"id", "name", "kind", "country"} == set(item["location"])
    roles = [p["role"] for p in item["participants"]]
    assert roles == sorted(roles, key=lambda r: r != "host")  # hosts first
    jane = next(p for p in item["participants"] if p["actor"]["id"] == JANE)
    assert jane["represents"] == {"id": USA, "name": "United States", "kind": "state", "country": "USA"}
    assert item["source_count"] >= item["article_count"] == 2
