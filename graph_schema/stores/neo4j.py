"""The Neo4j store: the resolved graph as a property graph (see `graph_schema/README.md`).

Writes go in batches (`UNWIND $rows AS row ...`) inside managed transactions,
so the driver retries transient errors. `replace_graph` writes only the
difference: every node keeps a fingerprint of itself (`fp`) and of the
relationships it owns (`fp_facts`), and only what changed is rewritten; a
batch rewrites a node's relationships and its `fp_facts` in one transaction,
so an interrupted write is finished by the next one. Reads are parameterised
Cypher in read transactions with a timeout. Driver failures become
`StoreUnavailable`.
"""
from __future__ import annotations

import contextlib
import functools
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import networkx as nx
import orjson
from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j import exceptions as neo4j_errors

from graph_schema.document import article_record, conflict_order, event_record
from graph_schema.integrity import graph_problems
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
from graph_schema.schema import apply_schema
from graph_schema.store import (
    MAX_HOPS,
    ActorHit,
    Counterpart,
    EventQuery,
    GraphStore,
    InvalidGraph,
    Page,
    Representation,
    StoreError,
    StoreUnavailable,
    WriteStats,
)
from graph_schema.stores import actor_search
from graph_schema.stores.fingerprint import GraphDiff, Key, Print, conflict_ids, diff, digest, fingerprints
from graph_schema.stores.ordering import event_order

T = TypeVar("T")

MAX_CHAIN = 20  # deepest `within` chain location_chain follows
SEARCH_CANDIDATES = 200
LOCK_TTL_MS = 120_000
_KIND_LABELS = {ActorKind.PERSON: "Person", ActorKind.STATE: "State",
                ActorKind.ORGANIZATION: "Organization", ActorKind.GROUP: "Group", ActorKind.OTHER: None}
_ALL_KIND_LABELS = ":".join(label for label in _KIND_LABELS.values() if label)
_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')

# --- writing -----------------------------------------------------------------------------

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
_STORED_PRINTS = {
    section: f"MATCH (n:{label}) RETURN n.id AS id, n.fp AS fp, n.fp_facts AS fp_facts"
    for section, label in (("articles", "Article"), ("actors", "Actor"), ("locations", "Location"),
                           ("events", "Event"))
} | {"conflicts": "MATCH (n:Conflict) RETURN n.id AS id, n.id AS fp, n.id AS fp_facts"}

# --- reading -------------------------------------------------------------------------------

_ACTOR_FIELDS = """a {.id, .name, .kind, .country, .aliases, .offices, .evidence_articles, .evidence_starts,
    .evidence_ends, .evidence_quotes, affiliation: head([(a)-[:AFFILIATED_WITH]->(o:Actor) | o.id])}"""
_LOCATION_FIELDS = """l {.id, .name, .kind, .country, .lat, .lon, .aliases,
    within: head([(l)-[:WITHIN]->(p:Location) | p.id])}"""
_EVENT_FIELDS = """e {.id, .type, .cameo, .date, .date_precision, .date_text, .merged_from,
    location: head([(e)-[:LOCATED_IN]->(l:Location) | l.id]),
    participants: [(a:Actor)-[p:PARTICIPATED_IN]->(e) | [p.ord, a.id, p.role, p.represents,
                   p.evidence_articles, p.evidence_starts, p.evidence_ends, p.evidence_quotes]],
    sources: [(e)-[s:REPORTED_BY]->(art:Article) | [s.ord, art.id, s.start, s.end, s.quote]]}"""

