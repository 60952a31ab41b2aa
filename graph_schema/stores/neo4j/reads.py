"""Reading Neo4j: the Cypher of every read, and how its rows become model objects.

Every query takes its values as parameters; the few texts put together here
(`event_filter`, one shortest-path text per depth) are built from fixed
fragments chosen by which filters are set.
"""
from __future__ import annotations

from typing import Any

import orjson

from graph_schema.model import (
    Actor,
    ActorKind,
    ActorName,
    Article,
    Conflict,
    DatePrecision,
    Event,
    Evidence,
    Location,
    LocationKind,
    Participation,
    Role,
    Title,
)
from graph_schema.store import MAX_HOPS, EventQuery, Page
from graph_schema.stores import actor_search
from graph_schema.stores.neo4j.writes import key_end, meeting_key, meeting_prefix

MAX_CHAIN = 20  # deepest `within` chain location_chain follows
SEARCH_CANDIDATES = 200
_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')

ACTOR_FIELDS = """a {.id, .name, .kind, .country, .aliases, .offices, .evidence_articles, .evidence_starts,
    .evidence_ends, .evidence_quotes, affiliation: head([(a)-[:AFFILIATED_WITH]->(o:Actor) | o.id])}"""
LOCATION_FIELDS = """l {.id, .name, .kind, .country, .lat, .lon, .aliases,
    within: head([(l)-[:WITHIN]->(p:Location) | p.id])}"""
EVENT_FIELDS = """e {.id, .type, .cameo, .date, .date_precision, .date_text, .merged_from,
    location: head([(e)-[:LOCATED_IN]->(l:Location) | l.id]),
    participants: [(a:Actor)-[p:PARTICIPATED_IN]->(e) | [p.ord, a.id, p.role, p.represents,
                   p.evidence_articles, p.evidence_starts, p.evidence_ends, p.evidence_quotes]],
    sources: [(e)-[s:REPORTED_BY]->(art:Article) | [s.ord, art.id, s.start, s.end, s.quote]]}"""

# An event with what it refers to, for a page read in one go: the actors taking part or represented,
# and its place's chain as [distance from the event's place, place] pairs.
EVENT_IN_CONTEXT = f"""{{event: {EVENT_FIELDS},
    actors: [(a:Actor)-[:PARTICIPATED_IN]->(e) | {ACTOR_FIELDS}]
            + [(e)<-[:AT]-(:Representation)-[:ON_BEHALF_OF]->(a:Actor) | {ACTOR_FIELDS}],
    chain: [path = (e)-[:LOCATED_IN]->(:Location)-[:WITHIN*0..{MAX_CHAIN}]->(l:Location)
            | [length(path), {LOCATION_FIELDS}]]}}"""
# `event_filter`'s MATCH goes in twice: once counted, once paged (a top-k sort, not a sort of everything)
EVENT_PAGE = """
CALL () {{ {match} RETURN count(DISTINCT e) AS total }}
CALL () {{ {match} WITH DISTINCT e {after} ORDER BY e.date IS NULL, e.date, e.id SKIP $offset LIMIT $limit
          RETURN collect({context}) AS events }}
RETURN total, events
"""
# `EVENT_PAGE`'s {after}: the events after `$after_date`, `$after_id` in the event order (keyset paging),
# one text for a dated position and one for an undated (undated events come last)
AFTER_EVENT = {
    True: "WHERE e.date IS NULL OR e.date > $after_date OR (e.date = $after_date AND e.id > $after_id)",
    False: "WHERE e.date IS NULL AND e.id > $after_id",
}

# A page of `event_filter`'s events for an export: in id order after the last id read (`$after`), so every
# page costs the same however deep the export is (SKIP would read all the pages before it again).
EVENT_EXPORT_PAGE = """
{match} WITH DISTINCT e WHERE e.id > $after WITH e ORDER BY e.id LIMIT $size
RETURN collect({context}) AS events
"""
# The same with no filter: read straight from the event id index, in its order.
ALL_EVENTS_EXPORT_PAGE = f"""
MATCH (e:Event) WHERE e.id > $after WITH e ORDER BY e.id LIMIT $size
RETURN collect({EVENT_IN_CONTEXT}) AS events
"""

