"""Limits: request body size, page size, article size, and query timeouts.

Body limits are checked over real TCP (uvicorn on 127.0.0.1), where a client
can lie about or omit `Content-Length`. The query timeout is checked against
the real Neo4j: a read that would run for minutes is cut by the server-side
transaction timeout, the request answers 503 with `Retry-After`, the other
requests are served meanwhile, and Neo4j is left running nothing of ours.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

import graph_schema.stores.neo4j.store as neo4j_module
from app.main import create_app
from diplograph.settings import Settings
from graph_schema.document import to_document
from graph_schema.model import Graph
from graph_schema.store import GraphStore, StoreUnavailable
from graph_schema.stores.embedded import EmbeddedStore
from graph_schema.stores.neo4j import Neo4jStore
from ingest.pipeline import ingest
from tests.app.live_server import live_server
from tests.conftest import NEO4J_URI
from tests.fixtures.sample_graph import JANE, PARIS, USA

API_KEY = "limits-key-77a0"
BODY_LIMIT = 4096
ARTICLE_LIMIT = 1024
SLOW_CYPHER = "UNWIND range(1, 4000000000) AS x WITH x WHERE x = -1 RETURN [] AS ids"


def snapshot(store: GraphStore) -> dict[str, Any]:
    return {"export": to_document(store.read_graph()), "records": sorted(a.id for a, _ in store.article_payloads())}


def limited_settings(tmp_path: Path, **extra: Any) -> Settings:
    return Settings(_env_file=None, api_key=API_KEY, data_dir=tmp_path / "unused",  # type: ignore[call-arg]
                    max_body_bytes=BODY_LIMIT, max_article_bytes=ARTICLE_LIMIT, **extra)


@pytest.fixture
def served(store: GraphStore, sample_graph: Graph, tmp_path: Path) -> Iterator[str]:
    store.replace_graph(sample_graph)
    with live_server(create_app(limited_settings(tmp_path), store)) as url:
        yield url


def raw_request(url: str, head: str, body: bytes = b"", timeout: float = 10) -> tuple[int, float]:
    """Send bytes as they are; the status line's code and the seconds it took."""
    host, port = url.removeprefix("http://").split(":")
    began = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=timeout) as conn:
        conn.sendall(head.encode() + body)
        status = conn.recv(4096).split(b"\r\n", 1)[0]
    return int(status.split()[1]), time.monotonic() - began


# --- request bodies ---------------------------------------------------------------------------


def test_a_declared_oversize_body_is_refused_before_it_is_sent(served: str, store: GraphStore) -> None:
    before = snapshot(store)
    head = (f"POST /v1/articles HTTP/1.1\r\nHost: x\r\nX-API-Key: {API_KEY}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {500 * 1024 * 1024}\r\n\r\n")
    status, seconds = raw_request(served, head)  # nothing of the 500 MB is ever sent
    assert status == 413 and seconds < 5
    assert snapshot(store) == before


