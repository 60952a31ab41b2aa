"""Representation: who acted on behalf of a state, at which events, and whom a person represented."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.api.deps import ActorId, StoreDep, actor_or_404
from app.api.params import Paging, PagingDep
from app.api.render import Lookup, actor_ref
from app.problems import responses
from app.schemas.network import (
    RepresentationItem,
    RepresentationList,
    Representative,
    RepresentativeList,
    RepresentedList,
    RepresentedState,
)
from graph_schema.store import GraphStore, RepresentationGroup

router = APIRouter(tags=["representation"])


@router.get("/representations", operation_id="list_representations", response_model=RepresentationList,
            responses=responses(400, 422), summary="Person X represented state Y at event E, by date")
def list_representations(
    store: StoreDep, paging: PagingDep,
    state: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:fra"])] = None,
    person: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:catherine-colonna"])] = None,
) -> RepresentationList:
    page = store.representation_page(state=state, person=person, offset=paging.offset, limit=paging.limit,
                                     after=paging.after("representations"))
    lookup = Lookup(store, page.actors)
    last = page.items[-1] if page.items else None
    return RepresentationList(
        items=[RepresentationItem(person=lookup.actor_ref(r.person), state=lookup.actor_ref(r.state),
                                  event_id=r.event, date=r.date) for r in page.items],
        total=page.total, offset=page.offset, limit=page.limit,
        **paging.links("representations", len(page.items), page.total,
                       (last.date, last.event, last.person, last.state) if last else None))


@router.get("/actors/{actor_id}/representatives", operation_id="list_representatives",
            response_model=RepresentativeList, responses=responses(400, 404, 422),
            summary="Who represented this state (or body), and at which events")
def list_representatives(store: StoreDep, actor_id: ActorId, paging: PagingDep) -> RepresentativeList:
    state = actor_or_404(store, actor_id)
    groups, lookup, fields = _group_page(store, actor_id, "person", paging)
    return RepresentativeList(state=actor_ref(state), **fields, items=[
        Representative(person=lookup.actor_ref(g.actor), event_ids=g.event_ids, first=g.first, last=g.last)
        for g in groups])


@router.get("/actors/{actor_id}/represented", operation_id="list_represented", response_model=RepresentedList,
            responses=responses(400, 404, 422), summary="Whom this person represented, and at which events")
def list_represented(store: StoreDep, actor_id: ActorId, paging: PagingDep) -> RepresentedList:
    person = actor_or_404(store, actor_id)
    groups, lookup, fields = _group_page(store, actor_id, "state", paging)
    return RepresentedList(person=actor_ref(person), **fields, items=[
        RepresentedState(state=lookup.actor_ref(g.actor), event_ids=g.event_ids, first=g.first, last=g.last)
        for g in groups])


def _group_page(store: GraphStore, actor_id: str, by: str,
                paging: Paging) -> tuple[list[RepresentationGroup], Lookup, dict[str, Any]]:
    """One page of the actor's representation groups (`by`: "person" or "state"), their names, the paging fields."""
    page = store.representation_group_page(actor_id, by, offset=paging.offset, limit=paging.limit,
                                           after=paging.after("groups"))
    lookup = Lookup(store)
    lookup.actors([g.actor for g in page.items])
    last = page.items[-1] if page.items else None
    return page.items, lookup, {"total": page.total, "offset": page.offset, "limit": page.limit, **paging.links(
        "groups", len(page.items), page.total, (last.events, last.actor) if last else None)}
