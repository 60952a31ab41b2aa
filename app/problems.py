"""Every error as RFC 9457 problem details; no traceback ever reaches a client.

Handlers for HTTP errors, request validation, an unreachable store (503 with
`Retry-After`) and anything unexpected (logged here, a generic 500 out there),
plus the `responses=` declarations that put them in the OpenAPI document.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.schemas.problem import FieldError, Problem
from graph_schema.store import StoreError, StoreUnavailable

log = logging.getLogger("app.problems")

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_S = 5
VALIDATION_TYPE = "urn:diplograph:problem:validation-error"
UNAVAILABLE_TYPE = "urn:diplograph:problem:store-unavailable"
INTERNAL_TYPE = "urn:diplograph:problem:internal-error"

_DESCRIPTIONS = {
    400: "The request is not readable: a body that is not UTF-8 JSON, or a `cursor` no page of this list gave",
    401: "Missing or wrong API key",
    404: "No such resource",
    413: "Request body too large",
    422: "Invalid parameters or body",
    429: "Too many wrong API keys from this client lately; retry after `Retry-After` seconds",
    500: "Unexpected server error (logged; no details are given out)",
    503: "The graph store cannot be reached now; retry after `Retry-After` seconds",
}


class ProblemResponse(JSONResponse):
    media_type = MEDIA_TYPE


def problem(status: int, detail: str | None = None, *, instance: str | None = None, type_: str = "about:blank",
            title: str | None = None, headers: dict[str, str] | None = None, **extra: Any) -> ProblemResponse:
    body = Problem(type=type_, title=title or HTTPStatus(status).phrase, status=status, detail=detail,
                   instance=instance, **extra)
    return ProblemResponse(body.model_dump(mode="json", exclude_none=True), status_code=status, headers=headers)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the given problem statuses, plus 503 and 500 that any route can give."""
    wanted = sorted({*statuses, 500, 503})
    return {s: {"model": Problem, "description": _DESCRIPTIONS.get(s, HTTPStatus(s).phrase)} for s in wanted}


def use_problem_media_type(openapi: dict[str, Any]) -> dict[str, Any]:
    """Declare every 4xx/5xx body as `application/problem+json` (FastAPI would say `application/json`)."""
    ref = {"$ref": "#/components/schemas/Problem"}
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status[:1] in "45":
                    response["content"] = {MEDIA_TYPE: {"schema": ref}}
                    if status in ("429", "503"):
                        response["headers"] = {"Retry-After": {
                            "description": "Seconds to wait before retrying", "schema": {"type": "integer"}}}
    return openapi


async def _http_error(request: Request, exc: StarletteHTTPException) -> ProblemResponse:
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != HTTPStatus(exc.status_code).phrase else None
    return problem(exc.status_code, detail, instance=request.url.path, headers=getattr(exc, "headers", None))


def _location(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


async def _validation_error(request: Request, exc: RequestValidationError) -> ProblemResponse:
    errors = [FieldError(location=_location(e.get("loc", ())), message=str(e.get("msg", "")), type=str(e.get("type", "")))
              for e in exc.errors()]
    detail = "; ".join(f"{e.location}: {e.message}" for e in errors[:5]) or "invalid request"
    return problem(422, detail, instance=request.url.path, type_=VALIDATION_TYPE, title="Invalid request",
                   errors=[e.model_dump() for e in errors])


async def _store_unavailable(request: Request, exc: StoreUnavailable) -> ProblemResponse:
    log.warning("store.unavailable", extra={"path": request.url.path, "reason": str(exc)})
    return problem(503, f"the graph store cannot be reached now ({exc.reason}); try again shortly",
                   instance=request.url.path, type_=UNAVAILABLE_TYPE, title="Store unavailable",
                   headers={"Retry-After": str(RETRY_AFTER_S)})


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    log.error("request.failed", extra={"method": request.method, "path": request.url.path}, exc_info=exc)
    return problem(500, "an unexpected error occurred; it has been logged", instance=request.url.path, type_=INTERNAL_TYPE,
                   title="Internal Server Error")


async def _store_error(request: Request, exc: StoreError) -> ProblemResponse:
    return await _unexpected(request, exc)


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreUnavailable, _store_unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
