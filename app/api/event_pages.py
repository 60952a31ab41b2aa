"""Pages of events, the API's most requested answer, written as JSON bytes.

Every list of events (meetings, events, timelines, a place's events, shared
meetings) answers with an `EventPage`. Building its pydantic models, then
FastAPI validating them in a worker thread and dumping them, cost about 0.8 ms
for a page of 40 events: most of what the API added over the store call. Plain
dicts written by orjson cost about a third of that. The routes keep
`response_model=EventPage`, so the OpenAPI document is the same, and the tests
check that pages validate against it (`tests/app/api/test_event_pages.py`).
"""
from __future__ import annotations

import functools
from typing import Any

import orjson
from fastapi.responses import Response

from app.api.params import Paging
from app.api.render import Lookup, participants_in_order
from graph_schema.model import ActorKind, Event, LocationKind
from graph_schema.store import GraphStore, Page

Json = dict[str, Any]


# Shared between responses (never changed once built): the busy actors and places are named again and again.
@functools.lru_cache(maxsize=4096)
def _actor(id: str, name: str, kind: ActorKind, country: str | None) -> Json:
    return {"id": id, "name": name, "kind": kind, "country": country}


@functools.lru_cache(maxsize=4096)
def _place(id: str, name: str, kind: LocationKind, country: str | None) -> Json:
    return {"id": id, "name": name, "kind": kind, "country": country}


class _Names:
    """The `ActorRef` and `LocationRef` shapes of what a page names, each built once per page."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self._actors: dict[str, Json] = {}
        self._chains: dict[str, list[Json]] = {}

    def actor(self, actor_id: str) -> Json:
        ref = self._actors.get(actor_id)
        if ref is None:
            a = self.lookup.actor(actor_id)
            # a dangling id: show it rather than fail the whole answer
            ref = _actor(a.id, a.name, a.kind, a.country) if a else _actor(actor_id, actor_id, ActorKind.OTHER, None)
            self._actors[actor_id] = ref
        return ref

    def chain(self, location_id: str | None) -> list[Json]:
        if not location_id:
            return []
        refs = self._chains.get(location_id)
        if refs is None:
            refs = self._chains[location_id] = [_place(loc.id, loc.name, loc.kind, loc.country)
                                                for loc in self.lookup.chain(location_id)]
        return refs


def _summary(e: Event, names: _Names) -> Json:
    chain = names.chain(e.location)
    return {"id": e.id, "type": e.type, "cameo": e.cameo, "date": e.date, "date_precision": e.date_precision,
            "date_text": e.date_text, "location": chain[0] if chain else None, "location_chain": chain,
            "participants": [{"actor": names.actor(p.actor), "role": p.role,
                              "represents": names.actor(p.represents) if p.represents else None}
                             for p in participants_in_order(e)],
            "source_count": len(e.sources), "article_count": len({s.article for s in e.sources})}


def event_page(page: Page, store: GraphStore, paging: Paging) -> Response:
    """A page of events as an `EventPage`, naming actors and places from what the page brought along."""
    lookup = Lookup(store, page.actors, page.chains)
    lookup.actors({i for e in page.items for p in e.participants for i in (p.actor, p.represents) if i})
    lookup.chains(e.location for e in page.items if e.location)
    names = _Names(lookup)
    last = page.items[-1] if page.items else None
    body = {"total": page.total, "offset": page.offset, "limit": page.limit,
            **paging.links("events", len(page.items), page.total, (last.date, last.id) if last else None),
            "items": [_summary(e, names) for e in page.items]}
    return Response(orjson.dumps(body), media_type="application/json")
