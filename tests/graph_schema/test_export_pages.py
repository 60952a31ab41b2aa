"""The paged reads exports use (`event_pages`, `actor_pages`, ...) give both stores' same answers."""
from __future__ import annotations

import pytest

from graph_schema.document import conflict_order
from graph_schema.model import Graph
from graph_schema.store import EventQuery, GraphStore
from tests.fixtures import sample_graph as sample


@pytest.fixture
def loaded(store: GraphStore, sample_graph: Graph) -> GraphStore:
    store.replace_graph(sample_graph)
    return store


@pytest.mark.parametrize("query", [EventQuery(), EventQuery(type="meeting"), EventQuery(actor=sample.FRA),
                                   EventQuery(date_from="2024-03-01", date_to="2024-03-04"),
                                   EventQuery(place=sample.PARIS, offset=1, limit=1)])
def test_event_pages_are_find_events_in_id_order(loaded: GraphStore, query: EventQuery) -> None:
    everything = EventQuery(**{**{f: getattr(query, f) for f in query.__slots__}, "offset": 0, "limit": 1000})
    expected = sorted(e.id for e in loaded.find_events(everything).items)
    pages = list(loaded.event_pages(query, size=2))
    assert [e.id for p in pages for e in p.items] == expected
    assert all(0 < len(p.items) <= 2 for p in pages)
    assert [p.total for p in pages] == [min(2 * (i + 1), len(expected)) for i in range(len(pages))]
    for page in pages:
        assert set(page.actors) == {i for e in page.items for i in e.actor_ids()}
        assert set(page.chains) == {e.location for e in page.items if e.location}
        for place, chain in page.chains.items():
            assert [loc.id for loc in chain] == [loc.id for loc in loaded.location_chain(place)]


def test_event_pages_of_nothing_yield_no_page(loaded: GraphStore) -> None:
    assert list(loaded.event_pages(EventQuery(actor="a:nobody"))) == []


def test_whole_sections_come_in_id_order(loaded: GraphStore, sample_graph: Graph) -> None:
    assert [[a.id for a in page] for page in loaded.actor_pages(size=4)] == [
        sorted(sample_graph.actors)[:4], sorted(sample_graph.actors)[4:]]
    assert [loc for page in loaded.location_pages(size=2) for loc in page] == [
        sample_graph.locations[i] for i in sorted(sample_graph.locations)]
    assert [a for page in loaded.article_pages() for a in page] == [
        sample_graph.articles[i] for i in sorted(sample_graph.articles)]
    assert loaded.all_conflicts() == sorted(sample_graph.conflicts, key=conflict_order)
