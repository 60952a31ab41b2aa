"""Whether a `Graph` can be stored: every reference points at something in it.

A store turns references (participant, represented state, location, `within`,
title holder, affiliation, source article, conflict subject) into
relationships, so a dangling one would be silently dropped by one store and
kept by the other. Both stores refuse such a graph instead.
"""
from __future__ import annotations

from graph_schema.model import Graph


def graph_problems(graph: Graph, limit: int = 20) -> list[str]:
    """Dangling references and mismatched keys, at most `limit` of them."""
    problems: list[str] = []

    def check(ok: bool, message: str) -> None:
        if not ok and len(problems) < limit:
            problems.append(message)

    for section in ("articles", "actors", "locations", "events"):
        for key, item in getattr(graph, section).items():
            check(key == item.id, f"{section}[{key!r}] holds id {item.id!r}")
    for actor in graph.actors.values():
        check(actor.affiliation is None or actor.affiliation in graph.actors,
              f"actor {actor.id}: affiliation {actor.affiliation!r} is not an actor")
        for title in actor.titles:
            check(title.of is None or title.of in graph.actors,
                  f"actor {actor.id}: title {title.title!r} of {title.of!r} is not an actor")
    for location in graph.locations.values():
        check(location.within is None or location.within in graph.locations,
              f"location {location.id}: within {location.within!r} is not a location")
    for event in graph.events.values():
        check(event.location is None or event.location in graph.locations,
              f"event {event.id}: location {event.location!r} is not a location")
        for p in event.participants:
            check(p.actor in graph.actors, f"event {event.id}: participant {p.actor!r} is not an actor")
            check(p.represents is None or p.represents in graph.actors,
                  f"event {event.id}: {p.actor} represents {p.represents!r}, which is not an actor")
        for source in event.sources:
            check(source.article in graph.articles,
                  f"event {event.id}: source article {source.article!r} is not an article of the graph")
    subjects = graph.actors.keys() | graph.events.keys() | graph.locations.keys()
    for conflict in graph.conflicts:
        check(conflict.subject in subjects,
              f"conflict about {conflict.subject!r} ({conflict.field}): no such actor, event or location")
    return problems
