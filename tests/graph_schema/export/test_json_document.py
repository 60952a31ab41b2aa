"""`diplomatic-graph/1`, streamed: the same bytes as `ingest/export.py`; filtered, a graph a store accepts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_schema.document import from_document
from graph_schema.export.json_document import stream_document
from graph_schema.integrity import graph_problems
from graph_schema.store import EventQuery, GraphStore
from graph_schema.stores.embedded import EmbeddedStore
from ingest.export import dump_document, export_document
from tests.fixtures import sample_graph as sample


def test_the_whole_graph_is_byte_for_byte_the_document_export(either: GraphStore) -> None:
    streamed = b"".join(stream_document(either, EventQuery(), size=7))
    assert streamed == dump_document(export_document(either)).encode("utf-8")


def test_an_empty_store_is_an_empty_document(store: GraphStore) -> None:
    assert b"".join(stream_document(store, EventQuery())) == dump_document(export_document(store)).encode("utf-8")


@pytest.mark.parametrize("query", [EventQuery(type="meeting"), EventQuery(actor=sample.FRA, date_from="2024-03-05"),
                                   EventQuery(place=sample.PARIS)])
def test_a_filtered_document_is_a_graph_a_store_accepts(loaded: GraphStore, query: EventQuery,
                                                        tmp_path: Path) -> None:
    document = json.loads(b"".join(stream_document(loaded, query, size=1)))
    graph = from_document(document)
    everything = loaded.find_events(EventQuery(**{**{f: getattr(query, f) for f in query.__slots__}, "limit": 100}))
    assert sorted(graph.events) == sorted(e.id for e in everything.items) == [e["id"] for e in document["events"]]
    assert graph_problems(graph) == []
    assert set(graph.actors) >= {i for e in graph.events.values() for i in e.actor_ids()}
    assert {c.subject for c in graph.conflicts} <= graph.actors.keys() | graph.events.keys() | graph.locations.keys()
    copy = EmbeddedStore(tmp_path / "copy")
    copy.replace_graph(graph)  # refuses a graph with dangling references
    assert copy.counts()["events"] == len(graph.events)


def test_a_filtered_document_brings_the_title_holders_and_the_conflicts(loaded: GraphStore, sample_graph) -> None:
    document = json.loads(b"".join(stream_document(loaded, EventQuery(actor=sample.JEAN))))
    ids = {x["id"] for section in ("actors", "events", "locations") for x in document[section]}
    assert sample.FRA in ids  # Jean Dupont holds a title of France and belongs to it
    expected = {c.subject for c in sample_graph.conflicts if c.subject in ids}
    assert expected and {c["subject"] for c in document["conflicts"]} == expected
