"""Meetings: the face-to-face encounters (type `meeting` or CAMEO 04x), filtered."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import StoreDep
from app.api.event_pages import event_page
from app.api.params import EventFiltersDep, PagingDep
from app.problems import responses
from app.schemas.events import EventPage

router = APIRouter(prefix="/meetings", tags=["meetings"])


@router.get("", operation_id="list_meetings", response_model=EventPage, responses=responses(400, 422),
            summary="Meetings filtered by actor, counterpart, place (and all within it), dates and CAMEO type")
def list_meetings(
    store: StoreDep, filters: EventFiltersDep, paging: PagingDep,
    cameo: Annotated[str | None, Query(pattern=r"^04[0-9]{0,2}$", examples=["043"],
                                       description="A CAMEO meeting code or prefix (`04`, `042`, ...)")] = None,
) -> Response:
    query = filters.query(paging, "meeting")
    query.cameo = cameo
    return event_page(store.find_events(query), store, paging)
