"""Fixtures every test may use: the two stores and a small sample graph.

`neo4j_store` talks to the real Neo4j that `scripts/neo4j-local` starts (env
`NEO4J_URI`, default bolt://127.0.0.1:7687) and wipes its database first.
Without a reachable Neo4j those tests are skipped, except in CI (`CI=true`),
where they fail. Tests that use it are marked `neo4j` automatically.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_schema.model import Graph
from graph_schema.store import GraphStore, StoreUnavailable
from graph_schema.stores.embedded import EmbeddedStore
from tests.fixtures.sample_graph import build_sample_graph

NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "neo4j_store" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


def _open_neo4j():
    from graph_schema.stores.neo4j import Neo4jStore

    return Neo4jStore(uri=NEO4J_URI, user=os.environ.get("NEO4J_USER", "neo4j"),
                      password=os.environ.get("NEO4J_PASSWORD", ""),
                      database=os.environ.get("NEO4J_DATABASE", "neo4j"), query_timeout_s=30)


@pytest.fixture(scope="session")
def neo4j_reachable() -> None:
    """Checked once per run: skip (locally) or fail (CI) when Neo4j does not answer."""
    store = _open_neo4j()
    try:
        store.ping()
    except StoreUnavailable as exc:
        message = (f"Neo4j is not reachable at {NEO4J_URI} ({exc}). "
                   "Start it with `scripts/neo4j-local start` or set NEO4J_URI.")
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    finally:
        store.close()


@pytest.fixture
def neo4j_store(neo4j_reachable: None) -> Iterator[GraphStore]:
    store = _open_neo4j()
    store.wipe()
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[GraphStore]:
    store = EmbeddedStore(tmp_path / "data")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each test using it runs once per store: ids `embedded` and `neo4j`."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def sample_graph() -> Graph:
    """A fresh copy of `tests/fixtures/sample_graph.py` (tests may change it)."""
    return build_sample_graph()
