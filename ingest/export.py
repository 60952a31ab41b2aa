"""Export the stored graph as one `diplomatic-graph/1` document.

The file is written atomically (a temporary file in the same folder, then a
rename), so a reader never sees half an export and a failed export leaves the
previous file as it was.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph_schema.document import to_document
from graph_schema.export.output import write_file
from graph_schema.store import GraphStore


def export_document(store: GraphStore) -> dict[str, Any]:
    """The store's resolved graph as a `diplomatic-graph/1` document."""
    return to_document(store.read_graph())


def dump_document(document: dict[str, Any]) -> str:
    """The document as JSON text: stable key order and layout, so two exports diff cleanly."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_document(document: dict[str, Any], path: Path) -> int:
    """Write `document` to `path` atomically; the number of bytes written."""
    return write_file([dump_document(document).encode("utf-8")], path)


def export_to_file(store: GraphStore, path: Path) -> dict[str, Any]:
    """Export the store's graph to `path`; the document written."""
    document = export_document(store)
    write_document(document, path)
    return document