# One actor's meetings (or, with the `event_key`s, all its events: its timeline), the common question, without
# visiting them all: participations at meetings carry
# keys that sort in listing order (`writes.meeting_key`), indexed, so each branch seeks (a hint: the planner
# would sometimes scan the whole index instead) the range after
# `$from` (the actor's prefix, or the key of the last meeting of the page before) and reads at most
# offset + limit index entries; the total is the count the actor keeps (null on a store written before
# there were keys: `find_events` then asks `EVENT_PAGE`).
ACTOR_EVENTS_PAGE = {
    meetings: f"""
MATCH (x:Actor {{id: $actor}})
CALL (x) {{
  CALL () {{
    MATCH ()-[p:PARTICIPATED_IN]->(e) USING INDEX SEEK p:PARTICIPATED_IN({key})
    WHERE p.{key} > $from AND p.{key} < $to
    WITH DISTINCT p.{key} AS k, e ORDER BY k LIMIT $top RETURN k, e
    UNION
    MATCH ()-[p:PARTICIPATED_IN]->(e) USING INDEX SEEK p:PARTICIPATED_IN({rep_key})
    WHERE p.{rep_key} > $from AND p.{rep_key} < $to
    WITH DISTINCT p.{rep_key} AS k, e ORDER BY k LIMIT $top RETURN k, e
  }}
  WITH k, e ORDER BY k SKIP $offset LIMIT $limit
  RETURN collect({EVENT_IN_CONTEXT}) AS events
}}
RETURN x.{total} AS total, events
"""
    for meetings, key, rep_key, total in ((True, "meeting_key", "meeting_rep_key", "meeting_count"),
                                          (False, "event_key", "event_rep_key", "event_count"))
}

