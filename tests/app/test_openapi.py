"""The committed `openapi.json` is what the app serves; regenerate with `diplograph openapi`."""
from __future__ import annotations

import json

from fastapi.testclient import TestClient

from app.openapi import OPENAPI_PATH, render_openapi


def test_committed_openapi_is_current() -> None:
    committed = OPENAPI_PATH.read_text(encoding="utf-8")
    assert committed == render_openapi(), (
        "openapi.json is stale: run `.venv/bin/diplograph openapi --out openapi.json` and commit it")


def test_served_openapi_equals_the_committed_one(client: TestClient) -> None:
    assert client.get("/openapi.json").json() == json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))


def test_every_operation_has_a_stable_id_a_tag_and_problem_errors() -> None:
    spec = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    operations = [op for path in spec["paths"].values() for op in path.values()]
    operation_ids = [op["operationId"] for op in operations]
    assert len(set(operation_ids)) == len(operation_ids)
    assert {"list_meetings", "list_counterparts", "get_actor", "search_actors", "get_event", "export_graph",
            "ingest_articles", "get_health", "get_readiness"} <= set(operation_ids)
    for op in operations:
        assert len(op["tags"]) == 1, op["operationId"]
        for status, response in op["responses"].items():
            if status >= "400":
                assert list(response["content"]) == ["application/problem+json"], (op["operationId"], status)
