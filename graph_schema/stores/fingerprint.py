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


def graph_records(graph: Graph) -> dict[str, dict[str, dict[str, Any]]]:
    """Each section's document records by id (conflicts by their content id)."""
    return {
        "articles": {i: article_record(a) for i, a in graph.articles.items()},
        "actors": {i: actor_record(a) for i, a in graph.actors.items()},
        "locations": {i: location_record(loc) for i, loc in graph.locations.items()},
        "events": {i: event_record(e) for i, e in graph.events.items()},
        "conflicts": {cid: conflict_record(c) for cid, c in conflict_ids(graph.conflicts)},
    }


def record_print(section: str, key: str, record: dict[str, Any]) -> Print:
    """The fingerprints of one document record."""
    if section == "conflicts":
        return Print(key, key)
    node = digest(record)
    if section == "actors":
        return Print(node, digest({"affiliation": record["affiliation"],
                                   "titles": [o for o in record["offices"] if o["of"] is not None]}))
    if section == "locations":
        return Print(node, digest(record["within"]))
    if section == "events":
        return Print(node, digest({k: record[k] for k in ("location", "participants", "sources")}))
    return Print(node, "")


def record_prints(records: dict[str, dict[str, dict[str, Any]]]) -> dict[Key, Print]:
    return {(section, key): record_print(section, key, record)
            for section in SECTIONS for key, record in records[section].items()}


def fingerprints(graph: Graph) -> dict[Key, Print]:
    return record_prints(graph_records(graph))


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
