"""The Neo4j that `scripts/neo4j-local` runs: Bolt, APOC and Neo4j Browser all answer.

Talks to the instance named by env `NEO4J_URI` (Bolt) and `NEO4J_HTTP_PORT`
(HTTP, default 7474), as `scripts/test` exports them. Without a reachable Neo4j
these tests skip locally and fail in CI (`CI=true`).
"""
from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from neo4j import Driver, GraphDatabase

pytestmark = pytest.mark.neo4j

NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
HOST = urlparse(NEO4J_URI).hostname or "127.0.0.1"
BOLT_PORT = urlparse(NEO4J_URI).port or 7687
HTTP_PORT = int(os.environ.get("NEO4J_HTTP_PORT", "7474"))
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    password = os.environ.get("NEO4J_PASSWORD", "")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None
    driver = GraphDatabase.driver(NEO4J_URI, auth=auth, connection_timeout=5)
    try:
        driver.verify_connectivity()
    except Exception as exc:  # any failure to connect means: no Neo4j here
        driver.close()
        message = (f"Neo4j is not reachable at {NEO4J_URI} ({type(exc).__name__}: {exc}). "
                   "Start it with `scripts/neo4j-local start`.")
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield driver
    driver.close()


def http_get(path: str, accept: str = "*/*") -> tuple[int, str, str]:
    request = urllib.request.Request(f"http://{HOST}:{HTTP_PORT}{path}", headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")


def test_bolt_answers_a_parameterised_query(driver: Driver) -> None:
    records, _, _ = driver.execute_query("UNWIND range(1, $n) AS i RETURN sum(i) AS total", n=10)
    assert records[0]["total"] == 55


def test_server_is_neo4j_5_26_community(driver: Driver) -> None:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition")
    kernel = {r["name"]: r for r in records}["Neo4j Kernel"]
    assert kernel["edition"] == "community"
    assert kernel["versions"][0].startswith("5.26.")


def test_apoc_functions_and_procedures_run(driver: Driver) -> None:
    records, _, _ = driver.execute_query(
        "RETURN apoc.version() AS version, apoc.coll.sort([3, 1, 2]) AS sorted")
    assert records[0]["version"].startswith("5.")
    assert records[0]["sorted"] == [1, 2, 3]
    records, _, _ = driver.execute_query(
        "CALL apoc.cypher.run('RETURN $x * 2 AS doubled', {x: 21}) YIELD value RETURN value.doubled AS d")
    assert records[0]["d"] == 42


def test_browser_is_served_over_http(driver: Driver) -> None:
    status, content_type, body = http_get("/browser/", accept="text/html")
    assert status == 200
    assert content_type.startswith("text/html")
    assert "<title>Neo4j Browser</title>" in body


def test_discovery_sends_the_browser_to_this_bolt_port(driver: Driver) -> None:
    status, _, body = http_get("/", accept="application/json")
    assert status == 200
    discovery = json.loads(body)
    assert urlparse(discovery["bolt_direct"]).port == BOLT_PORT
