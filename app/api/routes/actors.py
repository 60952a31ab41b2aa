"""Actors: search by name or alias (typos tolerated) and the detail page."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import ActorId, SettingsDep, StoreDep, actor_or_404
from app.api.render import Lookup, actor_detail, actor_ref
from app.problems import responses
from app.schemas.actors import ActorDetail, ActorHitOut, ActorSearchResult
from graph_schema.model import ActorKind
from graph_schema.store import EventQuery

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("/search", operation_id="search_actors", response_model=ActorSearchResult, responses=responses(422),
            summary="Actors by name or alias, tolerating case, accents and typos; best first")
def search_actors(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, examples=["Colona"], description="Name or alias")],
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> ActorSearchResult:
    hits = store.search_actors(q, kind=kind, limit=limit)
    return ActorSearchResult(query=q, items=[
        ActorHitOut(actor=actor_ref(h.actor), aliases=sorted(h.actor.aliases), score=max(0.0, h.score)) for h in hits])


@router.get("/{actor_id}", operation_id="get_actor", response_model=ActorDetail, responses=responses(404, 422),
            summary="An actor: kind, titles (for which state or body), affiliation, aliases, events, conflicts")
def get_actor(store: StoreDep, settings: SettingsDep, actor_id: ActorId) -> ActorDetail:
    actor = actor_or_404(store, actor_id)
    page = store.find_events(EventQuery(actor=actor_id, limit=settings.max_page_size))
    return actor_detail(actor, page.items, page.total, store.conflicts(actor_id), Lookup(store))
