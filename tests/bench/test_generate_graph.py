import pytest

from bench.generate_graph import count_facts, generate_graph, shape
from graph_schema.document import from_document, to_document
from graph_schema.model import ActorKind


@pytest.fixture(scope="module")
def graph():
    return generate_graph(3_000, seed=5)


def test_same_seed_same_document(graph):
    assert to_document(generate_graph(3_000, seed=5)) == to_document(graph)
    assert to_document(generate_graph(3_000, seed=6)) != to_document(graph)


def test_document_loads_back_unchanged(graph):
    doc = to_document(graph)
    assert doc["format"] == "diplomatic-graph/1"
    assert to_document(from_document(doc)) == doc


def test_sizes(graph):
    s = shape(graph)
    assert s.events == 3_000
    assert s.meetings > s.events / 3
    assert s.persons >= 100 and s.states > 150
    assert s.representations > 0
    assert s.facts == count_facts(graph) > s.events * 4


def test_every_reference_resolves(graph):
    for e in graph.events.values():
        assert e.id.startswith("e:")
        assert e.location is None or e.location in graph.locations
        assert e.sources and all(src.article in graph.articles for src in e.sources)
        for p in e.participants:
            assert p.actor in graph.actors
            assert p.represents is None or graph.actors[p.represents].kind == ActorKind.STATE
    for loc in graph.locations.values():
        assert loc.within is None or loc.within in graph.locations
    for a in graph.actors.values():
        assert a.affiliation is None or a.affiliation in graph.actors


def test_actor_activity_has_a_heavy_tail(graph):
    s = shape(graph)
    # a few actors are in a large share of the news ...
    assert s.top1pct_share > 0.10
    assert s.top_actor_events > s.events * 0.05
    # ... and the typical actor in very little of it
    assert s.median_actor_events < s.top_actor_events / 20


def test_more_events_bring_more_actors():
    assert shape(generate_graph(6_000, seed=5)).persons > shape(generate_graph(1_000, seed=5)).persons
