"""Timelines: an actor's or a place's events in date order (unknown dates last)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import ActorId, LocationId, StoreDep, actor_or_404, location_or_404
from app.api.event_pages import event_page
from app.api.params import Paging, PagingDep
from app.problems import responses
from app.schemas.events import EventPage
from graph_schema.store import EventQuery

router = APIRouter(tags=["timeline"])


def _timeline(store, query: EventQuery, paging: Paging) -> Response:
    query.after = paging.after("events")
    return event_page(store.find_events(query), store, paging)


@router.get("/actors/{actor_id}/timeline", operation_id="get_actor_timeline", response_model=EventPage,
            responses=responses(400, 404, 422), summary="The actor's events (any type) in date order")
def get_actor_timeline(store: StoreDep, actor_id: ActorId, paging: PagingDep) -> Response:
    actor_or_404(store, actor_id)
    return _timeline(store, EventQuery(actor=actor_id, offset=paging.offset, limit=paging.limit), paging)


@router.get("/locations/{location_id}/timeline", operation_id="get_location_timeline", response_model=EventPage,
            responses=responses(400, 404, 422), summary="Events at the place or anywhere within it, in date order")
def get_location_timeline(store: StoreDep, location_id: LocationId, paging: PagingDep) -> Response:
    location_or_404(store, location_id)
    return _timeline(store, EventQuery(place=location_id, offset=paging.offset, limit=paging.limit), paging)
