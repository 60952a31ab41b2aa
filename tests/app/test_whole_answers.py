"""`WholeAnswers`: an answer whose reads a graph write overlapped is answered again, never sent; after four
such attempts a 503 with `Retry-After`; answers that read no snapshot, and errors, go straight out.

The overlap is injected by making the real store's snapshot report a change (`unchanged()`)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.whole_answers import ATTEMPTS
from diplograph.settings import Settings
from graph_schema.model import Graph
from graph_schema.stores.embedded import EmbeddedStore


@pytest.fixture
def embedded(tmp_path, sample_graph: Graph) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "data") as store:
        store.replace_graph(sample_graph)
        yield store


def overlapped(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """The next `times` checks say a write came between; returns the list of checks made."""
    checks: list[int] = []

    def unchanged(self: EmbeddedStore) -> bool:
        checks.append(1)
        return len(checks) > times

    monkeypatch.setattr(EmbeddedStore, "unchanged", unchanged)
    return checks


def test_an_overlapped_answer_is_answered_again(settings: Settings, embedded: EmbeddedStore,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(create_app(settings, embedded)) as client:
        expected = client.get("/v1/meetings").json()
        checks = overlapped(monkeypatch, times=2)
        response = client.get("/v1/meetings")
    assert (response.status_code, response.json(), len(checks)) == (200, expected, 3)


def test_an_answer_overlapped_every_time_is_a_503_with_retry_after(settings: Settings, embedded: EmbeddedStore,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    checks = overlapped(monkeypatch, times=10**6)
    with TestClient(create_app(settings, embedded)) as client:
        response = client.get("/v1/meetings")
        health = client.get("/healthz")  # reads no snapshot: never checked, never held
        missing = client.get("/v1/actors/nobody")  # a 404 is an answer too: checked like any other
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert response.headers["content-type"] == "application/problem+json"
    assert health.status_code == 200 and missing.status_code == 503
    assert len(checks) == 2 * ATTEMPTS
