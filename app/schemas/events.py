"""Events: the list item (with participants and place chain) and the full detail."""
from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import ActorRef, ArticleRef, EvidenceOut, LocationRef, Paginated
from graph_schema.model import DatePrecision, Role


class ParticipantOut(BaseModel):
    actor: ActorRef
    role: Role = Field(description="`host` marks the host")
    represents: ActorRef | None = Field(default=None, description="The state or body this participant acted for")


class EventSummary(BaseModel):
    """An event as lists show it."""

    id: str = Field(examples=["e:2019-06-03-meeting-4f2a9c"])
    type: str = Field(description="`meeting` for face-to-face encounters; others free-form", examples=["meeting"])
    cameo: str | None = Field(default=None, description="CAMEO event code", examples=["043"])
    date: str | None = Field(default=None, description="ISO date, or null when unknown", examples=["2019-06-03"])
    date_precision: DatePrecision | None = Field(default=None, description="How much of `date` is known")
    date_text: str | None = Field(default=None, description="The article's own words for the date", examples=["Monday"])
    location: LocationRef | None = Field(default=None, description="The most specific place known")
    location_chain: list[LocationRef] = Field(
        default_factory=list, description="The place and everything it lies within, most specific first")
    participants: list[ParticipantOut] = Field(default_factory=list)
    source_count: int = Field(ge=0, description="Number of passages reporting the event")
    article_count: int = Field(ge=0, description="Number of distinct articles reporting the event")


class EventPage(Paginated):
    items: list[EventSummary]


class ParticipantDetail(ParticipantOut):
    evidence: list[EvidenceOut] = Field(default_factory=list)


class RepresentationOut(BaseModel):
    """Person acted on behalf of state at this event."""

    person: ActorRef
    state: ActorRef


class SourceOut(BaseModel):
    """A passage reporting the event: the article, the span [start, end) in its text and the quote."""

    article: ArticleRef
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str


class ConflictOut(BaseModel):
    """Two sources disagreeing: the value kept and the other claim, with where each is said."""

    subject: str
    field: str = Field(examples=["date"])
    kept: str | None
    other: str | None
    evidence: list[EvidenceOut] = Field(default_factory=list)


class EventDetail(EventSummary):
    participants: list[ParticipantDetail] = Field(default_factory=list)  # type: ignore[assignment]
    representation: list[RepresentationOut] = Field(default_factory=list)
    sources: list[SourceOut] = Field(default_factory=list)
    conflicts: list[ConflictOut] = Field(default_factory=list)
    merged_from: list[str] = Field(default_factory=list, description="Why mentions were merged into this event")
