"""The embedded store: the resolved graph in memory, persisted in a data directory.

Layout of `data_dir`:

- `graph.json`: the resolved graph: the records of a `diplomatic-graph/1` document
  keyed by id, with their fingerprints (so a write need not recompute the old
  ones); a `diplomatic-graph/1` export put there is read too. Saved by
  writing a temporary file, fsync and `os.replace`, so a reader or a crash
  sees the old file or the new one, never half of one.
- `records/<article id>.json`: one file per article, `{"article", "payload"}`,
  saved the same way, so putting one article never rewrites the others.
- `.lock`: an `fcntl` lock held around every write, so two processes ingesting
  at once do not lose each other's work (see `lock()`). Since every save is
  made under it, a `.*.tmp` file found by whoever takes it is a killed save's
  leftover, and is removed then.

Readers check the graph file's identity (inode, mtime, size) before each read
and reload when another process replaced it. Look-up indexes (actor -> events,
location -> children, the event order, the search list, the networkx graph
for path finding) are built lazily, on the first read that needs them.
"""
from __future__ import annotations

import bisect
import contextlib
import copy
import dataclasses
import fcntl
import functools
import hashlib
import heapq
import logging
import os
import sys
import tempfile
import threading
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import networkx as nx
import orjson
from rapidfuzz import fuzz, process

from graph_schema.document import (
    FORMAT,
    article_record,
    conflict_order,
    from_document,
    read_actor,
    read_article,
    read_conflict,
    read_event,
    read_location,
)
from graph_schema.integrity import graph_problems
from graph_schema.model import Actor, ActorKind, ActorName, Article, Conflict, Event, Graph, Location
from graph_schema.store import (
    EXPORT_PAGE,
    MAX_HOPS,
    ActorHit,
    Counterpart,
    CounterpartPage,
    CounterpartPosition,
    EventPosition,
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
    counterpart_order,
    group_page,
    representation_groups,
    representation_page,
)
from graph_schema.stores import actor_search
from graph_schema.stores.collector import collector_paused
from graph_schema.stores.counterparts import Met, met_by
from graph_schema.stores.fingerprint import SECTIONS, Key, Print, diff, graph_records, record_prints
from graph_schema.stores.ordering import event_order, is_meeting
from graph_schema.stores.paths import shortest_path

T = TypeVar("T")
log = logging.getLogger("graph_schema.stores.embedded")
SAVE_FORMAT = "diplograph-embedded/1"  # the graph's document records by id, plus their fingerprints
GRAPH_FILE = "graph.json"
RECORDS_DIR = "records"
LOCK_FILE = ".lock"
_SEARCH_CANDIDATES = 200


TEMP_SUFFIX = ".tmp"


def _atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that the file is either the old one or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _remove_stale_temporaries(folder: Path) -> tuple[int, int]:
    """Delete the temporary files of saves that never finished (their writer was killed); call it only
    under the write lock, since every save is made under it. Returns (files, bytes) removed."""
    files = size = 0
    with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
                with contextlib.suppress(FileNotFoundError):
                    size += entry.stat().st_size
                    os.unlink(entry.path)
                    files += 1
    return files, size


def _index(build: Callable[[Any], T]) -> cached_property[T]:
    """A lazily built index, built with the garbage collector paused and then kept out of its
    collections (see `collector.py`)."""

    @functools.wraps(build)
    def paused(self: Any) -> T:
        with collector_paused(long_lived=True):
            return build(self)

    return cached_property(paused)


def _record_name(article_id: str) -> str:
    name = quote(article_id, safe="-_.")
    if len(name) > 200 or name.startswith("."):
        name = "h-" + hashlib.blake2b(article_id.encode(), digest_size=16).hexdigest()
    return name + ".json"


Records = dict[str, dict[str, dict[str, Any]]]  # section -> id -> document record


