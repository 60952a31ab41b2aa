"""Dyads read back as CSV: one row per ordered pair of participants per event, with the event's place and source."""
from __future__ import annotations

import csv
import io

import pytest

from graph_schema.export.dyads import COLUMNS, stream_dyads
from graph_schema.model import Graph
from graph_schema.store import EventQuery, GraphStore
from tests.fixtures import sample_graph as sample
from tests.graph_schema.export.conftest import expected_counts


def dyads(store: GraphStore, query: EventQuery = EventQuery()) -> list[dict[str, str]]:
    data = b"".join(stream_dyads(store, query, size=3)).decode("utf-8")
    reader = csv.DictReader(io.StringIO(data, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_every_ordered_pair_of_every_event(either: GraphStore) -> None:
    rows = dyads(either)
    assert len(rows) == 2 * expected_counts(either)["pairs"]
    pairs = {(r["event_id"], r["source_id"], r["target_id"]) for r in rows}
    assert len(pairs) == len(rows)  # no pair twice
    assert all((e, t, s) in pairs for e, s, t in pairs)  # both ways
    assert all(r["source_id"] != r["target_id"] for r in rows)


def test_a_row_names_both_actors_the_place_and_the_first_source(loaded: GraphStore, sample_graph: Graph) -> None:
    row = next(r for r in dyads(loaded) if (r["event_id"], r["source_id"], r["target_id"]) == (
        sample.PARIS_MEETING, sample.JANE, sample.JEAN))
    event = sample_graph.events[sample.PARIS_MEETING]
    assert (row["event_date"], row["event_type"], row["cameo"], row["is_meeting"]) == (
        "2024-03-04", "meeting", event.cameo or "", "true")
    assert (row["source_name"], row["source_country"], row["source_represents"]) == ("Jane Doe", "USA", sample.USA)
    assert (row["target_name"], row["target_country"]) == ("Jean Dupont", "FRA")
    assert (row["place_id"], row["place_country"]) == (sample.ELYSEE, "FRA")
    assert float(row["lat"]) == pytest.approx(sample_graph.locations[sample.PARIS].lat)  # the venue's city's
    first = loaded.get_event(sample.PARIS_MEETING).sources[0]
    article = sample_graph.articles[first.article]
    assert (row["article_id"], row["article_url"], row["quote"]) == (first.article, article.url or "", first.quote)
    assert int(row["report_count"]) == len(event.sources)


def test_filters_keep_the_matching_events_only(loaded: GraphStore) -> None:
    matching = {e.id for e in loaded.find_events(EventQuery(date_to="2024-03-04", limit=100)).items}
    rows = dyads(loaded, EventQuery(date_to="2024-03-04"))
    assert rows and {r["event_id"] for r in rows} <= matching
    assert dyads(loaded, EventQuery(actor="a:nobody")) == []
