"""The whole graph as a `diplomatic-graph/1` document."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.api.deps import StoreDep
from app.problems import responses
from app.schemas.document import GraphDocument
from graph_schema.document import to_document

router = APIRouter(tags=["export"])


@router.get("/export", operation_id="export_graph", response_model=GraphDocument, responses=responses(),
            summary="The whole graph as one deterministic `diplomatic-graph/1` document")
def export_graph(store: StoreDep) -> dict[str, Any]:
    return to_document(store.read_graph())
