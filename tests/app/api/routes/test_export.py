from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from graph_schema.document import from_document, to_document
from graph_schema.export.tables import TABLES
from graph_schema.model import Graph
from tests.fixtures import sample_graph as sample


def test_export_is_the_diplomatic_graph_document(client: TestClient, sample_graph: Graph) -> None:
    response = client.get("/v1/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == 'attachment; filename="diplograph.json"'
    document = response.json()
    assert document["format"] == "diplomatic-graph/1"
    assert document == to_document(sample_graph)
    assert to_document(from_document(document)) == document


@pytest.mark.parametrize(("format_", "media_type", "name"), [
    ("graphml", "application/graphml+xml", "diplograph.graphml"),
    ("csv", "application/zip", "diplograph-csv.zip"),
    ("parquet", "application/zip", "diplograph-parquet.zip"),
    ("dyads", "text/csv; charset=utf-8", "diplograph-dyads.csv"),
])
def test_each_format_is_a_download_of_its_media_type(client: TestClient, sample_graph: Graph, format_: str,
                                                     media_type: str, name: str) -> None:
    response = client.get("/v1/export", params={"format": format_})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    if format_ == "graphml":
        g = nx.read_graphml(io.BytesIO(response.content))
        assert g.number_of_nodes() == len(sample_graph.actors) + len(sample_graph.locations) + len(sample_graph.events)
    elif format_ == "dyads":
        rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
        assert len(rows) == sum(len(e.participants) * (len(e.participants) - 1) for e in sample_graph.events.values())
    else:
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert archive.namelist() == [f"{t}.{format_}" for t in TABLES]
        events = archive.read(f"events.{format_}")
        count = pq.read_table(io.BytesIO(events)).num_rows if format_ == "parquet" else events.count(b"\n") - 1
        assert count == len(sample_graph.events)


def test_the_events_filters_apply(client: TestClient) -> None:
    listed = client.get("/v1/events", params={"type": "meeting", "date_from": "2024-03-01", "limit": 100}).json()
    graphml = client.get("/v1/export", params={"format": "graphml", "type": "meeting", "date_from": "2024-03-01",
                                               "meetings_as": "nodes"})
    g = nx.read_graphml(io.BytesIO(graphml.content))
    assert {n for n, d in g.nodes(data=True) if d["node_type"] == "event"} == {e["id"] for e in listed["items"]}
    document = client.get("/v1/export", params={"actor": sample.UN}).json()
    assert [e["id"] for e in document["events"]] == [sample.GENEVA_MEETING]
    edges = client.get("/v1/export", params={"format": "graphml", "meetings_as": "edges", "actor": sample.UN})
    met = nx.read_graphml(io.BytesIO(edges.content))
    assert not met.is_directed()
    assert {d["event"] for _, _, d in met.edges(data=True) if d["edge_type"] == "met"} == {sample.GENEVA_MEETING}


@pytest.mark.parametrize("params", [{"format": "xlsx"}, {"date_from": "last week"}, {"meetings_as": "hyperedges"},
                                    {"actor": ""}, {"type": "x" * 51}])
def test_bad_parameters_are_precise_422_problems(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/v1/export", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["errors"][0]["location"].endswith(next(iter(params)))
