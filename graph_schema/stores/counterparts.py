"""Who met whom, per actor: the summary behind an actor's counterparts (issue 16).

Both stores answer `counterparts` from it: Neo4j writes it with the actor's
facts (one `MET` relationship per counterpart, keyed in listing order), the
embedded store builds an actor's on first read. Made from the meetings alone,
so whatever writes the meetings keeps it exact.
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
