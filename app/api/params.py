"""Query parameters shared by the routes: event filters and paging."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

from app.api import cursors
from app.api.deps import SettingsDep, page_limit
from app.schemas.common import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, IsoDate
from graph_schema.store import EventQuery


@dataclass(slots=True)
class Paging:
    offset: int
    limit: int
    cursor: str | None = None

    def after(self, kind: str) -> tuple[Any, ...] | None:
        """The position the cursor names (a 400 problem when it is not one of this kind's), or None."""
        return None if self.cursor is None else cursors.decode(kind, self.cursor)

    def links(self, kind: str, count: int, total: int, last: tuple[Any, ...] | None) -> dict[str, Any]:
        """`next_offset` and `next` of a page of `count` items ending with the one at position `last`. After a
        cursor the page's offset in the whole list is unknown, so only `next` is given; it is null once a
        page comes back short (or, without a cursor, once the list is done)."""
        more = count >= self.limit and (self.cursor is not None or self.offset + self.limit < total)
        return {"next_offset": next_offset(self.offset, self.limit, total) if self.cursor is None else None,
                "next": cursors.encode(kind, last) if more and last is not None else None}


async def paging(
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip (after the cursor, if any)")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size (capped by the server's limit)")]
    = DEFAULT_PAGE_SIZE,
    cursor: Annotated[str | None, Query(min_length=1, max_length=2000,
                                        description="The `next` of the previous page: this page starts after its "
                                                    "last item, found through an index however deep")] = None,
) -> Paging:
    return Paging(offset=offset, limit=page_limit(settings, limit), cursor=cursor)


PagingDep = Annotated[Paging, Depends(paging)]


@dataclass(slots=True)
class EventFilters:
    actor: str | None
    counterpart: str | None
    place: str | None
    date_from: str | None
    date_to: str | None
    represents: str | None

    def query(self, paging: Paging, type_: str | None) -> EventQuery:
        return EventQuery(actor=self.actor, counterpart=self.counterpart, place=self.place, date_from=self.date_from,
                          date_to=self.date_to, type=type_, represents=self.represents, offset=paging.offset,
                          limit=paging.limit, after=paging.after("events"))


async def event_filters(
    actor: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:fra"],
                                       description="Actor id: takes part (any role) or is represented")] = None,
    counterpart: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:deu"],
                                             description="A second actor id who also takes part or is represented")]
    = None,
    place: Annotated[str | None, Query(min_length=1, max_length=200, examples=["l:paris"],
                                       description="Location id: events there or anywhere within it")] = None,
    date_from: Annotated[IsoDate | None, Query(description="Earliest date, inclusive (ISO)")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Latest date, inclusive (ISO)")] = None,
    represents: Annotated[str | None, Query(min_length=1, max_length=200, examples=["a:fra"],
                                            description="Some participant acted on behalf of this actor id")] = None,
) -> EventFilters:
    return EventFilters(actor=actor, counterpart=counterpart, place=place,
                        date_from=date_from.isoformat() if date_from else None,
                        date_to=date_to.isoformat() if date_to else None, represents=represents)


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


def next_offset(offset: int, limit: int, total: int) -> int | None:
    return offset + limit if offset + limit < total else None
