"""A streamed response whose store fails midway is cut, never finished as if it were whole.

Once the status and part of the body have gone out, a failure can no longer become a problem
response. The stream raises `StreamCut`; `CutStreams` ends the response there, without its last chunk,
so the server closes the connection and the client sees an incomplete body (a chunked transfer with
no end), never a short document that looks complete; and no traceback is logged for it.
"""
from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class StreamCut(Exception):
    """Raised by a response body iterator that cannot go on (deliberately not a `StoreError`, whose
    handlers would try to send a problem response after the body has started)."""


class CutStreams:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except StreamCut:
            return  # the response stays incomplete: the server closes the connection
