"""Dyads: one CSV row per ordered actor pair per event, in the habit of ICEWS and GDELT.

An event with participants A, B and C gives A→B, A→C, B→A, B→C, C→A and C→B: each pair
both ways, as the event datasets list a source actor acting on a target. A row carries the event's
date, type and CAMEO code, both actors' names and countries, the place (most specific name, first
country and coordinates along its chain) and the event's first source: article id, URL, outlet and quote,
with the number of reports. An actor's country is its own, else that of the state it represents at the
event. Events with fewer than two participants give no row.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from graph_schema.export.csv_tables import cell
from graph_schema.export.tables import Row, page_articles, place_fields
from graph_schema.model import Article, Event, Participation
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore, Page

COLUMNS = ("event_id", "event_date", "event_type", "cameo", "is_meeting",
           "source_id", "source_name", "source_kind", "source_country", "source_role", "source_represents",
           "target_id", "target_name", "target_kind", "target_country", "target_role", "target_represents",
           "place_id", "place_name", "place_country", "lat", "lon",
           "article_id", "article_url", "article_outlet", "article_published", "quote", "report_count")


def _actor(p: Participation, page: Page) -> tuple[str, str | None, str | None, str | None, str, str | None]:
    actor, represented = page.actors.get(p.actor), page.actors.get(p.represents or "")
    country = (actor.country if actor else None) or (represented.country if represented else None)
    return (p.actor, actor.name if actor else None, str(actor.kind) if actor else None, country, str(p.role),
            p.represents)


def dyad_rows(e: Event, page: Page, articles: dict[str, Article]) -> list[Row]:
    """The event's ordered pairs of distinct participants, in participant order."""
    if len(e.participants) < 2:
        return []
    actors = [_actor(p, page) for p in e.participants]
    event = (e.id, e.date, e.type, e.cameo, e.is_meeting)
    place = place_fields(page.chains.get(e.location or "", []))
    first = e.sources[0] if e.sources else None
    article = articles.get(first.article) if first else None
    report = (first.article if first else None, article.url if article else None,
              article.outlet if article else None, article.published if article else None,
              first.quote if first else None, len(e.sources))
    return [(*event, *source, *target, *place, *report)
            for source in actors for target in actors if source[0] != target[0]]


def stream_dyads(store: GraphStore, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[bytes]:
    """The dyads of the events `query` picks, as CSV (header first), a page of events at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for page in store.event_pages(query, size):
        articles = page_articles(store, page)
        writer.writerows([cell(v) for v in row] for e in page.items for row in dyad_rows(e, page, articles))
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if data := buffer.getvalue():
        yield data.encode("utf-8")
