"""`diplomatic-graph/1` documents: the sample graph round-trips; malformed documents are refused by name."""
from __future__ import annotations

import json

import pytest

from graph_schema.document import FORMAT, DocumentError, from_document, to_document
from graph_schema.model import Graph
from tests.fixtures.sample_graph import JEAN, PARIS_MEETING


def test_round_trip_keeps_everything(sample_graph: Graph) -> None:
    doc = to_document(sample_graph)
    again = from_document(json.loads(json.dumps(doc)))
    assert to_document(again) == doc
    assert again.actors[JEAN] == sample_graph.actors[JEAN]
    assert again.events[PARIS_MEETING].sources == sorted(sample_graph.events[PARIS_MEETING].sources,
                                                         key=lambda s: (s.article, s.start, s.end))
    assert again.conflicts and again.locations == sample_graph.locations


def test_document_is_sorted_and_deterministic(sample_graph: Graph) -> None:
    doc = to_document(sample_graph)
    for section in ("articles", "actors", "locations", "events"):
        ids = [x["id"] for x in doc[section]]
        assert ids == sorted(ids)
    reversed_graph = Graph(articles=dict(reversed(sample_graph.articles.items())),
                           actors=dict(reversed(sample_graph.actors.items())),
                           locations=dict(reversed(sample_graph.locations.items())),
                           events=dict(reversed(sample_graph.events.items())),
                           conflicts=list(reversed(sample_graph.conflicts)))
    assert json.dumps(to_document(reversed_graph)) == json.dumps(doc)


def test_titles_without_offices_are_read_as_plain_titles() -> None:
    doc = {"format": FORMAT, "actors": [{"id": "a:x", "name": "X", "kind": "person", "titles": ["Envoy"]}]}
    assert [(t.title, t.of) for t in from_document(doc).actors["a:x"].titles] == [("Envoy", None)]


@pytest.mark.parametrize(("doc", "where"), [
    ([], "not a diplomatic-graph/1"),
    ({"format": "other/2"}, "not a diplomatic-graph/1"),
    ({"format": FORMAT, "actors": "a:x"}, "'actors' must be a list"),
    ({"format": FORMAT, "actors": [{"name": "No id"}]}, "actors[0]"),
    ({"format": FORMAT, "actors": [{"id": "a:x", "name": None}]}, "actors[0]"),
    ({"format": FORMAT, "actors": [{"id": "a:x", "name": "X", "kind": "wizard"}]}, "actors[0]"),
    ({"format": FORMAT, "locations": [{"id": "l:x", "name": "X", "kind": "planet"}]}, "locations[0]"),
    ({"format": FORMAT, "events": [{"id": "e:1", "type": "meeting"}, {"id": "e:2"}]}, "events[1]"),
    ({"format": FORMAT, "events": [{"id": "e:1", "type": "meeting",
                                    "participants": [{"actor": "a:x", "role": "king"}]}]}, "events[0]"),
    ({"format": FORMAT, "events": [{"id": "e:1", "type": "meeting", "sources": [{"start": 1}]}]}, "events[0]"),
    ({"format": FORMAT, "events": [{"id": "e:1", "type": "meeting", "date_precision": "hour"}]}, "events[0]"),
    ({"format": FORMAT, "conflicts": [["e:1", "date"]]}, "conflicts[0]"),
    ({"format": FORMAT, "articles": [{"id": 7}]}, "articles[0]"),
])
def test_malformed_documents_raise_document_error(doc: object, where: str) -> None:
    with pytest.raises(DocumentError) as caught:
        from_document(doc)  # type: ignore[arg-type]
    assert where in str(caught.value)
