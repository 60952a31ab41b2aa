"""The graph for other tools, streamed: `diplomatic-graph/1`, GraphML, CSV or Parquet tables, or dyads.

Filtered by the same parameters as `/v1/events`; with none, the whole graph. The store is read a page
at a time inside one snapshot while the response goes out, so memory stays flat however large the
graph; the formats are in `docs/export.md` and `graph_schema/export/`.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import chain
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from app.api.deps import get_store
from app.api.params import EventFiltersDep, Paging
from app.problems import responses
from app.schemas.document import GraphDocument
from app.streams import StreamCut
from graph_schema.export import ExportFormat, MeetingsAs, export_stream, filename, media_type
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore, StoreError, StoreUnavailable

log = logging.getLogger("app.export")
router = APIRouter(tags=["export"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_OK = {200: {"description": "The export as a file download (`Content-Disposition: attachment`): "
                            "`json` as `application/json` (a `diplomatic-graph/1` document), `graphml` as "
                            "`application/graphml+xml`, `csv` and `parquet` as `application/zip` (five tables), "
                            "`dyads` as `text/csv`",
             "content": {"application/graphml+xml": _BINARY, "application/zip": _BINARY, "text/csv": _BINARY}}}


def _streamed(store: GraphStore, format_: ExportFormat, query: EventQuery, meetings_as: MeetingsAs) -> Iterator[bytes]:
    """The export read inside one snapshot, held until the last chunk has gone out. Cut (`StreamCut`) if
    the store fails after the first chunk, or if a graph write overlapped the reads (the snapshot is not
    `unchanged()`): the last chunk, which ends the document, is sent only once that is known."""
    with store.snapshot() as view:
        chunks = export_stream(view, format_, query, meetings_as)
        yield next(chunks, b"")  # a failure here is still a problem response (see `export_graph`)
        last = None
        try:
            for chunk in chunks:
                if last is not None:
                    yield last
                last = chunk
            if not view.unchanged():
                raise StoreUnavailable("a graph write overlapped the export", "the graph was written meanwhile")
        except StoreError as exc:
            log.warning("export.cut", extra={"reason": str(exc)})
            raise StreamCut(str(exc)) from None
        if last is not None:
            yield last


@router.get("/export", operation_id="export_graph", response_model=GraphDocument, responses={**_OK, **responses(422)},
            summary="The graph, or the events the filters pick, as JSON, GraphML, CSV or Parquet tables, or dyads")
def export_graph(
    store: Annotated[GraphStore, Depends(get_store)],  # not a request snapshot: the stream takes its own
    filters: EventFiltersDep,
    format: Annotated[ExportFormat, Query(
        description="`json`: `diplomatic-graph/1`; `graphml`: Gephi, Cytoscape, networkx; `csv`, `parquet`: "
                    "actors, locations, events, participations and sources tables in a zip; `dyads`: one CSV "
                    "row per ordered actor pair per event (ICEWS/GDELT style)")] = ExportFormat.json,
    type: Annotated[str | None, Query(min_length=1, max_length=50, examples=["meeting"],
                                      description="Event type; `meeting` also matches CAMEO 04x")] = None,
    meetings_as: Annotated[MeetingsAs | None, Query(
        description="GraphML: each event as a node (default) or as edges between its participants; "
                    "the other formats have no such choice and ignore it")] = None,
) -> StreamingResponse:
    store.ping()  # an unreachable store is a 503 now, not a stream cut short
    query = filters.query(Paging(offset=0, limit=EXPORT_PAGE), type)  # paging is ignored: every match goes out
    chunks = _streamed(store, format, query, meetings_as or MeetingsAs.nodes)
    first = next(chunks, b"")  # the first read happens here, so its failure is a problem response too
    return StreamingResponse(chain([first], chunks), media_type=media_type(format),
                             headers={"Content-Disposition": f'attachment; filename="{filename(format)}"'})
