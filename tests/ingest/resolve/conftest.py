"""Hand-built extractions for the resolution tests: no spaCy, every field chosen."""
from __future__ import annotations

from graph_schema.model import (
    ActorKind,
    Article,
    DatePrecision,
    Evidence,
    LocationKind,
    Role,
)
from ingest.extraction import (
    ActorMention,
    EventMention,
    Extraction,
    ParticipantMention,
    PlaceMention,
    TitleMention,
)


def ev(article: str, start: int = 0, quote: str = "...") -> Evidence:
    return Evidence(article, start, start + len(quote), quote)


def person(article: str, key: str, name: str, country: str | None = None, titles: tuple[str, ...] = (),
           aliases: tuple[str, ...] = (), of: str | None = None) -> ActorMention:
    return ActorMention(key, name, ActorKind.PERSON, country, list(aliases),
                        [TitleMention(t, of if of else (f"s:{country.lower()}" if country else None), ev(article, 0, t))
                         for t in titles], [ev(article, 5, name)])


def state(article: str, alpha3: str, name: str) -> ActorMention:
    return ActorMention(f"s:{alpha3.lower()}", name, ActorKind.STATE, alpha3, [], [], [ev(article, 9, name)])


def city(key: str, name: str, country: str, geonameid: int) -> PlaceMention:
    return PlaceMention(key, name, LocationKind.CITY, country, None, None, f"c:{country.lower()}", geonameid)


def country(alpha3: str, name: str) -> PlaceMention:
    return PlaceMention(f"c:{alpha3.lower()}", name, LocationKind.COUNTRY, alpha3)


def meeting(article: str, key: str, start: int, parts: list[tuple[str, str, str | None]], date: str | None = None,
            place: str | None = None, precision: DatePrecision = DatePrecision.DAY, quote: str = "they met",
            type_: str = "meeting", cameo: str = "040") -> EventMention:
    return EventMention(key, type_, cameo, ev(article, start, quote), date, precision if date else None,
                        "Monday" if date else None, place,
                        [ParticipantMention(a, Role(role), rep, [ev(article, start, a)]) for a, role, rep in parts])


def article(id_: str, published: str = "2019-05-06", dateline: str | None = None, actors=(), places=(),
            events=()) -> Extraction:
    return Extraction(Article(id_, f"title {id_}", "Outlet", None, published, dateline, "en"),
                      list(actors), list(places), list(events))
