"""The property-graph model shared by ingest, the stores and the API.

A `Graph` is the resolved knowledge graph: one node per real actor, event and
place, each fact carrying the `Evidence` (article, character span, quote) that
supports it. It is what ingest produces, what a store persists and what the
`diplomatic-graph/1` export serialises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ActorKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    GROUP = "group"
    OTHER = "other"


class LocationKind(StrEnum):
    VENUE = "venue"
    DISTRICT = "district"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"


class Role(StrEnum):
    PARTICIPANT = "participant"
    HOST = "host"
    ATTENDEE = "attendee"
    MEDIATOR = "mediator"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact is said: the article, the character span and its words."""

    article: str
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class Article:
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    dateline: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Title:
    """An office a person holds (`holds title`), for a state or organisation."""

    title: str
    of: str | None = None  # actor id of the state or organisation
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    affiliation: str | None = None  # actor id of the state or organisation a person belongs to
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ActorName:
    """An actor as other answers mention it: enough to show and to follow."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None


@dataclass(slots=True)
class Location:
    id: str
    name: str
    kind: LocationKind
    country: str | None = None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    within: str | None = None  # location id of the enclosing place
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Participation:
    """An actor taking part in an event; `represents` makes it a representation."""

    actor: str
    role: Role = Role.PARTICIPANT
    represents: str | None = None  # actor id, usually a state
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: str
    type: str  # meeting, statement, accusation, attack, proposal, arrest, ...
    cameo: str | None = None
    date: str | None = None  # ISO date
    date_precision: DatePrecision | None = None
    date_text: str | None = None  # the original words ("Monday")
    location: str | None = None  # id of the most specific location
    participants: list[Participation] = field(default_factory=list)
    sources: list[Evidence] = field(default_factory=list)
    merged_from: list[str] = field(default_factory=list)  # why mentions were merged into this event

    @property
    def is_meeting(self) -> bool:
        return self.type == "meeting" or (self.cameo or "").startswith("04")

    def actor_ids(self) -> list[str]:
        """Every actor the event names: participants and the states they represent, once each."""
        ids = [i for p in self.participants for i in (p.actor, p.represents) if i]
        return list(dict.fromkeys(ids))


@dataclass(slots=True)
class Conflict:
    """Two sources disagreeing about one thing: the kept value and the other one."""

    subject: str  # id of the actor or event the claim is about
    field: str  # "title", "country", "date", "location", ...
    kept: str | None
    other: str | None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Graph:
    articles: dict[str, Article] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def location_chain(self, location_id: str | None) -> list[Location]:
        """The location and everything it lies within, most specific first."""
        chain: list[Location] = []
        seen: set[str] = set()
        while location_id and location_id in self.locations and location_id not in seen:
            seen.add(location_id)
            chain.append(self.locations[location_id])
            location_id = self.locations[location_id].within
        return chain
