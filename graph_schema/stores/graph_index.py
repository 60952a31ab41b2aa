"""The embedded store's look-up indexes as flat integer arrays, built once per write and saved with the graph.

Rebuilding actor -> events, the event order, representations and the
participation graph from a million event records took the first queries after
every start seconds of Python (issue 16: 3.5 s for the first representation
page, 4.5 s for the first shortest connection at 1M events), and holding them
as sets and dicts of strings cost gigabytes. Here events are numbered by their
place in the event order (their *rank*), actors and locations by their place
in the graph's records, and every index is a row of such numbers (`Rows`):
`array`s that load from the saved snapshot in one copy and are never walked by
the garbage collector.
"""
from __future__ import annotations

import base64
import bisect
import sys
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from graph_schema.store import counterpart_order
from graph_schema.stores import actor_search
from graph_schema.stores.counterparts import Met
from graph_schema.stores.ordering import event_order, is_meeting

Records = Mapping[str, Mapping[str, Mapping[str, Any]]]  # section -> id -> document record


class Rows:
    """Rows of ints in two flat arrays (compressed sparse rows): row `i` is `values[starts[i]:starts[i + 1]]`,
    read as a `memoryview` (no copy). Also a node -> neighbours adjacency for `paths.shortest_path`."""

    __slots__ = ("_view", "starts", "values")

    def __init__(self, starts: array[int], values: array[int]) -> None:
        self.starts, self.values = starts, values
        self._view = memoryview(values)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and 0 <= i < len(self.starts) - 1

    def __getitem__(self, i: int) -> memoryview:
        return self._view[self.starts[i]:self.starts[i + 1]]

    def get(self, i: int | None) -> memoryview:
        """Row `i`, or an empty row when `i` is None (an id the graph does not hold)."""
        return self._view[0:0] if i is None else self[i]


def packed(value: Any) -> Any:
    """An array or `Rows` as JSON (the array's bytes in base64); anything else as it is."""
    if isinstance(value, array):
        return {"typecode": value.typecode, "b64": base64.b64encode(value.tobytes()).decode("ascii")}
    if isinstance(value, Rows):
        return {"starts": packed(value.starts), "values": packed(value.values)}
    return value


def unpacked(value: Any) -> Any:
    """What `packed` gave, back."""
    if isinstance(value, dict) and "typecode" in value:
        found = array(value["typecode"])
        found.frombytes(base64.b64decode(value["b64"]))
        return found
    if isinstance(value, dict) and "starts" in value:
        return Rows(unpacked(value["starts"]), unpacked(value["values"]))
    return value


