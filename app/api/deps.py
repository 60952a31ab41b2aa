"""What route functions depend on: the settings, the store, the API key check."""
from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader

from app import whole_answers
from app.failed_keys import FailedKeys
from diplograph.settings import Settings
from graph_schema.model import Actor, Location
from graph_schema.store import GraphStore


async def get_app_settings(request: Request) -> Settings:
    """Async, like every dependency that does no I/O: FastAPI runs a plain `def` one in a worker thread,
    a hop that costs more than the work."""
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    return request.app.state.store_handle.get()


async def read_store(request: Request) -> AsyncIterator[GraphStore]:
    """The store as one `snapshot` for the whole request, so that its reads agree even while an ingest
    writes (pinned on the embedded store; on Neo4j checked after the answer by `app.whole_answers`).
    Run in the event loop, with no thread hop: only opening the store the first time waits, and that in
    a worker thread."""
    handle = request.app.state.store_handle
    store = handle.opened() or await run_in_threadpool(handle.get)
    with store.snapshot() as view:
        whole_answers.register(request.state, view)
        yield view


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
StoreDep = Annotated[GraphStore, Depends(read_store)]  # for reading
WritableStoreDep = Annotated[GraphStore, Depends(get_store)]

log = logging.getLogger("app.api")

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="The key set in the server's `DIPLOGRAPH_API_KEY`")


_CHALLENGE = {"WWW-Authenticate": 'APIKey header="X-API-Key"'}


async def require_api_key(request: Request, settings: SettingsDep,
                          key: Annotated[str | None, Security(api_key_header)] = None) -> None:
    """Let a write through only with the configured key (compared in constant time); a client that sent
    wrong ones too often lately gets 429 before its key is even looked at (`app/failed_keys.py`)."""
    expected = settings.api_key.get_secret_value() if settings.api_key else ""
    if not expected:
        raise HTTPException(401, "writes are disabled: the server has no API key configured (DIPLOGRAPH_API_KEY)",
                            headers=_CHALLENGE)
    failed_keys: FailedKeys = request.app.state.failed_keys
    client = request.client.host if request.client else "unknown"
    wait_s = failed_keys.retry_after(client)
    if wait_s is not None:
        raise HTTPException(429, f"too many wrong API keys from this client; try again in {wait_s} s",
                            headers={"Retry-After": str(wait_s)})
    if not key or not secrets.compare_digest(key.encode(), expected.encode()):
        failed_keys.failed(client)
        log.warning("api_key.refused", extra={"client": client, "path": request.url.path})
        raise HTTPException(401, "missing or wrong X-API-Key header", headers=_CHALLENGE)


def page_limit(settings: Settings, limit: int) -> int:
    """The page size to use: the asked one, capped by the server's limit."""
    return max(1, min(limit, settings.max_page_size))


ActorId = Annotated[str, Path(min_length=1, max_length=200, description="Actor id", examples=["a:fra"])]
LocationId = Annotated[str, Path(min_length=1, max_length=200, description="Location id", examples=["l:paris"])]


def actor_or_404(store: GraphStore, actor_id: str) -> Actor:
    actor = store.get_actor(actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return actor


def location_or_404(store: GraphStore, location_id: str) -> Location:
    location = store.get_location(location_id)
    if location is None:
        raise HTTPException(404, f"no location with id {location_id!r}")
    return location
