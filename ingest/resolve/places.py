"""One location per real place across all articles, each inside the next.

Countries are their ISO code, gazetteer places their geonameid, a person's
premises their resolved owner and kind ("office of Youri al-Saadi" is the
same whether an article spells him Yuri or Youri), and a named site or
district its name within its country. What a place lies within is the
most-reported enclosing place: one article may know the office is in the
Diplomatic Quarter, another that the Diplomatic Quarter is in Lima.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph_schema.model import Location, LocationKind
from ingest.extraction import Extraction, PlaceMention
from ingest.resolve.actors import ActorIndex
from ingest.resolve.ids import IdBook, country_location_id


@dataclass(slots=True)
class PlaceIndex:
    locations: dict[str, Location] = field(default_factory=dict)
    ids: dict[tuple[str, str], str] = field(default_factory=dict)  # (article id, local key) -> location id

    def of(self, article: str, key: str | None) -> str | None:
        return self.ids.get((article, key)) if key else None

    def chain(self, location_id: str | None) -> list[Location]:
        out: list[Location] = []
        seen: set[str] = set()
        while location_id and location_id in self.locations and location_id not in seen:
            seen.add(location_id)
            out.append(self.locations[location_id])
            location_id = self.locations[location_id].within
        return out

    def city_and_country(self, location_id: str | None) -> tuple[str | None, str | None]:
        city = country = None
        for loc in self.chain(location_id):
            if loc.kind == LocationKind.CITY and city is None:
                city = loc.id
            if loc.country and country is None:
                country = loc.country
        return city, country


def resolve_places(extractions: list[Extraction], actors: ActorIndex) -> PlaceIndex:
    index = PlaceIndex()
    book = IdBook("l:")
    members: dict[str, list[tuple[str, PlaceMention]]] = defaultdict(list)
    for x in extractions:
        for p in x.places:
            members[_identity(x.article.id, p, actors)].append((x.article.id, p))
    _split_by_country(members)
    ids: dict[str, str] = {}
    for identity in sorted(members):
        group = members[identity]
        first = group[0][1]
        names = Counter(_display_name(article, p, actors) for article, p in group)
        name = max(names, key=lambda n: (names[n], n))
        countries = Counter(p.country for _, p in group if p.country)
        country = max(countries, key=lambda c: (countries[c], c)) if countries else None
        if first.kind == LocationKind.COUNTRY and country:
            lid = country_location_id(country)
            book.taken.add(lid)
        else:
            lid = book.claim(name, country)
        ids[identity] = lid
        for article, p in group:
            index.ids[(article, p.key)] = lid
        forms = set(names) | {q for _, p in group for q in _spellings(p)}
        index.locations[lid] = Location(lid, name, first.kind, country, first.lat, first.lon, None,
                                        sorted(forms - {name}))
    for identity in sorted(members):
        lid = ids[identity]
        within = Counter(index.of(article, p.within) for article, p in members[identity] if p.within)
        within.pop(None, None)
        within.pop(lid, None)
        if within:
            index.locations[lid].within = max(within, key=lambda w: (within[w], w))
    _break_cycles(index)
    return index


def _spellings(p: PlaceMention) -> list[str]:
    """How the articles spell a gazetteer place ("Naypyidaw" for Nay Pyi Taw): names, not descriptions."""
    if not p.geonameid:
        return []
    return [e.quote for e in p.evidence if e.quote[:1].isupper() and len(e.quote.split()) <= 4
            and not e.quote.lower().startswith("the ") and e.quote != p.name]


def _identity(article: str, p: PlaceMention, actors: ActorIndex) -> str:
    if p.kind == LocationKind.COUNTRY and p.country:
        return f"country:{p.country}"
    if p.geonameid:
        return f"geo:{p.geonameid}"
    if p.key.startswith("v:") and p.key.count(":") >= 2:  # a person's premises: v:<person key>:<kind>
        _, owner, kind = p.key.split(":", 2)
        owner_id = actors.of(article, owner)
        if owner_id:
            return f"premises:{owner_id}:{kind}"
    return f"named:{p.kind}:{p.key.split(':', 1)[-1]}"


def _split_by_country(members: dict[str, list[tuple[str, PlaceMention]]]) -> None:
    """Two sites of one name in different countries ("Parliament House") are two places;
    a mention that does not know its country joins the most reported one."""
    for identity in [i for i in members if i.startswith("named:")]:
        group = members[identity]
        countries = Counter(p.country for _, p in group if p.country)
        if len(countries) < 2:
            continue
        main = max(countries, key=lambda c: (countries[c], c))
        del members[identity]
        for article, p in group:
            members[f"{identity}:{p.country or main}"].append((article, p))


def _display_name(article: str, p: PlaceMention, actors: ActorIndex) -> str:
    if p.key.startswith("v:") and p.key.count(":") >= 2:
        _, owner, kind = p.key.split(":", 2)
        owner_id = actors.of(article, owner)
        if owner_id and owner_id in actors.actors:
            return f"{kind} of {actors.actors[owner_id].name}"
    return p.name


def _break_cycles(index: PlaceIndex) -> None:
    for lid in sorted(index.locations):
        seen = {lid}
        loc = index.locations[lid]
        while loc.within and loc.within in index.locations:
            if loc.within in seen:
                loc.within = None
                break
            seen.add(loc.within)
            loc = index.locations[loc.within]
