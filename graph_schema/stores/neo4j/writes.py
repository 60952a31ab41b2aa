"""Writing the resolved graph to Neo4j: the Cypher and the rows it is given.

`write_units` turns a diff (see `fingerprint.py`) into statements: new nodes are
CREATEd, changed ones MATCHed and SET; the relationships a node owns are dropped
and rewritten together with its facts fingerprint, in one transaction, so an
interrupted write is finished by the next one. Labels of actor kinds and of
meetings are part of the query text (from fixed tables), never values.

A new event is created together with everything it owns in one statement (no
look-up of itself, no second pass for its facts fingerprint). Participations
in meetings carry `meeting_key` (and, when the participant represents a state,
`meeting_rep_key`): actor id, date and event id in one string whose order is
the listing order, so an actor's meetings page is an index-ordered seek; every
participation carries `event_key` and `event_rep_key` of the same form for an
actor's timeline; each actor keeps `meeting_count` and `event_count` (its
meetings and events, distinct); representation nodes carry
keys of the same kind (`representation_keys`) for a state's, a person's and all
representations; each actor owns a `MET` relationship per counterpart with
the shared meetings' count, first and last date and ids, keyed in listing
order (`counterpart_key`), and keeps `counterpart_count`; the same for a state's
representatives (`HAS_REPRESENTATIVE`) and the states a person represented
(`REPRESENTED_STATE`). All are derived facts
owned by what owns them, so they are part of its facts fingerprint
(`prints.py`).
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson

from graph_schema.document import article_record
from graph_schema.model import Actor, ActorKind, Event, Evidence, Graph, Location
from graph_schema.stores import actor_search
from graph_schema.stores.counterparts import Met, graph_meetings, met_by_actor, representatives, represented
from graph_schema.stores.fingerprint import (
    GraphDiff,
    Key,
    Print,
    conflict_ids,
)

T = TypeVar("T")
Statement = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Unit:
    """Statements that stay in one transaction, built when run (so a big write never holds all of them at
    once). `concurrent` units touch nothing another concurrent unit writes or needs written first (new
    events: each creates its own nodes and only links to existing ones), so they may run side by side."""

    build: Callable[[], list[Statement]]
    concurrent: bool = False


@dataclass(frozen=True)
class Transaction:
    statements: list[Statement]
    concurrent: bool

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
_UPDATE_EVENTS = {
    True: "UNWIND $rows AS row MATCH (n:Event {id: row.id}) SET n += row.props, n.fp = row.fp SET n:Meeting",
    False: "UNWIND $rows AS row MATCH (n:Event {id: row.id}) SET n += row.props, n.fp = row.fp REMOVE n:Meeting",
}

_DROP_ACTOR_FACTS = """
UNWIND $ids AS id
MATCH (:Actor {id: id})-[r:HOLDS_TITLE|AFFILIATED_WITH|MET|HAS_REPRESENTATIVE|REPRESENTED_STATE]->()
DELETE r
"""
# an actor's counterparts, a state's representatives, the states a person represented (`counterparts.Met`), each
# with its key in listing order (`counterpart_key`); the relationship type from this fixed table
SUMMARIES = {"met": "MET", "representatives": "HAS_REPRESENTATIVE", "represented": "REPRESENTED_STATE"}
_CREATE_SUMMARY = {
    kind: f"""
