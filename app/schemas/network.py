"""Who met whom, who acted for whom, and the meeting network's shape."""
from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import ActorRef, Paginated


class CounterpartOut(BaseModel):
    """Another actor met at shared meetings."""

    actor: ActorRef
    meetings: int = Field(ge=1, examples=[2])
    first: str | None = Field(default=None, description="Date of the first shared meeting", examples=["2019-06-03"])
    last: str | None = Field(default=None, description="Date of the last shared meeting", examples=["2019-09-12"])
    event_ids: list[str] = Field(default_factory=list)


class CounterpartList(Paginated):
    actor: ActorRef
    items: list[CounterpartOut]


class RepresentationItem(BaseModel):
    """Person represented state at event."""

    person: ActorRef
    state: ActorRef
    event_id: str
    date: str | None = None


class RepresentationList(Paginated):
    items: list[RepresentationItem]


class Representative(BaseModel):
    """A person who acted for the state, and where."""

    person: ActorRef
    event_ids: list[str]
    first: str | None = None
    last: str | None = None


class RepresentativeList(Paginated):
    state: ActorRef
    items: list[Representative]


class RepresentedState(BaseModel):
    """A state the person acted for, and where."""

    state: ActorRef
    event_ids: list[str]
    first: str | None = None
    last: str | None = None


class RepresentedList(Paginated):
    person: ActorRef
    items: list[RepresentedState]


class PathStep(BaseModel):
    kind: Literal["actor", "event"]
    id: str
    label: str = Field(description="The actor's name, or the event's type and date")
    date: str | None = None


class Connection(BaseModel):
    """The shortest chain actor - event - actor - ... between two actors."""

    source: ActorRef
    target: ActorRef
    found: bool
    hops: int = Field(ge=0, description="Number of events along the path")
    path: list[PathStep]


class EgoNode(BaseModel):
    actor: ActorRef
    distance: int = Field(ge=0, description="Meetings away from the centre")


class EgoEdge(BaseModel):
    source: str
    target: str
    meetings: int = Field(ge=1)


class EgoNetwork(BaseModel):
    center: ActorRef
    radius: int
    nodes: list[EgoNode]
    edges: list[EgoEdge]


class CentralityMeasure(StrEnum):
    DEGREE = "degree"
    MEETINGS = "meetings"
    BETWEENNESS = "betweenness"
    CLOSENESS = "closeness"
    EIGENVECTOR = "eigenvector"


class CentralityScore(BaseModel):
    actor: ActorRef
    degree: float = Field(description="Share of the other actors met")
    meetings: int = Field(ge=0, description="Meetings with others, summed over counterparts")
    betweenness: float
    closeness: float
    eigenvector: float | None = Field(default=None, description="Null when it does not converge")


class CentralityRanking(BaseModel):
    by: CentralityMeasure
    node_count: int
    edge_count: int
    approximate: bool = Field(default=False, description="Betweenness estimated from a sample of actors (large networks)")
    items: list[CentralityScore]


class GraphStats(BaseModel):
    counts: dict[str, int] = Field(examples=[{"articles": 5, "actors": 12, "events": 4, "locations": 3}])
