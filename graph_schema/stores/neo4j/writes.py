"""Writing the resolved graph to Neo4j: the Cypher and the rows it is given.

`write_units` turns a diff (see `fingerprint.py`) into statements: new nodes are
CREATEd, changed ones MATCHed and SET; the relationships a node owns are dropped
and rewritten together with its facts fingerprint, in one transaction, so an
interrupted write is finished by the next one. Labels of actor kinds and of
meetings are part of the query text (from fixed tables), never values.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import orjson

from graph_schema.document import article_record, event_record
from graph_schema.model import Actor, ActorKind, Event, Evidence, Graph, Location
from graph_schema.stores import actor_search
from graph_schema.stores.fingerprint import GraphDiff, Key, Print, conflict_ids

T = TypeVar("T")
Statement = tuple[str, dict[str, Any]]
Unit = Callable[[], list[Statement]]  # built when run, so a big write never holds all its statements at once

_KIND_LABELS = {ActorKind.PERSON: "Person", ActorKind.STATE: "State",
                ActorKind.ORGANIZATION: "Organization", ActorKind.GROUP: "Group", ActorKind.OTHER: None}
_ALL_KIND_LABELS = ":".join(label for label in _KIND_LABELS.values() if label)

# Node writes: new nodes (the diff knows which) are CREATEd, changed ones MATCHed; the labels of
# actor kinds and of meetings are part of the query text (from fixed tables), never values.
_CREATE_NODES = {
    "articles": "UNWIND $rows AS row CREATE (n:Article {id: row.id}) SET n += row.props, n.fp = row.fp",
    "locations": "UNWIND $rows AS row CREATE (n:Location {id: row.id}) SET n += row.props, n.fp = row.fp",
}
_UPDATE_NODES = {
    "articles": "UNWIND $rows AS row MATCH (n:Article {id: row.id}) SET n += row.props, n.fp = row.fp",
    "locations": "UNWIND $rows AS row MATCH (n:Location {id: row.id}) SET n += row.props, n.fp = row.fp",
}
_CREATE_ACTORS = {
    kind: f"UNWIND $rows AS row CREATE (n:Actor{':' + label if label else ''} {{id: row.id}}) "
          "SET n += row.props, n.fp = row.fp"
    for kind, label in _KIND_LABELS.items()
}
_UPDATE_ACTORS = {
    kind: f"UNWIND $rows AS row MATCH (n:Actor {{id: row.id}}) SET n += row.props, n.fp = row.fp "
          f"REMOVE n:{_ALL_KIND_LABELS}" + (f" SET n:{label}" if label else "")
    for kind, label in _KIND_LABELS.items()
}
_CREATE_EVENTS = {
    True: "UNWIND $rows AS row CREATE (n:Event:Meeting {id: row.id}) SET n += row.props, n.fp = row.fp",
    False: "UNWIND $rows AS row CREATE (n:Event {id: row.id}) SET n += row.props, n.fp = row.fp",
}
_UPDATE_EVENTS = {
    True: "UNWIND $rows AS row MATCH (n:Event {id: row.id}) SET n += row.props, n.fp = row.fp SET n:Meeting",
    False: "UNWIND $rows AS row MATCH (n:Event {id: row.id}) SET n += row.props, n.fp = row.fp REMOVE n:Meeting",
}

_DROP_ACTOR_FACTS = """
UNWIND $ids AS id
MATCH (:Actor {id: id})-[r:HOLDS_TITLE|AFFILIATED_WITH]->()
DELETE r
"""
_CREATE_TITLES = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor}), (o:Actor {id: row.of})
CREATE (a)-[:HOLDS_TITLE {title: row.title, ord: row.ord, evidence_articles: row.ea, evidence_starts: row.es,
                          evidence_ends: row.ee, evidence_quotes: row.eq}]->(o)
"""
_CREATE_AFFILIATIONS = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor}), (o:Actor {id: row.of})
CREATE (a)-[:AFFILIATED_WITH]->(o)
"""
_DROP_LOCATION_FACTS = "UNWIND $ids AS id MATCH (:Location {id: id})-[r:WITHIN]->() DELETE r"
_CREATE_WITHIN = """
UNWIND $rows AS row
MATCH (l:Location {id: row.id}), (p:Location {id: row.within})
CREATE (l)-[:WITHIN]->(p)
"""
_DROP_EVENT_FACTS = [
    "UNWIND $ids AS id MATCH (:Event {id: id})<-[r:PARTICIPATED_IN]-() DELETE r",
    "UNWIND $ids AS id MATCH (:Event {id: id})-[r:LOCATED_IN|REPORTED_BY]->() DELETE r",
    "UNWIND $ids AS id MATCH (:Event {id: id})<-[:AT]-(r:Representation) DETACH DELETE r",
]
# a participation, and with `rep` (first time only) the representation node of the three-way fact
_CREATE_PARTICIPATIONS = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor}), (e:Event {id: row.event})
CREATE (a)-[:PARTICIPATED_IN {role: row.role, represents: row.represents, ord: row.ord,
        evidence_articles: row.ea, evidence_starts: row.es, evidence_ends: row.ee, evidence_quotes: row.eq}]->(e)
WITH a, e, row WHERE row.rep IS NOT NULL
MATCH (s:Actor {id: row.represents})
CREATE (a)-[:REPRESENTED]->(r:Representation {id: row.rep})-[:ON_BEHALF_OF]->(s), (r)-[:AT]->(e)
"""
_CREATE_LOCATED_IN = """
UNWIND $rows AS row
MATCH (e:Event {id: row.event}), (l:Location {id: row.location})
CREATE (e)-[:LOCATED_IN]->(l)
"""
_CREATE_REPORTED_BY = """
UNWIND $rows AS row
MATCH (e:Event {id: row.event}), (a:Article {id: row.article})
CREATE (e)-[:REPORTED_BY {start: row.start, end: row.end, quote: row.quote, ord: row.ord}]->(a)
"""
_SET_FACTS_PRINT = {
    section: f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n.fp_facts = row.fp"
    for section, label in (("actors", "Actor"), ("locations", "Location"), ("events", "Event"))
}
_CREATE_CONFLICTS = {
    label: f"""
UNWIND $rows AS row
MATCH (s:{label} {{id: row.subject}})
CREATE (c:Conflict {{id: row.id, subject: row.subject, field: row.field, kept: row.kept, other: row.other,
        evidence_articles: row.ea, evidence_starts: row.es, evidence_ends: row.ee, evidence_quotes: row.eq}})
CREATE (c)-[:ABOUT]->(s)
"""
    for label in ("Actor", "Event", "Location")
}
_DELETE = {
    section: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n"
    for section, label in (("articles", "Article"), ("actors", "Actor"), ("locations", "Location"),
                           ("events", "Event"), ("conflicts", "Conflict"))
}
STORED_PRINTS = {
    section: f"MATCH (n:{label}) RETURN n.id AS id, n.fp AS fp, n.fp_facts AS fp_facts"
    for section, label in (("articles", "Article"), ("actors", "Actor"), ("locations", "Location"),
                           ("events", "Event"))
} | {"conflicts": "MATCH (n:Conflict) RETURN n.id AS id, n.id AS fp, n.id AS fp_facts"}