UNWIND $rows AS row
MATCH (a:Actor {{id: row.actor}}), (o:Actor {{id: row.other}})
CREATE (a)-[:{rel} {{key: row.key, meetings: row.n, first: row.first, last: row.last, events: row.events}}]->(o)
"""
    for kind, rel in SUMMARIES.items()
}
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
        evidence_articles: row.ea, evidence_starts: row.es, evidence_ends: row.ee, evidence_quotes: row.eq,
        meeting_key: row.mk, meeting_rep_key: row.mrk, event_key: row.ek, event_rep_key: row.erk}]->(e)
WITH a, e, row WHERE row.rep IS NOT NULL
MATCH (s:Actor {id: row.represents})
CREATE (a)-[:REPRESENTED]->(r:Representation {id: row.rep, key: row.rk, state_key: row.rsk, person_key: row.rpk})
       -[:ON_BEHALF_OF]->(s), (r)-[:AT]->(e)
"""
# a new event with everything it owns, in one statement: no look-up of the event, no second pass for `fp_facts`,
# its properties in the CREATE pattern (cheaper for the server than `SET e += map`)
_CREATE_EVENTS_WITH_FACTS = {
    meeting: f"""
UNWIND $rows AS row
CREATE (e:{label} {{id: row.id, type: row.type, cameo: row.cameo, date: row.date, date_precision: row.date_precision,
        date_text: row.date_text, merged_from: row.merged_from, fp: row.fp, fp_facts: row.fp_facts}})
WITH e, row
CALL (e, row) {{
  UNWIND row.participants AS p
  MATCH (a:Actor {{id: p.actor}})
  CREATE (a)-[:PARTICIPATED_IN {{role: p.role, represents: p.represents, ord: p.ord,
          evidence_articles: p.ea, evidence_starts: p.es, evidence_ends: p.ee, evidence_quotes: p.eq,
          meeting_key: p.mk, meeting_rep_key: p.mrk, event_key: p.ek, event_rep_key: p.erk}}]->(e)
  WITH a, e, p WHERE p.rep IS NOT NULL
  MATCH (s:Actor {{id: p.represents}})
  CREATE (a)-[:REPRESENTED]->(r:Representation {{id: p.rep, key: p.rk, state_key: p.rsk, person_key: p.rpk}})
         -[:ON_BEHALF_OF]->(s), (r)-[:AT]->(e)
}}
CALL (e, row) {{
  UNWIND row.sources AS src
  MATCH (art:Article {{id: src.article}})
  CREATE (e)-[:REPORTED_BY {{start: src.start, end: src.end, quote: src.quote, ord: src.ord}}]->(art)
}}
CALL (e, row) {{
  MATCH (l:Location {{id: row.location}})
  CREATE (e)-[:LOCATED_IN]->(l)
}}
"""
    for meeting, label in ((True, "Event:Meeting"), (False, "Event"))
}
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
    for section, label in (("locations", "Location"), ("events", "Event"))
} | {"actors": "UNWIND $rows AS row MATCH (n:Actor {id: row.id}) SET n.fp_facts = row.fp, "
               "n.meeting_count = row.meetings, n.event_count = row.events, n.counterpart_count = row.counterparts, "
               "n.representative_count = row.representatives, n.represented_count = row.represented"}
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
                           ("conflicts", "Conflict"))
} | {  # an event with its representation nodes: left behind, they would block the event's return
    "events": "UNWIND $ids AS id MATCH (n:Event {id: id}) OPTIONAL MATCH (n)<-[:AT]-(r:Representation) "
              "DETACH DELETE r, n"}
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



