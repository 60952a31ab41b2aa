"""The fingerprints the Neo4j store compares and writes, computed only when asked for.

On an empty store nothing is compared: every print is only written, with its
row. `StorePrints` computes each when the row is built, which happens in the
writer's helper thread while Neo4j works on the previous transaction, so
fingerprinting a big first load overlaps the server instead of preceding it.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from graph_schema.document import (
    actor_record,
    article_record,
    event_record,
    location_record,
)
from graph_schema.model import Graph
from graph_schema.stores.counterparts import Met
from graph_schema.stores.fingerprint import (
    SECTIONS,
    Key,
    Print,
    conflict_ids,
    digest,
    record_print,
)
from graph_schema.stores.neo4j.writes import actor_summaries, event_counts, meeting_counts


class StorePrints(Mapping[Key, Print]):
    """The prints of `fingerprint.py`, with what this store derives from other elements in the facts of
    their owner (an actor's meeting and event counts, counterparts and representation summaries; an event's
    date and meeting flag, which its participations' meeting keys hold). Each is computed on first use and
    kept; keys in section order."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._conflicts = [cid for cid, _ in conflict_ids(graph.conflicts)]
        self._counts: dict[str, int] | None = None
        self._summaries: dict[str, dict[str, list[Met]]] | None = None
        self._events: dict[str, int] = {}
        self._done: dict[Key, Print] = {}

    def summaries(self) -> dict[str, dict[str, list[Met]]]:
        """`writes.actor_summaries` of the graph, computed once for the prints and the rows that write them."""
        if self._summaries is None:
            self._summaries = actor_summaries(self._graph)
        return self._summaries

    def __iter__(self) -> Iterator[Key]:
        g = self._graph
        for section, ids in zip(SECTIONS, (g.articles, g.actors, g.locations, g.events, self._conflicts),
                                strict=True):
            for i in ids:
                yield section, i

    def __len__(self) -> int:
        g = self._graph
        return len(g.articles) + len(g.actors) + len(g.locations) + len(g.events) + len(self._conflicts)

    def __getitem__(self, key: Key) -> Print:
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._compute(*key)
        return found

    def _compute(self, section: str, i: str) -> Print:
        g = self._graph
        if section == "conflicts":
            if i not in self._conflicts:
                raise KeyError((section, i))
            return record_print(section, i, {})
        try:
            if section == "articles":
                return record_print(section, i, article_record(g.articles[i]))
            if section == "locations":
                return record_print(section, i, location_record(g.locations[i]))
            if section == "actors":
                p = record_print(section, i, actor_record(g.actors[i]))
                if self._counts is None:
                    self._counts, self._events = meeting_counts(g), event_counts(g)
                summaries = {kind: [m.as_list() for m in by_actor.get(i, ())]
                             for kind, by_actor in self.summaries().items()}
                return Print(p.node, digest([p.facts, self._counts.get(i, 0), summaries, self._events.get(i, 0)]))
            if section == "events":
                e = g.events[i]
                p = record_print(section, i, event_record(e))
                return Print(p.node, digest([p.facts, e.date, e.is_meeting]))
        except KeyError:
            raise KeyError((section, i)) from None
        raise KeyError((section, i))


def store_prints(graph: Graph) -> dict[Key, Print]:
    """Every print of `graph`, computed now (to compare with what the store holds)."""
    return dict(StorePrints(graph))
