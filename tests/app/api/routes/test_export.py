from __future__ import annotations

from fastapi.testclient import TestClient

from graph_schema.document import from_document, to_document
from graph_schema.model import Graph


def test_export_is_the_diplomatic_graph_document(client: TestClient, sample_graph: Graph) -> None:
    response = client.get("/v1/export")
    assert response.status_code == 200
    document = response.json()
    assert document["format"] == "diplomatic-graph/1"
    assert document == to_document(sample_graph)
    assert to_document(from_document(document)) == document