_GET_ACTORS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) RETURN {_ACTOR_FIELDS} AS actor"
_GET_LOCATIONS = f"UNWIND $ids AS id MATCH (l:Location {{id: id}}) RETURN {_LOCATION_FIELDS} AS location"
_GET_EVENTS = f"UNWIND $ids AS id MATCH (e:Event {{id: id}}) RETURN {_EVENT_FIELDS} AS event"
_ARTICLE_FIELDS = "a {.id, .title, .outlet, .url, .published, .dateline, .language}"
_GET_ARTICLES = f"""
UNWIND $ids AS id
OPTIONAL MATCH (a:Article {{id: id}})
OPTIONAL MATCH (x:Extraction {{id: id}})
RETURN id, CASE WHEN a IS NULL THEN NULL ELSE {_ARTICLE_FIELDS} END AS article, x.article AS record
"""
_LOCATION_CHAIN = f"""
MATCH path = (:Location {{id: $id}})-[:WITHIN*0..{MAX_CHAIN}]->(:Location)
WITH path ORDER BY length(path) DESC LIMIT 1
UNWIND nodes(path) AS l
RETURN {_LOCATION_FIELDS} AS location
"""
_LOCATION_CHAINS = f"""
UNWIND $ids AS id
MATCH path = (:Location {{id: id}})-[:WITHIN*0..{MAX_CHAIN}]->(:Location)
WITH id, path ORDER BY length(path) DESC
WITH id, collect(path)[0] AS path
RETURN id, [l IN nodes(path) | {_LOCATION_FIELDS}] AS chain
"""
_ALL_PAGED = {
    "actors": f"MATCH (a:Actor) WHERE a.id > $after RETURN {_ACTOR_FIELDS} AS item ORDER BY a.id LIMIT $n",
    "locations": f"MATCH (l:Location) WHERE l.id > $after RETURN {_LOCATION_FIELDS} AS item ORDER BY l.id LIMIT $n",
    "events": f"MATCH (e:Event) WHERE e.id > $after RETURN {_EVENT_FIELDS} AS item ORDER BY e.id LIMIT $n",
    "articles": f"MATCH (a:Article) WHERE a.id > $after RETURN {_ARTICLE_FIELDS} AS item ORDER BY a.id LIMIT $n",
    "conflicts": """MATCH (c:Conflict) WHERE c.id > $after
        RETURN c {.id, .subject, .field, .kept, .other, .evidence_articles, .evidence_starts, .evidence_ends,
                  .evidence_quotes} AS item ORDER BY c.id LIMIT $n""",
}
_COUNTS = """
RETURN COUNT { (:Article) } AS articles, COUNT { (:Extraction) } AS records, COUNT { (:Actor) } AS actors,
       COUNT { (:Event) } AS events, COUNT { (:Location) } AS locations, COUNT { (:Conflict) } AS conflicts,
       COUNT { ()-[:PARTICIPATED_IN]->() } + COUNT { ()-[:REPORTED_BY]->() } + COUNT { ()-[:LOCATED_IN]->() }
       + COUNT { ()-[:AFFILIATED_WITH]->() } + COUNT { ()-[:WITHIN]->() } + COUNT { (:Conflict) } AS relationships
"""
_TITLE_COUNT = "MATCH (a:Actor) WHERE a.titles IS NOT NULL RETURN sum(size(a.titles)) AS n"
_SEARCH = """
CALL db.index.fulltext.queryNodes('actor_names', $query, {limit: $candidates}) YIELD node AS a, score
WHERE $kind IS NULL OR a.kind = $kind
RETURN """ + _ACTOR_FIELDS + " AS actor"
_COUNTERPARTS = """
MATCH (:Actor {id: $id})-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE b.id <> $id
RETURN b.id AS actor, collect(DISTINCT [m.id, m.date]) AS meetings
"""
_REPRESENTATIONS = {
    "state": "MATCH (s:Actor {id: $state})<-[:ON_BEHALF_OF]-(r:Representation)<-[:REPRESENTED]-(p:Actor)",
    "person": "MATCH (p:Actor {id: $person})-[:REPRESENTED]->(r:Representation)-[:ON_BEHALF_OF]->(s:Actor)",
    "all": "MATCH (p:Actor)-[:REPRESENTED]->(r:Representation)-[:ON_BEHALF_OF]->(s:Actor)",
}
_REPRESENTATIONS_TAIL = """
MATCH (r)-[:AT]->(e:Event)
WHERE $state IS NULL OR s.id = $state
RETURN p.id AS person, s.id AS state, e.id AS event, e.date AS date
"""
_CONFLICTS = """
MATCH (c:Conflict {subject: $subject})
RETURN c {.id, .subject, .field, .kept, .other, .evidence_articles, .evidence_starts, .evidence_ends,
          .evidence_quotes} AS item
"""
_NETWORK_NODES = """
MATCH (a:Actor) WHERE EXISTS { (a)-[:PARTICIPATED_IN]->(:Meeting) }
RETURN a.id AS id, a.name AS name, a.kind AS kind
"""
_NETWORK_EDGES = """
MATCH (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b:Actor)
WHERE a.id < b.id
RETURN a.id AS a, b.id AS b, count(DISTINCT m) AS weight
"""
_SHORTEST = {
    hops: f"""
MATCH (a:Actor {{id: $source}}), (b:Actor {{id: $target}})
MATCH path = shortestPath((a)-[:PARTICIPATED_IN*..{2 * hops}]-(b))
RETURN [n IN nodes(path) | n.id] AS ids
"""
    for hops in range(1, MAX_HOPS + 1)
}
_PUT_RECORD = """
MERGE (x:Extraction {id: $id})
WITH x WHERE x.fp IS NULL OR x.fp <> $fp
SET x.article = $article, x.payload = $payload, x.fp = $fp
RETURN count(x) AS written
"""
_RECORDS_PAGE = """
MATCH (x:Extraction) WHERE x.id > $after
RETURN x.id AS id, x.article AS article, x.payload AS payload ORDER BY x.id LIMIT $n
"""
_ACQUIRE_LOCK = """
MERGE (l:StoreLock {name: 'graph'})
WITH l WHERE l.holder IS NULL OR l.holder = $me OR l.expires < timestamp()
SET l.holder = $me, l.expires = timestamp() + $ttl
RETURN count(l) AS acquired
"""
_RELEASE_LOCK = "MATCH (l:StoreLock {name: 'graph', holder: $me}) SET l.holder = NULL, l.expires = NULL"


