"""Every error is an RFC 9457 problem; nothing internal leaks."""
from __future__ import annotations

from fastapi.testclient import TestClient

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.store import GraphStore


def test_unexpected_errors_are_a_generic_500_problem(settings: Settings, loaded_store: GraphStore) -> None:
    app = create_app(settings, loaded_store)

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /srv/app.py line 12")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 500 and body["instance"] == "/v1/boom"
    assert "secret" not in response.text and "Traceback" not in response.text and "RuntimeError" not in response.text


def test_unknown_path_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.delete("/v1/meetings")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.json()["status"] == 405


def test_validation_problem_lists_each_bad_input(client: TestClient) -> None:
    response = client.get("/v1/meetings", params={"limit": "many", "date_from": "soon"})
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "urn:diplograph:problem:validation-error"
    assert {e["location"] for e in body["errors"]} == {"query.limit", "query.date_from"}


def test_malformed_json_body_is_a_422_problem(client: TestClient) -> None:
    response = client.post("/v1/articles", content=b"{not json", headers={
        "X-API-Key": client.app.state.settings.api_key.get_secret_value(), "content-type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_cors_is_off_unless_origins_are_set(settings: Settings, loaded_store: GraphStore) -> None:
    with TestClient(create_app(settings, loaded_store)) as client:
        assert "access-control-allow-origin" not in client.get("/healthz", headers={"Origin": "https://x.example"}).headers
    allowed = settings.model_copy(update={"cors_origins": ["https://x.example"]})
    with TestClient(create_app(allowed, loaded_store)) as client:
        response = client.get("/healthz", headers={"Origin": "https://x.example"})
        assert response.headers["access-control-allow-origin"] == "https://x.example"
