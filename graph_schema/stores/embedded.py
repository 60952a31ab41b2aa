"""The embedded store: the resolved graph in memory, persisted in a data directory.

Layout of `data_dir`:

- `graph.json`: the resolved graph: the records of a `diplomatic-graph/1` document
  keyed by id, with their fingerprints (so a write need not recompute the old
  ones) and the look-up indexes built when it was written, laid out so that
  opening it parses only the index and the small sections (`snapshot.py`); an
  older file or a `diplomatic-graph/1` export put there is parsed whole and
  indexed then. Saved by writing a temporary file, fsync and `os.replace`, so
  a reader or a crash sees the old file or the new one, never half of one.
- `records/<article id>.json`: one file per article, `{"article", "payload"}`,
  saved the same way, so putting one article never rewrites the others.
- `.lock`: an `fcntl` lock held around every write, so two processes ingesting
  at once do not lose each other's work (see `lock()`). Since every save is
  made under it, a `.*.tmp` file found by whoever takes it is a killed save's
  leftover, and is removed then.

Readers check the graph file's identity (inode, mtime, size) before each read
and reload when another process replaced it. Events and articles are decoded
from the mapped file when read; the summaries of an actor's counterparts and
representatives are made from the index on the first read that needs them.
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
import mmap
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, overload
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
from graph_schema.stores.counterparts import Met
from graph_schema.stores.fingerprint import SECTIONS, Key, Print, diff, graph_records, record_prints
from graph_schema.stores.graph_index import GraphIndex, build_index
from graph_schema.stores.paths import shortest_path
from graph_schema.stores.snapshot import FORMAT as SNAPSHOT_FORMAT
from graph_schema.stores.snapshot import open_snapshot, snapshot_chunks

T = TypeVar("T")
log = logging.getLogger("graph_schema.stores.embedded")
OLD_SAVE_FORMAT = "diplograph-embedded/1"  # the graph's document records by id, plus their fingerprints
GRAPH_FILE = "graph.json"
RECORDS_DIR = "records"
LOCK_FILE = ".lock"
_SEARCH_CANDIDATES = 200


TEMP_SUFFIX = ".tmp"


def _atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or pieces of them in order) to `path` so that the file is either the old one or the
    new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines([data] if isinstance(data, bytes) else data)
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


Records = Mapping[str, Mapping[str, dict[str, Any]]]  # section -> id -> document record


class _Representations(Sequence[Representation]):
    """Some of the index's representations (positions in its `rep_*` arrays, in listing order), made into
    `Representation`s as they are read: a state's page is a slice, not a list of all of them."""

    def __init__(self, index: GraphIndex, positions: Sequence[int]) -> None:
        self._index, self._positions = index, positions

    def __len__(self) -> int:
        return len(self._positions)

    def _one(self, k: int) -> Representation:
        ix = self._index
        rank = ix.rep_rank[k]
        return Representation(ix.actor_ids[ix.rep_person[k]], ix.actor_ids[ix.rep_state[k]], ix.event_ids[rank],
                              ix.date_of(rank))

    @overload
    def __getitem__(self, i: int) -> Representation: ...

    @overload
    def __getitem__(self, i: slice) -> list[Representation]: ...

    def __getitem__(self, i: int | slice) -> Representation | list[Representation]:
        if isinstance(i, slice):
            return [self._one(k) for k in self._positions[i]]
        return self._one(self._positions[i])


