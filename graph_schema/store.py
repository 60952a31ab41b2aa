"""The one interface both stores implement, and the typed answers it gives.

Ingest keeps, per article, the article's own extraction (`put_article`), and
the resolved graph derived from all of them (`replace_graph`). The API only
reads. Every read is answered the same way by the embedded store and by Neo4j;
the contract tests in `tests/graph_schema/test_store_contract.py` hold both to it.
"""
from __future__ import annotations

import bisect
import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import networkx as nx

from graph_schema.model import Actor, ActorKind, ActorName, Article, Conflict, Event, Graph, Location

T = TypeVar("T")
MAX_HOPS = 10  # `shortest_connection` looks no further than this many events
EXPORT_PAGE = 2000  # events (or actors, places, articles) an export reads at a time


class StoreError(RuntimeError):
    """A store failed in a way the caller should report."""


class StoreUnavailable(StoreError):
    """The store cannot be reached now; the same call may work later.

    `reason` says why in words fit for any client (`/readyz` gives it): no address, no driver text."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or "the store cannot be reached"


class InvalidGraph(StoreError, ValueError):
    """The graph given to `replace_graph` refers to actors, places or articles it does not hold."""


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What a write changed: nodes and relationships created, updated, deleted."""

    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


# Places in the listing orders (keyset paging, issue 16): a page continues after the last item of the one
# before, so page 500 of the busiest actor is found by an index seek as page 1 is, and a write between two
# pages neither repeats nor skips an item.
EventPosition = tuple[str | None, str]  # (date, event id): the event order
RepresentationPosition = tuple[str | None, str, str, str]  # (date, event id, person, state)
CounterpartPosition = tuple[int, str]  # (shared meetings, actor id): most meetings first


def representation_order(date: str | None, event: str, person: str, state: str) -> tuple[bool, str, str, str, str]:
    """The order `representations` lists in: by date, unknown dates last, then event, person and state."""
    return (date is None, date or "", event, person, state)


def counterpart_order(meetings: int, actor: str) -> tuple[int, str]:
    """The order `counterparts` lists in: most shared meetings first, then by actor id."""
    return (-meetings, actor)


@dataclass(slots=True)
class EventQuery:
    """A filter over events; every field narrows, None means any."""

    actor: str | None = None  # takes part (any role) or is represented
    counterpart: str | None = None  # a second actor who also takes part or is represented
    place: str | None = None  # the event's location or anything within it
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    type: str | None = None  # "meeting" also matches CAMEO 04x
    cameo: str | None = None  # CAMEO code or prefix ("04", "042")
    represents: str | None = None  # some participant represents this actor
    offset: int = 0
    limit: int = 50
    after: EventPosition | None = None  # keyset paging: only events after this place in the event order


@dataclass(slots=True)
class Page:
    """One page of events, with what they refer to read in the same go (so that naming the participants
    and places of a page costs no second read): every actor taking part or represented, by id, and every
    place's chain (the place and all it lies within, most specific first), by the place's id."""

    items: list[Event]
    total: int
    offset: int
    limit: int
    actors: dict[str, Actor] = field(default_factory=dict)
    chains: dict[str, list[Location]] = field(default_factory=dict)


@dataclass(slots=True)
class ActorHit:
    actor: Actor
    score: float  # higher is better; 1.0 is an exact name or alias


@dataclass(slots=True)
class Counterpart:
    """Another actor met at shared meetings."""

    actor: Actor
    meetings: int
    first: str | None
    last: str | None
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Slice(Generic[T]):
    """One page of a longer answer in a fixed order, with how many items there are in all."""

    items: list[T]
    total: int
    offset: int
    limit: int


class CounterpartPage(Slice[Counterpart]):
    """One page of `counterparts`."""

    __slots__ = ()


@dataclass(slots=True)
class Representation:
    """Person X represented state Y at event E."""

    person: str
    state: str
    event: str
    date: str | None = None


@dataclass(slots=True)
class RepresentationPage:
    """One page of `representations`, with the name, kind and country of every person and state on it read
    in the same go (so that naming them costs no second read)."""

    items: list[Representation]
    total: int
    offset: int
    limit: int
    actors: dict[str, ActorName] = field(default_factory=dict)


@dataclass(slots=True)
class RepresentationGroup:
    """A person who represented a state (or a state a person represented): at how many events, the first and
    last date, the events in date order."""

    actor: str
    events: int
    first: str | None
    last: str | None
    event_ids: list[str] = field(default_factory=list)


class RepresentationGroupPage(Slice[RepresentationGroup]):
    """One page of `representation_group_page`'s groups."""

    __slots__ = ()


def representation_groups(found: list[Representation], by: str) -> list[RepresentationGroup]:
    """`found` grouped by its persons (`by` "person") or states, most events first, then by id."""
    groups: dict[str, dict[str, str | None]] = {}
    for r in found:
        groups.setdefault(getattr(r, by), {})[r.event] = r.date
    out = []
    for actor, events in groups.items():
        dates = [d for d in events.values() if d]
        out.append(RepresentationGroup(actor, len(events), min(dates, default=None), max(dates, default=None),
                                       list(events)))
    return sorted(out, key=lambda g: counterpart_order(g.events, g.actor))


