"""Representation: who acted on behalf of a state, at which events, and whom a person represented."""
from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.api.deps import ActorId, StoreDep, actor_or_404
from app.api.params import PagingDep, page_of
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


def _span(items: list[Representation]) -> dict[str, Any]:
    """The events (in the store's date order) and the first and last date."""
    dates = sorted(r.date for r in items if r.date)
    return {"event_ids": list(dict.fromkeys(r.event for r in items)), "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None}


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
    page, by_person, lookup = _grouped_page(store, store.representations(state=actor_id), "person", paging)
    page["items"] = [Representative(person=lookup.actor_ref(p), **_span(by_person[p])) for p in page["items"]]
    return RepresentativeList(state=actor_ref(state), **page)


@router.get("/actors/{actor_id}/represented", operation_id="list_represented", response_model=RepresentedList,
            responses=responses(400, 404, 422), summary="Whom this person represented, and at which events")
def list_represented(store: StoreDep, actor_id: ActorId, paging: PagingDep) -> RepresentedList:
    person = actor_or_404(store, actor_id)
    page, by_state, lookup = _grouped_page(store, store.representations(person=actor_id), "state", paging)
    page["items"] = [RepresentedState(state=lookup.actor_ref(s), **_span(by_state[s])) for s in page["items"]]
    return RepresentedList(person=actor_ref(person), **page)


def _grouped_page(store, representations: list[Representation], by: str, paging):
    """One page of the counterpart actors (`by`: "person" or "state"), most events first, with their names."""
    groups: dict[str, list[Representation]] = defaultdict(list)
    for r in representations:
        groups[getattr(r, by)].append(r)
    events = {a: len({r.event for r in found}) for a, found in groups.items()}
    ranked = sorted(groups, key=lambda a: (-events[a], a))
    page = page_of(ranked, paging, "groups", lambda a: (-events[a], a))
    lookup = Lookup(store)
    lookup.actors(page["items"])
    return page, groups, lookup
