"""Small shared shapes: references to actors, places, events and articles, evidence, paging."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from graph_schema.model import ActorKind, DatePrecision, LocationKind

MAX_PAGE_SIZE = 200  # the schema's bound; the settings may lower it at run time
DEFAULT_PAGE_SIZE = 50


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """Only `YYYY-MM-DD`: pydantic alone would also read numbers as Unix timestamps."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("expected an ISO date, YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


class ActorRef(BaseModel):
    """An actor as other answers mention it: enough to show and to follow."""

    model_config = ConfigDict(frozen=True)  # shared between answers (`app.api.render`)

    id: str = Field(examples=["a:fra"])
    name: str = Field(examples=["France"])
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code", examples=["FRA"])


class LocationRef(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between answers (`app.api.render`)

    id: str = Field(examples=["l:paris"])
    name: str = Field(examples=["Paris"])
    kind: LocationKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code", examples=["FRA"])


class EventRef(BaseModel):
    id: str = Field(examples=["e:2019-06-03-meeting-4f2a9c"])
    type: str = Field(examples=["meeting"])
    cameo: str | None = Field(default=None, examples=["043"])
    date: str | None = Field(default=None, description="ISO date, or null when unknown", examples=["2019-06-03"])
    date_precision: DatePrecision | None = None


class ArticleRef(BaseModel):
    id: str = Field(examples=["art_0001"])
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date", examples=["2019-06-04"])


class EvidenceOut(BaseModel):
    """Where a fact is said: the article, the character span [start, end) and its words."""

    article: str = Field(examples=["art_0001"])
    start: int = Field(ge=0, examples=[412])
    end: int = Field(ge=0, examples=[498])
    quote: str = Field(examples=["The two ministers met in Paris on Monday."])


class Paginated(BaseModel):
    """One page of a longer answer."""

    model_config = ConfigDict(json_schema_extra={"description": "One page of results; follow `next`."})

    total: int = Field(ge=0, description="How many items match in all")
    offset: int = Field(ge=0)
    limit: int = Field(ge=1, description="The page size used (requests above the server's limit are capped)")
    next_offset: int | None = Field(default=None, description="Offset of the next page, null on the last one "
                                                              "(and after a cursor: follow `next`)")
    next: str | None = Field(default=None, description="Cursor of the next page, to pass as `cursor`: it costs what "
                                                       "the first page does however deep; null on the last one")
