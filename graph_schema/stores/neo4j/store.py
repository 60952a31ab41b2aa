"""The Neo4j store: the resolved graph as a property graph (see `graph_schema/README.md`).

Writes go in batches (`UNWIND $rows AS row ...`, built in `writes.py`) inside
managed transactions, so the driver retries transient errors; new events go
in several transactions side by side (`write_workers`); `replace_graph`
writes only the difference: every node keeps a fingerprint of itself (`fp`)
and of the relationships it owns (`fp_facts`). Reads (`reads.py`) are
parameterised Cypher in read transactions with a timeout. Driver failures
become `StoreUnavailable`.
"""
from __future__ import annotations

import contextlib
import copy
import logging
import os
import queue
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

import networkx as nx
import orjson
from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    GraphDatabase,
    ManagedTransaction,
    Query,
    Result,
    Session,
    unit_of_work,
)
from neo4j import exceptions as neo4j_errors

from graph_schema.document import article_record, conflict_order
from graph_schema.integrity import graph_problems
from graph_schema.model import (
    Actor,
    ActorKind,
    ActorName,
    Article,
    Conflict,
    Event,
    Graph,
    Location,
)
from graph_schema.schema import apply_schema
from graph_schema.store import (
    EXPORT_PAGE,
    MAX_HOPS,
    ActorHit,
    Connection,
    Counterpart,
    CounterpartPage,
    CounterpartPosition,
    EventDossier,
    EventQuery,
    GraphStore,
    InvalidGraph,
    Page,
    Representation,
    RepresentationGroup,
    RepresentationGroupPage,
    RepresentationPage,
    RepresentationPosition,
    StoreError,
    StoreUnavailable,
    WriteStats,
    representation_page,
)
from graph_schema.stores import actor_search
from graph_schema.stores.collector import collector_paused
from graph_schema.stores.fingerprint import GraphDiff, Key, Print, diff, digest
from graph_schema.stores.neo4j.backfill import backfill
from graph_schema.stores.neo4j.prints import StorePrints
from graph_schema.stores.neo4j.reads import (
    ACTOR_EVENTS_PAGE,
    ACTOR_NAMES,
    AFTER_EVENT,
    ALL_EVENTS_EXPORT_PAGE,
    ALL_PAGED,
    CONFLICTS,
    COUNTERPART_KEYED_PAGE,
    COUNTERPART_PAGE,
    COUNTS,
    EVENT_DOSSIER,
    EVENT_EXPORT_PAGE,
    EVENT_IN_CONTEXT,
    EVENT_PAGE,
    GET_ACTORS,
    GET_ARTICLES,
    GET_EVENTS,
    GET_LOCATIONS,
    GROUP_KEYED_PAGE,
    LOCATION_CHAIN,
    LOCATION_CHAINS,
    NETWORK_EDGES,
    NETWORK_NODES,
    REPRESENTATION_KEYED_PAGE,
    REPRESENTATIONS,
    REPRESENTATIONS_TAIL,
    SEARCH,
    SEARCH_CANDIDATES,
    SHORTEST,
    TITLE_COUNT,
    actor_meetings,
    event_filter,
    lucene_query,
    read_actor,
    read_actor_name,
    read_article,
    read_chain,
    read_conflict,
    read_event,
    read_location,
    read_page,
)
from graph_schema.stores.neo4j.writes import (
    SEP,
    STORED_PRINTS,
    Statement,
    Transaction,
    Unit,
    counterpart_key,
    key_end,
    meeting_prefix,
    representation_keys,
    transactions,
    write_units,
)
from graph_schema.stores.ordering import event_order

T = TypeVar("T")
_ALL = 2**31 - 1  # a page limit meaning all of them (a Cypher list slice takes a 64-bit integer)
ALL_KEYS_END = "2"  # above every representation `key` (each starts with "0", dated, or "1")
log = logging.getLogger("graph_schema.stores.neo4j")

# The graph's lease: renewed every quarter of its time to live, so a live writer misses three renewals
# before losing it, and a crashed writer's lease is reclaimed within the time to live (plus a poll).
LOCK_TTL_MS = 8_000
LOCK_POLL_S = 0.2
LOCK_WAIT_LOG_S = 5.0  # a waiting writer says for whom it waits at first, then this often
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
WITH l, l.holder AS holder, l.expires - timestamp() AS left
WITH l, holder, left, holder IS NULL OR holder = $me OR left < 0 AS free
SET l.holder = CASE WHEN free THEN $me ELSE holder END,
    l.expires = CASE WHEN free THEN timestamp() + $ttl ELSE l.expires END
