"""The `diplomatic-graph/1` interchange document, to and from a `Graph`.

The export is how a graph moves between stores and how it is diffed between
versions, so it is deterministic: every list is sorted by id.
Fields beyond the scorer's (evidence, title holders, conflicts) are extras
that the format allows.
"""
from __future__ import annotations

from typing import Any

from graph_schema.model import (
    Actor,
    ActorKind,
    Article,
    Conflict,
    DatePrecision,
    Event,
    Evidence,
    Graph,
    Location,
    LocationKind,
    Participation,
    Role,
    Title,
)

FORMAT = "diplomatic-graph/1"


class DocumentError(ValueError):
    """The document is not a readable `diplomatic-graph/1` graph."""


def _evidence(items: list[Evidence]) -> list[dict[str, Any]]:
    return [{"article": e.article, "start": e.start, "end": e.end, "quote": e.quote} for e in items]


def _read_evidence(items: list[dict[str, Any]] | None) -> list[Evidence]:
    return [Evidence(str(e["article"]), int(e.get("start") or 0), int(e.get("end") or 0), str(e.get("quote") or ""))
            for e in items or []]


def article_record(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published,
            "dateline": a.dateline, "language": a.language}


def actor_record(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "kind": str(a.kind), "aliases": sorted(a.aliases), "country": a.country,
            "titles": [t.title for t in a.titles], "affiliation": a.affiliation,
            "offices": [{"title": t.title, "of": t.of, "evidence": _evidence(t.evidence)} for t in a.titles],
            "evidence": _evidence(a.evidence)}


def location_record(loc: Location) -> dict[str, Any]:
    return {"id": loc.id, "name": loc.name, "kind": str(loc.kind), "country": loc.country, "lat": loc.lat,
            "lon": loc.lon, "within": loc.within, "aliases": sorted(loc.aliases)}


def event_record(e: Event) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "cameo": e.cameo, "date": e.date,
            "date_precision": str(e.date_precision) if e.date_precision else None, "date_text": e.date_text,
            "location": e.location,
            "participants": [
                {"actor": p.actor, "role": str(p.role), "represents": p.represents, "evidence": _evidence(p.evidence)}
                for p in sorted(e.participants, key=lambda p: p.actor)
            ],
            "sources": _evidence(sorted(e.sources, key=lambda s: (s.article, s.start, s.end))),
            "merged_from": list(e.merged_from)}


def conflict_record(c: Conflict) -> dict[str, Any]:
    return {"subject": c.subject, "field": c.field, "kept": c.kept, "other": c.other, "evidence": _evidence(c.evidence)}


def conflict_order(c: Conflict) -> tuple[Any, ...]:
    """A total order on conflicts, so every store lists them the same way."""
    return (c.subject, c.field, c.other or "", c.kept or "",
            [(e.article, e.start, e.end, e.quote) for e in c.evidence])


def to_document(graph: Graph) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "articles": [article_record(a) for a in sorted(graph.articles.values(), key=lambda a: a.id)],
        "actors": [actor_record(a) for a in sorted(graph.actors.values(), key=lambda a: a.id)],
        "locations": [location_record(loc) for loc in sorted(graph.locations.values(), key=lambda loc: loc.id)],
        "events": [event_record(e) for e in sorted(graph.events.values(), key=lambda e: e.id)],
        "conflicts": [conflict_record(c) for c in sorted(graph.conflicts, key=conflict_order)],
    }


def _text(record: dict[str, Any], key: str) -> str:
    value = record[key]
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key!r} must be a non-empty string, not {value!r}")
    return value


def read_article(a: dict[str, Any]) -> Article:
    return Article(id=_text(a, "id"), title=a.get("title"), outlet=a.get("outlet"), url=a.get("url"),
                   published=a.get("published"), dateline=a.get("dateline"), language=a.get("language"))


def read_actor(a: dict[str, Any]) -> Actor:
    offices = a.get("offices")
    titles = ([Title(_text(o, "title"), o.get("of"), _read_evidence(o.get("evidence"))) for o in offices]
              if offices is not None else [Title(t) for t in a.get("titles") or []])
    return Actor(id=_text(a, "id"), name=_text(a, "name"), kind=ActorKind(a.get("kind") or "other"),
                 country=a.get("country"), aliases=list(a.get("aliases") or []), titles=titles,
                 affiliation=a.get("affiliation"), evidence=_read_evidence(a.get("evidence")))


def read_location(loc: dict[str, Any]) -> Location:
    return Location(id=_text(loc, "id"), name=_text(loc, "name"), kind=LocationKind(loc.get("kind") or "city"),
                    country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon"), within=loc.get("within"),
                    aliases=list(loc.get("aliases") or []))


def read_event(e: dict[str, Any]) -> Event:
    return Event(
        id=_text(e, "id"), type=_text(e, "type"), cameo=e.get("cameo"), date=e.get("date"),
        date_precision=DatePrecision(e["date_precision"]) if e.get("date_precision") else None,
        date_text=e.get("date_text"), location=e.get("location"),
        participants=[Participation(_text(p, "actor"), Role(p.get("role") or "participant"), p.get("represents"),
                                    _read_evidence(p.get("evidence")))
                      for p in e.get("participants") or []],
        sources=[_read_evidence([s])[0] if isinstance(s, dict) else Evidence(str(s), 0, 0, "")
                 for s in e.get("sources") or []],
        merged_from=list(e.get("merged_from") or []))


def read_conflict(c: dict[str, Any]) -> Conflict:
    return Conflict(_text(c, "subject"), _text(c, "field"), c.get("kept"), c.get("other"),
                    _read_evidence(c.get("evidence")))


def from_document(doc: dict[str, Any]) -> Graph:
    """The graph a document describes; `DocumentError` names the first bad entry."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DocumentError(f"not a {FORMAT} document (format={doc.get('format') if isinstance(doc, dict) else None!r})")
    graph = Graph()
    for section in ("articles", "actors", "locations", "events", "conflicts"):
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            raise DocumentError(f"malformed {FORMAT} document: {section!r} must be a list")
        for index, entry in enumerate(entries):
            try:
                if not isinstance(entry, dict):
                    raise TypeError(f"expected an object, got {type(entry).__name__}")
                if section == "articles":
                    article = read_article(entry)
                    graph.articles[article.id] = article
                elif section == "actors":
                    actor = read_actor(entry)
                    graph.actors[actor.id] = actor
                elif section == "locations":
                    location = read_location(entry)
                    graph.locations[location.id] = location
                elif section == "events":
                    event = read_event(entry)
                    graph.events[event.id] = event
                else:
                    graph.conflicts.append(read_conflict(entry))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise DocumentError(f"malformed {FORMAT} document: {section}[{index}]: {exc!r}") from exc
    return graph