def _evidence_lists(items: Sequence[Evidence]) -> dict[str, list[Any]]:
    return {"ea": [e.article for e in items], "es": [e.start for e in items],
            "ee": [e.end for e in items], "eq": [e.quote for e in items]}


def _evidence_props(items: Sequence[Evidence]) -> dict[str, list[Any]]:
    lists = _evidence_lists(items)
    return {"evidence_articles": lists["ea"], "evidence_starts": lists["es"],
            "evidence_ends": lists["ee"], "evidence_quotes": lists["eq"]}



def _chunks(rows: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]



def write_units(graph: Graph, changes: GraphDiff, prints: dict[Key, Print], batch_size: int) -> list[Unit]:
    """The statements that make the stored graph equal `graph`, as units that each stay in one transaction:
    nodes first, then the relationships each node owns (with its facts fingerprint), conflicts, deletions."""
    units: list[Unit] = []

    def batches(queries: Callable[[list[Any]], list[Statement]], rows: list[Any],
                size: int = batch_size) -> None:
        units.extend(functools.partial(queries, chunk) for chunk in _chunks(rows, size))

    created = set(changes.created)
    conflicts = dict(conflict_ids(graph.conflicts))

    def ids(section: str, keys: set[Key] | list[Key]) -> list[str]:
        return sorted(i for s, i in keys if s == section)

    # nodes: properties and labels
    def nodes(section: str, row: Callable[[str], dict[str, Any]], group: Callable[[str], Any],
              create: dict[Any, str], update: dict[Any, str]) -> None:
        for keys, queries in ((created, create), (set(changes.updated), update)):
            grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)
            for i in ids(section, keys):
                grouped[group(i)].append(row(i))
            for g, rows in grouped.items():
                batches(lambda chunk, q=queries[g]: [(q, {"rows": chunk})], rows)

    nodes("articles", lambda i: {"id": i, "fp": prints["articles", i].node, "props": {
        k: v for k, v in article_record(graph.articles[i]).items() if k != "id"}},
          lambda i: "articles", _CREATE_NODES, _UPDATE_NODES)
    nodes("actors", lambda i: actor_row(graph.actors[i], prints["actors", i].node),
          lambda i: graph.actors[i].kind, _CREATE_ACTORS, _UPDATE_ACTORS)
    nodes("locations", lambda i: {"id": i, "fp": prints["locations", i].node,
                                  "props": location_props(graph.locations[i])},
          lambda i: "locations", _CREATE_NODES, _UPDATE_NODES)
    nodes("events", lambda i: {"id": i, "fp": prints["events", i].node,
                               "props": event_props(graph.events[i])},
          lambda i: graph.events[i].is_meeting, _CREATE_EVENTS, _UPDATE_EVENTS)

    # relationships each node owns, rewritten with the node's facts fingerprint in one transaction
    def facts(section: str, build: Callable[[list[str]], list[Statement]],
              drop: list[str]) -> None:
        def statements(chunk: list[str]) -> list[Statement]:
            old = [i for i in chunk if (section, i) not in created]
            return ([(q, {"ids": old}) for q in drop] if old else []) + build(chunk) + [
                (_SET_FACTS_PRINT[section], {"rows": [{"id": i, "fp": prints[section, i].facts} for i in chunk]})]

        batches(statements, ids(section, changes.facts_changed), max(1, batch_size // 10))

    facts("locations", lambda chunk: [(_CREATE_WITHIN, {"rows": [
        {"id": i, "within": graph.locations[i].within} for i in chunk if graph.locations[i].within]})],
          [_DROP_LOCATION_FACTS])
    facts("actors", lambda chunk: actor_facts([graph.actors[i] for i in chunk]), [_DROP_ACTOR_FACTS])
    facts("events", lambda chunk: event_facts([graph.events[i] for i in chunk]), _DROP_EVENT_FACTS)

    # conflicts: immutable, identified by content
    subject_label = {**{i: "Location" for i in graph.locations}, **{i: "Event" for i in graph.events},
                     **{i: "Actor" for i in graph.actors}}
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cid in ids("conflicts", created):
        c = conflicts[cid]
        by_label[subject_label[c.subject]].append({"id": cid, "subject": c.subject, "field": c.field,
                                                   "kept": c.kept, "other": c.other,
                                                   **_evidence_lists(c.evidence)})
    for label, rows in by_label.items():
        batches(lambda chunk, label=label: [(_CREATE_CONFLICTS[label], {"rows": chunk})], rows)

    # what is gone
    for section in ("conflicts", "events", "actors", "locations", "articles"):
        batches(lambda chunk, section=section: [(_DELETE[section], {"ids": chunk})],
                ids(section, changes.deleted))
    return units



def actor_row(actor: Actor, fp: str) -> dict[str, Any]:
    offices = [{"title": t.title, "of": t.of,
                "evidence": [{"article": e.article, "start": e.start, "end": e.end, "quote": e.quote}
                             for e in t.evidence]} for t in actor.titles]
    props = {"name": actor.name, "kind": str(actor.kind), "country": actor.country,
             "aliases": sorted(actor.aliases), "titles": [t.title for t in actor.titles],
             "offices": orjson.dumps(offices).decode() if offices else None,
             "search_text": actor_search.search_text(actor), **_evidence_props(actor.evidence)}
    return {"id": actor.id, "fp": fp, "props": props}


def location_props(loc: Location) -> dict[str, Any]:
    return {"name": loc.name, "kind": str(loc.kind), "country": loc.country, "lat": loc.lat, "lon": loc.lon,
            "aliases": sorted(loc.aliases)}


def event_props(event: Event) -> dict[str, Any]:
    return {"type": event.type, "cameo": event.cameo, "date": event.date,
            "date_precision": str(event.date_precision) if event.date_precision else None,
            "date_text": event.date_text, "merged_from": list(event.merged_from)}


def actor_facts(actors: list[Actor]) -> list[Statement]:
    titles = [{"actor": a.id, "of": t.of, "title": t.title, "ord": n, **_evidence_lists(t.evidence)}
              for a in actors for n, t in enumerate(a.titles) if t.of]
    affiliations = [{"actor": a.id, "of": a.affiliation} for a in actors if a.affiliation]
    return [(_CREATE_TITLES, {"rows": titles}), (_CREATE_AFFILIATIONS, {"rows": affiliations})]


def event_facts(events: list[Event]) -> list[Statement]:
    participations, located, reported = [], [], []
    for event in events:
        record = event_record(event)  # participants and sources in document order
        represented: set[str] = set()
        for n, p in enumerate(record["participants"]):
            rep = f"{event.id}|{p['actor']}|{p['represents']}" if p["represents"] else None
            if rep in represented:
                rep = None  # the same person for the same state twice: one representation
            elif rep:
                represented.add(rep)
            participations.append({"actor": p["actor"], "event": event.id, "role": p["role"],
                                   "represents": p["represents"], "rep": rep, "ord": n,
                                   "ea": [e["article"] for e in p["evidence"]],
                                   "es": [e["start"] for e in p["evidence"]],
                                   "ee": [e["end"] for e in p["evidence"]],
                                   "eq": [e["quote"] for e in p["evidence"]]})
        if event.location:
            located.append({"event": event.id, "location": event.location})
        for n, s in enumerate(record["sources"]):
            reported.append({"event": event.id, "article": s["article"], "start": s["start"],
                             "end": s["end"], "quote": s["quote"], "ord": n})
    return [(_CREATE_PARTICIPATIONS, {"rows": participations}),
            (_CREATE_LOCATED_IN, {"rows": located}), (_CREATE_REPORTED_BY, {"rows": reported})]
