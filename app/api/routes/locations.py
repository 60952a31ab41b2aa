"""Places: detail with the hierarchy, and the events at or within them."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import LocationId, StoreDep, location_or_404
from app.api.event_pages import event_page
from app.api.params import PagingDep
from app.api.render import location_ref
from app.problems import responses
from app.schemas.common import IsoDate
from app.schemas.events import EventPage
from app.schemas.locations import LocationDetail
from graph_schema.store import EventQuery

router = APIRouter(prefix="/locations", tags=["locations"])


@router.get("/{location_id}", operation_id="get_location", response_model=LocationDetail,
            responses=responses(404, 422), summary="A place, what it lies within, and how many events it saw")
def get_location(store: StoreDep, location_id: LocationId) -> LocationDetail:
    loc = location_or_404(store, location_id)
    chain = [location_ref(c) for c in store.location_chain(location_id)]
    events = store.find_events(EventQuery(place=location_id, limit=1))
    return LocationDetail(id=loc.id, name=loc.name, kind=loc.kind, country=loc.country, lat=loc.lat, lon=loc.lon,
                          aliases=sorted(loc.aliases), within=chain[1] if len(chain) > 1 else None, chain=chain,
                          event_count=events.total)


@router.get("/{location_id}/events", operation_id="list_location_events", response_model=EventPage,
            responses=responses(400, 404, 422), summary="Events at the place or anywhere within it, filtered")
def list_location_events(
    store: StoreDep, location_id: LocationId, paging: PagingDep,
    date_from: Annotated[IsoDate | None, Query(description="Earliest date, inclusive (ISO)")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Latest date, inclusive (ISO)")] = None,
    type: Annotated[str | None, Query(min_length=1, max_length=50, examples=["meeting"],
                                      description="Event type; `meeting` also matches CAMEO 04x")] = None,
) -> Response:
    location_or_404(store, location_id)
    page = store.find_events(EventQuery(
        place=location_id, type=type, date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None, offset=paging.offset, limit=paging.limit,
        after=paging.after("events")))
    return event_page(page, store, paging)