ACTOR_NAMES = """UNWIND $ids AS id MATCH (a:Actor {id: id})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.country AS country"""
GET_ACTORS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) RETURN {ACTOR_FIELDS} AS actor"
GET_LOCATIONS = f"UNWIND $ids AS id MATCH (l:Location {{id: id}}) RETURN {LOCATION_FIELDS} AS location"
GET_EVENTS = f"UNWIND $ids AS id MATCH (e:Event {{id: id}}) RETURN {EVENT_FIELDS} AS event"
ARTICLE_FIELDS = "a {.id, .title, .outlet, .url, .published, .dateline, .language}"
GET_ARTICLES = f"""
UNWIND $ids AS id
OPTIONAL MATCH (a:Article {{id: id}})
OPTIONAL MATCH (x:Extraction {{id: id}})
RETURN id, CASE WHEN a IS NULL THEN NULL ELSE {ARTICLE_FIELDS} END AS article, x.article AS record
"""
LOCATION_CHAIN = f"""
MATCH path = (:Location {{id: $id}})-[:WITHIN*0..{MAX_CHAIN}]->(:Location)
WITH path ORDER BY length(path) DESC LIMIT 1
UNWIND nodes(path) AS l
RETURN {LOCATION_FIELDS} AS location
"""
LOCATION_CHAINS = f"""
UNWIND $ids AS id
MATCH path = (:Location {{id: id}})-[:WITHIN*0..{MAX_CHAIN}]->(:Location)
WITH id, path ORDER BY length(path) DESC
WITH id, collect(path)[0] AS path
RETURN id, [l IN nodes(path) | {LOCATION_FIELDS}] AS chain
"""
ALL_PAGED = {
    "actors": f"MATCH (a:Actor) WHERE a.id > $after RETURN {ACTOR_FIELDS} AS item ORDER BY a.id LIMIT $n",
    "locations": f"MATCH (l:Location) WHERE l.id > $after RETURN {LOCATION_FIELDS} AS item ORDER BY l.id LIMIT $n",
    "events": f"MATCH (e:Event) WHERE e.id > $after RETURN {EVENT_FIELDS} AS item ORDER BY e.id LIMIT $n",
    "articles": f"MATCH (a:Article) WHERE a.id > $after RETURN {ARTICLE_FIELDS} AS item ORDER BY a.id LIMIT $n",
    "conflicts": """MATCH (c:Conflict) WHERE c.id > $after
        RETURN c {.id, .subject, .field, .kept, .other, .evidence_articles, .evidence_starts, .evidence_ends,
                  .evidence_quotes} AS item ORDER BY c.id LIMIT $n""",
}
COUNTS = """
RETURN COUNT { (:Article) } AS articles, COUNT { (:Extraction) } AS records, COUNT { (:Actor) } AS actors,
       COUNT { (:Event) } AS events, COUNT { (:Location) } AS locations, COUNT { (:Conflict) } AS conflicts,
       COUNT { ()-[:PARTICIPATED_IN]->() } + COUNT { ()-[:REPORTED_BY]->() } + COUNT { ()-[:LOCATED_IN]->() }
       + COUNT { ()-[:AFFILIATED_WITH]->() } + COUNT { ()-[:WITHIN]->() } + COUNT { (:Conflict) } AS relationships
"""
TITLE_COUNT = "MATCH (a:Actor) WHERE a.titles IS NOT NULL RETURN sum(size(a.titles)) AS n"
SEARCH = """
CALL db.index.fulltext.queryNodes('actor_names', $query, {limit: $candidates}) YIELD node AS a, score
WHERE $kind IS NULL OR a.kind = $kind
RETURN """ + ACTOR_FIELDS + " AS actor"
# One page of an actor's counterparts from its `MET` relationships (`writes.counterpart_key`): a range seek after
# `$from` (the actor's prefix, or the key of the last counterpart of the page before), at most offset + limit
# entries; the total is the count the actor keeps (null on a store written before there were `MET`
# relationships: `counterpart_page` then asks `COUNTERPART_PAGE`).
COUNTERPART_KEYED_PAGE = f"""
MATCH (x:Actor {{id: $id}})
CALL (x) {{
  MATCH ()-[c:MET]->(a:Actor) USING INDEX SEEK c:MET(key) WHERE c.key > $from AND c.key < $to
  WITH c, a ORDER BY c.key SKIP $offset LIMIT $limit
  RETURN collect({{actor: {ACTOR_FIELDS}, meetings: c.meetings, first: c.first, last: c.last,
                   events: c.events}}) AS found
}}
RETURN x.counterpart_count AS total, [a IN [x] | {ACTOR_FIELDS}][0] AS of, found
"""
# One page of a state's representatives (`by` "person") or of the states a person represented (`by` "state"),
# read the same way from the summaries the actor owns (null total on a store written before them).
GROUP_KEYED_PAGE = {
    by: f"""
MATCH (x:Actor {{id: $id}})
CALL (x) {{
  MATCH ()-[c:{rel}]->(a:Actor) USING INDEX SEEK c:{rel}(key) WHERE c.key > $from AND c.key < $to
  WITH c, a ORDER BY c.key SKIP $offset LIMIT $limit
  RETURN collect([a.id, c.meetings, c.first, c.last, c.events]) AS found
}}
RETURN x.{total} AS total, found
"""
    for by, rel, total in (("person", "HAS_REPRESENTATIVE", "representative_count"),
                           ("state", "REPRESENTED_STATE", "represented_count"))
}
# One page of an actor's counterparts, most shared meetings first, with their total: the order needs every
# counterpart's count, but only the page's actors are read whole and only its meetings' ids and dates.
COUNTERPART_PAGE = f"""
MATCH (x:Actor {{id: $id}})
OPTIONAL MATCH (x)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(a:Actor)
WHERE a.id <> $id
WITH x, a, collect(DISTINCT m) AS meetings
ORDER BY size(meetings) DESC, a.id
WITH x, collect(CASE WHEN a IS NOT NULL THEN [a, meetings] END) AS found
WITH x, found, [c IN found WHERE $after_id IS NULL OR size(c[1]) < $after_meetings
                                 OR (size(c[1]) = $after_meetings AND c[0].id > $after_id)] AS rest
RETURN size(found) AS total, [a IN [x] | {ACTOR_FIELDS}][0] AS of,
       [c IN rest[$offset..$offset + $limit] | {{actor: [a IN [c[0]] | {ACTOR_FIELDS}][0],
                                                 meetings: [m IN c[1] | [m.id, m.date]]}}] AS found
"""
REPRESENTATIONS = {
    "state": "MATCH (s:Actor {id: $state})<-[:ON_BEHALF_OF]-(r:Representation)<-[:REPRESENTED]-(p:Actor)",
    "person": "MATCH (p:Actor {id: $person})-[:REPRESENTED]->(r:Representation)-[:ON_BEHALF_OF]->(s:Actor)",
    "all": "MATCH (p:Actor)-[:REPRESENTED]->(r:Representation)-[:ON_BEHALF_OF]->(s:Actor)",
}
REPRESENTATIONS_TAIL = """
MATCH (r)-[:AT]->(e:Event)
WHERE $state IS NULL OR s.id = $state
RETURN p.id AS person, s.id AS state, e.id AS event, e.date AS date
"""
# One page of a state's, a person's or all representations read in order from a key index
# (`writes.representation_keys`): a range seek after `$from` (the owner's prefix, or the key of the last item
# of the page before), at most offset + limit entries; the total is the state's or person's degree or the
# label's count, which the store keeps. With the name, kind and country of each person and state.
REPRESENTATION_KEYED_PAGE = {
    by: f"""
CALL () {{
  MATCH (r:Representation) USING INDEX SEEK r:Representation({key}) WHERE r.{key} > $from AND r.{key} < $to
  WITH r ORDER BY r.{key} SKIP $offset LIMIT $limit
  MATCH (p:Actor)-[:REPRESENTED]->(r)-[:ON_BEHALF_OF]->(s:Actor), (r)-[:AT]->(e:Event)
  RETURN collect([p, s, e]) AS page
}}
CALL () {{ {total} }}
RETURN total, [x IN page | [x[0].id, x[1].id, x[2].id, x[2].date]] AS items,
       [a IN [x IN page | x[0]] + [x IN page | x[1]] | a {{.id, .name, .kind, .country}}] AS actors
"""
    for by, key, total in (  # a state's or person's degree, the label's count: read, not counted
        ("state", "state_key",
         "OPTIONAL MATCH (o:Actor {id: $state}) RETURN COUNT { (o)<-[:ON_BEHALF_OF]-() } AS total"),
        ("person", "person_key",
         "OPTIONAL MATCH (o:Actor {id: $person}) RETURN COUNT { (o)-[:REPRESENTED]->() } AS total"),
        ("all", "key", "RETURN COUNT { (:Representation) } AS total"))
}
CONFLICT_FIELDS = """c {.id, .subject, .field, .kept, .other, .evidence_articles, .evidence_starts, .evidence_ends,
    .evidence_quotes}"""
