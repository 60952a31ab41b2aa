"""Actors: search hits and the detail page."""
from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import ActorRef, EventRef, EvidenceOut
from app.schemas.events import ConflictOut
from graph_schema.model import ActorKind


class ActorHitOut(BaseModel):
    actor: ActorRef
    aliases: list[str] = Field(default_factory=list)
    score: float = Field(ge=0, description="Higher is better; 1.0 is an exact name or alias")


class ActorSearchResult(BaseModel):
    query: str = Field(examples=["Colona"])
    items: list[ActorHitOut]


class TitleOut(BaseModel):
    """An office the person holds, and for which state or organisation."""

    title: str = Field(examples=["foreign minister"])
    of: ActorRef | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)


class ActorDetail(BaseModel):
    id: str = Field(examples=["a:catherine-colonna"])
    name: str = Field(examples=["Catherine Colonna"])
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code", examples=["FRA"])
    aliases: list[str] = Field(default_factory=list, examples=[["Colonna"]])
    titles: list[TitleOut] = Field(default_factory=list)
    affiliation: ActorRef | None = Field(default=None, description="The state or organisation a person belongs to")
    evidence: list[EvidenceOut] = Field(default_factory=list)
    conflicts: list[ConflictOut] = Field(default_factory=list, description="Sources disagreeing about this actor")
    event_count: int = Field(ge=0, description="Events the actor took part in or was represented at")
    events: list[EventRef] = Field(default_factory=list, description="Those events in date order (the first page)")