def test_a_streamed_body_is_cut_when_it_passes_the_limit(served: str, store: GraphStore) -> None:
    before = snapshot(store)
    sent = 0

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked, 20 times the limit
        nonlocal sent
        yield b'{"articles": [{"text": "'
        for _ in range(20 * BODY_LIMIT // 1024):
            sent += 1024
            yield b"a" * 1024
        yield b'"}]}'

    response = httpx.post(served + "/v1/articles", content=chunks(), timeout=30,
                          headers={"X-API-Key": API_KEY, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert snapshot(store) == before


def test_a_body_within_the_limit_without_the_key_is_401_and_writes_nothing(served: str, store: GraphStore) -> None:
    before = snapshot(store)
    body = {"articles": [{"id": "unauthorised", "text": "The ministers met in Paris on Monday."}]}
    for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": API_KEY + "x"}, {"x-api-key": API_KEY.upper()}):
        response = httpx.post(served + "/v1/articles", json=body, headers=headers, timeout=30)
        assert response.status_code == 401, headers
    assert snapshot(store) == before


# --- page size -------------------------------------------------------------------------------------


def test_every_paged_list_refuses_pages_over_the_schema_bound_and_caps_to_the_server_limit(
        store: GraphStore, sample_graph: Graph, tmp_path: Path) -> None:
    store.replace_graph(sample_graph)
    capped = limited_settings(tmp_path, max_page_size=2)
    with TestClient(create_app(capped, store)) as client:
        spec = client.get("/openapi.json").json()
        paged = []
        for path, operations in spec["paths"].items():
            parameters = operations.get("get", {}).get("parameters", [])
            limit = next((p for p in parameters if p["name"] == "limit"), None)
            if limit is None:
                continue
            url = (path.replace("{actor_id}", JANE).replace("{other_id}", USA).replace("{location_id}", PARIS))
            query = {"q": "a", "source": JANE, "target": USA} if path.endswith(("search", "connection")) else {}
            paged.append(path)
            over = client.get(url, params={**query, "limit": limit["schema"]["maximum"] + 1})
            assert over.status_code == 422, path
            answer = client.get(url, params={**query, "limit": limit["schema"]["maximum"]})
            assert answer.status_code == 200, (path, answer.text)
            items = answer.json().get("items", [])
            if "offset" in {p["name"] for p in parameters}:  # a paged list: the server's cap wins
                assert len(items) <= 2 and answer.json()["limit"] == 2, path
    assert len(paged) >= 8


# --- article size ---------------------------------------------------------------------------------


def test_an_oversize_posted_article_fails_alone(store: GraphStore, tmp_path: Path) -> None:
    text = "The foreign ministers of Chile and Peru met in Lima on Monday. "
    with TestClient(create_app(limited_settings(tmp_path), store)) as client:
        response = client.post("/v1/articles", headers={"X-API-Key": API_KEY}, json={"articles": [
            {"id": "big", "text": text * (ARTICLE_LIMIT // len(text) + 1)}, {"id": "small", "text": text}]})
    assert response.status_code == 200
    big, small = response.json()["results"]
    assert big["status"] == "failed" and str(ARTICLE_LIMIT) in big["reason"]
    assert small["status"] == "ingested"
    assert snapshot(store)["records"] == ["small"]


def test_an_oversize_file_or_line_is_refused_unread_and_the_rest_go_in(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "The foreign ministers of Chile and Peru met in Lima on Monday.\n"
    (folder / "big.txt").write_text(text * 40)
    (folder / "small.txt").write_text(text)
    (folder / "feed.jsonl").write_text('{"id": "line-big", "text": "' + "x " * ARTICLE_LIMIT + '"}\n'
                                       '{"id": "line-small", "text": "Ministers met in Quito on Friday."}\n')
    with EmbeddedStore(tmp_path / "store") as store:
        report = ingest([folder], store, progress=False, max_bytes=ARTICLE_LIMIT)
        reasons = {Path(f.source).name: f.reason for f in report.failures}
        assert "too large" in reasons["big.txt"] and str(ARTICLE_LIMIT) in reasons["big.txt"]
        assert "too large" in reasons["feed.jsonl:1"]
        assert len(report.failures) == 2
        stored = [a for a, _ in store.article_payloads()]
        assert len(stored) == 2 and "line-small" in {a.id for a in stored}  # and small.txt, by its content id


# --- query timeouts -------------------------------------------------------------------------------


def _our_transactions(marker: str) -> list[str]:
    with GraphDatabase.driver(NEO4J_URI, auth=None) as driver:
        rows = driver.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery").records
    return [r["currentQuery"] for r in rows if marker in (r["currentQuery"] or "")]


@pytest.mark.neo4j
def test_a_slow_path_query_is_cut_by_the_timeout_and_holds_no_worker(
        neo4j_store: GraphStore, sample_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`/graph/connection` made pathologically slow (its Cypher replaced by one that runs for minutes)."""
    neo4j_store.replace_graph(sample_graph)
    monkeypatch.setattr(neo4j_module, "SHORTEST", dict.fromkeys(neo4j_module.SHORTEST, SLOW_CYPHER))
    timeout_s = 1.0
    store = Neo4jStore(uri=NEO4J_URI, user=os.environ.get("NEO4J_USER", "neo4j"),
                       password=os.environ.get("NEO4J_PASSWORD", ""), query_timeout_s=timeout_s)
    slow: dict[str, Any] = {}
    try:
        with live_server(create_app(limited_settings(tmp_path, query_timeout_s=timeout_s), store)) as url:
            def call() -> None:
                began = time.monotonic()
                slow["response"] = httpx.get(url + "/v1/graph/connection", params={"source": JANE, "target": USA},
                                             timeout=120)
                slow["seconds"] = time.monotonic() - began

            thread = threading.Thread(target=call)
            thread.start()
            served_meanwhile = 0
            while thread.is_alive():  # the rest of the API keeps answering
                assert httpx.get(url + "/v1/meetings", timeout=30).status_code == 200
                served_meanwhile += 1
            thread.join()
        response = slow["response"]
        assert response.status_code == 503 and int(response.headers["retry-after"]) > 0
        assert response.headers["content-type"] == "application/problem+json"
        assert slow["seconds"] < 30 * timeout_s  # cut near the timeout, including the driver's retries
        assert served_meanwhile >= 1
        assert _our_transactions("4000000000") == []  # Neo4j itself stopped the query
        with pytest.raises(StoreUnavailable, match="timed out"):
            store.shortest_connection(JANE, USA)
        assert store.get_actor(JANE) is not None  # and the store works as before
    finally:
        store.close()
    print(f"\nslow path query cut after {slow['seconds']:.1f} s (timeout {timeout_s} s); "
          f"{served_meanwhile} other requests served meanwhile")
