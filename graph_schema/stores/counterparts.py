"""Who met whom, and who represented whom, per actor: the summaries behind an actor's counterparts, a state's
representatives and the states a person represented (issue 16).

Both stores answer from them: Neo4j writes them with the actor's facts (one
relationship per counterpart, representative or state, keyed in listing
order), the embedded store makes an actor's from its saved index on first read
(`graph_index.GraphIndex.counterparts`, the same as `met_by` here). Made from
the events alone, so whatever writes the events keeps them exact.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graph_schema.model import Graph
from graph_schema.store import counterpart_order
from graph_schema.stores.ordering import event_order

Meeting = tuple[str, str | None, Iterable[str]]  # (event id, date, the actors taking part)


@dataclass(frozen=True, slots=True)
class Met:
    """Another actor met at shared meetings: how many, the first and last date, the meetings in event order."""

    other: str
    meetings: int
    first: str | None
    last: str | None
    events: tuple[str, ...]

    def as_list(self) -> list[object]:
        return [self.other, self.meetings, self.first, self.last, list(self.events)]


def met_by_actor(meetings: Iterable[Meeting]) -> dict[str, list[Met]]:
    """Every actor's counterparts, most shared meetings first, then by id."""
    shared: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(list))
    for event, date, actors in meetings:
        present = set(actors)
        for actor in present:
            for other in present:
                if other != actor:
                    shared[actor][other].append((event, date))
    return {actor: _summaries(by_other) for actor, by_other in shared.items()}


def met_by(actor: str, meetings: Iterable[Meeting]) -> list[Met]:
    """One actor's counterparts from the meetings it took part in."""
    by_other: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for event, date, actors in meetings:
        for other in set(actors) - {actor}:
            by_other[other].append((event, date))
    return _summaries(by_other)


def groups_by(shared: Iterable[tuple[str, str, str, str | None]]) -> dict[str, list[Met]]:
    """(owner, other, event, date) rows -> each owner's others with the events they share (each once), most
    events first: a state's representatives, or the states a person represented."""
    by_owner: dict[str, dict[str, dict[str, str | None]]] = defaultdict(lambda: defaultdict(dict))
    for owner, other, event, date in shared:
        by_owner[owner][other][event] = date
    return {owner: _summaries({other: [(e, d) for e, d in events.items()] for other, events in by_other.items()})
            for owner, by_other in by_owner.items()}


def representatives(graph: Graph) -> dict[str, list[Met]]:
    """Per state (or body), who represented it, at which events."""
    return groups_by((p.represents, p.actor, e.id, e.date) for e in graph.events.values() for p in e.participants
                     if p.represents)


def represented(graph: Graph) -> dict[str, list[Met]]:
    """Per person, whom they represented, at which events."""
    return groups_by((p.actor, p.represents, e.id, e.date) for e in graph.events.values() for p in e.participants
                     if p.represents)


def graph_meetings(graph: Graph) -> Iterator[Meeting]:
    for e in graph.events.values():
        if e.is_meeting:
            yield e.id, e.date, [p.actor for p in e.participants]


def _summaries(by_other: dict[str, list[tuple[str, str | None]]]) -> list[Met]:
    found = []
    for other, shared in by_other.items():
        shared.sort(key=lambda m: event_order(m[1], m[0]))
        dates = [d for _, d in shared if d]
        found.append(Met(other, len(shared), min(dates) if dates else None, max(dates) if dates else None,
                         tuple(e for e, _ in shared)))
    found.sort(key=lambda m: counterpart_order(m.meetings, m.other))
    return found
