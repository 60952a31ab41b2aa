"""What an export holds: the events the filters pick, and what those events name.

The filters are the API's event filters (an `EventQuery`: dates, actor, type, place, ...). With none
set, an export is the whole graph: every actor, place and article, even those no event names. With
some set, it is the matching events and what they name: their participants and represented states,
and each event's place with all it lies within.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from graph_schema.model import Actor, Location
from graph_schema.store import EventQuery, Page

_FILTERS = tuple(f.name for f in fields(EventQuery) if f.name not in ("offset", "limit"))


def is_whole(query: EventQuery) -> bool:
    """True when no filter is set: the export is the whole graph."""
    return all(getattr(query, name) is None for name in _FILTERS)


@dataclass(slots=True)
class Named:
    """The actors and places a filtered export has written so far (ids only), so each goes out once,
    before the first event that names it."""

    actors: set[str] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)

    def new_actors(self, page: Page) -> list[Actor]:
        found = [a for i, a in sorted(page.actors.items()) if i not in self.actors]
        self.actors.update(a.id for a in found)
        return found

    def new_locations(self, page: Page) -> list[Location]:
        """Places of the page not written yet, each after the place it lies within."""
        found: list[Location] = []
        for chain in page.chains.values():
            for location in reversed(chain):
                if location.id not in self.locations:
                    self.locations.add(location.id)
                    found.append(location)
        return found
