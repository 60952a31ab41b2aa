"""Meetings: the face-to-face encounters (type `meeting` or CAMEO 04x), filtered."""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import StoreDep
from app.api.params import EventFiltersDep, PagingDep, next_offset
from app.api.render import Lookup, event_summaries
from app.problems import responses
from app.schemas.events import EventPage
from graph_schema.store import GraphStore, EventQuery, Page

router = APIRouter(prefix="/meetings", tags=["meetings"])

_ALL = 1_000_000


def _by_cameo(store: GraphStore, query: EventQuery, cameo: str) -> Page:
    """Meetings whose CAMEO code starts with `cameo`: filtered here, as the store filters by type only."""
    everything = store.find_events(replace(query, offset=0, limit=_ALL))
    matching = [e for e in everything.items if (e.cameo or "").startswith(cameo)]
    return Page(items=matching[query.offset:query.offset + query.limit], total=len(matching), offset=query.offset,
                limit=query.limit)


@router.get("", operation_id="list_meetings", response_model=EventPage, responses=responses(422),
            summary="Meetings filtered by actor, counterpart, place (and all within it), dates and CAMEO type")
def list_meetings(
    store: StoreDep, filters: EventFiltersDep, paging: PagingDep,
    cameo: Annotated[str | None, Query(pattern=r"^04[0-9]{0,2}$", examples=["043"],
                                       description="A CAMEO meeting code or prefix (`04`, `042`, ...)")] = None,
) -> EventPage:
    query = filters.query(paging, "meeting")
    page = _by_cameo(store, query, cameo) if cameo else store.find_events(query)
    return EventPage(items=event_summaries(page.items, Lookup(store)), total=page.total, offset=paging.offset,
                     limit=paging.limit, next_offset=next_offset(paging.offset, paging.limit, page.total))