def write_units(graph: Graph, changes: GraphDiff, prints: Mapping[Key, Print], batch_size: int,
                summaries_of: Callable[[], dict[str, dict[str, list[Met]]]] | None = None) -> list[Unit]:
    """The statements that make the stored graph equal `graph`, as units that each stay in one transaction:
    nodes first, then the relationships each node owns (with its facts fingerprint), conflicts, deletions."""
    units: list[Unit] = []

    def batches(queries: Callable[[list[Any]], list[Statement]], rows: list[Any],
                size: int = batch_size, concurrent: bool = False) -> None:
        units.extend(Unit(functools.partial(queries, chunk), concurrent) for chunk in _chunks(rows, size))

    created = set(changes.created)
    conflicts = dict(conflict_ids(graph.conflicts))

    def ids(section: str, keys: set[Key] | list[Key]) -> list[str]:
        return sorted(i for s, i in keys if s == section)

    # nodes: properties and labels
    def nodes(section: str, row: Callable[[str], dict[str, Any]], group: Callable[[str], Any],
              create: dict[Any, str], update: dict[Any, str], created_too: bool = True) -> None:
        for keys, queries in ((created, create), (set(changes.updated), update))[0 if created_too else 1:]:
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
          lambda i: graph.events[i].is_meeting, {}, _UPDATE_EVENTS, created_too=False)

    # relationships each node owns, rewritten with the node's facts fingerprint in one transaction
    counts, event_totals = meeting_counts(graph), event_counts(graph)
    summaries = (summaries_of or functools.partial(actor_summaries, graph))() \
        if any(s == "actors" for s, _ in changes.facts_changed) else {}

    def facts(section: str, build: Callable[[list[str]], list[Statement]], drop: list[str],
              keys: list[Key] | set[Key] = changes.facts_changed) -> None:
        def statements(chunk: list[str]) -> list[Statement]:
            old = [i for i in chunk if (section, i) not in created]
            return ([(q, {"ids": old}) for q in drop] if old else []) + build(chunk) + [
                (_SET_FACTS_PRINT[section], {"rows": [
                    {"id": i, "fp": prints[section, i].facts, "meetings": counts.get(i, 0),
                     "events": event_totals.get(i, 0),
                     **{kind: len(summaries.get(kind, {}).get(i, ())) for kind in ("representatives", "represented")},
                     "counterparts": len(summaries.get("met", {}).get(i, ()))} for i in chunk]})]

        batches(statements, ids(section, keys), max(1, batch_size // 10))

    facts("locations", lambda chunk: [(_CREATE_WITHIN, {"rows": [
        {"id": i, "within": graph.locations[i].within} for i in chunk if graph.locations[i].within]})],
          [_DROP_LOCATION_FACTS])
    facts("actors", lambda chunk: actor_facts([graph.actors[i] for i in chunk], summaries), [_DROP_ACTOR_FACTS])
    facts("events", lambda chunk: event_facts([graph.events[i] for i in chunk]), _DROP_EVENT_FACTS,
          set(changes.facts_changed) - created)
    # new events: node, relationships and both fingerprints in one statement per chunk (one transaction)
    new_events: dict[bool, list[str]] = defaultdict(list)
    for i in ids("events", created):
        new_events[graph.events[i].is_meeting].append(i)
    for meeting, event_ids in new_events.items():
        batches(lambda chunk, q=_CREATE_EVENTS_WITH_FACTS[meeting]: [(q, {"rows": new_event_rows(
            [graph.events[i] for i in chunk], prints)})], event_ids, max(1, batch_size // 5), concurrent=True)

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



def transactions(units: list[Unit], batch_size: int) -> Iterator[Transaction]:
    """The statements of `units`, in order, grouped into transactions: each unit stays whole, consecutive
    units share a transaction until it holds about `batch_size` rows (so small writes are one transaction)
    or the next unit differs in `concurrent`. Units are built only when reached."""
    pending: list[Statement] = []
    rows = 0
    concurrent = False
    for unit in units:
        statements = unit.build()
        weight = sum(len(v) for _, params in statements for v in params.values() if isinstance(v, list))
        if pending and (rows + weight > batch_size or unit.concurrent != concurrent):
            yield Transaction(pending, concurrent)
            pending, rows = [], 0
        pending.extend(statements)
        rows += weight
        concurrent = unit.concurrent
    if pending:
        yield Transaction(pending, concurrent)


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


def actor_summaries(graph: Graph) -> dict[str, dict[str, list[Met]]]:
    """`SUMMARIES`' kinds -> actor -> its summaries, from the whole graph."""
    return {"met": met_by_actor(graph_meetings(graph)), "representatives": representatives(graph),
            "represented": represented(graph)}


def actor_facts(actors: list[Actor], summaries: Mapping[str, Mapping[str, list[Met]]]) -> list[Statement]:
    titles = [{"actor": a.id, "of": t.of, "title": t.title, "ord": n, **_evidence_lists(t.evidence)}
              for a in actors for n, t in enumerate(a.titles) if t.of]
    affiliations = [{"actor": a.id, "of": a.affiliation} for a in actors if a.affiliation]
    return [(_CREATE_TITLES, {"rows": titles}), (_CREATE_AFFILIATIONS, {"rows": affiliations})] + [
        (_CREATE_SUMMARY[kind], {"rows": [
            {"actor": a.id, "other": m.other, "key": counterpart_key(a.id, m.meetings, m.other), "n": m.meetings,
             "first": m.first, "last": m.last, "events": list(m.events)}
            for a in actors for m in summaries.get(kind, {}).get(a.id, ())]}) for kind in SUMMARIES]


MAX_MEETINGS = 10**12  # above any count of shared meetings: counts descending as ascending text


def counterpart_key(actor: str, meetings: int, other: str) -> str:
    """An actor's key for one counterpart: ordered like `counterparts` lists (most shared meetings first)."""
    return f"{actor}{SEP}{MAX_MEETINGS - meetings:013d}{SEP}{other}"


SEP = "\x00"  # in meeting keys: below every character of an id or a date, so shorter sorts first


def meeting_key(actor: str, event: Event) -> str:
    """An actor's key for one meeting: ordered like the listing (date, unknown dates last, then id)."""
    return f"{actor}{SEP}{_date_key(event.date)}{SEP}{event.id}"


def meeting_prefix(actor: str) -> str:
    return actor + SEP


def key_end(owner: str) -> str:
    """Above every key of `owner` (`owner` + SEP + ...) and below every other owner's: a range's upper bound."""
    return owner + "\x01"


def _date_key(date: str | None) -> str:
    return "0" + date if date is not None else "1"


def representation_keys(date: str | None, event: str, person: str, state: str) -> dict[str, str]:
    """A representation's keys, each ordered like `representations` lists (`store.representation_order`):
    `key` for all of them, `state_key` for a state's (state first), `person_key` for a person's."""
    tail = SEP.join((_date_key(date), event))
    return {"rk": SEP.join((tail, person, state)), "rsk": SEP.join((state, tail, person)),
            "rpk": SEP.join((person, tail, state))}


def meeting_counts(graph: Graph) -> dict[str, int]:
    """Per actor, the meetings it took part in or was represented at (each meeting once)."""
    return event_counts(graph, meetings=True)


def event_counts(graph: Graph, meetings: bool = False) -> dict[str, int]:
    """Per actor, the events (only meetings when `meetings`) it took part in or was represented at, each once."""
    counts: dict[str, int] = defaultdict(int)
    for event in graph.events.values():
        if event.is_meeting or not meetings:
            for actor in set(event.actor_ids()):
                counts[actor] += 1
    return counts


def participation_rows(event: Event) -> list[dict[str, Any]]:
    """One row per participation, in the order of the document record (by actor), with the representation
    to create the first time a person represents a state at this event."""
    rows = []
    represented: set[str] = set()
    meeting = event.is_meeting
    for n, p in enumerate(sorted(event.participants, key=lambda p: p.actor)):
        rep = f"{event.id}|{p.actor}|{p.represents}" if p.represents else None
        if rep in represented:
            rep = None  # the same person for the same state twice: one representation
        elif rep:
            represented.add(rep)
        ev = p.evidence
        keys = representation_keys(event.date, event.id, p.actor, p.represents) if rep else {}
        rows.append({"actor": p.actor, "event": event.id, "role": str(p.role), "represents": p.represents,
                     "rep": rep, "ord": n, "rk": keys.get("rk"), "rsk": keys.get("rsk"), "rpk": keys.get("rpk"),
                     "ea": [e.article for e in ev], "es": [e.start for e in ev],
                     "ee": [e.end for e in ev], "eq": [e.quote for e in ev],
                     "mk": meeting_key(p.actor, event) if meeting else None,
                     "mrk": meeting_key(p.represents, event) if meeting and p.represents else None,
                     "ek": meeting_key(p.actor, event),
                     "erk": meeting_key(p.represents, event) if p.represents else None})
    return rows


def source_rows(event: Event) -> list[dict[str, Any]]:
    return [{"event": event.id, "article": s.article, "start": s.start, "end": s.end, "quote": s.quote, "ord": n}
            for n, s in enumerate(sorted(event.sources, key=lambda s: (s.article, s.start, s.end)))]


def new_event_rows(events: list[Event], prints: Mapping[Key, Print]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        p = prints["events", e.id]
        rows.append({"id": e.id, **event_props(e), "fp": p.node, "fp_facts": p.facts, "location": e.location,
                     "participants": participation_rows(e), "sources": source_rows(e)})
    return rows


def event_facts(events: list[Event]) -> list[Statement]:
    participations, located, reported = [], [], []
    for event in events:
        participations.extend(participation_rows(event))
        if event.location:
            located.append({"event": event.id, "location": event.location})
        reported.extend(source_rows(event))
    return [(_CREATE_PARTICIPATIONS, {"rows": participations}),
            (_CREATE_LOCATED_IN, {"rows": located}), (_CREATE_REPORTED_BY, {"rows": reported})]
