"""Places with their hierarchy."""
from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import LocationRef
from graph_schema.model import LocationKind


class LocationDetail(BaseModel):
    id: str = Field(examples=["l:paris"])
    name: str = Field(examples=["Paris"])
    kind: LocationKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code", examples=["FRA"])
    lat: float | None = Field(default=None, examples=[48.8566])
    lon: float | None = Field(default=None, examples=[2.3522])
    aliases: list[str] = Field(default_factory=list)
    within: LocationRef | None = Field(default=None, description="The enclosing place")
    chain: list[LocationRef] = Field(description="This place and all it lies within, most specific first")
    event_count: int = Field(ge=0, description="Events at this place or anywhere within it")
