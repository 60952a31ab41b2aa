"""Turn the extractions of many articles into one `Graph`.

`resolve` is a function of the set of extractions: they are sorted by
article id first, so the order articles were ingested in never changes the
graph. Actors are resolved first (events and places refer to them), then
places, then events.
"""
from __future__ import annotations

from graph_schema.model import Graph
from ingest.extraction import Extraction
from ingest.resolve.actors import resolve_actors
from ingest.resolve.conflicts import collect
from ingest.resolve.events import MEETING, EventResolver, news_day, news_place
from ingest.resolve.places import resolve_places

__all__ = ["resolve"]


def resolve(extractions: list[Extraction]) -> Graph:
    extractions = sorted(extractions, key=lambda x: x.article.id)
    actors = resolve_actors(extractions)
    places = resolve_places(extractions, actors)
    events = EventResolver(actors, places, {x.article.id: x.article.published for x in extractions},
                           {x.article.id: places.of(x.article.id, x.dateline) for x in extractions if x.dateline},
                           {x.article.id: day for x in extractions if (day := news_day(x))},
                           {x.article.id: places.of(x.article.id, key) for x in extractions if (key := news_place(x))})
    meetings = []
    others = []
    for x in extractions:
        reports = events.reports(x)
        meetings.extend(events.article_meetings(reports))
        others.extend(r for r in reports if r.type != MEETING)
    graph = Graph(articles={x.article.id: x.article for x in extractions})
    for bundle in [*events.merge_meetings(meetings), *events.merge_others(others)]:
        event = events.build(bundle)
        if event is not None:
            graph.events[event.id] = event
    used = _used_actors(graph, actors.actors)
    graph.actors = {aid: actors.actors[aid] for aid in sorted(used)}
    graph.locations = dict(sorted(places.locations.items()))
    graph.conflicts = collect(actors.conflicts, events.conflicts)
    graph.conflicts = [c for c in graph.conflicts if c.subject in graph.actors or c.subject in graph.events]
    return graph


def _used_actors(graph: Graph, actors: dict) -> set[str]:
    """Every actor of the articles, minus organisations nothing refers to any more."""
    referenced = {p.actor for e in graph.events.values() for p in e.participants}
    referenced |= {p.represents for e in graph.events.values() for p in e.participants if p.represents}
    referenced |= {t.of for a in actors.values() for t in a.titles if t.of}
    referenced |= {a.affiliation for a in actors.values() if a.affiliation}
    return {aid for aid, a in actors.items() if str(a.kind) in ("person", "state") or aid in referenced}
