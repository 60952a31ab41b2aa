"""All `/v1` routes in one router, one module per tag."""
from __future__ import annotations

from fastapi import APIRouter

from app.api.routes import (
    actors,
    counterparts,
    events,
    export,
    graph,
    ingest,
    locations,
    meetings,
    representation,
    timeline,
)

api_router = APIRouter()
# `actors` first: its `/actors/search` must win over `/actors/{actor_id}`
for module in (actors, counterparts, representation, timeline, meetings, events, locations, graph, export, ingest):
    api_router.include_router(module.router)
