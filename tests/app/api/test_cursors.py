"""Keyset paging through the API (issue 16): every list walked by `next` gives what one big page gives, and a
cursor no page gave is a 400 problem, never a 500 or a silent first page."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.sample_graph import FRA, JANE, JEAN, PARIS

LISTS = [
    "/v1/meetings", "/v1/events", f"/v1/meetings?actor={JANE}", f"/v1/events?actor={JANE}",
    f"/v1/actors/{JANE}/timeline", f"/v1/locations/{PARIS}/timeline", f"/v1/locations/{PARIS}/events",
    f"/v1/actors/{JANE}/counterparts", f"/v1/actors/{JANE}/counterparts/{JEAN}/meetings",
    "/v1/representations", f"/v1/representations?state={FRA}", f"/v1/representations?person={JANE}",
    f"/v1/actors/{FRA}/representatives", f"/v1/actors/{JANE}/represented",
]


def _get(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("path", LISTS)
def test_a_walk_by_next_is_the_whole_list(client: TestClient, path: str) -> None:
    whole = _get(client, path, limit=200)
    assert whole["next"] is None and whole["total"] == len(whole["items"]) > 0
    walked, page = [], _get(client, path, limit=1)
    assert page["next_offset"] == (1 if whole["total"] > 1 else None)
    while True:
        walked.extend(page["items"])
        if page["next"] is None:
            break
        page = _get(client, path, limit=1, cursor=page["next"])
        assert page["total"] == whole["total"] and page["next_offset"] is None  # after a cursor: follow `next`
    assert walked == whole["items"]


# W10 is [] and WyJldmVudHMiXQ is ["events"], encoded as cursors are
@pytest.mark.parametrize("cursor", ["0", "not a cursor", "W10", "WyJldmVudHMiXQ"])
def test_a_cursor_no_page_gave_is_a_400_problem(client: TestClient, cursor: str) -> None:
    response = client.get("/v1/meetings", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "cursor" in response.json()["detail"]


def test_a_cursor_of_another_list_is_a_400_problem(client: TestClient) -> None:
    counterpart_cursor = _get(client, f"/v1/actors/{JANE}/counterparts", limit=1)["next"]
    assert counterpart_cursor is not None
    assert client.get("/v1/meetings", params={"cursor": counterpart_cursor}).status_code == 400
