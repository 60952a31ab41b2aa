"""The export's tables: their columns (names and types, documented in `docs/export.md`) and their rows.

One table per kind: `actors`, `locations`, `events`, `participations` and `sources`. Lists (aliases,
titles) are one string, joined by `"; "`, so that every cell is a scalar in CSV and Parquet alike.
`table_rows` reads the store once, a page at a time, and gives each table's rows as it goes.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from graph_schema.export.selection import Named, is_whole
from graph_schema.model import Actor, Article, Event, Location
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore, Page

ColumnType = Literal["string", "int", "float", "bool"]
Row = tuple[Any, ...]
LIST_SEPARATOR = "; "

TABLES: dict[str, tuple[tuple[str, ColumnType], ...]] = {
    "actors": (("id", "string"), ("name", "string"), ("kind", "string"), ("country", "string"),
               ("aliases", "string"), ("titles", "string"), ("affiliation", "string"),
               ("evidence_count", "int")),
    "locations": (("id", "string"), ("name", "string"), ("kind", "string"), ("country", "string"),
                  ("lat", "float"), ("lon", "float"), ("within", "string"), ("aliases", "string")),
    "events": (("id", "string"), ("type", "string"), ("cameo", "string"), ("is_meeting", "bool"),
               ("date", "string"), ("date_precision", "string"), ("date_text", "string"),
               ("location_id", "string"), ("place_name", "string"), ("place_country", "string"),
               ("lat", "float"), ("lon", "float"), ("participant_count", "int"), ("source_count", "int")),
    "participations": (("event_id", "string"), ("event_date", "string"), ("actor_id", "string"),
                       ("actor_name", "string"), ("actor_kind", "string"), ("actor_country", "string"),
                       ("role", "string"), ("represents", "string"), ("represents_name", "string"),
                       ("ord", "int"), ("evidence_count", "int")),
    "sources": (("event_id", "string"), ("ord", "int"), ("article_id", "string"), ("start", "int"),
                ("end", "int"), ("quote", "string"), ("url", "string"), ("outlet", "string"),
                ("published", "string"), ("title", "string")),
}


def joined(items: list[str]) -> str | None:
    return LIST_SEPARATOR.join(items) if items else None


def place_fields(chain: list[Location]) -> tuple[str | None, str | None, str | None, float | None, float | None]:
    """An event's place as one row shows it: the most specific place's id and name, and the first
    country and coordinates along its chain (a venue has none of its own; its city and country do)."""
    if not chain:
        return None, None, None, None, None
    country = next((loc.country for loc in chain if loc.country), None)
    point = next(((loc.lat, loc.lon) for loc in chain if loc.lat is not None and loc.lon is not None), (None, None))
    return chain[0].id, chain[0].name, country, point[0], point[1]


def actor_row(a: Actor) -> Row:
    return (a.id, a.name, str(a.kind), a.country, joined(sorted(a.aliases)), joined([t.title for t in a.titles]),
            a.affiliation, len(a.evidence))


def location_row(loc: Location) -> Row:
    return (loc.id, loc.name, str(loc.kind), loc.country, loc.lat, loc.lon, loc.within, joined(sorted(loc.aliases)))


def event_row(e: Event, chain: list[Location]) -> Row:
    return (e.id, e.type, e.cameo, e.is_meeting, e.date, str(e.date_precision) if e.date_precision else None,
            e.date_text, *place_fields(chain), len(e.participants), len(e.sources))


def participation_rows(e: Event, page: Page) -> list[Row]:
    rows = []
    for ord_, p in enumerate(e.participants):
        actor, represented = page.actors.get(p.actor), page.actors.get(p.represents or "")
        rows.append((e.id, e.date, p.actor, actor.name if actor else None, str(actor.kind) if actor else None,
                     actor.country if actor else None, str(p.role), p.represents,
                     represented.name if represented else None, ord_, len(p.evidence)))
    return rows


def source_rows(e: Event, articles: dict[str, Article]) -> list[Row]:
    rows = []
    for ord_, s in enumerate(e.sources):
        a = articles.get(s.article)
        rows.append((e.id, ord_, s.article, s.start, s.end, s.quote, a.url if a else None, a.outlet if a else None,
                     a.published if a else None, a.title if a else None))
    return rows


def page_articles(store: GraphStore, page: Page) -> dict[str, Article]:
    """The articles a page of events cites, in one read."""
    ids = sorted({s.article for e in page.items for s in e.sources})
    return {a.id: a for a in store.get_articles(ids)} if ids else {}


def table_rows(store: GraphStore, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[tuple[str, list[Row]]]:
    """(table, rows) pairs, read from the store once and a page at a time: with no filter every actor and
    place first, then the events; with filters, each page's new actors and places before its events."""
    whole = is_whole(query)
    if whole:
        for actors in store.actor_pages(size):
            yield "actors", [actor_row(a) for a in actors]
        for locations in store.location_pages(size):
            yield "locations", [location_row(loc) for loc in locations]
    named = Named()
    for page in store.event_pages(query, size):
        if not whole:
            yield "actors", [actor_row(a) for a in named.new_actors(page)]
            yield "locations", [location_row(loc) for loc in named.new_locations(page)]
        articles = page_articles(store, page)
        yield "events", [event_row(e, page.chains.get(e.location or "", [])) for e in page.items]
        yield "participations", [row for e in page.items for row in participation_rows(e, page)]
        yield "sources", [row for e in page.items for row in source_rows(e, articles)]
