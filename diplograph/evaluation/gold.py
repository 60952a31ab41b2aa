"""Gold files (`eval/gold/*.json`, `samples/expected.json`): the answers a correct pipeline gives.

Several files merge into one `Gold` (actors by id, meetings and negatives one
after another), so that a corpus split across folders is scored at once. A gold
file that cannot be read, or names an actor it does not define, raises
`GoldError` naming the file: a mistake in the answers must not pass for a score.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class GoldError(ValueError):
    """A gold file is missing, not JSON, or inconsistent."""


@dataclass(frozen=True, slots=True)
class GoldActor:
    id: str
    kind: str  # person, state, organization, group, other
    names: tuple[str, ...]
    country: str | None = None
    title_keywords: tuple[str, ...] = ()
    optional: bool = False

    @property
    def display_name(self) -> str:
        return self.names[0] if self.names else self.id


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """Where a meeting took place: any of the cities or sites, or, when the text names neither, the country."""

    cities: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    country: str | None = None

    def describe(self) -> str:
        parts = [" / ".join(self.sites), " / ".join(self.cities), self.country or ""]
        return ", ".join(p for p in parts if p) or "no place"


@dataclass(frozen=True, slots=True)
class GoldParticipant:
    actor: str
    represents: str | None = None
    role: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldMeeting:
    id: str
    participants: tuple[GoldParticipant, ...]
    sources: tuple[str, ...]  # article ids
    date: str | None = None
    date_range: tuple[str | None, str | None] | None = None  # when the text gives no day: the days it allows
    place: GoldPlace = GoldPlace()
    optional: bool = False

    @property
    def actor_ids(self) -> frozenset[str]:
        """Everyone taking part, optional participants included."""
        return frozenset(p.actor for p in self.participants)

    @property
    def by_actor(self) -> dict[str, GoldParticipant]:
        """Each actor's entry (a second entry for one actor overrides the first)."""
        return {p.actor: p for p in self.participants}

    def required_representations(self) -> set[tuple[str, str]]:
        """(person or actor, represented actor) pairs a matching report must state."""
        return {(a, p.represents) for a, p in self.by_actor.items() if p.represents and not p.optional}

    def optional_representations(self) -> set[tuple[str, str | None]]:
        """Pairs of optional participants: stating them neither gains nor costs."""
        return {(a, p.represents) for a, p in self.by_actor.items() if p.optional}

    def describe_date(self) -> str:
        if self.date:
            return self.date
        if self.date_range and all(self.date_range):
            return f"no date, or {self.date_range[0]}..{self.date_range[1]}"
        return "no date"


@dataclass(frozen=True, slots=True)
class Gold:
    actors: dict[str, GoldActor]
    meetings: tuple[GoldMeeting, ...]
    negatives: tuple[str, ...] = ()  # names that must never become actors (page furniture, comments)

    @property
    def required_meetings(self) -> list[GoldMeeting]:
        return [m for m in self.meetings if not m.optional]

    def kind_of(self, actor_id: str) -> str:
        return self.actors[actor_id].kind

    def name_of(self, actor_id: str | None) -> str:
        if actor_id is None:
            return "no one"
        actor = self.actors.get(actor_id)
        return actor.display_name if actor else actor_id


def load_gold(paths: Sequence[Path]) -> Gold:
    """One `Gold` from one or several gold files."""
    if not paths:
        raise GoldError("no gold file given")
    return read_gold(merge_gold_documents([_read_json(Path(p)) for p in paths]), source=", ".join(map(str, paths)))


def merge_gold_documents(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Gold documents as one: actors by id (names of one id from several files pooled), meetings and negatives
    one after another. Two meetings with one id are an error: each must be scored on its own."""
    actors: dict[str, dict[str, Any]] = {}
    meetings: list[dict[str, Any]] = []
    negatives: list[str] = []
    for document in documents:
        for actor in document.get("actors", []):
            known = actors.setdefault(actor["id"], dict(actor))
            if known is not actor:
                known["names"] = list(dict.fromkeys([*known.get("names", []), *actor.get("names", [])]))
        meetings.extend(document.get("meetings", []))
        negatives.extend(document.get("negatives", []))
    return {"actors": list(actors.values()), "meetings": meetings, "negatives": negatives}


def read_gold(document: dict[str, Any], source: str = "gold") -> Gold:
    """A gold document (the JSON of a gold file) as a typed `Gold`; `GoldError` when it does not hold together."""
    try:
        actors = {a["id"]: _actor(a) for a in document["actors"]}
        meetings = tuple(_meeting(m) for m in document.get("meetings", []))
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{source}: not a gold document ({type(exc).__name__}: {exc})") from None
    seen: set[str] = set()
    for meeting in meetings:
        if meeting.id in seen:
            raise GoldError(f"{source}: two gold meetings have the id {meeting.id!r}")
        seen.add(meeting.id)
        unknown = sorted(meeting.actor_ids - actors.keys())
        if unknown:
            raise GoldError(f"{source}: meeting {meeting.id!r} names actors no gold actor defines: {unknown}")
    return Gold(actors=actors, meetings=meetings, negatives=tuple(document.get("negatives", [])))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not JSON ({exc})") from None
    if not isinstance(document, dict) or "actors" not in document:
        raise GoldError(f"{path}: not a gold file (a JSON object with `actors` and `meetings`)")
    return document


def _actor(a: dict[str, Any]) -> GoldActor:
    return GoldActor(id=a["id"], kind=a["kind"], names=tuple(a["names"]), country=a.get("country"),
                     title_keywords=tuple(a.get("title_keywords") or ()), optional=bool(a.get("optional")))


def _meeting(m: dict[str, Any]) -> GoldMeeting:
    place = m.get("location") or {}
    date_range = m.get("date_range")
    return GoldMeeting(
        id=m["id"],
        participants=tuple(GoldParticipant(actor=p["actor"], represents=p.get("represents"), role=p.get("role"),
                                           optional=bool(p.get("optional"))) for p in m["participants"]),
        sources=tuple(m.get("sources", [])),
        date=m.get("date"),
        date_range=(date_range[0], date_range[1]) if date_range else None,
        place=GoldPlace(cities=tuple(place.get("city") or ()), sites=tuple(place.get("site") or ()),
                        country=place.get("country")),
        optional=bool(m.get("optional")),
    )
