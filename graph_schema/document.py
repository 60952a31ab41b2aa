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


def to_document(graph: Graph) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published,
             "dateline": a.dateline, "language": a.language}
            for a in sorted(graph.articles.values(), key=lambda a: a.id)
        ],
        "actors": [
            {"id": a.id, "name": a.name, "kind": str(a.kind), "aliases": sorted(a.aliases), "country": a.country,
             "titles": [t.title for t in a.titles], "affiliation": a.affiliation,
             "offices": [{"title": t.title, "of": t.of, "evidence": _evidence(t.evidence)} for t in a.titles],
             "evidence": _evidence(a.evidence)}
            for a in sorted(graph.actors.values(), key=lambda a: a.id)
        ],
        "locations": [
            {"id": loc.id, "name": loc.name, "kind": str(loc.kind), "country": loc.country, "lat": loc.lat,
             "lon": loc.lon, "within": loc.within, "aliases": sorted(loc.aliases)}
            for loc in sorted(graph.locations.values(), key=lambda loc: loc.id)
        ],
        "events": [
            {"id": e.id, "type": e.type, "cameo": e.cameo, "date": e.date,
             "date_precision": str(e.date_precision) if e.date_precision else None, "date_text": e.date_text,
             "location": e.location,
             "participants": [
                 {"actor": p.actor, "role": str(p.role), "represents": p.represents, "evidence": _evidence(p.evidence)}
                 for p in sorted(e.participants, key=lambda p: p.actor)
             ],
             "sources": _evidence(sorted(e.sources, key=lambda s: (s.article, s.start, s.end))),
             "merged_from": list(e.merged_from)}
            for e in sorted(graph.events.values(), key=lambda e: e.id)
        ],
        "conflicts": [
            {"subject": c.subject, "field": c.field, "kept": c.kept, "other": c.other, "evidence": _evidence(c.evidence)}
            for c in sorted(graph.conflicts, key=lambda c: (c.subject, c.field, c.other or ""))
        ],
    }


def from_document(doc: dict[str, Any]) -> Graph:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DocumentError(f"not a {FORMAT} document (format={doc.get('format') if isinstance(doc, dict) else None!r})")
    try:
        graph = Graph()
        for a in doc.get("articles", []):
            graph.articles[a["id"]] = Article(
                id=a["id"], title=a.get("title"), outlet=a.get("outlet"), url=a.get("url"),
                published=a.get("published"), dateline=a.get("dateline"), language=a.get("language"))
        for a in doc.get("actors", []):
            offices = a.get("offices")
            titles = ([Title(o["title"], o.get("of"), _read_evidence(o.get("evidence"))) for o in offices]
                      if offices is not None else [Title(t) for t in a.get("titles") or []])
            graph.actors[a["id"]] = Actor(
                id=a["id"], name=a["name"], kind=ActorKind(a.get("kind") or "other"), country=a.get("country"),
                aliases=list(a.get("aliases") or []), titles=titles, affiliation=a.get("affiliation"),
                evidence=_read_evidence(a.get("evidence")))
        for loc in doc.get("locations", []):
            graph.locations[loc["id"]] = Location(
                id=loc["id"], name=loc["name"], kind=LocationKind(loc.get("kind") or "city"),
                country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon"), within=loc.get("within"),
                aliases=list(loc.get("aliases") or []))
        for e in doc.get("events", []):
            graph.events[e["id"]] = Event(
                id=e["id"], type=e["type"], cameo=e.get("cameo"), date=e.get("date"),
                date_precision=DatePrecision(e["date_precision"]) if e.get("date_precision") else None,
                date_text=e.get("date_text"), location=e.get("location"),
                participants=[Participation(p["actor"], Role(p.get("role") or "participant"), p.get("represents"),
                                            _read_evidence(p.get("evidence")))
                              for p in e.get("participants", [])],
                sources=[_read_evidence([s])[0] if isinstance(s, dict) else Evidence(str(s), 0, 0, "")
                         for s in e.get("sources", [])],
                merged_from=list(e.get("merged_from") or []))
        for c in doc.get("conflicts", []):
            graph.conflicts.append(Conflict(c["subject"], c["field"], c.get("kept"), c.get("other"),
                                            _read_evidence(c.get("evidence"))))
    except (KeyError, TypeError, ValueError) as exc:
        raise DocumentError(f"malformed {FORMAT} document: {exc!r}") from exc
    return graph
