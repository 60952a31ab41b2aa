"""The parts of a `diplomatic-graph/1` export the scorer reads, typed.

Read leniently, as `eval/FORMAT.md` allows: extra fields are ignored and
missing ones are empty, so any tool's export can be scored, not just ours.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "diplomatic-graph/1"
MEETING_TYPES = frozenset({"meeting"})
MEETING_CAMEO_PREFIX = "04"  # CAMEO 04x: consult, meet, negotiate


class ExportError(ValueError):
    """Not a readable `diplomatic-graph/1` document."""


@dataclass(frozen=True, slots=True)
class Named:
    """An actor or a place: matched to the gold by any of its names."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then the aliases: the order they are matched in."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class ExportedActor(Named):
    kind: str | None = None
    country: str | None = None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportedPlace(Named):
    country: str | None = None
    within: str | None = None  # id of the place that contains this one


@dataclass(frozen=True, slots=True)
class ExportedParticipant:
    actor: str | None
    represents: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class ExportedSource:
    article: str | None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class ExportedEvent:
    id: str
    type: str | None
    cameo: str | None = None
    date: str | None = None
    location: str | None = None  # place id
    participants: tuple[ExportedParticipant, ...] = ()
    sources: tuple[ExportedSource, ...] = ()

    @property
    def is_meeting(self) -> bool:
        """A face-to-face meeting: typed `meeting`, or given a CAMEO 04x code."""
        return self.type in MEETING_TYPES or (self.cameo or "").startswith(MEETING_CAMEO_PREFIX)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.sources if s.article))


@dataclass(frozen=True, slots=True)
class ExportedGraph:
    actors: dict[str, ExportedActor]
    places: dict[str, ExportedPlace]
    events: tuple[ExportedEvent, ...]

    @property
    def meetings(self) -> list[ExportedEvent]:
        return [e for e in self.events if e.is_meeting]

    def name_of(self, actor_id: str | None) -> str:
        if actor_id is None:
            return "no one"
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def place_chain(self, place_id: str | None) -> list[ExportedPlace]:
        """The place, then each place it lies within (a cycle in `within` ends the chain)."""
        chain: list[ExportedPlace] = []
        while place_id in self.places and all(p.id != place_id for p in chain):
            place = self.places[place_id]
            chain.append(place)
            place_id = place.within
        return chain


def load_export(path: Path) -> ExportedGraph:
    """An export file, typed; `ExportError` naming the file when it is not one."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{path}: cannot read it as JSON ({exc})") from None
    return read_export(document)


def read_export(document: dict[str, Any]) -> ExportedGraph:
    """An export document (parsed JSON), typed."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise ExportError(f"not a {FORMAT} export: format={found!r}")
    # a repeated id keeps the last record, as a JSON object keyed by id would
    actors = {a["id"]: _actor(a) for a in document.get("actors") or []}
    places = {p["id"]: _place(p) for p in document.get("locations") or []}
    events = tuple(_event(e) for e in document.get("events") or [])
    return ExportedGraph(actors=actors, places=places, events=events)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _actor(a: dict[str, Any]) -> ExportedActor:
    return ExportedActor(id=a["id"], name=a.get("name") or "", aliases=tuple(a.get("aliases") or ()),
                         kind=a.get("kind"), country=a.get("country"), titles=tuple(a.get("titles") or ()))


def _place(p: dict[str, Any]) -> ExportedPlace:
    return ExportedPlace(id=p["id"], name=p.get("name") or "", aliases=tuple(p.get("aliases") or ()),
                         country=p.get("country"), within=p.get("within"))


def _event(e: dict[str, Any]) -> ExportedEvent:
    return ExportedEvent(
        id=str(e.get("id")), type=e.get("type"), cameo=_text(e.get("cameo")), date=_text(e.get("date")),
        location=e.get("location"),
        participants=tuple(ExportedParticipant(actor=p.get("actor"), represents=p.get("represents"),
                                               role=p.get("role")) for p in e.get("participants") or []),
        sources=tuple(ExportedSource(article=s.get("article"), quote=s.get("quote")) if isinstance(s, dict)
                      else ExportedSource(article=s) for s in e.get("sources") or []))