class _State:
    """One loaded version of the graph: its records by section, turned into objects only when read (each read
    gets fresh objects), and its `GraphIndex`.

    A saved graph's events and articles stay in the mapped file until read, and its index was built when it
    was written (`snapshot.py`); a graph parsed whole (an older file, an export dropped in) is indexed here.
    """

    def __init__(self, records: Records, index: GraphIndex,
                 prints: dict[Key, Print] | dict[str, Any] | Callable[[], dict[str, Any]] | None,
                 signature: tuple[int, int, int] | None) -> None:
        self.records = records
        self.index = index
        self.signature = signature
        self._stored_prints = prints
        self._counterparts: dict[str, list[Met]] = {}
        self._groups: dict[tuple[str, str], list[RepresentationGroup]] = {}

    @classmethod
    def empty(cls) -> _State:
        return cls.parsed({section: {} for section in SECTIONS}, {}, None)

    @classmethod
    def parsed(cls, records: dict[str, dict[str, dict[str, Any]]],
               prints: dict[Key, Print] | dict[str, Any] | None, signature: tuple[int, int, int] | None) -> _State:
        """Records parsed whole, indexed now; their events put in the event order, as a saved graph's are."""
        index = build_index(records)
        events = records["events"]
        return cls({**records, "events": {i: events[i] for i in index.event_ids}}, index, prints, signature)

    @_index
    def prints(self) -> dict[Key, Print]:
        stored = self._stored_prints
        if stored is None:
            return record_prints(self.records)  # type: ignore[arg-type]
        if callable(stored):
            stored = stored()
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

    @property
    def order(self) -> list[str]:
        """Every event id in the event order."""
        return self.index.event_ids

    @property
    def rank(self) -> dict[str, int]:
        """Event id -> its place in the event order."""
        return self.index.rank

    def events_before(self, position: EventPosition) -> int:
        """How many events come before or at `position` in the event order (it need not be an event held)."""
        return self.index.events_before(*position)

    def actor_ranks(self, actor: str, meetings: bool) -> Sequence[int]:
        """The ranks of the actor's events (only meetings when `meetings`), ascending: an actor's page is then a
        slice found by bisection, however deep (issue 16). Saved with the graph."""
        ix = self.index
        return ix.of_actor(ix.involved_meetings if meetings else ix.involved, actor)

    def counterparts_of(self, actor: str) -> list[Met]:
        """The actor's counterparts (`counterparts.Met`, in listing order), summarised on first use from the
        index alone and kept with this loaded graph (a write loads a new one, so they stay exact): a busy
        actor's page is then a slice, not a count of every shared meeting (issue 16)."""
        found = self._counterparts.get(actor)
        if found is None:
            with collector_paused(long_lived=True):
                found = self._counterparts[actor] = self.index.counterparts(actor)
        return found

    def groups_of(self, actor: str, by: str) -> list[RepresentationGroup]:
        """A state's representatives (`by` "person") or the states a person represented, grouped on first use
        and kept with this loaded graph, like `counterparts_of`."""
        found = self._groups.get((actor, by))
        if found is None:
            of = self.representations_of("state" if by == "person" else "person", actor)
            with collector_paused(long_lived=True):
                found = self._groups[actor, by] = representation_groups(of, by)  # type: ignore[arg-type]
        return found

    @property
    def representations(self) -> Sequence[Representation]:
        """Every representation, in listing order."""
        return _Representations(self.index, range(len(self.index.rep_rank)))

    def representations_of(self, kind: str, actor: str) -> Sequence[Representation]:
        """The representations of `actor` as a "state" or as a "person", in listing order."""
        ix = self.index
        return _Representations(ix, ix.of_actor(ix.rep_by_state if kind == "state" else ix.rep_by_person, actor))

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
    def search_names(self) -> tuple[list[str], list[str]]:
        """Parallel lists: every normalised name or alias, and the actor id it belongs to."""
        ix = self.index
        return ix.search_names, [ix.actor_ids[n] for n in ix.search_owners]

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


