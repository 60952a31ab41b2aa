"""Query parameters shared by the routes: event filters and paging."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query

from app.api.deps import SettingsDep, page_limit
from app.schemas.common import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, IsoDate
from graph_schema.store import EventQuery

T = TypeVar("T")


@dataclass(slots=True)
class Paging:
    offset: int
    limit: int


async def paging(
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size (capped by the server's limit)")]
    = DEFAULT_PAGE_SIZE,
) -> Paging:
    return Paging(offset=offset, limit=page_limit(settings, limit))


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
                          limit=paging.limit)


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


def page_of(items: list[T], paging: Paging) -> dict[str, Any]:
    """A slice of a complete answer, with the paging fields of `Paginated`."""
    total = len(items)
    return {"items": items[paging.offset:paging.offset + paging.limit], "total": total, "offset": paging.offset,
            "limit": paging.limit, "next_offset": next_offset(paging.offset, paging.limit, total)}
