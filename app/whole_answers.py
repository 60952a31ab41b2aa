"""Every answer wholly from before or wholly from after a graph write, on either store.

A GET request reads through one store snapshot (`deps.read_store` registers it here). Its response is
held back until the handler is done; then, if a graph write overlapped the reads (the snapshot is not
`unchanged()`: possible on Neo4j, whose graph write is several transactions), the request is answered
again from the start, up to `ATTEMPTS` times, else 503 with `Retry-After`. Responses that read no
snapshot (the streamed export, which takes its own) go straight out, unbuffered.
"""
from __future__ import annotations

import logging
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.problems import problem
from graph_schema.store import GraphStore, StoreUnavailable

log = logging.getLogger("app.whole_answers")

ATTEMPTS = 4
SNAPSHOTS = "snapshots"  # key in the request's state: the snapshots its reads went through


def register(state: Any, view: GraphStore) -> None:
    """Called by the read dependency with the request's snapshot (a no-op outside `WholeAnswers`)."""
    snapshots = getattr(state, SNAPSHOTS, None)
    if snapshots is not None:
        snapshots.append(view)


class WholeAnswers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        for attempt in range(1, ATTEMPTS + 1):
            snapshots: list[GraphStore] = []
            scope.setdefault("state", {})[SNAPSHOTS] = snapshots
            response = _Held(send, snapshots)
            await self.app(scope, receive, response.send)
            if response.passing:
                return
            held = response.messages
            failed = held[0].get("status", 200) >= 500  # an error is no mixed answer: out it goes
            try:
                whole = failed or all([await run_in_threadpool(view.unchanged) for view in snapshots])
            except StoreUnavailable as exc:  # the store went away since: say so now, do not try again
                await _unavailable(exc.reason)(scope, receive, send)
                return
            if whole:
                for message in held:
                    await send(message)
                return
            log.info("read.overlapped_a_write", extra={"path": scope.get("path"), "attempt": attempt})
        await _unavailable("a graph write overlapped every attempt")(scope, receive, send)


class _Held:
    """One attempt's response: held back if the request read a snapshot, else sent straight on."""

    def __init__(self, send: Send, snapshots: list[GraphStore]) -> None:
        self._send = send
        self._snapshots = snapshots
        self.messages: list[Message] = []
        self.passing = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start" and not self._snapshots:
            self.passing = True  # read no snapshot (or failed before): nothing to check
        if self.passing:
            await self._send(message)
        else:
            self.messages.append(message)


def _unavailable(reason: str) -> Any:
    return problem(503, f"the answer could not be read apart from graph writes ({reason}); try again shortly",
                   title="Store unavailable", type_="urn:diplograph:problem:store-unavailable",
                   headers={"Retry-After": "1"})