CONFLICTS = f"MATCH (c:Conflict {{subject: $subject}}) RETURN {CONFLICT_FIELDS} AS item"
# an event with all its detail names, in one read
EVENT_DOSSIER = f"""
MATCH (e:Event {{id: $id}})
RETURN {EVENT_IN_CONTEXT} AS item, [(e)-[:REPORTED_BY]->(a:Article) | {ARTICLE_FIELDS}] AS articles,
       [(c:Conflict)-[:ABOUT]->(e) | {CONFLICT_FIELDS}] AS conflicts
"""
NETWORK_NODES = """
MATCH (a:Actor) WHERE EXISTS { (a)-[:PARTICIPATED_IN]->(:Meeting) }
RETURN a.id AS id, a.name AS name, a.kind AS kind
"""
NETWORK_EDGES = """
MATCH (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id < b.id
RETURN a.id AS a, b.id AS b, count(DISTINCT m) AS weight
"""
# the shortest path between two actors within `hops` events, with the ends and everything on the path
SHORTEST = {
    hops: f"""
OPTIONAL MATCH (source:Actor {{id: $source}})
OPTIONAL MATCH (target:Actor {{id: $target}})
OPTIONAL MATCH path = shortestPath((source)-[:PARTICIPATED_IN*..{2 * hops}]-(target))
RETURN [a IN [source] WHERE a IS NOT NULL | {ACTOR_FIELDS}] AS source,
       [a IN [target] WHERE a IS NOT NULL | {ACTOR_FIELDS}] AS target,
       [n IN coalesce(nodes(path), []) | n.id] AS ids,
       [a IN coalesce(nodes(path), []) WHERE a:Actor | {ACTOR_FIELDS}] AS actors,
       [e IN coalesce(nodes(path), []) WHERE e:Event | {EVENT_FIELDS}] AS events
"""
    for hops in range(1, MAX_HOPS + 1)
}