def _first_in_order(ranks: list[int], k: int) -> list[int]:
    """The `k` smallest event ranks, without sorting them all when `k` is small (issue 16: the busiest actor's
    50 meetings cost a sort of every one of theirs): exactly `sorted(ranks)[:k]`."""
    if k <= 0:
        return []
    if k * 4 >= len(ranks):  # a page near the end: sorting costs no more
        return sorted(ranks)[:k]
    return heapq.nsmallest(k, ranks)


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
                st = os.fstat(f.fileno())
                mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if st.st_size else b""
            signature = (st.st_ino, st.st_mtime_ns, st.st_size)
            with collector_paused(long_lived=True):  # the graph's records and index live until the next reload
                opened = open_snapshot(mapped)
                if opened is not None:  # the file stays mapped while this state is in use
                    return _State(opened.records, opened.index, opened.prints, signature)
                saved = orjson.loads(mapped[:])
                if isinstance(mapped, mmap.mmap):
                    mapped.close()
                if isinstance(saved, dict) and saved.get("format") == FORMAT:  # an export dropped in: accepted
                    return _State.parsed(graph_records(from_document(saved)), None, signature)
                if not isinstance(saved, dict) or saved.get("format") not in (SNAPSHOT_FORMAT, OLD_SAVE_FORMAT):
                    raise ValueError(f"neither {SNAPSHOT_FORMAT} nor {FORMAT}")
                return _State.parsed({section: saved[section] for section in SECTIONS}, saved.get("prints"), signature)
        except (OSError, orjson.JSONDecodeError, ValueError, KeyError, TypeError) as exc:
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
                _atomic_write(self._graph_path, snapshot_chunks(records, saved_prints, build_index(records)))
                del records
                with self._mutex:  # read back as any reader opens it: mapped, not the records just built
                    self._state = self._load(self._signature())
        return changes.stats

    def read_graph(self) -> Graph:
        return self._current().graph()

    def counts(self) -> dict[str, int]:
        state = self._current()
        r, facts = state.records, state.index.facts
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
                first = state.events_before(query.after)
                matching = [r for r in matching if r >= first]
            page = [state.order[r] for r in _first_in_order(matching, offset + limit)[offset:]]
        items = [read_event(events[i]) for i in page]
        return Page(items=items, total=total, offset=offset, limit=limit,
                    actors=self.get_actors([i for e in items for i in e.actor_ids()]),
                    chains=self.location_chains([e.location for e in items if e.location]))

    def event_pages(self, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[Page]:
        state = self._current()  # pinned: every page comes from the same graph
        events, size = state.records["events"], max(size, 1)
        matching = sorted(state.order[r] for r in self._matching(state, query))
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
    def _matching(cls, state: _State, query: EventQuery) -> list[int]:
        """Ranks of the events matching `query`, in no particular order, from the index alone."""
        ix = state.index
        candidates: set[int] | None = None

        def narrow(ranks: Iterable[int]) -> None:
            nonlocal candidates
            candidates = set(ranks) if candidates is None else candidates.intersection(ranks)

        for actor in (query.actor, query.counterpart):
            if actor is not None:
                narrow(ix.of_actor(ix.involved, actor))
        if query.represents is not None:
            narrow(ix.of_actor(ix.represented, query.represents))
        if query.place is not None:
            narrow(r for loc in state.place_and_within(query.place) for r in ix.at.get(ix.location_no.get(loc)))
        dated = ix.ranks_dated(query.date_from, query.date_to)
        pool = dated if candidates is None else (r for r in candidates if r in dated)
        kept = cls._kinds(ix, query)
        return list(pool) if kept is None else [r for r in pool if kept(r)]

    @staticmethod
    def _kinds(ix: GraphIndex, q: EventQuery) -> Callable[[int], bool] | None:
        """Whether an event (by rank) is of the type and CAMEO code asked for; None when any is."""
        cameos = None if q.cameo is None else {n for n, c in enumerate(ix.cameos) if (c or "").startswith(q.cameo)}
        types = None if q.type in (None, "meeting") else {n for n, t in enumerate(ix.types) if t == q.type}
        meetings = q.type == "meeting"
        if cameos is None and types is None and not meetings:
            return None
        return lambda r: ((cameos is None or ix.cameo_of[r] in cameos) and (types is None or ix.type_of[r] in types)
                          and (not meetings or ix.meeting[r] == 1))

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
        return representation_page(self._representations(state, person), offset, limit,  # type: ignore[arg-type]
                                   self.actor_names, after)

    def _representations(self, state: str | None, person: str | None) -> Sequence[Representation]:
        """The index's representations, narrowed to `state` when both are given."""
        current = self._current()
        if person is not None:
            found = current.representations_of("person", person)
            return found if state is None else [r for r in found if r.state == state]
        if state is not None:
            return current.representations_of("state", state)
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
        actors, ix = state.records["actors"], state.index
        network = nx.Graph()
        for rank in (r for r, meeting in enumerate(ix.meeting) if meeting):
            ids = sorted(set(ix.participants(rank)))
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
            ix = state.index
            path = shortest_path(ix.participations, ix.actor_node(source), ix.actor_node(target), 2 * hops,
                                 None if timeout is None else time.monotonic() + timeout, ix.degrees.__getitem__)
        except TimeoutError as exc:
            log.warning("connection.timed_out", extra={"source": source, "target": target, "max_hops": hops,
                                                       "timeout_s": timeout})
            raise StoreUnavailable(f"shortest connection {source} -> {target} took longer than {timeout:g} s: {exc}",
                                   f"a query took longer than {timeout:g} s") from exc
        if path is None or (len(path) - 1) // 2 > hops:
            return []
        return [ix.node_id(node) for node in path]
