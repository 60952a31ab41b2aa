"""Who met whom: an actor's counterparts, and the meetings two actors shared."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from app.api.deps import ActorId, StoreDep, actor_or_404
from app.api.event_pages import event_page
from app.api.params import PagingDep
from app.api.render import actor_ref
from app.problems import responses
from app.schemas.events import EventPage
from app.schemas.network import CounterpartList, CounterpartOut
from graph_schema.store import EventQuery

router = APIRouter(prefix="/actors", tags=["counterparts"])


@router.get("/{actor_id}/counterparts", operation_id="list_counterparts", response_model=CounterpartList,
            responses=responses(400, 404, 422),
            summary="Everyone the actor met: number of meetings, first and last date, the meetings")
def list_counterparts(store: StoreDep, actor_id: ActorId, paging: PagingDep) -> CounterpartList:
    # first: on Neo4j it brings the actor along, so the check below is free
    met = store.counterpart_page(actor_id, offset=paging.offset, limit=paging.limit,
                                 after=paging.after("counterparts"))
    actor = actor_or_404(store, actor_id)
    items = [CounterpartOut(actor=actor_ref(c.actor), meetings=c.meetings, first=c.first, last=c.last,
                            event_ids=list(c.event_ids)) for c in met.items]
    last = met.items[-1] if met.items else None
    return CounterpartList(actor=actor_ref(actor), items=items, total=met.total, offset=paging.offset,
                           limit=paging.limit, **paging.links("counterparts", len(items), met.total,
                                                              (last.meetings, last.actor.id) if last else None))


@router.get("/{actor_id}/counterparts/{other_id}/meetings", operation_id="list_shared_meetings",
            response_model=EventPage, responses=responses(400, 404, 422), summary="The meetings two actors shared")
def list_shared_meetings(
    store: StoreDep, actor_id: ActorId, paging: PagingDep,
    other_id: Annotated[str, Path(min_length=1, max_length=200, description="The other actor's id",
                                  examples=["a:deu"])],
) -> Response:
    actor_or_404(store, actor_id)
    actor_or_404(store, other_id)
    page = store.find_events(EventQuery(actor=actor_id, counterpart=other_id, type="meeting", offset=paging.offset,
                                        limit=paging.limit, after=paging.after("events")))
    return event_page(page, store, paging)