@dataclass(slots=True)
class GraphIndex:
    """Everything the embedded store's reads look up, by event rank, actor number and location number."""

    event_ids: list[str]  # every event id in the event order: an event's rank is its place here
    actor_ids: list[str]  # the actors' numbers (actors named by events but not held come last)
    location_ids: list[str]
    dates: list[str | None]  # the distinct dates in event order (unknown last) ...
    date_starts: array[int]  # ... and the rank of the first event of each
    types: list[str]  # the distinct event types and CAMEO codes, and each event's, by rank
    type_of: array[int]
    cameos: list[str | None]
    cameo_of: array[int]
    meeting: array[int]  # 1 at the rank of a meeting
    participations: Rows  # node -> neighbours: rank r -> E + the actors taking part; E + actor -> its ranks
    represented: Rows  # actor -> ranks of the events where someone represents it
    involved: Rows  # actor -> ranks of the events it takes part in or is represented at
    involved_meetings: Rows  # the same, meetings only
    at: Rows  # location -> ranks of the events held there
    rep_person: array[int]  # every representation (person, state, event rank), in listing order
    rep_state: array[int]
    rep_rank: array[int]
    rep_by_state: Rows  # actor -> its representations as a state (indexes into rep_*)
    rep_by_person: Rows  # actor -> its representations as a person
    search_names: list[str]  # every normalised name or alias, and the number of the actor it belongs to
    search_owners: array[int]
    facts: int  # the relationships the stores count (`GraphStore.counts`)
    byteorder: str = sys.byteorder
    rank: dict[str, int] = field(default_factory=dict, compare=False)  # event id -> rank (derived)
    actor_no: dict[str, int] = field(default_factory=dict, compare=False)
    location_no: dict[str, int] = field(default_factory=dict, compare=False)
    degrees: array[int] = field(default_factory=lambda: array("i"), compare=False)  # participations' row lengths

    def __post_init__(self) -> None:
        self.rank = {i: n for n, i in enumerate(self.event_ids)}
        self.actor_no = {a: n for n, a in enumerate(self.actor_ids)}
        self.location_no = {loc: n for n, loc in enumerate(self.location_ids)}
        self.degrees = _array(np.diff(np.frombuffer(self.participations.starts, np.int64)))

    # reading -----------------------------------------------------------------------
    def date_of(self, rank: int) -> str | None:
        return self.dates[bisect.bisect_right(self.date_starts, rank) - 1]

    def ranks_dated(self, date_from: str | None, date_to: str | None) -> range:
        """The ranks of the events dated within [date_from, date_to] (either end open when None); no event of
        unknown date is among them when either end is given."""
        known = [d for d in self.dates if d is not None]
        ends = list(self.date_starts) + [len(self.event_ids)]
        lo = 0 if date_from is None else ends[bisect.bisect_left(known, date_from)]
        hi = ends[len(known)] if date_to is None and date_from is not None else len(self.event_ids)
        if date_to is not None:
            hi = ends[bisect.bisect_right(known, date_to)]
        return range(lo, max(lo, hi))

    def events_before(self, date: str | None, event_id: str) -> int:
        """How many events come before or at (date, event_id) in the event order (it need not be an event held)."""
        ids = self.event_ids
        return bisect.bisect_right(range(len(ids)), event_order(date, event_id),
                                   key=lambda r: event_order(self.date_of(r), ids[r]))

    def taking_part(self, actor: str) -> memoryview:
        """Ranks of the events the actor takes part in, ascending."""
        n = self.actor_no.get(actor)
        return self.participations.get(None if n is None else len(self.event_ids) + n)

    def participants(self, rank: int) -> Iterator[str]:
        """The actors taking part in the event, in the order of its participations, each once."""
        first = len(self.event_ids)
        return (self.actor_ids[n - first] for n in self.participations[rank])

    def counterparts(self, actor: str) -> list[Met]:
        """The actor's counterparts (as `counterparts.met_by` makes them) from the index alone: numpy gathers the
        participants of its meetings and groups them by actor, so a state at 60,000 meetings costs tens of
        milliseconds on its first read, not hundreds (issue 16)."""
        node = self.actor_node(actor)
        if node is None:
            return []
        ranks = np.frombuffer(self.participations[node], np.int32).astype(np.int64)
        ranks = ranks[np.frombuffer(self.meeting, np.uint8)[ranks] == 1]
        starts = np.frombuffer(self.participations.starts, np.int64)
        counts = starts[ranks + 1] - starts[ranks]
        at = np.repeat(starts[ranks] - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        others, shared = np.frombuffer(self.participations.values, np.int32)[at], np.repeat(ranks, counts)
        keep = others != node
        others, shared = others[keep], shared[keep]
        order = np.lexsort((shared, others))
        others, shared = others[order], shared[order]
        firsts = np.flatnonzero(np.r_[True, others[1:] != others[:-1]]) if len(others) else np.zeros(0, np.int64)
        undated = self.date_starts[-1] if self.dates and self.dates[-1] is None else len(self.event_ids)
        ids, first_actor = self.event_ids, len(self.event_ids)
        found = []
        for a, b in zip(firsts.tolist(), [*firsts[1:].tolist(), len(others)]):
            met = shared[a:b].tolist()
            dated = bisect.bisect_left(met, undated)
            found.append(Met(self.actor_ids[int(others[a]) - first_actor], b - a,
                             self.date_of(met[0]) if dated else None, self.date_of(met[dated - 1]) if dated else None,
                             tuple(ids[r] for r in met)))
        found.sort(key=lambda m: counterpart_order(m.meetings, m.other))
        return found

    def of_actor(self, rows: Rows, actor: str) -> memoryview:
        return rows.get(self.actor_no.get(actor))

    def node_id(self, node: int) -> str:
        """An id of `participations`' node: an event's below the number of events, an actor's from there."""
        first = len(self.event_ids)
        return self.event_ids[node] if node < first else self.actor_ids[node - first]

    def actor_node(self, actor: str) -> int | None:
        n = self.actor_no.get(actor)
        return None if n is None else len(self.event_ids) + n

    # saving ------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {f.name: packed(getattr(self, f.name)) for f in fields(self) if f.compare}

    @classmethod
    def from_json(cls, saved: dict[str, Any]) -> GraphIndex | None:
        """The index saved by `to_json`, or None when it was saved on a machine of the other byte order."""
        if saved.get("byteorder") != sys.byteorder:
            return None
        return cls(**{f.name: unpacked(saved[f.name]) for f in fields(cls) if f.compare})


def build_index(records: Records) -> GraphIndex:
    """The index of a graph's document records (any graph the integrity check lets through, and more: an event may
    name an actor or place the graph does not hold). One pass in Python collects (actor, rank) pairs; numpy sorts
    them into rows (at 1M events the rows built in Python took 20 s of each write)."""
    events, actors = records["events"], records["actors"]
    event_ids = sorted(events, key=lambda i: event_order(events[i]["date"], i))
    actor_no = {a: n for n, a in enumerate(actors)}
    location_no = {loc: n for n, loc in enumerate(records["locations"])}
    kinds: dict[tuple[str, str | None], int] = {}  # (type, CAMEO code) -> its number
    kind_of = array("H")
    dates: list[str | None] = []
    date_starts = array("i")
    part_actor, part_count = array("i"), array("i")  # the actors taking part, event after event; how many each
    state_no, state_rank = array("i"), array("i")
    at_no, at_rank = array("i"), array("i")
    rep_person, rep_state, rep_rank = array("i"), array("i"), array("i")
    facts = 0
    for r, event_id in enumerate(event_ids):
        e = events[event_id]
        date = e["date"]
        if r == 0 or date != dates[-1]:
            dates.append(date)
            date_starts.append(r)
        kind_of.append(kinds.setdefault((e["type"], e["cameo"]), len(kinds)))
        participants = e["participants"]
        facts += len(participants) + len(e["sources"]) + (e["location"] is not None)
        present = dict.fromkeys([p["actor"] for p in participants])
        try:
            part_actor.extend([actor_no[a] for a in present])
        except KeyError:  # an actor the graph does not hold: numbered after those it does
            part_actor.extend([actor_no.setdefault(a, len(actor_no)) for a in present])
        part_count.append(len(present))
        if pairs := sorted({(p["actor"], p["represents"]) for p in participants if p["represents"]}):
            for person, state in pairs:
                rep_person.append(actor_no[person])
                rep_state.append(actor_no.setdefault(state, len(actor_no)))
                rep_rank.append(r)
            for n in dict.fromkeys(rep_state[len(rep_state) - len(pairs):]):
                state_no.append(n)
                state_rank.append(r)
        if e["location"]:
            at_no.append(location_no.setdefault(e["location"], len(location_no)))
            at_rank.append(r)
    actor_ids, location_ids = list(actor_no), list(location_no)
    first, actor_count = len(event_ids), len(actor_ids)
    kind_list = list(kinds)
    type_names, cameo_names = list(dict.fromkeys(t for t, _ in kind_list)), list(dict.fromkeys(c for _, c in kind_list))
    kind_no = np.frombuffer(kind_of, np.uint16).astype(np.int64)
    as_type = np.array([type_names.index(t) for t, _ in kind_list] or [0], np.uint16)
    as_cameo = np.array([cameo_names.index(c) for _, c in kind_list] or [0], np.uint16)
    as_meeting = np.array([is_meeting(*k) for k in kind_list] or [0], np.uint8)
    meeting = array("B", as_meeting[kind_no].tobytes())
    np_part_actor = np.frombuffer(part_actor, np.int32)
    np_part_rank = np.repeat(np.arange(first, dtype=np.int32), np.frombuffer(part_count, np.int32))
    np_state_no, np_state_rank = np.frombuffer(state_no, np.int32), np.frombuffer(state_rank, np.int32)
    taking_part = _rows(np_part_actor, np_part_rank, actor_count)
    by_event = np_part_actor + first
    participations = Rows(array("q", [0, *np.cumsum(part_count).tolist(), *(
        (len(by_event) + np.frombuffer(taking_part.starts, np.int64)[1:]).tolist())]),
        _array(np.concatenate([by_event, np.frombuffer(taking_part.values, np.int32)])))
    both = np.unique(np.concatenate([np_part_actor, np_state_no]).astype(np.int64) * max(first, 1)
                     + np.concatenate([np_part_rank, np_state_rank]))
    involved_actor, involved_rank = both // max(first, 1), both % max(first, 1)
    in_meeting = np.frombuffer(meeting, np.uint8)[involved_rank.astype(np.int64)] == 1
    people, states = np.frombuffer(rep_person, np.int32), np.frombuffer(rep_state, np.int32)
    positions = np.arange(len(rep_rank), dtype=np.int32)
    names, owners = [], array("i")
    for n, actor in enumerate(actors.values()):
        for name in actor_search.normalised_names(actor["name"], actor["aliases"]):
            names.append(name)
            owners.append(n)
    return GraphIndex(
        event_ids=event_ids, actor_ids=actor_ids, location_ids=location_ids, dates=dates, date_starts=date_starts,
        types=type_names, type_of=array("H", as_type[kind_no].tobytes()), cameos=cameo_names,
        cameo_of=array("H", as_cameo[kind_no].tobytes()), meeting=meeting,
        participations=participations, represented=_rows(np_state_no, np_state_rank, actor_count),
        involved=_rows(involved_actor, involved_rank, actor_count),
        involved_meetings=_rows(involved_actor[in_meeting], involved_rank[in_meeting], actor_count),
        at=_rows(np.frombuffer(at_no, np.int32), np.frombuffer(at_rank, np.int32), len(location_ids)),
        rep_person=rep_person, rep_state=rep_state, rep_rank=rep_rank,
        rep_by_state=_rows(states, positions, actor_count), rep_by_person=_rows(people, positions, actor_count),
        search_names=names, search_owners=owners, facts=facts + _facts(records))


def _array(values: np.ndarray) -> array[int]:
    found = array("i")
    found.frombytes(values.astype(np.int32).tobytes())
    return found


def _rows(keys: np.ndarray, values: np.ndarray, count: int) -> Rows:
    """Rows 0..count-1, row k holding the `values` paired with key k, in their order in `values`."""
    order = np.argsort(keys, kind="stable")
    starts = np.zeros(count + 1, np.int64)
    np.cumsum(np.bincount(keys.astype(np.int64), minlength=count), out=starts[1:])
    return Rows(array("q", starts.tolist()), _array(values[order]))


def _facts(records: Records) -> int:
    """Offices, affiliations, containment and conflicts (an event's are counted where it is indexed)."""
    return (sum(len(a["offices"]) + (a["affiliation"] is not None) for a in records["actors"].values())
            + sum(loc["within"] is not None for loc in records["locations"].values())
            + len(records["conflicts"]))
