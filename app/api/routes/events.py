"""Events of any type: filtered lists and the full detail with sources and conflicts."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from app.api.deps import StoreDep
from app.api.event_pages import event_page
from app.api.params import EventFiltersDep, PagingDep
from app.api.render import event_detail
from app.problems import responses
from app.schemas.events import EventDetail, EventPage

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", operation_id="list_events", response_model=EventPage, responses=responses(400, 422),
            summary="Events of any type, filtered, by date")
def list_events(
    store: StoreDep, filters: EventFiltersDep, paging: PagingDep,
    type: Annotated[str | None, Query(min_length=1, max_length=50, examples=["meeting"],
                                      description="Event type; `meeting` also matches CAMEO 04x")] = None,
) -> Response:
    page = store.find_events(filters.query(paging, type))
    return event_page(page, store, paging)


@router.get("/{event_id}", operation_id="get_event", response_model=EventDetail, responses=responses(404, 422),
            summary="An event with participants, representation, place, sources and conflicts")
def get_event(
    store: StoreDep,
    event_id: Annotated[str, Path(min_length=1, max_length=200, examples=["e:2019-06-03-meeting-4f2a9c"])],
) -> EventDetail:
    dossier = store.event_dossier(event_id)
    if dossier is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return event_detail(dossier, store)
