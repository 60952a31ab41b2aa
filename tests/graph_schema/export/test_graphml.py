"""GraphML read back with networkx: the store's counts, typed attributes, nodes before their edges."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph_schema.export.graphml import MeetingsAs, stream_graphml
from graph_schema.model import Graph
from graph_schema.store import EventQuery, GraphStore
from tests.fixtures import sample_graph as sample
from tests.graph_schema.export.conftest import expected_counts

NS = "{http://graphml.graphdrawing.org/xmlns}"


def export(store: GraphStore, query: EventQuery = EventQuery(), meetings_as: MeetingsAs = MeetingsAs.nodes) -> bytes:
    return b"".join(stream_graphml(store, query, meetings_as, size=5))


def nodes_before_edges(data: bytes) -> bool:
    seen: set[str] = set()
    for _, element in ET.iterparse(io.BytesIO(data)):
        if element.tag == NS + "node":
            seen.add(element.get("id"))
        elif element.tag == NS + "edge" and not {element.get("source"), element.get("target")} <= seen:
            return False
    return True


def test_meetings_as_nodes_has_every_actor_place_event_and_fact(either: GraphStore) -> None:
    data = export(either)
    g = nx.read_graphml(io.BytesIO(data))
    counts = expected_counts(either)
    assert isinstance(g, nx.DiGraph) and not g.is_multigraph()
    assert g.number_of_nodes() == counts["actors"] + counts["locations"] + counts["events"]
    assert g.number_of_edges() == counts["participations"] + counts["located"] + counts["within"]
    kinds = [d["node_type"] for _, d in g.nodes(data=True)]
    assert (kinds.count("actor"), kinds.count("location"), kinds.count("event")) == (
        counts["actors"], counts["locations"], counts["events"])
    assert nodes_before_edges(data)


def test_meetings_as_edges_is_a_multigraph_of_actor_pairs(either: GraphStore) -> None:
    data = export(either, meetings_as=MeetingsAs.edges)
    g = nx.read_graphml(io.BytesIO(data))
    counts = expected_counts(either)
    assert isinstance(g, nx.MultiGraph) and not g.is_directed()
    assert g.number_of_nodes() == counts["actors"] + counts["locations"]
    assert g.number_of_edges() == counts["pairs"] + counts["within"]
    assert nodes_before_edges(data)


def test_attributes_are_typed(loaded: GraphStore, sample_graph: Graph) -> None:
    g = nx.read_graphml(io.BytesIO(export(loaded)))
    meeting = g.nodes[sample.PARIS_MEETING]
    assert meeting["date"] == "2024-03-04" and meeting["is_meeting"] is True
    assert isinstance(meeting["participant_count"], int) and isinstance(meeting["source_count"], int)
    assert meeting["source_count"] == len(sample_graph.events[sample.PARIS_MEETING].sources)
    assert meeting["place"] == sample.ELYSEE
    assert g.nodes[sample.USA]["label"] == "United States" and g.nodes[sample.USA]["kind"] == "state"
    assert isinstance(g.nodes[sample.GENEVA]["lat"], float)
    hosts = [d for a, b, d in g.edges(data=True) if d["edge_type"] == "participated_in" and d["role"] == "host"]
    assert hosts and all(isinstance(d["weight"], float) for d in hosts)
    undated = g.nodes[sample.GENEVA_STATEMENT]
    assert "date" not in undated and undated["label"].endswith("undated")


def test_met_edges_carry_the_event(loaded: GraphStore) -> None:
    g = nx.read_graphml(io.BytesIO(export(loaded, EventQuery(type="meeting"), MeetingsAs.edges)))
    met = [d for _, _, d in g.edges(data=True) if d["edge_type"] == "met"]
    paris = [d for d in met if d["event"] == sample.PARIS_MEETING]
    assert paris and {d["date"] for d in paris} == {"2024-03-04"} and paris[0]["place_name"]
    assert {d["event"] for d in met} <= {e.id for e in loaded.find_events(EventQuery(type="meeting")).items}


@pytest.mark.parametrize("query", [EventQuery(type="meeting"), EventQuery(actor=sample.UN),
                                   EventQuery(date_from="2024-03-05")])
def test_a_filtered_graph_holds_the_matching_events_and_what_they_name(loaded: GraphStore, query: EventQuery) -> None:
    data = export(loaded, query)
    g = nx.read_graphml(io.BytesIO(data))
    matching = loaded.find_events(EventQuery(**{**{f: getattr(query, f) for f in query.__slots__}, "limit": 100}))
    events = {n for n, d in g.nodes(data=True) if d["node_type"] == "event"}
    assert events == {e.id for e in matching.items}
    actors = {n for n, d in g.nodes(data=True) if d["node_type"] == "actor"}
    assert actors == {i for e in matching.items for i in e.actor_ids()}
    assert nodes_before_edges(data)


def test_text_xml_cannot_hold_is_dropped(store: GraphStore, sample_graph: Graph) -> None:
    sample_graph.actors[sample.JANE].name = "Jane\x0b Doe <&> \"J\""
    store.replace_graph(sample_graph)
    g = nx.read_graphml(io.BytesIO(export(store)))
    assert g.nodes[sample.JANE]["label"] == "Jane Doe <&> \"J\""
