"""Both stores loaded with the sample graph (exact answers) or a generated one (many events, for counts)."""
from __future__ import annotations

import pytest

from bench.generate_graph import generate_graph
from graph_schema.model import Graph
from graph_schema.store import GraphStore


@pytest.fixture
def loaded(store: GraphStore, sample_graph: Graph) -> GraphStore:
    store.replace_graph(sample_graph)
    return store


@pytest.fixture(scope="session")
def generated_graph() -> Graph:
    return generate_graph(300, seed=7)


@pytest.fixture
def generated(store: GraphStore, generated_graph: Graph) -> GraphStore:
    store.replace_graph(generated_graph)
    return store


def expected_counts(store: GraphStore) -> dict[str, int]:
    """What every export of the whole graph must hold, from the store's own answers."""
    graph = store.read_graph()
    counts = store.counts()
    return {**counts,
            "participations": sum(len(e.participants) for e in graph.events.values()),
            "sources": sum(len(e.sources) for e in graph.events.values()),
            "located": sum(e.location is not None for e in graph.events.values()),
            "within": sum(loc.within is not None for loc in graph.locations.values()),
            "pairs": sum(len(e.participants) * (len(e.participants) - 1) // 2 for e in graph.events.values())}


@pytest.fixture(params=["sample", "generated"])
def either(request: pytest.FixtureRequest, store: GraphStore, sample_graph: Graph, generated_graph: Graph) -> GraphStore:
    """The store loaded with the sample graph, then (a second run) with the generated one."""
    store.replace_graph(sample_graph if request.param == "sample" else generated_graph)
    return store