def _evidence_lists(items: Sequence[Evidence]) -> dict[str, list[Any]]:
    return {"ea": [e.article for e in items], "es": [e.start for e in items],
            "ee": [e.end for e in items], "eq": [e.quote for e in items]}


def _evidence_props(items: Sequence[Evidence]) -> dict[str, list[Any]]:
    lists = _evidence_lists(items)
    return {"evidence_articles": lists["ea"], "evidence_starts": lists["es"],
            "evidence_ends": lists["ee"], "evidence_quotes": lists["eq"]}


def _read_evidence(articles: list[str] | None, starts: list[int] | None, ends: list[int] | None,
                   quotes: list[str] | None) -> list[Evidence]:
    return [Evidence(a, s, e, q) for a, s, e, q in zip(articles or [], starts or [], ends or [], quotes or [],
                                                       strict=True)]


def _actor(row: dict[str, Any]) -> Actor:
    offices = orjson.loads(row["offices"]) if row.get("offices") else []
    return Actor(
        id=row["id"], name=row["name"], kind=ActorKind(row["kind"]), country=row.get("country"),
        aliases=list(row.get("aliases") or []),
        titles=[Title(o["title"], o["of"], [Evidence(**e) for e in o["evidence"]]) for o in offices],
        affiliation=row.get("affiliation"),
        evidence=_read_evidence(row.get("evidence_articles"), row.get("evidence_starts"),
                                row.get("evidence_ends"), row.get("evidence_quotes")))


def _location(row: dict[str, Any]) -> Location:
    return Location(id=row["id"], name=row["name"], kind=LocationKind(row["kind"]), country=row.get("country"),
                    lat=row.get("lat"), lon=row.get("lon"), within=row.get("within"),
                    aliases=list(row.get("aliases") or []))


def _event(row: dict[str, Any]) -> Event:
    participants = [Participation(actor, Role(role), represents, _read_evidence(ea, es, ee, eq))
                    for _, actor, role, represents, ea, es, ee, eq in sorted(row["participants"],
                                                                              key=lambda p: p[0])]
    sources = [Evidence(article, start, end, quote)
               for _, article, start, end, quote in sorted(row["sources"], key=lambda s: s[0])]
    return Event(id=row["id"], type=row["type"], cameo=row.get("cameo"), date=row.get("date"),
                 date_precision=DatePrecision(row["date_precision"]) if row.get("date_precision") else None,
                 date_text=row.get("date_text"), location=row.get("location"), participants=participants,
                 sources=sources, merged_from=list(row.get("merged_from") or []))


def _article(row: dict[str, Any]) -> Article:
    return Article(**{k: row.get(k) for k in ("id", "title", "outlet", "url", "published", "dateline", "language")})


