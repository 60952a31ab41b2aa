"""Representation: who acted on behalf of a state, at which events, and whom a person represented."""
from __future__ import annotations

from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import ActorId, StoreDep, actor_or_404
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
from graph_schema.store import Representation

router = APIRouter(tags=["representation"])


def _span(items: list[Representation]) -> tuple[list[str], str | None, str | None]:
    dates = sorted(r.date for r in items if r.date)
    return list(dict.fromkeys(r.event for r in items)), (dates[0] if dates else None), (dates[-1] if dates else None)


@router.get("/representations", operation_id="list_representations", response_model=RepresentationList,
            responses=responses(422), summary="Person X represented state Y at event E, by date")
def list_representations(
    store: StoreDep,
    state: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:fra"])] = None,
    person: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:catherine-colonna"])] = None,
) -> RepresentationList:
    found = store.representations(state=state, person=person)
    lookup = Lookup(store)
    lookup.actors([r.person for r in found] + [r.state for r in found])
    return RepresentationList(items=[
        RepresentationItem(person=lookup.actor_ref(r.person), state=lookup.actor_ref(r.state), event_id=r.event,
                           date=r.date)
        for r in found])


@router.get("/actors/{actor_id}/representatives", operation_id="list_representatives",
            response_model=RepresentativeList, responses=responses(404, 422),
            summary="Who represented this state (or body), and at which events")
def list_representatives(store: StoreDep, actor_id: ActorId) -> RepresentativeList:
    state = actor_or_404(store, actor_id)
    by_person: dict[str, list[Representation]] = defaultdict(list)
    for r in store.representations(state=actor_id):
        by_person[r.person].append(r)
    lookup = Lookup(store)
    lookup.actors(by_person)
    items = []
    for person, found in by_person.items():
        events, first, last = _span(found)
        items.append(Representative(person=lookup.actor_ref(person), event_ids=events, first=first, last=last))
    items.sort(key=lambda i: (-len(i.event_ids), i.person.id))
    return RepresentativeList(state=actor_ref(state), items=items)


@router.get("/actors/{actor_id}/represented", operation_id="list_represented", response_model=RepresentedList,
            responses=responses(404, 422), summary="Whom this person represented, and at which events")
def list_represented(store: StoreDep, actor_id: ActorId) -> RepresentedList:
    person = actor_or_404(store, actor_id)
    by_state: dict[str, list[Representation]] = defaultdict(list)
    for r in store.representations(person=actor_id):
        by_state[r.state].append(r)
    lookup = Lookup(store)
    lookup.actors(by_state)
    items = []
    for state, found in by_state.items():
        events, first, last = _span(found)
        items.append(RepresentedState(state=lookup.actor_ref(state), event_ids=events, first=first, last=last))
    items.sort(key=lambda i: (-len(i.event_ids), i.state.id))
    return RepresentedList(person=actor_ref(person), items=items)