def read_evidence(articles: list[str] | None, starts: list[int] | None, ends: list[int] | None,
                   quotes: list[str] | None) -> list[Evidence]:
    return [Evidence(a, s, e, q) for a, s, e, q in zip(articles or [], starts or [], ends or [], quotes or [],
                                                       strict=True)]


def read_actor(row: dict[str, Any]) -> Actor:
    offices = orjson.loads(row["offices"]) if row.get("offices") else []
    return Actor(
        id=row["id"], name=row["name"], kind=ActorKind(row["kind"]), country=row.get("country"),
        aliases=list(row.get("aliases") or []),
        titles=[Title(o["title"], o["of"], [Evidence(**e) for e in o["evidence"]]) for o in offices],
        affiliation=row.get("affiliation"),
        evidence=read_evidence(row.get("evidence_articles"), row.get("evidence_starts"),
                                row.get("evidence_ends"), row.get("evidence_quotes")))


def read_actor_name(row: dict[str, Any]) -> ActorName:
    return ActorName(row["id"], row["name"], ActorKind(row["kind"]), row["country"])


def read_location(row: dict[str, Any]) -> Location:
    return Location(id=row["id"], name=row["name"], kind=LocationKind(row["kind"]), country=row.get("country"),
                    lat=row.get("lat"), lon=row.get("lon"), within=row.get("within"),
                    aliases=list(row.get("aliases") or []))


def read_event(row: dict[str, Any]) -> Event:
    participants = [Participation(actor, Role(role), represents, read_evidence(ea, es, ee, eq))
                    for _, actor, role, represents, ea, es, ee, eq in sorted(row["participants"],
                                                                              key=lambda p: p[0])]
    sources = [Evidence(article, start, end, quote)
               for _, article, start, end, quote in sorted(row["sources"], key=lambda s: s[0])]
    return Event(id=row["id"], type=row["type"], cameo=row.get("cameo"), date=row.get("date"),
                 date_precision=DatePrecision(row["date_precision"]) if row.get("date_precision") else None,
                 date_text=row.get("date_text"), location=row.get("location"), participants=participants,
                 sources=sources, merged_from=list(row.get("merged_from") or []))


def read_chain(places: list[dict[str, Any]]) -> list[Location]:
    """A place and all it lies within, most specific first, stopping where a `within` cycle comes back."""
    chain: list[Location] = []
    for item in places:
        location = read_location(item)
        if any(loc.id == location.id for loc in chain):
            break
        chain.append(location)
    return chain


def read_page(total: int, offset: int, limit: int, rows: list[dict[str, Any]]) -> Page:
    """A `Page` from `EVENT_PAGE`'s events, each with its actors and its place's chain."""
    items = [read_event(row["event"]) for row in rows]
    actors: dict[str, Actor] = {}
    for row in rows:
        for a in row["actors"]:
            if a["id"] not in actors:
                actors[a["id"]] = read_actor(a)
    chains = {event.location: read_chain([place for _, place in sorted(row["chain"], key=lambda c: c[0])])
              for event, row in zip(items, rows, strict=True) if event.location and row["chain"]}
    return Page(items=items, total=total, offset=offset, limit=limit, actors=actors, chains=chains)


def read_article(row: dict[str, Any]) -> Article:
    return Article(**{k: row.get(k) for k in ("id", "title", "outlet", "url", "published", "dateline", "language")})


