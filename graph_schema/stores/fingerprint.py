"""Content fingerprints of a graph's elements, and the difference between two graphs.

Both stores write only what changed and report it the same way: an element
(article, actor, location, event, conflict) is created, updated or deleted
when its fingerprint appears, changes or disappears. Each element has two
fingerprints: `node` covers everything about it, `facts` only the
relationships it owns (an event owns its participations, sources and
location; an actor its held titles and affiliation; a location its `within`),
so Neo4j can rewrite a node's properties without touching its relationships.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import orjson

from graph_schema.document import (
    actor_record,
    article_record,
    conflict_record,
    event_record,
    location_record,
)
from graph_schema.model import Conflict, Graph
from graph_schema.store import WriteStats

Key = tuple[str, str]  # (section, id): ("events", "e:...")
SECTIONS = ("articles", "actors", "locations", "events", "conflicts")


@dataclass(frozen=True, slots=True)
class Print:
    node: str
    facts: str


def digest(value: Any) -> str:
    return hashlib.blake2b(orjson.dumps(value, option=orjson.OPT_SORT_KEYS), digest_size=12).hexdigest()


def conflict_ids(conflicts: list[Conflict]) -> list[tuple[str, Conflict]]:
    """A content id per conflict (`c:<hash>`); identical conflicts get `-2`, `-3`, ... suffixes."""
    seen: Counter[str] = Counter()
    out = []
    for c in conflicts:
        base = "c:" + digest(conflict_record(c))
        seen[base] += 1
        out.append((base if seen[base] == 1 else f"{base}-{seen[base]}", c))
    return out


def fingerprints(graph: Graph) -> dict[Key, Print]:
    prints: dict[Key, Print] = {}
    for a in graph.articles.values():
        prints["articles", a.id] = Print(digest(article_record(a)), "")
    for actor in graph.actors.values():
        record = actor_record(actor)
        facts = {"affiliation": record["affiliation"],
                 "titles": [o for o in record["offices"] if o["of"] is not None]}
        prints["actors", actor.id] = Print(digest(record), digest(facts))
    for loc in graph.locations.values():
        prints["locations", loc.id] = Print(digest(location_record(loc)), digest(loc.within))
    for event in graph.events.values():
        record = event_record(event)
        facts = {k: record[k] for k in ("location", "participants", "sources")}
        prints["events", event.id] = Print(digest(record), digest(facts))
    for cid, _ in conflict_ids(graph.conflicts):
        prints["conflicts", cid] = Print(cid, cid)
    return prints


@dataclass(slots=True)
class GraphDiff:
    created: list[Key] = field(default_factory=list)
    updated: list[Key] = field(default_factory=list)  # node fingerprint changed
    deleted: list[Key] = field(default_factory=list)
    facts_changed: list[Key] = field(default_factory=list)  # created, or owned relationships changed

    @property
    def stats(self) -> WriteStats:
        return WriteStats(created=len(self.created), updated=len(self.updated), deleted=len(self.deleted))

    def ids(self, kind: str, section: str) -> list[str]:
        """Ids of one section in `created`, `updated`, `deleted` or `facts_changed`."""
        return [i for s, i in getattr(self, kind) if s == section]


def diff(old: dict[Key, Print], new: dict[Key, Print]) -> GraphDiff:
    d = GraphDiff()
    for key, p in new.items():
        before = old.get(key)
        if before is None:
            d.created.append(key)
            d.facts_changed.append(key)
            continue
        if before.node != p.node:
            d.updated.append(key)
        if before.facts != p.facts:
            d.facts_changed.append(key)
    d.deleted = [key for key in old if key not in new]
    return d
