"""What one article says, before anything is resolved across articles.

An `Extraction` holds mentions whose keys are local to the article ("p1",
"s:irn"); `resolve` turns the extractions of many articles into one `Graph`.
It is stored per article as a JSON payload, so it round-trips exactly through
`to_payload` / `from_payload`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graph_schema.model import ActorKind, Article, DatePrecision, Evidence, LocationKind, Role

PAYLOAD_VERSION = 1


@dataclass(slots=True)
class TitleMention:
    title: str  # "ambassador to Iraq", "foreign minister"
    of: str | None  # key of the state or organisation the office is held for
    evidence: Evidence


@dataclass(slots=True)
class ActorMention:
    """One actor as this article names it, its within-article coreference done."""

    key: str
    name: str  # the fullest surface form in the article
    kind: ActorKind
    country: str | None = None  # alpha-3: a state's own code; a person's or body's state
    aliases: list[str] = field(default_factory=list)  # every other surface form
    titles: list[TitleMention] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class PlaceMention:
    key: str
    name: str
    kind: LocationKind
    country: str | None = None  # alpha-3
    lat: float | None = None
    lon: float | None = None
    within: str | None = None  # key of the enclosing place mention
    geonameid: int | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class ParticipantMention:
    actor: str  # actor key
    role: Role = Role.PARTICIPANT
    represents: str | None = None  # actor key, usually a state
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class EventMention:
    """One sentence (or clause) that reports an event."""

    key: str
    type: str  # meeting, statement, accusation, proposal, attack, arrest, ...
    cameo: str | None
    evidence: Evidence
    date: str | None = None  # ISO date
    date_precision: DatePrecision | None = None
    date_text: str | None = None  # the words the date was read from
    place: str | None = None  # place key
    participants: list[ParticipantMention] = field(default_factory=list)
    tense: str | None = None  # past, present, future
    anaphoric: bool = False  # refers back to an event the article reports elsewhere ("the talks", "was represented")
    under_way: bool = False  # told in the present as happening while the article is written ("are meeting")


@dataclass(slots=True)
class Extraction:
    article: Article
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    dateline: str | None = None  # key of the place the article was filed from
    lead_day: str | None = None  # ISO day the lead sentence names ("... on Sunday")

    def to_payload(self) -> dict[str, Any]:
        payload = asdict(self)
        payload["version"] = PAYLOAD_VERSION
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Extraction:
        def ev(d: dict[str, Any]) -> Evidence:
            return Evidence(d["article"], d["start"], d["end"], d["quote"])

        return cls(
            article=Article(**payload["article"]),
            actors=[ActorMention(
                key=a["key"], name=a["name"], kind=ActorKind(a["kind"]), country=a.get("country"),
                aliases=list(a.get("aliases", [])),
                titles=[TitleMention(t["title"], t.get("of"), ev(t["evidence"])) for t in a.get("titles", [])],
                evidence=[ev(e) for e in a.get("evidence", [])]) for a in payload.get("actors", [])],
            places=[PlaceMention(
                key=p["key"], name=p["name"], kind=LocationKind(p["kind"]), country=p.get("country"),
                lat=p.get("lat"), lon=p.get("lon"), within=p.get("within"), geonameid=p.get("geonameid"),
                evidence=[ev(e) for e in p.get("evidence", [])]) for p in payload.get("places", [])],
            events=[EventMention(
                key=e["key"], type=e["type"], cameo=e.get("cameo"), evidence=ev(e["evidence"]),
                date=e.get("date"),
                date_precision=DatePrecision(e["date_precision"]) if e.get("date_precision") else None,
                date_text=e.get("date_text"), place=e.get("place"),
                participants=[ParticipantMention(p["actor"], Role(p.get("role", "participant")), p.get("represents"),
                                                 [ev(x) for x in p.get("evidence", [])])
                              for p in e.get("participants", [])],
                tense=e.get("tense"), anaphoric=bool(e.get("anaphoric", False)),
                under_way=bool(e.get("under_way", False)))
                for e in payload.get("events", [])],
            dateline=payload.get("dateline"),
            lead_day=payload.get("lead_day"),
        )
