"""API fixtures: the app over each store (embedded and real Neo4j), loaded with the sample graph."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.model import Graph
from graph_schema.store import GraphStore

API_KEY = "test-key-9f3b2c"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, api_key=API_KEY, data_dir=tmp_path / "data")  # type: ignore[call-arg]


@pytest.fixture
def loaded_store(store: GraphStore, sample_graph: Graph) -> GraphStore:
    store.replace_graph(sample_graph)
    return store


@pytest.fixture
def client(settings: Settings, loaded_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(settings, loaded_store)) as test_client:
        yield test_client


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]