def _conflict(row: dict[str, Any]) -> Conflict:
    return Conflict(row["subject"], row["field"], row.get("kept"), row.get("other"),
                    _read_evidence(row.get("evidence_articles"), row.get("evidence_starts"),
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


def _chunks(rows: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore(GraphStore):
    name = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j",
                 query_timeout_s: float = 10.0, batch_size: int = 5000) -> None:
        self.uri = uri
        self.database = database
        self.query_timeout_s = query_timeout_s
        self.write_timeout_s = max(120.0, query_timeout_s)
        self.batch_size = batch_size
        auth = (user, password) if password else None
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=min(query_timeout_s, 5.0),
                connection_acquisition_timeout=max(query_timeout_s, 1.0),
                max_transaction_retry_time=query_timeout_s)
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise StoreError(f"cannot use Neo4j at {uri}: {exc}") from exc
        self._schema_ready = False
        self._schema_mutex = threading.Lock()
        self._lock_mutex = threading.RLock()
        self._lock_depth = 0
        self._lock_owner = f"{uuid.uuid4()}"
        self._heartbeat: threading.Event | None = None

    # plumbing ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors as store errors: unreachable or timed out -> `StoreUnavailable`."""
        try:
            yield
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired,
                neo4j_errors.TransientError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}") from exc
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "TransactionTimedOut" in str(exc):
                raise StoreUnavailable(f"Neo4j query timed out after {self.query_timeout_s}s") from exc
            raise StoreError(f"Neo4j error: {exc}") from exc
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}") from exc

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._schema_mutex, self._errors():
            if not self._schema_ready:
                apply_schema(self._driver, self.database)
                self._schema_ready = True

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        self._ensure_schema()
        with self._errors(), self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
            return s.execute_read(unit_of_work(timeout=self.query_timeout_s)(work))

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        self._ensure_schema()
        with self._errors(), self._driver.session(database=self.database, default_access_mode=WRITE_ACCESS) as s:
            return s.execute_write(unit_of_work(timeout=self.write_timeout_s)(work))

    def _rows(self, cypher: str, /, **params: Any) -> list[dict[str, Any]]:
        return self._read(lambda tx: [dict(r) for r in tx.run(cypher, params)])

    # lifecycle ----------------------------------------------------------------------------------
    def ping(self) -> None:
        with self._errors():
            self._driver.verify_connectivity()
        self._ensure_schema()

    def close(self) -> None:
        self._driver.close()

    def wipe(self) -> None:
        """Delete every node and relationship (the schema stays). For tests and `reset`."""
        self._ensure_schema()
        with self._errors(), self._driver.session(database=self.database) as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """A lease on a `:StoreLock` node, renewed while held; other writers wait (re-entrant)."""
        with self._lock_mutex:
            if self._lock_depth == 0:
                self._acquire_lease()
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
                if self._lock_depth == 0:
                    self._release_lease()

    def _acquire_lease(self, wait_s: float = 600.0) -> None:
        deadline = time.monotonic() + wait_s
        params = {"me": self._lock_owner, "ttl": LOCK_TTL_MS}
        while not self._write(lambda tx: tx.run(_ACQUIRE_LOCK, params).single()["acquired"]):
            if time.monotonic() > deadline:
                raise StoreUnavailable(f"the graph stayed locked by another writer for {wait_s:.0f}s")
            time.sleep(0.2)
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(LOCK_TTL_MS / 4000):
                with contextlib.suppress(StoreError):
                    self._write(lambda tx: tx.run(_ACQUIRE_LOCK, params).consume())

        self._heartbeat = stop
        threading.Thread(target=renew, name="neo4j-lock-lease", daemon=True).start()

    def _release_lease(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.set()
            self._heartbeat = None
        with contextlib.suppress(StoreError):
            self._write(lambda tx: tx.run(_RELEASE_LOCK, me=self._lock_owner).consume())

    # per-article records ----------------------------------------------------------------------------
    def put_article(self, article: Article, payload: dict[str, Any]) -> bool:
        try:
            article_json = orjson.dumps(article_record(article), option=orjson.OPT_SORT_KEYS).decode()
            payload_json = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS).decode()
        except TypeError as exc:
            raise StoreError(f"article {article.id}: extraction is not JSON-serialisable: {exc}") from exc
        params = {"id": article.id, "article": article_json, "payload": payload_json,
                  "fp": digest([article_json, payload_json])}
        return bool(self._write(lambda tx: tx.run(_PUT_RECORD, params).single()["written"]))

    def article_payloads(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        after = ""
        while True:
            rows = self._rows(_RECORDS_PAGE, after=after, n=500)
            for row in rows:
                yield Article(**orjson.loads(row["article"])), orjson.loads(row["payload"])
            if len(rows) < 500:
                return
            after = rows[-1]["id"]

    def delete_article(self, article_id: str) -> bool:
        query = "MATCH (x:Extraction {id: $id}) DELETE x RETURN count(*) AS n"
        return bool(self._write(lambda tx: tx.run(query, id=article_id).single()["n"]))

    # the resolved graph -------------------------------------------------------------------------------
    def replace_graph(self, graph: Graph) -> WriteStats:
        problems = graph_problems(graph)
        if problems:
            raise InvalidGraph("the graph refers to things it does not hold: " + "; ".join(problems))
        new_prints = fingerprints(graph)
        with self.lock():
            changes = diff(self._stored_prints(), new_prints)
            if changes.stats.changed or changes.facts_changed:
                self._apply(graph, changes, new_prints)
        return changes.stats

    def _stored_prints(self) -> dict[Key, Print]:
        def work(tx: ManagedTransaction) -> dict[Key, Print]:
            prints = {}
            for section, query in _STORED_PRINTS.items():
                for r in tx.run(query):
                    prints[section, r["id"]] = Print(r["fp"] or "", r["fp_facts"] or "")
            return prints

        return self._read(work)

    def _run_units(self, units: list[Callable[[], list[tuple[str, dict[str, Any]]]]]) -> None:
        """Run write units in order; each unit stays whole, consecutive units share a transaction
        until it holds about `batch_size` rows (so small writes are one transaction)."""

        def weight(unit: list[tuple[str, dict[str, Any]]]) -> int:
            return sum(len(v) for _, params in unit for v in params.values() if isinstance(v, list))

        def flush(statements: list[tuple[str, dict[str, Any]]]) -> None:
            def work(tx: ManagedTransaction) -> None:
                for query, params in statements:
                    tx.run(query, params).consume()

            self._write(work)

        pending: list[tuple[str, dict[str, Any]]] = []
        rows = 0
        for build in units:
            unit = build()  # built only now, so a big write never holds all its statements at once
            w = weight(unit)
            if pending and rows + w > self.batch_size:
                flush(pending)
                pending, rows = [], 0
            pending.extend(unit)
            rows += w
        if pending:
            flush(pending)

    def _apply(self, graph: Graph, changes: GraphDiff, prints: dict[Key, Print]) -> None:
        units: list[Callable[[], list[tuple[str, dict[str, Any]]]]] = []

        def batches(queries: Callable[[list[Any]], list[tuple[str, dict[str, Any]]]], rows: list[Any],
                    size: int = self.batch_size) -> None:
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
        nodes("actors", lambda i: self._actor_row(graph.actors[i], prints["actors", i].node),
              lambda i: graph.actors[i].kind, _CREATE_ACTORS, _UPDATE_ACTORS)
        nodes("locations", lambda i: {"id": i, "fp": prints["locations", i].node,
                                      "props": self._location_props(graph.locations[i])},
              lambda i: "locations", _CREATE_NODES, _UPDATE_NODES)
        nodes("events", lambda i: {"id": i, "fp": prints["events", i].node,
                                   "props": self._event_props(graph.events[i])},
              lambda i: graph.events[i].is_meeting, _CREATE_EVENTS, _UPDATE_EVENTS)

        # relationships each node owns, rewritten with the node's facts fingerprint in one transaction
        def facts(section: str, build: Callable[[list[str]], list[tuple[str, dict[str, Any]]]],
                  drop: list[str]) -> None:
            def statements(chunk: list[str]) -> list[tuple[str, dict[str, Any]]]:
                old = [i for i in chunk if (section, i) not in created]
                return ([(q, {"ids": old}) for q in drop] if old else []) + build(chunk) + [
                    (_SET_FACTS_PRINT[section], {"rows": [{"id": i, "fp": prints[section, i].facts} for i in chunk]})]

            batches(statements, ids(section, changes.facts_changed), max(1, self.batch_size // 10))

        facts("locations", lambda chunk: [(_CREATE_WITHIN, {"rows": [
            {"id": i, "within": graph.locations[i].within} for i in chunk if graph.locations[i].within]})],
              [_DROP_LOCATION_FACTS])
        facts("actors", lambda chunk: self._actor_facts([graph.actors[i] for i in chunk]), [_DROP_ACTOR_FACTS])
        facts("events", lambda chunk: self._event_facts([graph.events[i] for i in chunk]), _DROP_EVENT_FACTS)

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
        self._run_units(units)

    @staticmethod
    def _actor_row(actor: Actor, fp: str) -> dict[str, Any]:
        offices = [{"title": t.title, "of": t.of,
                    "evidence": [{"article": e.article, "start": e.start, "end": e.end, "quote": e.quote}
                                 for e in t.evidence]} for t in actor.titles]
        props = {"name": actor.name, "kind": str(actor.kind), "country": actor.country,
                 "aliases": sorted(actor.aliases), "titles": [t.title for t in actor.titles],
                 "offices": orjson.dumps(offices).decode() if offices else None,
                 "search_text": actor_search.search_text(actor), **_evidence_props(actor.evidence)}
        return {"id": actor.id, "fp": fp, "props": props}

    @staticmethod
    def _location_props(loc: Location) -> dict[str, Any]:
        return {"name": loc.name, "kind": str(loc.kind), "country": loc.country, "lat": loc.lat, "lon": loc.lon,
                "aliases": sorted(loc.aliases)}

    @staticmethod
    def _event_props(event: Event) -> dict[str, Any]:
        return {"type": event.type, "cameo": event.cameo, "date": event.date,
                "date_precision": str(event.date_precision) if event.date_precision else None,
                "date_text": event.date_text, "merged_from": list(event.merged_from)}

    @staticmethod
    def _actor_facts(actors: list[Actor]) -> list[tuple[str, dict[str, Any]]]:
        titles = [{"actor": a.id, "of": t.of, "title": t.title, "ord": n, **_evidence_lists(t.evidence)}
                  for a in actors for n, t in enumerate(a.titles) if t.of]
        affiliations = [{"actor": a.id, "of": a.affiliation} for a in actors if a.affiliation]
        return [(_CREATE_TITLES, {"rows": titles}), (_CREATE_AFFILIATIONS, {"rows": affiliations})]

    @staticmethod
    def _event_facts(events: list[Event]) -> list[tuple[str, dict[str, Any]]]:
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

    def read_graph(self) -> Graph:
        graph = Graph()
        for section, build, key in (("articles", _article, "articles"), ("actors", _actor, "actors"),
                                    ("locations", _location, "locations"), ("events", _event, "events")):
            target = getattr(graph, key)
            for row in self._all(section):
                item = build(row)
                target[item.id] = item
        graph.conflicts = sorted((_conflict(r) for r in self._all("conflicts")), key=conflict_order)
        return graph

    def _all(self, section: str, page: int = 5000) -> Iterator[dict[str, Any]]:
        after = ""
        while True:
            rows = [r["item"] for r in self._rows(_ALL_PAGED[section], after=after, n=page)]
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1]["id"]

    def counts(self) -> dict[str, int]:
        def work(tx: ManagedTransaction) -> dict[str, int]:
            row = tx.run(_COUNTS).single().data()
            titles = tx.run(_TITLE_COUNT).single()["n"] or 0
            row["facts"] = row.pop("relationships") + titles
            return row

        return self._read(work)

    # reads --------------------------------------------------------------------------------------------------
    def _actors(self, ids: list[str]) -> dict[str, Actor]:
        return {r["actor"]["id"]: _actor(r["actor"]) for r in self._rows(_GET_ACTORS, ids=ids)}

    def _events(self, ids: list[str]) -> dict[str, Event]:
        return {r["event"]["id"]: _event(r["event"]) for r in self._rows(_GET_EVENTS, ids=ids)}

    def get_actor(self, actor_id: str) -> Actor | None:
        return self._actors([actor_id]).get(actor_id)

    def get_actors(self, actor_ids: list[str]) -> dict[str, Actor]:
        return self._actors(list(dict.fromkeys(actor_ids)))

    def search_actors(self, text: str, kind: ActorKind | None = None, limit: int = 20) -> list[ActorHit]:
        query = lucene_query(text)
        if not query or limit <= 0:
            return []
        rows = self._rows(_SEARCH, query=query, candidates=SEARCH_CANDIDATES, kind=str(kind) if kind else None)
        return actor_search.rank(text, [_actor(r["actor"]) for r in rows], limit)

    def get_event(self, event_id: str) -> Event | None:
        return self._events([event_id]).get(event_id)

    def get_location(self, location_id: str) -> Location | None:
        rows = self._rows(_GET_LOCATIONS, ids=[location_id])
        return _location(rows[0]["location"]) if rows else None

    def location_chain(self, location_id: str) -> list[Location]:
        chain: list[Location] = []
        for row in self._rows(_LOCATION_CHAIN, id=location_id):
            location = _location(row["location"])
            if any(loc.id == location.id for loc in chain):
                break
            chain.append(location)
        return chain

    def location_chains(self, location_ids: list[str]) -> dict[str, list[Location]]:
        chains: dict[str, list[Location]] = {}
        for row in self._rows(_LOCATION_CHAINS, ids=list(dict.fromkeys(location_ids))):
            chain: list[Location] = []
            for item in row["chain"]:
                location = _location(item)
                if any(loc.id == location.id for loc in chain):
                    break
                chain.append(location)
            chains[row["id"]] = chain
        return chains

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        found = []
        for row in self._rows(_GET_ARTICLES, ids=list(dict.fromkeys(article_ids))):
            if row["article"]:
                found.append(_article(row["article"]))
            elif row["record"]:
                found.append(Article(**orjson.loads(row["record"])))
        return found

    def find_events(self, query: EventQuery) -> Page:
        match, params = self._event_filter(query)
        offset, limit = max(query.offset, 0), max(query.limit, 0)
        count_query = f"{match} RETURN count(DISTINCT e) AS total"
        page_query = (f"{match} WITH DISTINCT e ORDER BY e.date IS NULL, e.date, e.id SKIP $offset LIMIT $limit "
                      f"RETURN {_EVENT_FIELDS} AS event")

        def work(tx: ManagedTransaction) -> tuple[int, list[Event]]:
            total = tx.run(count_query, params).single()["total"]
            items = [_event(r["event"]) for r in tx.run(page_query, params, offset=offset, limit=limit)]
            return total, items

        total, items = self._read(work)
        return Page(items=items, total=total, offset=offset, limit=limit)

    @staticmethod
    def _event_filter(q: EventQuery) -> tuple[str, dict[str, Any]]:
        """A MATCH ... WHERE binding `e` to matching events; fixed fragments, values only as parameters."""
        params: dict[str, Any] = {"actor": q.actor, "counterpart": q.counterpart, "place": q.place,
                                  "date_from": q.date_from, "date_to": q.date_to, "type": q.type,
                                  "represents": q.represents}
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
        if q.type == "meeting":
            where.append("e:Meeting")
        elif q.type is not None:
            where.append("e.type = $type")
        return start + (" WHERE " + " AND ".join(where) if where else ""), params

    def counterparts(self, actor_id: str) -> list[Counterpart]:
        rows = self._rows(_COUNTERPARTS, id=actor_id)
        actors = self._actors([r["actor"] for r in rows])
        out = []
        for row in rows:
            meetings = sorted({(event_id, date) for event_id, date in row["meetings"]},
                              key=lambda m: event_order(m[1], m[0]))
            dates = [d for _, d in meetings if d]
            out.append(Counterpart(actors[row["actor"]], len(meetings), min(dates) if dates else None,
                                   max(dates) if dates else None, [i for i, _ in meetings]))
        out.sort(key=lambda c: (-c.meetings, c.actor.id))
        return out

    def representations(self, state: str | None = None, person: str | None = None) -> list[Representation]:
        start = _REPRESENTATIONS["person" if person else "state" if state else "all"]
        rows = self._rows(start + _REPRESENTATIONS_TAIL, state=state, person=person)
        found = {(r["person"], r["state"], r["event"]): Representation(r["person"], r["state"], r["event"], r["date"])
                 for r in rows}
        return sorted(found.values(), key=lambda r: (*event_order(r.date, r.event), r.person, r.state))

    def conflicts(self, subject: str) -> list[Conflict]:
        return sorted((_conflict(r["item"]) for r in self._rows(_CONFLICTS, subject=subject)), key=conflict_order)

    def meeting_network(self) -> nx.Graph:
        def work(tx: ManagedTransaction) -> nx.Graph:
            network = nx.Graph()
            for r in tx.run(_NETWORK_NODES):
                network.add_node(r["id"], name=r["name"], kind=r["kind"])
            for r in tx.run(_NETWORK_EDGES):
                network.add_edge(r["a"], r["b"], weight=r["weight"])
            return network

        return self._read(work)

    def shortest_connection(self, source: str, target: str, max_hops: int = 6) -> list[str]:
        if max_hops < 0:
            return []
        if source == target:
            return [source] if self.get_actor(source) else []
        if max_hops == 0:
            return []
        rows = self._rows(_SHORTEST[min(max_hops, MAX_HOPS)], source=source, target=target)
        return rows[0]["ids"] if rows else []

