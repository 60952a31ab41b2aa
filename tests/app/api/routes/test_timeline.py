from __future__ import annotations

from fastapi.testclient import TestClient

from tests.app.conftest import ids
from tests.fixtures.sample_graph import GENEVA, GENEVA_MEETING, GENEVA_STATEMENT, JEAN, PARIS_MEETING, PARIS_TALKS


def test_an_actors_events_in_date_order(client: TestClient) -> None:
    page = client.get(f"/v1/actors/{JEAN}/timeline").json()
    assert ids(page["items"]) == [PARIS_MEETING, PARIS_TALKS, GENEVA_STATEMENT]
    dated = [i["date"] for i in page["items"] if i["date"]]
    assert dated == sorted(dated)


def test_a_places_events_in_date_order(client: TestClient) -> None:
    assert ids(client.get(f"/v1/locations/{GENEVA}/timeline").json()["items"]) == [GENEVA_MEETING, GENEVA_STATEMENT]


def test_timeline_pages(client: TestClient) -> None:
    page = client.get(f"/v1/actors/{JEAN}/timeline", params={"limit": 1, "offset": 1}).json()
    assert ids(page["items"]) == [PARIS_TALKS] and (page["total"], page["next_offset"]) == (3, 2)


def test_unknown_subject_is_404(client: TestClient) -> None:
    assert client.get("/v1/actors/a:nobody/timeline").status_code == 404
    assert client.get("/v1/locations/l:nowhere/timeline").status_code == 404