class _State:
    """One loaded version of the graph: document records by id, turned into objects only when read.

    Building objects for every event on load would make reloading slow, so reads
    convert just the records they return (each read gets fresh objects), and the
    indexes are built on first use.
    """

    def __init__(self, records: Records, prints: dict[Key, Print] | dict[str, Any] | None,
                 signature: tuple[int, int, int] | None) -> None:
        self.records = records
        self.signature = signature
        self._stored_prints = prints
        self._actor_ranks: dict[tuple[str, bool], array[int]] = {}
        self._counterparts: dict[str, list[Met]] = {}
        self._groups: dict[tuple[str, str], list[RepresentationGroup]] = {}

    @classmethod
    def empty(cls) -> _State:
        return cls({section: {} for section in SECTIONS}, {}, None)

    @_index
    def prints(self) -> dict[Key, Print]:
        stored = self._stored_prints
        if stored is None:
            return record_prints(self.records)
        if stored and isinstance(next(iter(stored)), tuple):
            return stored  # type: ignore[return-value]
        return {(section, key): Print(*p) for section, by_id in stored.items() for key, p in by_id.items()}

    def actor(self, actor_id: str) -> Actor | None:
        record = self.records["actors"].get(actor_id)
        return read_actor(record) if record else None

    def event(self, event_id: str) -> Event | None:
        record = self.records["events"].get(event_id)
        return read_event(record) if record else None

    def location(self, location_id: str) -> Location | None:
        record = self.records["locations"].get(location_id)
        return read_location(record) if record else None

    def graph(self) -> Graph:
        r = self.records
        return Graph(articles={i: read_article(x) for i, x in r["articles"].items()},
                     actors={i: read_actor(x) for i, x in r["actors"].items()},
                     locations={i: read_location(x) for i, x in r["locations"].items()},
                     events={i: read_event(x) for i, x in r["events"].items()},
                     conflicts=sorted((read_conflict(x) for x in r["conflicts"].values()), key=conflict_order))

    @_index
    def order(self) -> list[str]:
        """Every event id in the event order."""
        events = self.records["events"]
        return sorted(events, key=lambda i: event_order(events[i]["date"], i))

    @_index
    def rank(self) -> dict[str, int]:
        """Event id -> its place in the event order."""
        return {i: n for n, i in enumerate(self.order)}

    def events_before(self, position: EventPosition) -> int:
        """How many events come before or at `position` in the event order (it need not be an event held)."""
        events = self.records["events"]
        return bisect.bisect_right(self.order, event_order(*position),
                                   key=lambda i: event_order(events[i]["date"], i))

    def actor_ranks(self, actor: str, meetings: bool) -> array[int]:
        """The ranks of the actor's events (only meetings when `meetings`), ascending: an actor's page is then a
        slice found by bisection, however deep (issue 16). Built per actor on first use and kept with this
        loaded graph (a write loads a new one)."""
        key = (actor, meetings)
        found = self._actor_ranks.get(key)
        if found is None:
            ids = self.taking_part.get(actor, set()) | self.represented.get(actor, set())
            if meetings:
                ids &= self.meetings
            rank = self.rank
            with collector_paused(long_lived=True):
                found = self._actor_ranks[key] = array("q", sorted(rank[i] for i in ids))
        return found

    @_index
    def taking_part(self) -> dict[str, set[str]]:
        """Actor id -> events the actor takes part in (any role)."""
        index: dict[str, set[str]] = defaultdict(set)
        for e in self.records["events"].values():
            for p in e["participants"]:
                index[p["actor"]].add(e["id"])
        return index

    def counterparts_of(self, actor: str) -> list[Met]:
        """The actor's counterparts (`counterparts.Met`, in listing order), summarised on first use and kept
        with this loaded graph (a write loads a new one, so they stay exact): a busy actor's page is then a
        slice, not a count of every shared meeting (issue 16)."""
        found = self._counterparts.get(actor)
        if found is None:
            events = self.records["events"]
            met = self.taking_part.get(actor, set()) & self.meetings
            with collector_paused(long_lived=True):
                found = self._counterparts[actor] = met_by(actor, (
                    (i, events[i]["date"], [p["actor"] for p in events[i]["participants"]]) for i in met))
        return found

    def groups_of(self, actor: str, by: str) -> list[RepresentationGroup]:
        """A state's representatives (`by` "person") or the states a person represented, grouped on first use
        and kept with this loaded graph, like `counterparts_of`."""
        found = self._groups.get((actor, by))
        if found is None:
            of = self.representations_of.get(("state" if by == "person" else "person", actor), [])
            with collector_paused(long_lived=True):
                found = self._groups[actor, by] = representation_groups(of, by)
        return found

    @_index
    def represented(self) -> dict[str, set[str]]:
        """Actor id -> events where some participant represents the actor."""
        index: dict[str, set[str]] = defaultdict(set)
        for e in self.records["events"].values():
            for p in e["participants"]:
                if p["represents"]:
                    index[p["represents"]].add(e["id"])
        return index

    @_index
    def meetings(self) -> set[str]:
        return {e["id"] for e in self.records["events"].values() if is_meeting(e["type"], e["cameo"])}

    @_index
    def events_at(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for e in self.records["events"].values():
            if e["location"]:
                index[e["location"]].add(e["id"])
        return index

    @_index
    def children(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for loc in self.records["locations"].values():
            if loc["within"]:
                index[loc["within"]].append(loc["id"])
        return index

    @_index
    def conflicts_about(self) -> dict[str, list[Conflict]]:
        index: dict[str, list[Conflict]] = defaultdict(list)
        for c in sorted((read_conflict(x) for x in self.records["conflicts"].values()), key=conflict_order):
            index[c.subject].append(c)
        return index

    @_index
    def representations(self) -> list[Representation]:
        found = {(p["actor"], p["represents"], e["id"]): Representation(p["actor"], p["represents"], e["id"], e["date"])
                 for e in self.records["events"].values() for p in e["participants"] if p["represents"]}
        return sorted(found.values(), key=lambda r: (*event_order(r.date, r.event), r.person, r.state))

    @_index
    def representations_of(self) -> dict[tuple[str, str], list[Representation]]:
        """`representations` by ("state", id) and by ("person", id), each in the same order."""
        by: dict[tuple[str, str], list[Representation]] = defaultdict(list)
        for r in self.representations:
            by["state", r.state].append(r)
            by["person", r.person].append(r)
        return by

    @_index
    def search_names(self) -> tuple[list[str], list[str]]:
        """Parallel lists: every normalised name or alias, and the actor id it belongs to."""
        names: list[str] = []
        owners: list[str] = []
        for actor in self.records["actors"].values():
            for name in actor_search.normalised_names(actor["name"], actor["aliases"]):
                names.append(name)
                owners.append(actor["id"])
        return names, owners

    @_index
    def participations(self) -> dict[tuple[str, str], dict[tuple[str, str], None]]:
        """Actors and events as nodes, an edge for every participation: node -> neighbours, in the order
        networkx's `Graph.add_edge` would keep them (so paths are the same), without its per-edge dicts:
        53 MiB instead of 88 at 100k events, for searches that cost the same CPU."""
        adjacency: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
        for e in self.records["events"].values():
            event = ("event", e["id"])
            for p in e["participants"]:
                actor = ("actor", p["actor"])
                adjacency.setdefault(actor, {})[event] = None
                adjacency.setdefault(event, {})[actor] = None
        return adjacency

    def place_and_within(self, place: str) -> set[str]:
        """The place and every location inside it."""
        found, todo = set(), [place]
        while todo:
            loc = todo.pop()
            if loc not in found:
                found.add(loc)
                todo.extend(self.children.get(loc, ()))
        return found


def _only_an_actor(q: EventQuery) -> bool:
    """Whether `q` asks for one actor's events or meetings and nothing else (the question asked most)."""
    return q.actor is not None and q.type in (None, "meeting") and all(
        v is None for v in (q.counterpart, q.place, q.date_from, q.date_to, q.cameo, q.represents))


def _first_in_order(ids: list[str], k: int, rank: dict[str, int]) -> list[str]:
    """The first `k` of `ids` in the event order, without sorting them all when `k` is small (issue 16: the
    busiest actor's 50 meetings cost a sort of every one of theirs). The order is total (a rank per event),
    so this is exactly `sorted(ids, key=rank)[:k]`."""
    if k <= 0:
        return []
    if k * 4 >= len(ids):  # a page near the end: sorting costs no more
        return sorted(ids, key=rank.__getitem__)[:k]
    return heapq.nsmallest(k, ids, key=rank.__getitem__)


def _chain(state: _State, location_id: str) -> list[Location]:
    """The location and all it lies within, most specific first, from one loaded graph."""
    chain: list[Location] = []
    seen: set[str] = set()
    location = state.location(location_id)
    while location is not None and location.id not in seen:
        seen.add(location.id)
        chain.append(location)
        location = state.location(location.within) if location.within else None
    return chain


class EmbeddedStore(GraphStore):
    name = "embedded"

    def __init__(self, data_dir: Path | str, query_timeout_s: float | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.query_timeout_s = query_timeout_s  # for the searches that may take long (shortest connection)
        try:
            (self.data_dir / RECORDS_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot use data directory {self.data_dir}: {exc}",
                                   "the data directory cannot be used") from exc
        self._graph_path = self.data_dir / GRAPH_FILE
        self._records = self.data_dir / RECORDS_DIR
        self._mutex = threading.RLock()
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self._swept_records = False
        self._state = _State.empty()
        self._current()

    # lifecycle -------------------------------------------------------------
    def ping(self) -> None:
        if not os.access(self.data_dir, os.R_OK | os.W_OK | os.X_OK):
            raise StoreUnavailable(f"data directory {self.data_dir} is not readable and writable",
                                   "the data directory is not readable and writable")

    def close(self) -> None:
        with self._mutex:
            if self._lock_fd is not None and self._lock_depth == 0:
                os.close(self._lock_fd)
                self._lock_fd = None

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the data directory's write lock (re-entrant); other processes' writes wait."""
        with self._mutex:
            if self._lock_depth == 0:
                if self._lock_fd is None:
                    self._lock_fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
                self._sweep()
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
                if self._lock_depth == 0:
                    fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _sweep(self) -> None:
        """Remove what crashed saves left: the graph's folder at every lock (a few entries), the records'
        folder (one entry per article) at this store's first."""
        folders = [self.data_dir] if self._swept_records else [self.data_dir, self._records]
        self._swept_records = True
        removed = [_remove_stale_temporaries(folder) for folder in folders]
        files, size = sum(f for f, _ in removed), sum(b for _, b in removed)
        if files:
            log.info("store.stale_temporaries_removed", extra={"files": files, "bytes": size,
                                                               "data_dir": str(self.data_dir)})

    # loading -----------------------------------------------------------------
    def _signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self._graph_path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[GraphStore]:
        view = copy.copy(self)
        view._current = functools.cache(self._current)  # type: ignore[method-assign]
        yield view

    def _current(self) -> _State:
        """The loaded graph, reloaded first if another process has replaced the file."""
        signature = self._signature()
        state = self._state
        if signature == state.signature:
            return state
        with self._mutex:
            signature = self._signature()
            if signature != self._state.signature:
                self._state = self._load(signature)
            return self._state

    def _load(self, signature: tuple[int, int, int] | None) -> _State:
        if signature is None:
            return _State.empty()
        try:
            with open(self._graph_path, "rb") as f:
                data = f.read()
                st = os.fstat(f.fileno())
            with collector_paused(long_lived=True):  # the graph's records live until the next reload
                saved = orjson.loads(data)
            if isinstance(saved, dict) and saved.get("format") == FORMAT:  # an export dropped in: accepted
                return _State(graph_records(from_document(saved)), None, (st.st_ino, st.st_mtime_ns, len(data)))
            if not isinstance(saved, dict) or saved.get("format") != SAVE_FORMAT:
                raise ValueError(f"neither {SAVE_FORMAT} nor {FORMAT}")
            records = {section: saved[section] for section in SECTIONS}
            return _State(records, saved.get("prints"), (st.st_ino, st.st_mtime_ns, len(data)))
        except (OSError, orjson.JSONDecodeError, ValueError, KeyError) as exc:
            raise StoreError(f"cannot read the graph in {self._graph_path}: {exc}") from exc

    # per-article records -------------------------------------------------------
    def put_article(self, article: Article, payload: dict[str, Any]) -> bool:
        record = {"article": article_record(article), "payload": payload}
        try:
            data = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
        except TypeError as exc:
            raise StoreError(f"article {article.id}: extraction is not JSON-serialisable: {exc}") from exc
        path = self._records / _record_name(article.id)
        with self.lock():
            with contextlib.suppress(FileNotFoundError):
                if path.read_bytes() == data:
                    return False
            _atomic_write(path, data)
        return True

    def _read_record(self, path: Path) -> tuple[Article, dict[str, Any]]:
        try:
            record = orjson.loads(path.read_bytes())
            return Article(**record["article"]), record["payload"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise StoreError(f"unreadable article record {path}: {exc}") from exc

    def _record_paths(self) -> list[Path]:
        return [p for p in self._records.iterdir() if p.suffix == ".json" and not p.name.startswith(".")]

    def article_payloads(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        records = []
        for path in self._record_paths():
            with contextlib.suppress(FileNotFoundError):  # deleted since listed
                records.append(self._read_record(path))
        records.sort(key=lambda r: r[0].id)
        yield from records

    def delete_article(self, article_id: str) -> bool:
        with self.lock():
            try:
                os.unlink(self._records / _record_name(article_id))
            except FileNotFoundError:
                return False
        return True

    # the resolved graph ----------------------------------------------------------
    def replace_graph(self, graph: Graph) -> WriteStats:
        problems = graph_problems(graph)
        if problems:
            raise InvalidGraph("the graph refers to things it does not hold: " + "; ".join(problems))
        with collector_paused(long_lived=True):  # the records written become the loaded graph
            records = graph_records(graph)
            prints = record_prints(records)
            with self.lock():
                changes = diff(self._current().prints, prints)
                if not changes.stats.changed:
                    return WriteStats()
                saved_prints: dict[str, dict[str, list[str]]] = {section: {} for section in SECTIONS}
                for (section, key), p in prints.items():
                    saved_prints[section][key] = [p.node, p.facts]
                _atomic_write(self._graph_path,
                              orjson.dumps({"format": SAVE_FORMAT, **records, "prints": saved_prints}))
                with self._mutex:
                    self._state = _State(records, prints, self._signature())
        return changes.stats

    def read_graph(self) -> Graph:
        return self._current().graph()

    def counts(self) -> dict[str, int]:
        r = self._current().records
        facts = (sum(len(e["participants"]) + len(e["sources"]) + (e["location"] is not None)
                     for e in r["events"].values())
                 + sum(len(a["offices"]) + (a["affiliation"] is not None) for a in r["actors"].values())
                 + sum(loc["within"] is not None for loc in r["locations"].values())
                 + len(r["conflicts"]))
        return {"articles": len(r["articles"]), "records": len(self._record_paths()), "actors": len(r["actors"]),
                "events": len(r["events"]), "locations": len(r["locations"]), "conflicts": len(r["conflicts"]),
                "facts": facts}

    # reads -------------------------------------------------------------------------
    def get_actor(self, actor_id: str) -> Actor | None:
        return self._current().actor(actor_id)

    def search_actors(self, text: str, kind: ActorKind | None = None, limit: int = 20) -> list[ActorHit]:
        query = actor_search.normalise(text)
        if not query or limit <= 0:
            return []
        state = self._current()
        names, owners = state.search_names
        found = process.extract(query, names, scorer=fuzz.WRatio, limit=_SEARCH_CANDIDATES, score_cutoff=50)
        candidates = [state.actor(owners[i]) for _, _, i in found]
        if kind is not None:
            candidates = [a for a in candidates if a.kind == kind]
        return actor_search.rank(text, candidates, limit)

    def get_event(self, event_id: str) -> Event | None:
        return self._current().event(event_id)

    def get_location(self, location_id: str) -> Location | None:
        return self._current().location(location_id)

    def location_chain(self, location_id: str) -> list[Location]:
        return _chain(self._current(), location_id)

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        articles = self._current().records["articles"]
        found = []
        for article_id in dict.fromkeys(article_ids):
            if article_id in articles:
                found.append(read_article(articles[article_id]))
                continue
            with contextlib.suppress(FileNotFoundError):
                found.append(self._read_record(self._records / _record_name(article_id))[0])
        return found

    def find_events(self, query: EventQuery) -> Page:
        state = self._current()
        events = state.records["events"]
        offset, limit = max(query.offset, 0), max(query.limit, 0)
        if _only_an_actor(query):  # an actor's events or meetings: a slice of its ranks
            ranks = state.actor_ranks(query.actor, query.type == "meeting")  # type: ignore[arg-type]
            start = offset + (0 if query.after is None else bisect.bisect_left(ranks, state.events_before(query.after)))
            total, page = len(ranks), [state.order[r] for r in ranks[start:start + limit]]
        else:
            matching = self._matching(state, query)
            total = len(matching)
            if query.after is not None:
                after = event_order(*query.after)
                matching = [i for i in matching if event_order(events[i]["date"], i) > after]
            page = _first_in_order(matching, offset + limit, state.rank)[offset:]
        items = [read_event(events[i]) for i in page]
        return Page(items=items, total=total, offset=offset, limit=limit,
                    actors=self.get_actors([i for e in items for i in e.actor_ids()]),
                    chains=self.location_chains([e.location for e in items if e.location]))

    def event_pages(self, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[Page]:
        state = self._current()  # pinned: every page comes from the same graph
        events, size = state.records["events"], max(size, 1)
        matching = sorted(self._matching(state, query))
        for offset in range(0, len(matching), size):
            items = [read_event(events[i]) for i in matching[offset:offset + size]]
            actors = {i: a for i in dict.fromkeys(i for e in items for i in e.actor_ids())
                      if (a := state.actor(i)) is not None}
            chains = {place: _chain(state, place) for place in dict.fromkeys(e.location for e in items if e.location)}
            yield Page(items=items, total=offset + len(items), offset=offset, limit=size, actors=actors,
                       chains={place: chain for place, chain in chains.items() if chain})

    def _sections(self, section: str, read: Callable[[dict[str, Any]], T], size: int) -> Iterator[list[T]]:
        """One section's records in id order, `size` at a time, from the graph as loaded now."""
        records, size = self._current().records[section], max(size, 1)
        ids = sorted(records)
        for start in range(0, len(ids), size):
            yield [read(records[i]) for i in ids[start:start + size]]

    def actor_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Actor]]:
        return self._sections("actors", read_actor, size)

    def location_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Location]]:
        return self._sections("locations", read_location, size)

    def article_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Article]]:
        return self._sections("articles", read_article, size)

    def all_conflicts(self) -> list[Conflict]:
        return sorted((read_conflict(x) for x in self._current().records["conflicts"].values()), key=conflict_order)

    @classmethod
    def _matching(cls, state: _State, query: EventQuery) -> list[str]:
        """Ids of the events matching `query`, in no particular order."""
        events = state.records["events"]
        candidates: set[str] | None = None

        def narrow(ids: set[str]) -> None:
            nonlocal candidates
            candidates = set(ids) if candidates is None else candidates & ids

        for actor in (query.actor, query.counterpart):
            if actor is not None:
                narrow(state.taking_part.get(actor, set()) | state.represented.get(actor, set()))
        if query.represents is not None:
            narrow(state.represented.get(query.represents, set()))
        if query.place is not None:
            at: set[str] = set()
            for loc in state.place_and_within(query.place):
                at |= state.events_at.get(loc, set())
            narrow(at)
        if query.type == "meeting":
            narrow(state.meetings)
        pool = events.values() if candidates is None else (events[i] for i in candidates)
        return [e["id"] for e in pool if cls._matches(e, query)]

    @staticmethod
    def _matches(e: dict[str, Any], q: EventQuery) -> bool:
        date = e["date"]
        if q.date_from is not None and (date is None or date < q.date_from):
            return False
        if q.date_to is not None and (date is None or date > q.date_to):
            return False
        if q.cameo is not None and not (e["cameo"] or "").startswith(q.cameo):
            return False
        return q.type is None or q.type == "meeting" or e["type"] == q.type

    def counterparts(self, actor_id: str) -> list[Counterpart]:
        return self.counterpart_page(actor_id, 0, sys.maxsize).items

    def counterpart_page(self, actor_id: str, offset: int = 0, limit: int = 50,
                         after: CounterpartPosition | None = None) -> CounterpartPage:
        """A slice of the actor's counterparts, summarised once per loaded graph (`_State.counterparts_of`)."""
        state = self._current()
        found = state.counterparts_of(actor_id)
        offset, limit = max(offset, 0), max(limit, 0)
        start = offset if after is None else offset + bisect.bisect_right(
            found, counterpart_order(*after), key=lambda m: counterpart_order(m.meetings, m.other))
        items = [Counterpart(state.actor(m.other), m.meetings, m.first, m.last, list(m.events))
                 for m in found[start:start + limit]]
        return CounterpartPage(items, len(found), offset, limit)

    def actor_names(self, actor_ids: list[str]) -> dict[str, ActorName]:
        actors = self._current().records["actors"]
        return {i: ActorName(r["id"], r["name"], ActorKind(r["kind"]), r["country"])
                for i in actor_ids if (r := actors.get(i)) is not None}

    def representations(self, state: str | None = None, person: str | None = None) -> list[Representation]:
        return [Representation(r.person, r.state, r.event, r.date) for r in self._representations(state, person)]

    def representation_page(self, state: str | None = None, person: str | None = None, offset: int = 0,
                            limit: int = 50, after: RepresentationPosition | None = None) -> RepresentationPage:
        return representation_page(self._representations(state, person), offset, limit, self.actor_names, after)

    def _representations(self, state: str | None, person: str | None) -> list[Representation]:
        """The index's own list (not to be changed by the caller), narrowed to `state` when both are given."""
        current = self._current()
        if person is not None:
            found = current.representations_of.get(("person", person), [])
            return found if state is None else [r for r in found if r.state == state]
        if state is not None:
            return current.representations_of.get(("state", state), [])
        return current.representations

    def representation_group_page(self, actor_id: str, by: str, offset: int = 0, limit: int = 50,
                                  after: CounterpartPosition | None = None) -> RepresentationGroupPage:
        page = group_page(self._current().groups_of(actor_id, by), offset, limit, after)
        page.items = [dataclasses.replace(g, event_ids=list(g.event_ids)) for g in page.items]  # kept: not the caller's
        return page

    def conflicts(self, subject: str) -> list[Conflict]:
        return copy.deepcopy(self._current().conflicts_about.get(subject, []))

    def meeting_network(self) -> nx.Graph:
        state = self._current()
        actors, events = state.records["actors"], state.records["events"]
        network = nx.Graph()
        for event_id in state.meetings:
            ids = sorted({p["actor"] for p in events[event_id]["participants"]})
            for actor in ids:
                network.add_node(actor, name=actors[actor]["name"], kind=actors[actor]["kind"])
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    if network.has_edge(a, b):
                        network[a][b]["weight"] += 1
                    else:
                        network.add_edge(a, b, weight=1)
        return network

    def shortest_connection(self, source: str, target: str, max_hops: int = 6) -> list[str]:
        state = self._current()
        actors = state.records["actors"]
        if source not in actors or target not in actors or max_hops < 0:
            return []
        if source == target:
            return [source]
        hops = min(max_hops, MAX_HOPS)
        timeout = self.query_timeout_s
        try:
            path = shortest_path(state.participations, ("actor", source), ("actor", target), 2 * hops,
                                 None if timeout is None else time.monotonic() + timeout)
        except TimeoutError as exc:
            log.warning("connection.timed_out", extra={"source": source, "target": target, "max_hops": hops,
                                                       "timeout_s": timeout})
            raise StoreUnavailable(f"shortest connection {source} -> {target} took longer than {timeout:g} s: {exc}",
                                   f"a query took longer than {timeout:g} s") from exc
        if path is None or (len(path) - 1) // 2 > hops:
            return []
        return [node_id for _, node_id in path]