RETURN free AS acquired, holder, left
"""
_HOLDS_LOCK = "OPTIONAL MATCH (l:StoreLock {name: 'graph', holder: $me}) RETURN l IS NOT NULL AS held"
# The graph's write count, a seqlock on the lease node: +1 as a graph write starts (`writing` set), +1
# as it ends. A snapshot starts when no live writer is writing and is whole if the count did not move.
_WRITE_BEGINS = """
MATCH (l:StoreLock {name: 'graph', holder: $me})
SET l.version = coalesce(l.version, 0) + 1, l.writing = $me
"""
_WRITE_ENDS = """
MATCH (l:StoreLock {name: 'graph', writing: $me})
SET l.version = l.version + 1, l.writing = NULL
"""
_GRAPH_VERSION = """
OPTIONAL MATCH (l:StoreLock {name: 'graph'})
RETURN coalesce(l.version, 0) AS version,
       coalesce(l.writing IS NOT NULL AND l.holder = l.writing AND l.expires > timestamp(), false) AS writing
"""
READ_WAIT_POLL_S = 0.02
_RELEASE_LOCK = "MATCH (l:StoreLock {name: 'graph', holder: $me}) SET l.holder = NULL, l.expires = NULL"



class _ReadSession:
    """The session of a `snapshot`: opened on its first read (in whichever thread makes it), each read
    one auto-commit query, so one round trip. Closing it does no I/O (every result is consumed and a
    failed session is closed at once, in the reading thread), so the API may close it in its event loop."""

    def __init__(self, store: Neo4jStore) -> None:
        self._store = store
        self._session: Session | None = None
        self.version: int | None = None  # the graph's write count when the first read began
        self.actors: dict[str, Actor] = {}  # what the snapshot's reads brought along

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        """`ManagedTransaction.run`'s signature, so the store's read work runs here unchanged."""
        if self._session is None:
            self._session = self._store._driver.session(database=self._store.database,
                                                        default_access_mode=READ_ACCESS)
            self.version = self._quiet_version()
        return self._session.run(Query(query, timeout=self._store.query_timeout_s), parameters, **kwargs)

    def _quiet_version(self) -> int:
        """The graph's write count once no live writer is in the middle of a graph write (a graph write
        is several transactions: a read between them would see part of it). Waits at most the query
        timeout, then the store is unavailable for now."""
        assert self._session is not None
        deadline = time.monotonic() + self._store.query_timeout_s
        while True:
            row = self._session.run(Query(_GRAPH_VERSION, timeout=self._store.query_timeout_s)).single()
            if not row["writing"]:
                return row["version"]
            if time.monotonic() > deadline:
                raise StoreUnavailable("a graph write went on for longer than the query timeout",
                                       "the graph is being written; retry shortly")
            time.sleep(READ_WAIT_POLL_S)

    def unchanged(self) -> bool:
        if self.version is None:
            return True  # nothing was read
        with self._store._errors(), self._store._driver.session(database=self._store.database,
                                                                default_access_mode=READ_ACCESS) as s:
            row = s.run(Query(_GRAPH_VERSION, timeout=self._store.query_timeout_s)).single()
        return row["version"] == self.version and not row["writing"]

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._store._errors():
            try:
                return work(self)  # type: ignore[arg-type]
            except Exception:
                self.close()
                raise

    def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
                session.close()


class Neo4jStore(GraphStore):
    name = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j",
                 query_timeout_s: float = 10.0, batch_size: int = 5000, write_workers: int = 2) -> None:
        self.uri = uri
        self.database = database
        self.query_timeout_s = query_timeout_s
        self.write_timeout_s = max(120.0, query_timeout_s)
        self.batch_size = batch_size
        self.write_workers = max(1, write_workers)
        auth = (user, password) if password else None
        # A frozen server (SIGSTOP, a stalled VM) accepts connections and never answers. Bounded by the
        # driver's own settings: every borrowed connection first proves it is alive (liveness check, at
        # most the acquisition timeout), a new one must answer its handshake within the connection
        # timeout, a query in flight is cut by the server's receive-timeout hint (see `scripts/neo4j-local`).
        # Half the query timeout each, and as long to retry a managed transaction, so that with its one
        # retry (after 0.5 s) it still ends within the query timeout plus a second.
        self.acquire_s = acquire_s = max(query_timeout_s / 2, 0.5)
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=acquire_s, connection_acquisition_timeout=acquire_s,
                liveness_check_timeout=0, max_transaction_retry_time=acquire_s, initial_retry_delay=0.5)
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise StoreError(f"cannot use Neo4j at {uri}: {exc}") from exc
        self._schema_ready = threading.Event()  # shared with snapshots, which are shallow copies
        self._schema_mutex = threading.Lock()
        self._lock_mutex = threading.RLock()
        self._lock_depth = 0
        self._lock_owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"  # logged by waiters
        self._heartbeat: threading.Event | None = None
        self._snapshot: _ReadSession | None = None

    # plumbing ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors as store errors: unreachable or timed out -> `StoreUnavailable`."""
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials: {exc}",
                                   "Neo4j refused the credentials") from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired,
                neo4j_errors.TransientError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}", self._why(exc)) from exc
        except neo4j_errors.Neo4jError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "TransactionTimedOut" in str(exc):
                raise StoreUnavailable(f"Neo4j query timed out after {self.query_timeout_s}s",
                                       f"a query took longer than {self.query_timeout_s:g} s") from exc
            raise StoreError(f"Neo4j error: {exc}") from exc
        except neo4j_errors.DriverError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unavailable: {exc}", self._why(exc)) from exc

    def _why(self, exc: Exception) -> str:
        """A driver failure in a client's words: a server that does not answer (frozen, overloaded) is
        not one that is not there."""
        text = str(exc).lower()
        if isinstance(exc, neo4j_errors.ConnectionAcquisitionTimeoutError) or "deadline" in text \
                or "timed out" in text or "timeout" in text:
            return f"Neo4j did not answer within {self.acquire_s:g} s (frozen or overloaded)"
        if isinstance(exc, neo4j_errors.TransientError):
            return "Neo4j is busy; retry shortly"
        return "Neo4j cannot be reached (not running, or the network is down)"

    def _ensure_schema(self) -> None:
        if self._schema_ready.is_set():
            return
        with self._schema_mutex, self._errors():
            if not self._schema_ready.is_set():
                backfill(self._driver, self.database, apply_schema(self._driver, self.database))
                self._schema_ready.set()

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        self._ensure_schema()
        if self._snapshot is not None:
            return self._snapshot.read(work)
        with self._errors(), self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
            return s.execute_read(unit_of_work(timeout=self.query_timeout_s)(work))

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[GraphStore]:
        view = copy.copy(self)
        view._snapshot = _ReadSession(self)
        try:
            yield view
        finally:
            view._snapshot.close()

    def unchanged(self) -> bool:
        return self._snapshot.unchanged() if self._snapshot is not None else True

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
            # relationships first, in batches of their own: a busy actor's DETACH DELETE would take all of
            # its (hundreds of thousands of) relationships into one transaction and run out of memory
            s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
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
        began = time.monotonic()
        params = {"me": self._lock_owner, "ttl": LOCK_TTL_MS}
        said_at = waited_for = None
        while True:
            row = self._write(lambda tx: tx.run(_ACQUIRE_LOCK, params).single().data())
            now = time.monotonic()
            if row["acquired"]:
                break
            waited_for = row["holder"]
            if said_at is None or now - said_at >= LOCK_WAIT_LOG_S:
                said_at = now
                log.info("store.lock_waiting", extra={"holder": waited_for, "waited_s": round(now - began, 1),
                                                      "expires_in_s": round((row["left"] or 0) / 1000, 1)})
            if now - began > wait_s:
                raise StoreUnavailable(f"the graph stayed locked by another writer ({waited_for}) for {wait_s:.0f}s",
                                       "the graph is locked by another writer")
            time.sleep(LOCK_POLL_S)
        if row["holder"] not in (None, self._lock_owner):  # its holder stopped renewing: crashed or cut off
            log.warning("store.lock_reclaimed", extra={"holder": row["holder"],
                                                       "waited_s": round(time.monotonic() - began, 1)})
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(LOCK_TTL_MS / 4000):
                with contextlib.suppress(StoreError):
                    if not self._write(lambda tx: tx.run(_ACQUIRE_LOCK, params).single()["acquired"]):
                        log.error("store.lock_lost", extra={"holder": self._lock_owner})

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
        with self.lock(), collector_paused():
            stored = self._stored_prints()
            prints = StorePrints(graph)
            if stored:
                new_prints: Mapping[Key, Print] = dict(prints)
                changes = diff(stored, new_prints)
            else:  # an empty store: all is new, the prints are only written, computed as their rows are built
                new_prints = prints
                changes = GraphDiff(created=list(new_prints), facts_changed=list(new_prints))
            if changes.stats.changed or changes.facts_changed:
                params = {"me": self._lock_owner}
                self._write(lambda tx: tx.run(_WRITE_BEGINS, params).consume())
                try:
                    self._run_units(write_units(graph, changes, new_prints, self.batch_size, prints.summaries))
                finally:  # also after a failure: what is there now stays so; a crash leaves it to the lease
                    with contextlib.suppress(StoreError):
                        self._write(lambda tx: tx.run(_WRITE_ENDS, params).consume())
        return changes.stats

    def _stored_prints(self) -> dict[Key, Print]:
        def work(tx: ManagedTransaction) -> dict[Key, Print]:
            prints = {}
            for section, query in STORED_PRINTS.items():
                for r in tx.run(query):
                    prints[section, r["id"]] = Print(r["fp"] or "", r["fp_facts"] or "")
            return prints

        return self._read(work)

    def _run_units(self, units: list[Unit]) -> None:
        """Run write units in order, grouped into transactions by `transactions`. The next transactions are
        built in a helper thread while the current ones run on the server (the driver waits on its socket
        without the GIL), at most two ahead. Concurrent transactions (new events) run up to `write_workers`
        at a time, each in its own session, since one transaction keeps only one server core busy; any
        other transaction waits until those before it are committed, and those after wait for it."""
        ahead: queue.Queue[Transaction | BaseException | None] = queue.Queue(maxsize=2)
        stop = threading.Event()

        def put(item: Transaction | BaseException | None) -> bool:
            while not stop.is_set():
                try:
                    ahead.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def build() -> None:
            try:
                for transaction in transactions(units, self.batch_size):
                    if not put(transaction):
                        return
                put(None)
            except BaseException as exc:
                put(exc)

        def flush(statements: list[Statement]) -> None:
            def work(tx: ManagedTransaction) -> None:
                # fenced: a writer whose lease was taken over (it stopped renewing) writes nothing more
                if not tx.run(_HOLDS_LOCK, me=self._lock_owner).single()["held"]:
                    raise StoreUnavailable("this writer lost the graph's lease to another",
                                           "the graph is locked by another writer")
                for query, params in statements:
                    tx.run(query, params).consume()

            self._write(work)

        running: set[Future[None]] = set()

        def settle(until: str) -> None:
            nonlocal running
            done, running = wait(running, return_when=until)
            for future in done:
                future.result()  # a failed transaction stops the write; the next write finishes it

        builder = threading.Thread(target=build, name="neo4j-write-builder", daemon=True)
        builder.start()
        try:
            with ThreadPoolExecutor(self.write_workers, thread_name_prefix="neo4j-writer") as writers:
                while (item := ahead.get()) is not None:
                    if isinstance(item, BaseException):
                        raise item
                    if not item.concurrent or self.write_workers == 1:
                        settle(ALL_COMPLETED)
                        flush(item.statements)
                        continue
                    if len(running) >= self.write_workers:
                        settle(FIRST_COMPLETED)
                    running.add(writers.submit(flush, item.statements))
                settle(ALL_COMPLETED)
        finally:
            stop.set()
            builder.join()

    def read_graph(self) -> Graph:
        graph = Graph()
        for section, build, key in (("articles", read_article, "articles"), ("actors", read_actor, "actors"),
                                    ("locations", read_location, "locations"), ("events", read_event, "events")):
            target = getattr(graph, key)
            for row in self._all(section):
                item = build(row)
                target[item.id] = item
        graph.conflicts = sorted((read_conflict(r) for r in self._all("conflicts")), key=conflict_order)
        return graph

    def _all(self, section: str, page: int = 5000) -> Iterator[dict[str, Any]]:
        after = ""
        while True:
            rows = [r["item"] for r in self._rows(ALL_PAGED[section], after=after, n=page)]
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1]["id"]

    def event_pages(self, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[Page]:
        match, params = event_filter(query)
        filtered = any(v is not None for v in params.values())
        page_query = EVENT_EXPORT_PAGE.format(match=match, context=EVENT_IN_CONTEXT) if filtered \
            else ALL_EVENTS_EXPORT_PAGE
        after, read, size = "", 0, max(size, 1)
        while True:
            row = self._read(lambda tx, after=after: tx.run(page_query, params, after=after, size=size).single())
            page = read_page(read + len(row["events"]), read, size, row["events"])
            if page.items:
                yield page
            if len(page.items) < size:
                return
            after, read = page.items[-1].id, read + len(page.items)

    def actor_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Actor]]:
        return self._pages("actors", read_actor, size)

    def location_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Location]]:
        return self._pages("locations", read_location, size)

    def article_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Article]]:
        return self._pages("articles", read_article, size)

    def all_conflicts(self) -> list[Conflict]:
        return sorted((read_conflict(r) for r in self._all("conflicts")), key=conflict_order)

    def _pages(self, section: str, read: Callable[[dict[str, Any]], T], size: int) -> Iterator[list[T]]:
        page: list[T] = []
        for row in self._all(section, page=max(size, 1)):
            page.append(read(row))
            if len(page) == size:
                yield page
                page = []
        if page:
            yield page

    def counts(self) -> dict[str, int]:
        def work(tx: ManagedTransaction) -> dict[str, int]:
            row = tx.run(COUNTS).single().data()
            titles = tx.run(TITLE_COUNT).single()["n"] or 0
            row["facts"] = row.pop("relationships") + titles
            return row

        return self._read(work)

    # reads --------------------------------------------------------------------------------------------------
    def _actors(self, ids: list[str]) -> dict[str, Actor]:
        known = self._snapshot.actors if self._snapshot is not None else {}
        missing = [i for i in ids if i not in known]
        found = {r["actor"]["id"]: read_actor(r["actor"]) for r in self._rows(GET_ACTORS, ids=missing)} \
            if missing else {}
        self._remember(found.values())
        return {i: a for i in ids if (a := known.get(i) or found.get(i)) is not None}

    def _remember(self, actors: Iterable[Actor]) -> None:
        """In a snapshot, keep the actors a read brought along: a later `get_actor` of the same request
        then costs no round trip."""
        if self._snapshot is not None:
            self._snapshot.actors.update((a.id, a) for a in actors)

    def _events(self, ids: list[str]) -> dict[str, Event]:
        return {r["event"]["id"]: read_event(r["event"]) for r in self._rows(GET_EVENTS, ids=ids)}

    def get_actor(self, actor_id: str) -> Actor | None:
        return self._actors([actor_id]).get(actor_id)

    def get_actors(self, actor_ids: list[str]) -> dict[str, Actor]:
        return self._actors(list(dict.fromkeys(actor_ids)))

    def actor_names(self, actor_ids: list[str]) -> dict[str, ActorName]:
        known = self._snapshot.actors if self._snapshot is not None else {}
        names = {i: ActorName(a.id, a.name, a.kind, a.country) for i in actor_ids if (a := known.get(i))}
        missing = [i for i in dict.fromkeys(actor_ids) if i not in names]
        if missing:
            for r in self._rows(ACTOR_NAMES, ids=missing):
                names[r["id"]] = read_actor_name(r)
        return names

    def search_actors(self, text: str, kind: ActorKind | None = None, limit: int = 20) -> list[ActorHit]:
        query = lucene_query(text)
        if not query or limit <= 0:
            return []
        rows = self._rows(SEARCH, query=query, candidates=SEARCH_CANDIDATES, kind=str(kind) if kind else None)
        return actor_search.rank(text, [read_actor(r["actor"]) for r in rows], limit)

    def get_event(self, event_id: str) -> Event | None:
        return self._events([event_id]).get(event_id)

    def get_events(self, event_ids: list[str]) -> dict[str, Event]:
        return self._events(list(dict.fromkeys(event_ids)))

    def event_dossier(self, event_id: str) -> EventDossier | None:
        rows = self._rows(EVENT_DOSSIER, id=event_id)
        if not rows:
            return None
        page = read_page(1, 0, 1, [rows[0]["item"]])
        event = page.items[0]
        articles = {a["id"]: read_article(a) for a in rows[0]["articles"]}
        return EventDossier(event, page.actors, page.chains.get(event.location or "", []),
                            [articles[i] for i in sorted(articles)],
                            sorted(map(read_conflict, rows[0]["conflicts"]), key=conflict_order))

    def get_location(self, location_id: str) -> Location | None:
        rows = self._rows(GET_LOCATIONS, ids=[location_id])
        return read_location(rows[0]["location"]) if rows else None

    def location_chain(self, location_id: str) -> list[Location]:
        return read_chain([row["location"] for row in self._rows(LOCATION_CHAIN, id=location_id)])

    def location_chains(self, location_ids: list[str]) -> dict[str, list[Location]]:
        rows = self._rows(LOCATION_CHAINS, ids=list(dict.fromkeys(location_ids)))
        return {row["id"]: read_chain(row["chain"]) for row in rows}

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        found = []
        for row in self._rows(GET_ARTICLES, ids=list(dict.fromkeys(article_ids))):
            if row["article"]:
                found.append(read_article(row["article"]))
            elif row["record"]:
                found.append(Article(**orjson.loads(row["record"])))
        return found

    def find_events(self, query: EventQuery) -> Page:
        offset, limit = max(query.offset, 0), max(query.limit, 0)
        meetings = actor_meetings(query)
        if meetings is not None:  # one actor's meetings or events: read in order from the key indexes
            page_query = ACTOR_EVENTS_PAGE[query.type == "meeting"]
            row = self._read(lambda tx: tx.run(page_query, meetings).single())
            if row is None:  # no such actor
                return read_page(0, offset, limit, [])
            if row["total"] is not None:
                return read_page(row["total"], offset, limit, row["events"])
        match, params = event_filter(query)
        after = "" if query.after is None else AFTER_EVENT[query.after[0] is not None]
        page_query = EVENT_PAGE.format(match=match, context=EVENT_IN_CONTEXT, after=after)
        after_date, after_id = query.after or (None, None)
        row = self._read(lambda tx: tx.run(page_query, params, offset=offset, limit=limit, after_date=after_date,
                                           after_id=after_id).single())
        return read_page(row["total"], offset, limit, row["events"])

    def counterparts(self, actor_id: str) -> list[Counterpart]:
        return self.counterpart_page(actor_id, 0, _ALL).items

    def counterpart_page(self, actor_id: str, offset: int = 0, limit: int = 50,
                         after: CounterpartPosition | None = None) -> CounterpartPage:
        offset, limit = max(offset, 0), max(limit, 0)
        start = meeting_prefix(actor_id) if after is None else counterpart_key(actor_id, *after)
        rows = self._rows(COUNTERPART_KEYED_PAGE, id=actor_id, offset=offset, limit=min(limit, _ALL),
                          **{"from": start, "to": key_end(actor_id)})
        if not rows:
            return CounterpartPage([], 0, offset, limit)
        self._remember([read_actor(rows[0]["of"])])
        if rows[0]["total"] is not None:
            items = [Counterpart(read_actor(row["actor"]), row["meetings"], row["first"], row["last"],
                                 list(row["events"])) for row in rows[0]["found"]]
            self._remember(c.actor for c in items)
            return CounterpartPage(items, rows[0]["total"], offset, limit)
        return self._counted_counterpart_page(actor_id, offset, limit, after)

    def _counted_counterpart_page(self, actor_id: str, offset: int, limit: int,
                                  after: CounterpartPosition | None) -> CounterpartPage:
        """A store written before `MET` relationships: count every counterpart's shared meetings."""
        after_meetings, after_id = after or (None, None)
        rows = self._rows(COUNTERPART_PAGE, id=actor_id, offset=offset, limit=min(limit, _ALL),
                          after_meetings=after_meetings, after_id=after_id)
        items = []
        for row in rows[0]["found"]:
            meetings = sorted(((event_id, date) for event_id, date in row["meetings"]),
                              key=lambda m: event_order(m[1], m[0]))
            dates = [d for _, d in meetings if d]
            items.append(Counterpart(read_actor(row["actor"]), len(meetings), min(dates) if dates else None,
                                     max(dates) if dates else None, [i for i, _ in meetings]))
        self._remember(c.actor for c in items)
        return CounterpartPage(items, rows[0]["total"], offset, limit)

    def representation_group_page(self, actor_id: str, by: str, offset: int = 0, limit: int = 50,
                                  after: CounterpartPosition | None = None) -> RepresentationGroupPage:
        offset, limit = max(offset, 0), max(limit, 0)
        start = meeting_prefix(actor_id) if after is None else counterpart_key(actor_id, *after)
        rows = self._rows(GROUP_KEYED_PAGE[by], id=actor_id, offset=offset, limit=min(limit, _ALL),
                          **{"from": start, "to": key_end(actor_id)})
        if rows and rows[0]["total"] is not None:
            return RepresentationGroupPage([RepresentationGroup(a, n, first, last, list(events))
                                            for a, n, first, last, events in rows[0]["found"]],
                                           rows[0]["total"], offset, limit)
        return super().representation_group_page(actor_id, by, offset, limit, after)  # written before summaries

    def representations(self, state: str | None = None, person: str | None = None) -> list[Representation]:
        start = REPRESENTATIONS["person" if person else "state" if state else "all"]
        rows = self._rows(start + REPRESENTATIONS_TAIL, state=state, person=person)
        found = {(r["person"], r["state"], r["event"]): Representation(r["person"], r["state"], r["event"], r["date"])
                 for r in rows}
        return sorted(found.values(), key=lambda r: (*event_order(r.date, r.event), r.person, r.state))

    def representation_page(self, state: str | None = None, person: str | None = None, offset: int = 0,
                            limit: int = 50, after: RepresentationPosition | None = None) -> RepresentationPage:
        offset, limit = max(offset, 0), max(limit, 0)
        if state is not None and person is not None:  # a person's few representations, narrowed to one state
            return representation_page(self.representations(state, person), offset, limit, self.actor_names, after)
        by, owner = ("state", state) if state is not None else ("person", person) if person is not None \
            else ("all", None)
        keys = None if after is None else representation_keys(*after)
        start = keys[{"state": "rsk", "person": "rpk", "all": "rk"}[by]] if keys else (owner or "") + SEP
        row = self._rows(REPRESENTATION_KEYED_PAGE[by], state=state, person=person, offset=offset, limit=limit,
                         **{"from": start, "to": key_end(owner) if owner is not None else ALL_KEYS_END})[0]
        return RepresentationPage([Representation(*item) for item in row["items"]], row["total"], offset, limit,
                                  {a["id"]: read_actor_name(a) for a in row["actors"]})

    def conflicts(self, subject: str) -> list[Conflict]:
        return sorted((read_conflict(r["item"]) for r in self._rows(CONFLICTS, subject=subject)), key=conflict_order)

    def meeting_network(self) -> nx.Graph:
        def work(tx: ManagedTransaction) -> nx.Graph:
            network = nx.Graph()
            for r in tx.run(NETWORK_NODES):
                network.add_node(r["id"], name=r["name"], kind=r["kind"])
            for r in tx.run(NETWORK_EDGES):
                network.add_edge(r["a"], r["b"], weight=r["weight"])
            return network

        return self._read(work)

    def shortest_connection(self, source: str, target: str, max_hops: int = 6) -> list[str]:
        return self.connection(source, target, max_hops).path

    def connection(self, source: str, target: str, max_hops: int = 6) -> Connection:
        if source == target or max_hops <= 0:
            ends = self.get_actors([source, target])
            path = [source] if source in ends and max_hops >= 0 and source == target else []
            return Connection(ends.get(source), ends.get(target), path, ends if path else {}, {})
        row = self._rows(SHORTEST[min(max_hops, MAX_HOPS)], source=source, target=target)[0]
        ends = {e["id"]: read_actor(e) for e in row["source"] + row["target"]}
        return Connection(ends.get(source), ends.get(target), row["ids"],
                          {a["id"]: read_actor(a) for a in row["actors"]},
                          {e["id"]: read_event(e) for e in row["events"]})

