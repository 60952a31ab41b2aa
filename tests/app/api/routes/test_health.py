from __future__ import annotations

from fastapi.testclient import TestClient

from app.main import create_app
from diplograph.settings import Settings


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_unreachable_store_is_503_with_retry_after(settings: Settings) -> None:
    """A real Neo4j store pointed at a port nobody listens on."""
    down = settings.model_copy(update={"store": "neo4j", "neo4j_uri": "bolt://127.0.0.1:9"})
    with TestClient(create_app(down)) as client:
        assert client.get("/healthz").status_code == 200  # the process is fine
        for path in ("/readyz", "/v1/meetings", "/v1/actors/a:usa"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.headers["retry-after"] == "5"
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["title"] == "Store unavailable"