def group_page(found: list[RepresentationGroup], offset: int, limit: int,
               after: CounterpartPosition | None) -> RepresentationGroupPage:
    """A slice of `found` (in `counterpart_order`), after `after` found by bisection."""
    offset, limit = max(offset, 0), max(limit, 0)
    start = offset if after is None else offset + bisect.bisect_right(
        found, counterpart_order(*after), key=lambda g: counterpart_order(g.events, g.actor))
    return RepresentationGroupPage(found[start:start + limit], len(found), offset, limit)


def representation_page(found: list[Representation], offset: int, limit: int,
                        actor_names: Callable[[list[str]], dict[str, ActorName]],
                        after: RepresentationPosition | None = None) -> RepresentationPage:
    """A page of `found` (in `representation_order`; copied: it may be a store's own list), named by
    `actor_names`; after `after` found by bisection, so a deep page costs what the first does."""
    offset, limit = max(offset, 0), max(limit, 0)
    start = offset
    if after is not None:
        start += bisect.bisect_right(found, representation_order(*after),
                                     key=lambda r: representation_order(r.date, r.event, r.person, r.state))
    items = [Representation(r.person, r.state, r.event, r.date) for r in found[start:start + limit]]
    return RepresentationPage(items, len(found), offset, limit,
                              actor_names([r.person for r in items] + [r.state for r in items]))


@dataclass(slots=True)
class EventDossier:
    """An event with everything its detail names: its actors, its place's chain, its articles, the
    conflicting claims about it."""

    event: Event
    actors: dict[str, Actor]
    chain: list[Location]
    articles: list[Article]
    conflicts: list[Conflict]


@dataclass(slots=True)
class Connection:
    """The shortest chain of shared events between two actors (`path`: actor, event, actor, ... ids,
    [] when there is none within reach), with the actors and events it names. `source` or `target`
    is None when there is no such actor."""

    source: Actor | None
    target: Actor | None
    path: list[str]
    actors: dict[str, Actor]
    events: dict[str, Event]


