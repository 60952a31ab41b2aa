from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.store import GraphStore
from tests.app.conftest import API_KEY

SAMPLES = Path(__file__).resolve().parents[4] / "samples"


def sample_article(file: str) -> dict:
    """One of our own sample articles as the API takes it."""
    meta = next(m for m in map(json.loads, (SAMPLES / "manifest.jsonl").read_text().splitlines())
                if m.get("file") == file)
    return {"id": meta["id"], "title": meta.get("title"), "outlet": meta.get("outlet"),
            "published": meta.get("published"), "dateline": meta.get("dateline"),
            "text": (SAMPLES / file).read_text(encoding="utf-8")}


def post(client: TestClient, body: object, key: str | None = API_KEY):
    headers = {"X-API-Key": key} if key is not None else {}
    return client.post("/v1/articles", json=body, headers=headers)


def test_without_the_key_is_401(client: TestClient) -> None:
    body = {"articles": [{"text": "x"}]}
    for key in (None, "wrong-key", ""):
        response = post(client, body, key)
        assert response.status_code == 401, key
        assert response.headers["content-type"] == "application/problem+json"
        assert "X-API-Key" in response.json()["detail"]


def test_writes_are_refused_when_the_server_has_no_key(settings: Settings, loaded_store: GraphStore) -> None:
    no_key = settings.model_copy(update={"api_key": None})
    with TestClient(create_app(no_key, loaded_store)) as client:
        response = post(client, {"articles": [{"text": "x"}]}, "anything")
    assert response.status_code == 401 and "no API key configured" in response.json()["detail"]


@pytest.mark.parametrize("body", [{"articles": []}, {"articles": [{"title": "no text"}]}, {"items": []},
                                  {"articles": [{"text": "x", "published": "last week"}]}])
def test_malformed_requests_are_422(client: TestClient, body: dict) -> None:
    assert post(client, body).status_code == 422


def test_body_over_the_limit_is_413(settings: Settings, loaded_store: GraphStore) -> None:
    small = settings.model_copy(update={"max_body_bytes": 2048})
    with TestClient(create_app(small, loaded_store)) as client:
        response = post(client, {"articles": [{"text": "word " * 1000}]})
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_unusable_articles_fail_one_by_one_and_nothing_is_written(client: TestClient, settings: Settings,
                                                                   loaded_store: GraphStore) -> None:
    before = loaded_store.counts()
    too_big = "x" * (settings.max_article_bytes + 1)
    response = post(client, {"articles": [{"id": "blank", "text": "   \n "}, {"id": "huge", "text": too_big}]})
    assert response.status_code == 200
    body = response.json()
    assert [(r["index"], r["id"], r["status"]) for r in body["results"]] == [
        (0, "blank", "failed"), (1, "huge", "failed")]
    assert body["results"][0]["reason"] == "no text"
    assert "more than the limit" in body["results"][1]["reason"]
    assert (body["ingested"], body["failed"]) == (0, 2)
    assert loaded_store.counts() == before


@pytest.mark.slow
def test_articles_go_in_and_a_bad_one_does_not_stop_them(client: TestClient) -> None:
    article = sample_article("s01_lisbon_summit.txt")
    response = post(client, {"articles": [article, {"id": "empty", "text": ""}]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [(r["id"], r["status"]) for r in body["results"]] == [(article["id"], "ingested"), ("empty", "failed")]
    assert body["errors"] == [] and body["graph"]["created"] > 0
    exported = client.get("/v1/export").json()
    assert article["id"] in {a["id"] for a in exported["articles"]}
    hits = client.get("/v1/actors/search", params={"q": "Baudry", "kind": "person"}).json()["items"]
    assert hits and hits[0]["actor"]["name"] == "Hélène Baudry"
    again = post(client, {"articles": [article]}).json()
    assert [r["status"] for r in again["results"]] == ["unchanged"]
