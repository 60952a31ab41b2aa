"""`diplomatic-graph/1`, streamed: byte for byte what `ingest/export.py` writes, a page at a time.

With no filter it is the whole graph, read section by section. With filters it is a smaller graph
that a store accepts as it is: the matching events, the actors they name with the states and
organisations those hold titles of or belong to, their places with all the places these lie within,
the articles their sources cite and the conflicts about any of these. The events go to a temporary
file while the ids they name are gathered, because the document lists articles and actors first.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from graph_schema.document import (
    FORMAT,
    actor_record,
    article_record,
    conflict_record,
    event_record,
    location_record,
)
from graph_schema.export.selection import is_whole
from graph_schema.model import Actor, Location
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore

SECTIONS = ("articles", "actors", "locations", "events", "conflicts")


def _item(record: dict[str, Any]) -> bytes:
    """One list item as `json.dumps(document, ensure_ascii=False, indent=2)` lays it out, two levels deep."""
    return b"    " + orjson.dumps(record, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n    ")


def _section(name: str, pages: Iterable[list[dict[str, Any]]], last: bool = False) -> Iterator[bytes]:
    """`"name": [ ... ]` with the records of `pages`, a page per chunk."""
    yield f'  "{name}": ['.encode()
    first = True
    for records in pages:
        if not records:
            continue
        yield (b"\n" if first else b",\n") + b",\n".join(map(_item, records))
        first = False
    yield (b"]" if first else b"\n  ]") + (b"\n" if last else b",\n")


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def stream_document(store: GraphStore, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[bytes]:
    yield f'{{\n  "format": "{FORMAT}",\n'.encode()
    if is_whole(query):
        yield from _section("articles", ([article_record(a) for a in page] for page in store.article_pages(size)))
        yield from _section("actors", ([actor_record(a) for a in page] for page in store.actor_pages(size)))
        yield from _section("locations", ([location_record(x) for x in page] for page in store.location_pages(size)))
        yield from _section("events", ([event_record(e) for e in page.items]
                                       for page in store.event_pages(EventQuery(), size)))
        yield from _section("conflicts", [[conflict_record(c) for c in store.all_conflicts()]], last=True)
    else:
        yield from _filtered(store, query, size)
    yield b"}\n"


def _filtered(store: GraphStore, query: EventQuery, size: int) -> Iterator[bytes]:
    actors: dict[str, Actor] = {}
    locations: dict[str, Location] = {}
    articles: set[str] = set()
    events: set[str] = set()
    with tempfile.TemporaryFile(prefix="diplograph-events-") as spool:
        for chunk in _section("events", ([event_record(e) for e in page.items] for page in _gather(
                store.event_pages(query, size), actors, locations, articles, events))):
            spool.write(chunk)
        _add_title_holders(store, actors, size)
        yield from _section("articles", ([article_record(a) for a in store.get_articles(ids)]
                                         for ids in _batches(sorted(articles), size)))
        yield from _section("actors", [[actor_record(actors[i]) for i in sorted(actors)]])
        yield from _section("locations", [[location_record(locations[i]) for i in sorted(locations)]])
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            yield chunk
    subjects = actors.keys() | locations.keys() | events
    yield from _section("conflicts", [[conflict_record(c) for c in store.all_conflicts() if c.subject in subjects]],
                        last=True)


def _gather(pages: Iterable[Any], actors: dict[str, Actor], locations: dict[str, Location], articles: set[str],
            events: set[str]) -> Iterator[Any]:
    """The pages as they are, noting what each names."""
    for page in pages:
        actors.update(page.actors)
        for chain in page.chains.values():
            locations.update((loc.id, loc) for loc in chain)
        articles.update(s.article for e in page.items for s in e.sources)
        events.update(e.id for e in page.items)
        yield page


def _add_title_holders(store: GraphStore, actors: dict[str, Actor], size: int) -> None:
    """Add the actors that those already there hold titles of or belong to, until none is missing."""
    asked: set[str] = set()
    while missing := sorted({i for a in actors.values() for i in (a.affiliation, *(t.of for t in a.titles))
                             if i and i not in actors and i not in asked}):
        asked.update(missing)
        for ids in _batches(missing, size):
            actors.update(store.get_actors(ids))
