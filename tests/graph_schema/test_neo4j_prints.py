"""The Neo4j store's fingerprints: those every store compares, plus the facts only this store derives."""
from __future__ import annotations

from dataclasses import replace

from graph_schema.model import Graph
from graph_schema.stores.fingerprint import fingerprints
from graph_schema.stores.neo4j.prints import StorePrints, store_prints
from tests.fixtures.sample_graph import GENEVA_STATEMENT, JANE, PARIS_MEETING


def test_the_same_elements_and_node_prints_as_every_store(sample_graph: Graph) -> None:
    shared, ours = fingerprints(sample_graph), store_prints(sample_graph)
    assert list(ours) == list(shared) == list(StorePrints(sample_graph))
    assert {k: p.node for k, p in ours.items()} == {k: p.node for k, p in shared.items()}
    assert all(ours[k] == p for k, p in shared.items() if k[0] in ("articles", "locations", "conflicts"))


def test_derived_facts_change_their_owner_s_facts_print(sample_graph: Graph) -> None:
    before = store_prints(sample_graph)
    moved = replace(sample_graph, events=dict(sample_graph.events))
    moved.events[PARIS_MEETING] = replace(sample_graph.events[PARIS_MEETING], date="2024-03-09")
    after = store_prints(moved)
    assert after["events", PARIS_MEETING].facts != before["events", PARIS_MEETING].facts  # meeting keys hold dates
    assert after["events", PARIS_MEETING].node != before["events", PARIS_MEETING].node
    fewer = replace(sample_graph, events={i: e for i, e in sample_graph.events.items() if i != PARIS_MEETING})
    assert store_prints(fewer)["actors", JANE].facts != before["actors", JANE].facts  # her meeting count fell
    assert store_prints(fewer)["actors", JANE].node == before["actors", JANE].node


def test_prints_are_computed_when_asked_for_and_then_kept(sample_graph: Graph) -> None:
    prints = StorePrints(sample_graph)
    first = prints["events", GENEVA_STATEMENT]
    assert prints["events", GENEVA_STATEMENT] is first
    assert first == store_prints(sample_graph)["events", GENEVA_STATEMENT]
    assert ("events", "e:nowhere") not in prints
