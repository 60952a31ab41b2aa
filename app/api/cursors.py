"""Cursors: where a list's next page starts, as an opaque string (keyset paging, issue 16).

A cursor is the last item's place in the list's order (`graph_schema.store`'s
positions), so the store seeks to it through an index instead of counting an
offset, and a write between two pages neither repeats nor skips an item. Only
the API reads them: clients pass back the `next` of the page before.
"""
from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson
from fastapi import HTTPException

# list kind -> the types of its position's parts (None: the part may be null)
SHAPES: dict[str, tuple[tuple[type, ...], ...]] = {
    "events": ((str, type(None)), (str,)),  # (date, event id)
    "representations": ((str, type(None)), (str,), (str,), (str,)),  # (date, event, person, state)
    "counterparts": ((int,), (str,)),  # (shared meetings, actor id)
    "groups": ((int,), (str,)),  # (events, actor id): representatives of a state, states of a person
}


def encode(kind: str, position: tuple[Any, ...]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([kind, *position])).decode().rstrip("=")


def decode(kind: str, cursor: str) -> tuple[Any, ...]:
    """The position `cursor` names; a 400 problem when it is not a cursor of this kind of list (any string fits
    the parameter's schema, so this is not a validation error of it)."""
    try:
        parts = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):  # orjson.JSONDecodeError is a ValueError
        parts = None
    shape = SHAPES[kind]
    if not (isinstance(parts, list) and len(parts) == len(shape) + 1 and parts[0] == kind
            and all(isinstance(v, types) and not isinstance(v, bool) for v, types in zip(parts[1:], shape))):
        raise HTTPException(400, f"cursor {cursor[:80]!r} is not one this list gave: pass the `next` of its "
                                 "previous page, or no cursor for the first page")
    return tuple(parts[1:])
