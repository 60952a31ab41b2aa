"""Is the process up (`/healthz`), and does the store answer (`/readyz`)?"""
from __future__ import annotations

from fastapi import APIRouter, Request

from app.problems import responses
from app.schemas.health import Health, Readiness
from graph_schema.store import StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="get_health", response_model=Health, summary="The process is up")
def healthz() -> Health:
    return Health()


@router.get("/readyz", operation_id="get_readiness", response_model=Readiness, responses=responses(503),
            summary="The store answers")
def readyz(request: Request) -> Readiness:
    """Ready when the store answers; otherwise a 503 whose detail says why (not running, frozen...)."""
    try:
        store = request.app.state.store_handle.get()
        store.ping()
    except StoreUnavailable as exc:
        raise StoreUnavailable(str(exc), f"not ready: {exc.reason}") from exc
    return Readiness(store=store.name)
