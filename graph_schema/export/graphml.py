"""GraphML, for Gephi, Cytoscape, yEd, networkx and igraph.

Nodes: every actor and place (`node_type` actor or location), and with meetings as nodes every event
too. Edges: with meetings as nodes (a directed graph), `participated_in` from actor to event (role,
represents), `located_in` from event to place and `within` from place to place; with meetings as
edges (an undirected multigraph), one `met` edge between each pair of an event's participants,
carrying the event's id, type, date, CAMEO code and place, plus the `within` links of the places.

Every attribute is declared with its type (dates as ISO strings, counts as ints, coordinates as
doubles), `label` is what Gephi shows and `weight` is 1.0 on every edge. A node is always written
before the first edge that names it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from graph_schema.export.selection import Named, is_whole
from graph_schema.export.tables import joined, place_fields
from graph_schema.model import Actor, Event, Location
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore, Page


class MeetingsAs(StrEnum):
    nodes = "nodes"
    edges = "edges"


# (key id = attribute name, for, GraphML type)
NODE_KEYS = (("label", "string"), ("node_type", "string"), ("kind", "string"), ("country", "string"),
             ("aliases", "string"), ("titles", "string"), ("affiliation", "string"), ("lat", "double"),
             ("lon", "double"), ("type", "string"), ("cameo", "string"), ("is_meeting", "boolean"),
             ("date", "string"), ("date_precision", "string"), ("place", "string"), ("participant_count", "int"),
             ("source_count", "int"))
EDGE_KEYS = (("edge_type", "string"), ("weight", "double"), ("role", "string"), ("represents", "string"),
             ("evidence_count", "int"), ("event", "string"), ("type", "string"), ("cameo", "string"),
             ("date", "string"), ("place", "string"), ("place_name", "string"), ("place_country", "string"))

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """Text XML can hold: characters XML 1.0 forbids (stray control characters in a quote) dropped."""
    return _NOT_XML.sub("", value)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return escape(_text(str(value)))


def _data(attributes: dict[str, Any], prefix: str = "") -> str:
    return "".join(f'<data key="{prefix}{k}">{_value(v)}</data>' for k, v in attributes.items() if v is not None)


def _node(node_id: str, attributes: dict[str, Any]) -> str:
    return f"    <node id={quoteattr(_text(node_id))}>{_data(attributes)}</node>\n"


def _edge(source: str, target: str, attributes: dict[str, Any]) -> str:
    return (f"    <edge source={quoteattr(_text(source))} target={quoteattr(_text(target))}>"
            f"{_data({'weight': 1.0, **attributes}, prefix='e_')}</edge>\n")


def actor_node(a: Actor) -> str:
    return _node(a.id, {"label": a.name, "node_type": "actor", "kind": str(a.kind), "country": a.country,
                        "aliases": joined(sorted(a.aliases)), "titles": joined([t.title for t in a.titles]),
                        "affiliation": a.affiliation})


def location_node(loc: Location) -> str:
    return _node(loc.id, {"label": loc.name, "node_type": "location", "kind": str(loc.kind),
                          "country": loc.country, "aliases": joined(sorted(loc.aliases)), "lat": loc.lat,
                          "lon": loc.lon})


def within_edge(loc: Location) -> str:
    return _edge(loc.id, loc.within, {"edge_type": "within"}) if loc.within else ""


def event_as_node(e: Event) -> str:
    """The event's node, its participations and its place."""
    parts = [_node(e.id, {"label": f"{e.type} {e.date or 'undated'}", "node_type": "event", "kind": e.type,
                          "type": e.type, "cameo": e.cameo, "is_meeting": e.is_meeting, "date": e.date,
                          "date_precision": str(e.date_precision) if e.date_precision else None,
                          "place": e.location, "participant_count": len(e.participants),
                          "source_count": len(e.sources)})]
    parts += [_edge(p.actor, e.id, {"edge_type": "participated_in", "role": str(p.role), "represents": p.represents,
                                    "evidence_count": len(p.evidence), "date": e.date})
              for p in e.participants]
    if e.location:
        parts.append(_edge(e.id, e.location, {"edge_type": "located_in"}))
    return "".join(parts)


def event_as_edges(e: Event, page: Page) -> str:
    """One `met` edge per pair of the event's participants."""
    ids = [p.actor for p in e.participants]
    place_id, place_name, place_country, _, _ = place_fields(page.chains.get(e.location or "", []))
    attributes = {"edge_type": "met", "event": e.id, "type": e.type, "cameo": e.cameo, "date": e.date,
                  "place": place_id, "place_name": place_name, "place_country": place_country}
    return "".join(_edge(a, b, attributes) for i, a in enumerate(ids) for b in ids[i + 1:] if a != b)


def _header(directed: bool) -> str:
    keys = [f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n' for name, kind in NODE_KEYS]
    keys += [f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n'
             for name, kind in EDGE_KEYS]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
            + "".join(keys)
            + f'  <graph id="diplograph" edgedefault="{"directed" if directed else "undirected"}">\n')


def stream_graphml(store: GraphStore, query: EventQuery, meetings_as: MeetingsAs = MeetingsAs.nodes,
                   size: int = EXPORT_PAGE) -> Iterator[bytes]:
    """The GraphML document, a page of the store at a time."""
    yield _header(directed=meetings_as == MeetingsAs.nodes).encode("utf-8")
    whole = is_whole(query)
    if whole:
        for actors in store.actor_pages(size):
            yield "".join(map(actor_node, actors)).encode("utf-8")
        inside: list[Location] = []
        for locations in store.location_pages(size):
            yield "".join(map(location_node, locations)).encode("utf-8")
            inside += [loc for loc in locations if loc.within]
        yield "".join(map(within_edge, inside)).encode("utf-8")
    named = Named()
    for page in store.event_pages(query, size):
        parts: list[str] = []
        if not whole:
            parts += map(actor_node, named.new_actors(page))
            places = named.new_locations(page)  # each after the place it lies within
            parts += map(location_node, places)
            parts += map(within_edge, places)
        if meetings_as == MeetingsAs.nodes:
            parts += map(event_as_node, page.items)
        else:
            parts += (event_as_edges(e, page) for e in page.items)
        yield "".join(parts).encode("utf-8")
    yield b"  </graph>\n</graphml>\n"
