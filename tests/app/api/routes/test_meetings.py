from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.app.conftest import ids
from tests.fixtures.sample_graph import (
    ELYSEE,
    FRA,
    FRANCE,
    GENEVA_MEETING,
    JANE,
    JEAN,
    PARIS,
    PARIS_MEETING,
    PARIS_TALKS,
    USA,
)


def meetings(client: TestClient, **params: object) -> dict:
    response = client.get("/v1/meetings", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_meetings_are_listed_by_date_and_include_cameo_04x(client: TestClient) -> None:
    page = meetings(client)
    assert ids(page["items"]) == [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS]  # the undated statement is no meeting
    assert page["total"] == 3 and page["next_offset"] is None


def test_an_item_has_date_place_chain_participants_and_source_count(client: TestClient) -> None:
    item = next(i for i in meetings(client)["items"] if i["id"] == PARIS_MEETING)
    assert (item["date"], item["date_precision"], item["date_text"]) == ("2024-03-04", "day", "Monday")
    assert item["location"]["id"] == ELYSEE
    assert [loc["id"] for loc in item["location_chain"]] == [ELYSEE, PARIS, FRANCE]
    assert [(p["actor"]["id"], p["role"], p["represents"]["id"]) for p in item["participants"]] == [
        (JEAN, "host", FRA), (JANE, "participant", USA)]
    assert item["participants"][0]["actor"]["name"] == "Jean Dupont"
    assert (item["source_count"], item["article_count"]) == (3, 2)


@pytest.mark.parametrize(("params", "expected"), [
    ({"place": PARIS}, [PARIS_MEETING, PARIS_TALKS]),  # a city finds the meeting at its venue
    ({"place": FRANCE}, [PARIS_MEETING, PARIS_TALKS]),
    ({"place": ELYSEE}, [PARIS_MEETING]),
    ({"actor": JANE, "counterpart": JEAN}, [PARIS_MEETING, PARIS_TALKS]),
    ({"actor": "a:un"}, [GENEVA_MEETING]),
    ({"actor": FRA}, [PARIS_MEETING, PARIS_TALKS]),  # represented counts as taking part
    ({"represents": USA}, [PARIS_MEETING, PARIS_TALKS]),
    ({"date_from": "2024-03-05"}, [PARIS_TALKS]),
    ({"date_to": "2024-03-04"}, [GENEVA_MEETING, PARIS_MEETING]),
    ({"date_from": "2024-03-01", "date_to": "2024-03-04"}, [PARIS_MEETING]),
    ({"date_from": "2024-03-05", "date_to": "2024-03-01"}, []),  # an empty range matches nothing
    ({"cameo": "040"}, [PARIS_TALKS]),
    ({"cameo": "04"}, [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS]),
    ({"actor": "a:nobody"}, []),
])
def test_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    page = meetings(client, **params)
    assert ids(page["items"]) == expected
    assert page["total"] == len(expected)


def test_pages_follow_next_offset(client: TestClient) -> None:
    first = meetings(client, limit=2)
    assert ids(first["items"]) == [GENEVA_MEETING, PARIS_MEETING] and first["next_offset"] == 2
    second = meetings(client, limit=2, offset=first["next_offset"])
    assert ids(second["items"]) == [PARIS_TALKS] and second["next_offset"] is None
    assert second["total"] == 3


def test_cameo_filter_pages_too(client: TestClient) -> None:
    page = meetings(client, cameo="04", limit=1, offset=1)
    assert ids(page["items"]) == [PARIS_MEETING] and page["total"] == 3 and page["next_offset"] == 2


def test_page_size_is_capped_by_the_settings(client: TestClient) -> None:
    client.app.state.settings.max_page_size = 2
    page = meetings(client, limit=100)
    assert page["limit"] == 2 and len(page["items"]) == 2 and page["next_offset"] == 2


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"date_from": "yesterday"},
                                    {"cameo": "19"}, {"date_to": "2024-02-30"}])
def test_bad_parameters_are_422_problems(client: TestClient, params: dict) -> None:
    response = client.get("/v1/meetings", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["errors"][0]["location"].startswith("query.")