class GraphStore(ABC):
    """A place the knowledge graph lives in."""

    name: str

    # lifecycle -----------------------------------------------------------
    @abstractmethod
    def ping(self) -> None:
        """Raise `StoreUnavailable` unless the store answers now."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def snapshot(self) -> contextlib.AbstractContextManager[GraphStore]:
        """A view for an answer made of several reads (the API takes one per request). Entering and
        leaving it do no I/O. Embedded: the graph as loaded at the first read, pinned, so the reads
        agree even while another process writes. Neo4j: one session, each read one round trip (Neo4j
        reads committed data, so this saves time but does not pin). Not for writing."""
        return contextlib.nullcontext(self)

    def unchanged(self) -> bool:
        """On a snapshot, after its reads: True when no graph write overlapped them, so that what they
        read is wholly from before or wholly from after any write. (The embedded store pins one version;
        Neo4j compares the graph's write count before and after.)"""
        return True

    def lock(self) -> contextlib.AbstractContextManager[None]:
        """Hold while reading the records, resolving and replacing the graph, so that two
        concurrent ingests cannot overwrite each other's graph. Re-entrant; writes take it too."""
        return contextlib.nullcontext()

    # per-article records (ingest's source of truth) ------------------------
    @abstractmethod
    def put_article(self, article: Article, payload: dict[str, Any]) -> bool:
        """Keep one article with its extraction, all or nothing; False when nothing changed."""

    @abstractmethod
    def article_payloads(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Every kept article with its extraction, in article id order."""

    @abstractmethod
    def delete_article(self, article_id: str) -> bool: ...

    # the resolved graph ---------------------------------------------------
    @abstractmethod
    def replace_graph(self, graph: Graph) -> WriteStats:
        """Make the stored resolved graph equal `graph`, writing only what differs."""

    @abstractmethod
    def read_graph(self) -> Graph:
        """The whole resolved graph (for export)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of articles, actors, events, locations and facts."""

    # the resolved graph a page at a time (for exports of any size) ----------------
    @abstractmethod
    def event_pages(self, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[Page]:
        """Every event matching `query` (its offset and limit ignored) in id order, `size` at a time, each
        page with its actors and chains like `find_events`' pages: an export reads any graph with flat
        memory. A page's `total` counts the events up to the end of that page."""

    @abstractmethod
    def actor_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Actor]]:
        """Every actor in id order, `size` at a time."""

    @abstractmethod
    def location_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Location]]:
        """Every location in id order, `size` at a time."""

    @abstractmethod
    def article_pages(self, size: int = EXPORT_PAGE) -> Iterator[list[Article]]:
        """Every article of the resolved graph in id order, `size` at a time."""

    @abstractmethod
    def all_conflicts(self) -> list[Conflict]:
        """Every conflict, in the order `conflict_order` gives (there are few: one per disputed claim)."""

    # reads ------------------------------------------------------------------
    @abstractmethod
    def get_actor(self, actor_id: str) -> Actor | None: ...

    def get_actors(self, actor_ids: list[str]) -> dict[str, Actor]:
        """Several actors by id (unknown ids left out): the API names a page's actors with one call."""
        return {a.id: a for a in map(self.get_actor, dict.fromkeys(actor_ids)) if a is not None}

    def actor_names(self, actor_ids: list[str]) -> dict[str, ActorName]:
        """Name, kind and country of several actors (unknown ids left out): what naming them in an answer
        needs, lighter to read than whole actors."""
        return {i: ActorName(a.id, a.name, a.kind, a.country) for i, a in self.get_actors(actor_ids).items()}

    @abstractmethod
    def search_actors(self, text: str, kind: ActorKind | None = None, limit: int = 20) -> list[ActorHit]:
        """Actors whose name or alias matches `text`, tolerating case, accents and typos."""

    @abstractmethod
    def get_event(self, event_id: str) -> Event | None: ...

    @abstractmethod
    def get_location(self, location_id: str) -> Location | None: ...

    @abstractmethod
    def location_chain(self, location_id: str) -> list[Location]:
        """The location and all it lies within, most specific first."""

    def location_chains(self, location_ids: list[str]) -> dict[str, list[Location]]:
        """`location_chain` of several places (unknown ids left out), for a page of events in one read."""
        chains = {i: self.location_chain(i) for i in dict.fromkeys(location_ids)}
        return {i: chain for i, chain in chains.items() if chain}

    @abstractmethod
    def get_articles(self, article_ids: list[str]) -> list[Article]: ...

    def get_events(self, event_ids: list[str]) -> dict[str, Event]:
        """Several events by id (unknown ids left out)."""
        return {e.id: e for e in map(self.get_event, dict.fromkeys(event_ids)) if e is not None}

    def event_dossier(self, event_id: str) -> EventDossier | None:
        """`get_event` with all its detail names, in one read where the store can."""
        event = self.get_event(event_id)
        if event is None:
            return None
        return EventDossier(event, self.get_actors(event.actor_ids()),
                            self.location_chain(event.location) if event.location else [],
                            self.get_articles([s.article for s in event.sources]), self.conflicts(event_id))

    def connection(self, source: str, target: str, max_hops: int = 6) -> Connection:
        """`shortest_connection` with the two actors and all the path names, in one read where the store can."""
        ends = self.get_actors([source, target])
        path = self.shortest_connection(source, target, max_hops) if len(ends) == len({source, target}) else []
        return Connection(ends.get(source), ends.get(target), path, self.get_actors(path[0::2]),
                          self.get_events(path[1::2]))

    @abstractmethod
    def find_events(self, query: EventQuery) -> Page:
        """Events matching `query`, by date (unknown last) then id."""

    @abstractmethod
    def counterparts(self, actor_id: str) -> list[Counterpart]:
        """Actors who took part in the same meetings, most meetings first."""

    def counterpart_page(self, actor_id: str, offset: int = 0, limit: int = 50,
                         after: CounterpartPosition | None = None) -> CounterpartPage:
        """The `counterparts` (after `after`, then) from `offset` on, at most `limit` of them, with their total.
        Stores build only the page's counterparts (their actors, meetings and dates), not every one's
        (issue 16)."""
        everyone = self.counterparts(actor_id)
        offset, limit = max(offset, 0), max(limit, 0)
        found = everyone if after is None else [
            c for c in everyone if counterpart_order(c.meetings, c.actor.id) > counterpart_order(*after)]
        return CounterpartPage(found[offset:offset + limit], len(everyone), offset, limit)

    @abstractmethod
    def representations(self, state: str | None = None, person: str | None = None) -> list[Representation]:
        """Who represented whom at which event, by date then event id."""

    def representation_page(self, state: str | None = None, person: str | None = None, offset: int = 0,
                            limit: int = 50, after: RepresentationPosition | None = None) -> RepresentationPage:
        """The `representations` (after `after`, then) from `offset` on, at most `limit` of them, with their
        total and the names of the persons and states on the page, in one read where the store can."""
        return representation_page(self.representations(state=state, person=person), offset, limit, self.actor_names,
                                   after)

    def representation_group_page(self, actor_id: str, by: str, offset: int = 0, limit: int = 50,
                                  after: CounterpartPosition | None = None) -> RepresentationGroupPage:
        """Who represented the state `actor_id` (`by` "person"), or whom the person `actor_id` represented (`by`
        "state"): each with its events, most events first, then by id; a page of them after `after`. Stores
        keep these summaries (issue 16) instead of grouping all of a state's representations per request."""
        found = self.representations(**{"state" if by == "person" else "person": actor_id})
        return group_page(representation_groups(found, by), offset, limit, after)

    @abstractmethod
    def conflicts(self, subject: str) -> list[Conflict]: ...

    @abstractmethod
    def meeting_network(self) -> nx.Graph:
        """Actors as nodes, an edge where two met, weighted by the number of meetings."""

    @abstractmethod
    def shortest_connection(self, source: str, target: str, max_hops: int = 6) -> list[str]:
        """Ids along a shortest actor-event-actor path (over participations), or [] when none within
        `max_hops` events (at most `MAX_HOPS`). `[source]` when source is target."""