def read_conflict(row: dict[str, Any]) -> Conflict:
    return Conflict(row["subject"], row["field"], row.get("kept"), row.get("other"),
                    read_evidence(row.get("evidence_articles"), row.get("evidence_starts"),
                                   row.get("evidence_ends"), row.get("evidence_quotes")))


def lucene_query(text: str) -> str:
    """A full-text query for `text`: each normalised word, escaped, fuzzy when long enough to allow typos."""
    terms = []
    for word in actor_search.normalise(text).split():
        escaped = "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in word)
        if len(word) <= 2:
            terms.append(escaped)
        else:
            terms.append(f"{escaped}~{1 if len(word) <= 5 else 2}")
    return " ".join(terms)


def actor_meetings(q: EventQuery) -> dict[str, Any] | None:
    """`ACTOR_EVENTS_PAGE`'s parameters when `q` asks for nothing but one actor's meetings or events (then the
    page is `ACTOR_EVENTS_PAGE[q.type == "meeting"]`), else None."""
    others = (q.counterpart, q.place, q.date_from, q.date_to, q.cameo, q.represents)
    if q.actor is None or q.type not in (None, "meeting") or any(v is not None for v in others):
        return None
    offset, limit = max(q.offset, 0), max(q.limit, 0)
    start = meeting_prefix(q.actor) if q.after is None else meeting_key(q.actor, Event(id=q.after[1], type="",
                                                                                     date=q.after[0]))
    return {"actor": q.actor, "from": start, "to": key_end(q.actor), "top": offset + limit, "offset": offset,
            "limit": limit}


def event_filter(q: EventQuery) -> tuple[str, dict[str, Any]]:
    """A MATCH ... WHERE binding `e` to matching events; fixed fragments, values only as parameters."""
    params: dict[str, Any] = {"actor": q.actor, "counterpart": q.counterpart, "place": q.place,
                              "date_from": q.date_from, "date_to": q.date_to, "type": q.type,
                              "represents": q.represents, "cameo": q.cameo}
    involves = ("(EXISTS {{ (:Actor {{id: ${0}}})-[:PARTICIPATED_IN]->(e) }} OR "
                "EXISTS {{ (e)<-[:AT]-(:Representation)-[:ON_BEHALF_OF]->(:Actor {{id: ${0}}}) }})")
    where: list[str] = []
    if q.actor is not None:
        start = ("MATCH (x:Actor {id: $actor}) CALL (x) { MATCH (x)-[:PARTICIPATED_IN]->(e:Event) RETURN e "
                 "UNION MATCH (x)<-[:ON_BEHALF_OF]-(:Representation)-[:AT]->(e:Event) RETURN e } WITH e")
    elif q.represents is not None:
        start = ("MATCH (:Actor {id: $represents})<-[:ON_BEHALF_OF]-(:Representation)-[:AT]->(e:Event) "
                 "WITH DISTINCT e")
    elif q.place is not None:
        start = ("MATCH (:Location {id: $place})<-[:WITHIN*0..]-(:Location)<-[:LOCATED_IN]-(e:Event) "
                 "WITH DISTINCT e")
    elif q.type == "meeting":
        start = "MATCH (e:Meeting) WITH e"
    else:
        start = "MATCH (e:Event) WITH e"
    if q.counterpart is not None:
        where.append(involves.format("counterpart"))
    if q.represents is not None and q.actor is not None:
        where.append("EXISTS { (e)<-[:AT]-(:Representation)-[:ON_BEHALF_OF]->(:Actor {id: $represents}) }")
    if q.place is not None and (q.actor is not None or q.represents is not None):
        where.append("EXISTS { (e)-[:LOCATED_IN]->(:Location)-[:WITHIN*0..]->(:Location {id: $place}) }")
    if q.date_from is not None:
        where.append("e.date >= $date_from")
    if q.date_to is not None:
        where.append("e.date <= $date_to")
    if q.cameo is not None:
        where.append("e.cameo STARTS WITH $cameo")
    if q.type == "meeting":
        where.append("e:Meeting")
    elif q.type is not None:
        where.append("e.type = $type")
    return start + (" WHERE " + " AND ".join(where) if where else ""), params
