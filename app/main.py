"""The FastAPI application: `create_app(settings, store=None)`.

Given a store, the app uses it and leaves closing it to the caller (tests);
otherwise it opens the configured one on first use and closes it on shutdown.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from app import docs, problems
from app.api.main import api_router
from app.api.routes import health
from app.centrality import Rankings
from app.failed_keys import FailedKeys
from app.limits import BodyLimit
from app.store import StoreHandle
from app.streams import CutStreams
from app.whole_answers import WholeAnswers
from diplograph.settings import Settings, get_settings
from graph_schema.store import GraphStore
from graph_schema.stores import open_store

API_VERSION = "1.0.0"
DESCRIPTION = """\
Who met whom, where, when and on whose behalf, as extracted from news articles,
with the passages that say so.

Every error is an RFC 9457 problem (`application/problem+json`); lists are
paged with `offset` and `limit`; write endpoints need the `X-API-Key` header.
"""
TAGS = [
    {"name": "meetings", "description": "Face-to-face encounters, filtered"},
    {"name": "counterparts", "description": "Who met whom"},
    {"name": "representation", "description": "Who acted on behalf of which state"},
    {"name": "actors", "description": "People, states, organisations and groups"},
    {"name": "events", "description": "Events of any type, with sources and conflicting claims"},
    {"name": "timeline", "description": "An actor's or a place's events in date order"},
    {"name": "locations", "description": "Places and their hierarchy"},
    {"name": "graph", "description": "The meeting network: paths, ego networks, centrality"},
    {"name": "export", "description": "The whole graph as `diplomatic-graph/1`"},
    {"name": "ingest", "description": "Adding articles (needs the API key)"},
    {"name": "health", "description": "Liveness and readiness"},
]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or get_settings()
    handle = StoreHandle(store=store) if store is not None else StoreHandle(opener=partial(open_store, settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        handle.close()
        app.state.rankings.close()

    app = FastAPI(title="diplograph", version=API_VERSION, description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=lifespan, separate_input_output_schemas=False, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store_handle = handle
    app.state.rankings = Rankings()
    app.state.failed_keys = FailedKeys(settings.key_failures_per_minute)
    problems.install(app)
    docs.install(app)
    app.include_router(health.router)
    app.include_router(api_router, prefix="/v1")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(CutStreams)
    app.add_middleware(WholeAnswers)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"])

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes, tags=app.openapi_tags, separate_input_output_schemas=False)
            app.openapi_schema = problems.use_problem_media_type(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
