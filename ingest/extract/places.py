"""Where an event happened, as a chain from the most specific place to the country.

The places are the objects of "in/at" that hang on the event's words (and on
nested "in/at" below them: "at X's office in the Diplomatic Quarter compound in
Lima"), place names compounded with the trigger ("the Lima talks"), and
"the <demonym> capital". A person's premises ("al-Saadi's home", "the
offices of X") are a venue whose owner hosted the event. Cities and countries
come from the gazetteer; a named site the gazetteer does not know (a palace,
a district) stays a venue or district inside the city found with it.

Place keys are local to the article and say what the place is:
`c:<alpha3>` country, `g:<geonameid>` gazetteer place, `v:<owner key>:<kind>`
a person's premises, `v:<slug>` a named venue, `d:<slug>` a district.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.symbols import NOUN, VERB
from spacy.tokens import Span, Token

from graph_schema.model import ActorKind, LocationKind
from ingest import gazetteer
from ingest.extract.context import ArticleContext
from ingest.extract.coreference import refer
from ingest.extract.events import Candidate, took_place
from ingest.extract.lexicon import (
    FOREIGN_BUILDING_WORDS,
    GATHERING_NOUNS,
    LOCATIVE_PREPS,
    OCCASION_NOUNS,
    PREMISES,
    fold,
)
from ingest.extract.participants import listed
from ingest.when import MONTHS
from ingest.extraction import PlaceMention

SPECIFICITY = {LocationKind.VENUE: 0, LocationKind.DISTRICT: 1, LocationKind.CITY: 2, LocationKind.REGION: 3,
               LocationKind.COUNTRY: 4}
DISTRICT_WORDS = frozenset({"zone", "district", "quarter", "neighbourhood", "neighborhood", "compound", "area"})
# a named sea or mountain range is no place an event is "in": "the Black Sea resort of Sochi" is in Sochi
NATURAL_WORDS = frozenset({"sea", "gulf", "ocean", "river", "lake", "mountains", "mountain", "valley", "desert",
                           "coast", "peninsula", "bay", "strait", "channel", "basin", "plateau", "range"})
SETTLEMENT_WORDS = frozenset({"resort", "town", "city", "village", "port", "capital", "island", "enclave"})
EVENT_PLACE_PREPS = LOCATIVE_PREPS - {"on", "across", "throughout"} | {"outside", "near"}
STAY_NOUNS = frozenset({"stopover", "stop", "visit", "trip", "tour", "stay", "layover"})  # "during a stopover in X"


@dataclass(slots=True)
class Found:
    key: str
    name: str
    kind: LocationKind
    country: str | None
    span: Span
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    owner: str | None = None  # actor key of the person whose premises these are

    @classmethod
    def of(cls, place: gazetteer.Place, span: Span) -> Found:
        """A gazetteer place where `span` names it: countries keyed by code, cities and regions by geonameid."""
        key = f"c:{place.country.lower()}" if place.kind == LocationKind.COUNTRY \
            else f"g:{place.geonameid or _slug(place.name)}"
        return cls(key, place.name, place.kind, place.country, span, place.lat, place.lon, place.geonameid)


class PlaceBook:
    """The article's place mentions, one per key, with their `within` links."""

    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.places: dict[str, PlaceMention] = {}

    def add(self, found: Found) -> str:
        place = self.places.get(found.key)
        evidence = self.ctx.span_evidence(found.span)
        if place is None:
            place = PlaceMention(found.key, found.name, found.kind, found.country, found.lat, found.lon, None,
                                 found.geonameid, [])
            self.places[found.key] = place
        if evidence not in place.evidence:
            place.evidence.append(evidence)
        return found.key

    def country(self, alpha3: str, span: Span) -> str:
        c = gazetteer.country(alpha3)
        return self.add(Found(f"c:{alpha3.lower()}", c.name if c else alpha3, LocationKind.COUNTRY, alpha3, span,
                              c.lat if c else None, c.lon if c else None))

    def chain(self, found: list[Found]) -> str | None:
        """Link the places of one event, most specific first; the key of the most specific."""
        if not found:
            return None
        found = sorted(found, key=lambda f: SPECIFICITY[f.kind])
        cities = [f for f in found if f.kind == LocationKind.CITY]
        countries = {f.country for f in found if f.kind == LocationKind.COUNTRY}
        if cities and countries and not any(c.country in countries for c in cities):
            # a city and a country that do not contain each other: trust the more specific one
            found = [f for f in found if f.kind != LocationKind.COUNTRY]
        keys: list[str] = []
        kinds: list[LocationKind] = []
        for f in found:
            if kinds and SPECIFICITY[f.kind] == SPECIFICITY[kinds[-1]] and f.kind != LocationKind.VENUE:
                continue  # two cities: keep the first (nearest the trigger)
            if f.kind == LocationKind.COUNTRY and keys and self.places[keys[-1]].country not in (None, f.country):
                continue
            keys.append(self.add(f))
            kinds.append(f.kind)
        last = self.places[keys[-1]]
        if last.kind in (LocationKind.CITY, LocationKind.REGION) and last.country:
            keys.append(self.country(last.country, found[-1].span))
        for inner, outer in pairwise(keys):
            place = self.places[inner]
            if place.within is None and inner != outer:
                place.within = outer
            if place.country is None:
                place.country = self.places[outer].country
        return keys[0]


def event_places(ctx: ArticleContext, candidate: Candidate) -> list[Found]:
    """The places an event's words put it in, in the order found."""
    found: list[Found] = []
    seen: set[int] = set()
    for token in [*candidate.triggers, *candidate.verbs]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in EVENT_PLACE_PREPS:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    _walk(ctx, pobj, found, seen, depth=0)
            elif child.dep_ == "prep" and child.lower_ == "on":  # "on the sidelines of a forum in Brunei"
                for pobj in (c for c in child.children if c.dep_ == "pobj" and c.lower_ in OCCASION_NOUNS):
                    _walk(ctx, pobj, found, seen, depth=0)
            elif child.dep_ == "prep" and child.lower_ == "during":  # "during a stopover in Brasilia"
                for pobj in (c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in STAY_NOUNS):
                    _walk(ctx, pobj, found, seen, depth=0)
            elif child.dep_ in ("compound", "nmod") and token in candidate.triggers:
                m = ctx.mention_at(child)
                own_name = child.ent_iob_ != "O" and token.ent_iob_ == "I" and token.ent_type_ == child.ent_type_
                if (m is None or m.kind != ActorKind.STATE or m.via == "capital") and not own_name:
                    _named(ctx, child, found, seen)  # "the Lima talks"; not "U.S.-Chinese talks", not its name
            elif (child.dep_ in ("dobj", "appos", "conj") and token.pos_ == "VERB" or child.dep_ == "prep"
                  and child.lower_ in ("with", "between")) and token in candidate.triggers:
                partners = [p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" else [child]
                for obj in (o for p in partners for o in listed(p)):  # a misattached "at <place>" hangs on one
                    # "hosted his counterpart A and B at São Bento Palace", "met with X at the palace, in Caracas"
                    for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("at", "in")):
                        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                            _walk(ctx, pobj, found, seen, depth=0)
            elif child.dep_ in ("relcl", "acl") and token in candidate.triggers:
                for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ in EVENT_PLACE_PREPS):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        _walk(ctx, pobj, found, seen, depth=0)
    if not found:
        for destination in _destinations(candidate):
            _walk(ctx, destination, found, seen, depth=0)
    if not found:
        gathering = _gathering(ctx, candidate)
        if gathering is not None:
            found = _venue_of(ctx, gathering)
    return found


def _gathering(ctx: ArticleContext, candidate: Candidate) -> Token | None:
    """"met on the sidelines of the summit", "talks at the conference": the gathering, named as one
    already known ("the"), that the meeting took place at."""
    for token in [*candidate.triggers, *candidate.verbs]:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "during")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lower_ in OCCASION_NOUNS:
                    pobj = next((g for of in pobj.children if of.dep_ == "prep" and of.lower_ == "of"
                                 for g in of.children if g.dep_ == "pobj"), pobj)
                if pobj.lower_ in GATHERING_NOUNS \
                        and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in pobj.children):
                    return pobj
    return None


def _venue_of(ctx: ArticleContext, gathering: Token) -> list[Found]:
    """Where the article says the gathering was ("the summit of the African Union, which was held in
    Addis Ababa"), when it says one place for every mention of it."""
    venues: dict[str, list[Found]] = {}
    for token in ctx.doc:
        if token.i == gathering.i or token.lower_ != gathering.lower_:
            continue
        owners = [g for of in token.children if of.dep_ == "prep" and of.lower_ == "of"
                  for g in of.children if g.dep_ == "pobj"]  # "the summit of the AU, which was held in X"
        heads = [token, *(c for t in (token, *owners) for c in t.children if c.dep_ in ("relcl", "acl"))]
        found: list[Found] = []
        seen: set[int] = set()
        for head in heads:
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    _walk(ctx, pobj, found, seen, depth=0)
        if found:
            venues[found[0].key] = found
    return next(iter(venues.values())) if len(venues) == 1 else []


MOTION_VERBS = frozenset({"fly", "travel", "go", "come", "arrive", "head", "return", "drive", "journey"})
ARRIVAL_VERBS = frozenset({"arrive", "visit", "land", "travel", "fly", "come", "reach"})
REACHED = frozenset({"visit", "reach"})  # the place is the object: "visited Lima", "reached Lima last night"


def arrivals(ctx: ArticleContext) -> dict[str, list[Found]]:
    """Where each visitor came to ("the Mission ... arrived in Port-au-Prince on Sunday", "X is visiting
    Lima", "the first visit to Pakistan by an Indian prime minister"): the place of the visitor's meetings
    the article does not place otherwise. Only a visitor who came to one place; a country is narrowed to
    the one city of it where the article says anything happened ("arrived in the Philippines ... the
    meetings in Manila")."""
    found: dict[str, dict[str, list[Found]]] = {}
    for token in ctx.doc:
        if token.pos not in (NOUN, VERB):  # the cheap test first: this runs on every word
            continue
        journey = _journey(token)
        if journey is None:
            continue
        targets, travellers = journey
        places: list[Found] = []
        seen: set[int] = set()
        for target in targets:
            _walk(ctx, target, places, seen, depth=0)
        cities = [p for p in places if p.kind == LocationKind.CITY]  # a city the gazetteer knows
        countries = [p for p in places if p.kind == LocationKind.COUNTRY]
        places = cities or (_only_city_in(ctx, countries[0].country) or countries[:1] if countries else [])
        if not places:
            continue
        for traveller in travellers:
            for key in refer(ctx, traveller):
                if ctx.actors[key].kind == ActorKind.PERSON:
                    found.setdefault(key, {})[places[0].key] = places
    return {key: next(iter(where.values())) for key, where in found.items() if len(where) == 1}


def _journey(token: Token) -> tuple[list[Token], list[Token]] | None:
    """Where a verb or a noun of arriving says someone came to, and who: ("arrived in X", "visited X",
    "X's visit to Y", "a visit to Y by X")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma == "visit":
        targets = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "to"
                   for p in prep.children if p.dep_ == "pobj"]
        travellers = [c for c in token.children if c.dep_ == "poss"] + [
            p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "by" for p in prep.children
            if p.dep_ == "pobj"] + _on_the_visit(token)
        return (targets, travellers) if targets and travellers else None
    if token.pos_ != "VERB" or lemma not in ARRIVAL_VERBS or not took_place(token) or any(
            c.dep_ == "advmod" and c.lower_ in ("last", "previously", "once", "first") for c in token.children):
        return None  # "who last visited the United States in 1979" is another journey; "suggested X visit" none
    targets = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "into", "at")
               for p in prep.children if p.dep_ == "pobj"]
    if lemma in REACHED:
        targets += [c for c in token.children if c.dep_ == "dobj"]
    travellers = [token.head if c.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl" else c
                  for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]  # "X, who reached Lima"
    return (targets, travellers) if targets and travellers else None


RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def _on_the_visit(visit: Token) -> list[Token]:
    """Who is "on" a visit: "X is on a three-day visit to Pakistan", "X, on a visit to Japan, said",
    "an official accompanying X on the visit to Pakistan"."""
    if visit.dep_ != "pobj" or visit.head.lower_ != "on":
        return []
    governor = visit.head.head
    if governor.pos_ in ("NOUN", "PROPN"):
        return [governor]
    out = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
    if governor.lemma_.lower() == "accompany":
        out = [c for c in governor.children if c.dep_ == "dobj"] + out
    return out


def _only_city_in(ctx: ArticleContext, country: str | None) -> list[Found]:
    """The one city of `country` that the article is filed from or puts anything "in" or "at", if there
    is exactly one."""
    memo = ctx.memo.setdefault("only city in", {})
    if country not in memo:
        memo[country] = _find_only_city_in(ctx, country)
    return memo[country]


def _find_only_city_in(ctx: ArticleContext, country: str | None) -> list[Found]:
    filed = filed_from(ctx)
    if filed is not None and filed.kind == LocationKind.CITY and filed.country == country:
        return [filed]
    cities: dict[str, list[Found]] = {}
    for token in ctx.doc:
        if token.dep_ != "pobj" or token.head.lower_ not in ("in", "at") or token.ent_type_ not in ("GPE", "LOC"):
            continue
        found: list[Found] = []
        _named(ctx, token, found, set())
        for f in found:
            if f.kind == LocationKind.CITY and f.country == country:
                cities.setdefault(f.key, [f])
    return next(iter(cities.values())) if len(cities) == 1 else []


def _destinations(candidate: Candidate) -> list[Token]:
    """"flew to the new capital, Naypyidaw, for the meeting with X", "arrived in Lima for talks": the
    meeting is where its people travelled for it."""
    out: list[Token] = []
    for trigger in candidate.triggers:
        if trigger.dep_ != "pobj" or trigger.head.lower_ != "for" or trigger.head.head.lemma_ not in MOTION_VERBS:
            continue
        for prep in (c for c in trigger.head.head.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "into")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                out.append(pobj)
                out.extend(c for c in pobj.children if c.dep_ == "appos")
    return out


def _walk(ctx: ArticleContext, token: Token, found: list[Found], seen: set[int], depth: int) -> None:
    if token.i in seen or depth > 4:
        return
    seen.add(token.i)
    hit = _premises(ctx, token) or _named(ctx, token, found, seen) or _capital_of(ctx, token) \
        or _common_site(ctx, token, seen) or _host_of_gathering(token, seen)
    if isinstance(hit, Found):
        found.append(hit)
    for child in token.children:  # "Lima's fortified Diplomatic Quarter", "the Diplomatic Quarter compound"
        if child.dep_ in ("poss", "compound") and child.i not in seen and child.ent_type_ in ("GPE", "LOC", "FAC"):
            _named(ctx, child, found, seen)
    placeish = hit is not None or fold(token.text) in DISTRICT_WORDS | SITE_WORDS | SETTLEMENT_WORDS \
        or token.lower_ in PREMISES or token.lower_ in OCCASION_NOUNS or token.lower_ in GATHERING_NOUNS \
        or ctx.lexicon.noun_triggers.get(token.lower_) is not None \
        or token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in PREMISES
    # "on the sidelines of a forum in X", "at the office of Prime Minister Y in X"
    if depth > 0 and not placeish:
        return
    for child in token.children:  # "office in the Diplomatic Quarter compound in Lima"
        if child.dep_ == "prep" and child.lower_ in EVENT_PLACE_PREPS | {"of"}:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                _walk(ctx, pobj, found, seen, depth + 1)


def _premises(ctx: ArticleContext, token: Token) -> Found | None:
    """"al-Saadi's office", "the home of X", "the Diplomatic Quarter offices of X"."""
    kind = PREMISES.get(token.lower_)
    if kind is None:
        return None
    owner = None
    for c in token.children:
        if c.dep_ == "poss":
            owner = c
        elif c.dep_ == "prep" and c.lower_ == "of":
            owner = next((p for p in c.children if p.dep_ == "pobj"), owner)
    if owner is None:
        return None
    m = ctx.mention_at(owner)
    if m is None or not m.key or m.kind != ActorKind.PERSON:
        return None
    record = ctx.actors[m.key]
    span = ctx.doc[min(token.left_edge.i, m.start):max(token.i, m.end - 1) + 1]
    return Found(f"v:{m.key}:{kind}", f"{kind} of {record.name}", LocationKind.VENUE, record.country, span,
                 owner=m.key)


def _named(ctx: ArticleContext, token: Token, found: list[Found], seen: set[int]) -> Found | None | bool:
    """A place name: a gazetteer city or country, else a named site or district."""
    label = token.ent_type_
    if label not in ("GPE", "LOC", "FAC", "ORG") or token.ent_iob_ not in ("B", "I"):
        return _untagged_city(ctx, token, found, seen)
    doc = ctx.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].lower_ in DANGLING
                           or doc[end - 1].is_space):
        end -= 1  # "the Ministry of Foreign Affairs of" + a state the tagger kept apart
    span = doc[start:end]
    if not len(span):
        return None
    for t in span:
        seen.add(t.i)
    name = span.text
    m = ctx.mention_at(span.root)
    if any(t.text in NAME_JOINS for t in span) and gazetteer.find_place(name) is None:  # not "Guinea-Bissau"
        parts = _joined_places(span)
        host = _host(parts)
        if host is not None:
            found.append(host)
            return True
        if any(p is not None for _, p in parts):
            return None  # "the Japan-Korea talks" name no place
    if label in ("GPE", "LOC", "FAC", "ORG"):  # the tagger calls many cities an organisation or a facility
        # "the White House" is a building, never Casablanca (whose name it translates)
        place = gazetteer.find_place(name) if fold(span[-1].text) not in SITE_WORDS else None
        if place is not None and place.kind == LocationKind.COUNTRY:
            found.append(Found.of(place, span))
            return True
        if place is not None and place.kind in (LocationKind.CITY, LocationKind.REGION):
            if place.kind == LocationKind.REGION and not (place.country or "").isalpha():
                return None
            found.append(Found.of(place, span))
            return True
    if m is not None and m.kind in (ActorKind.PERSON, ActorKind.STATE):
        return None
    if label == "ORG" and not _looks_like_site(span):
        return None
    if any(fold(t.text) in NATURAL_WORDS for t in span):
        return None
    kind = LocationKind.DISTRICT if label in ("GPE", "LOC") or fold(span[-1].text) in DISTRICT_WORDS \
        else LocationKind.VENUE
    hit = Found(f"{'d' if kind == LocationKind.DISTRICT else 'v'}:{_slug(name)}", name, kind, None, span)
    found.append(hit)
    return True


BIG_CITY = 100_000


def _untagged_city(ctx: ArticleContext, token: Token, found: list[Found], seen: set[int]) -> bool | None:
    """"in military-built capital Naypyidaw", tagged a product: a one-word name the gazetteer knows as a city
    or a country, where the words say a place."""
    if token.pos_ != "PROPN" or ctx.mention_at(token) is not None or token.ent_type_ == "PERSON":
        return None
    place = gazetteer.find_place(token.text)
    if place is None or place.kind not in (LocationKind.CITY, LocationKind.COUNTRY) \
            or place.kind == LocationKind.CITY and (place.population or 0) < BIG_CITY:
        return None  # "Hold Summit Meeting": Summit, New Jersey
    seen.add(token.i)
    found.append(Found.of(place, ctx.doc[token.i:token.i + 1]))
    return True


DANGLING = frozenset({"of", "for", "and", "the", "in", "on", "at", "to"})
NAME_JOINS = frozenset({"-", "–", "—"})


def _joined_places(span: Span) -> list[tuple[Span, gazetteer.Place | None]]:
    """The parts of a name joined by dashes ("Saudi Arabia-Africa"), each with the place it names."""
    parts, start = [], span.start
    for t in [*span, None]:
        if t is None or t.text in NAME_JOINS:
            end = t.i if t is not None else span.end
            if end > start:
                parts.append(span.doc[start:end])
            start = end + 1
    return [(p, gazetteer.find_place(p.text)) for p in parts]


def _host(parts: list[tuple[Span, gazetteer.Place | None]]) -> Found | None:
    """"the Saudi Arabia-Africa summit", "the Korea-Africa forum": a gathering named by a state and a
    region is held by that state; one named by two states ("the Japan-Korea talks") has no place in its name."""
    kinds = sorted(str(p.kind) for _, p in parts if p is not None)
    if len(parts) != 2 or kinds != sorted([str(LocationKind.COUNTRY), str(LocationKind.REGION)]):
        return None
    span, place = next((s, p) for s, p in parts if p is not None and p.kind == LocationKind.COUNTRY)
    return Found.of(place, span)


def _host_of_gathering(token: Token, seen: set[int]) -> Found | None:
    """"the Turkey-Africa summit", tagged word by word: the name before the gathering's noun."""
    if token.lower_ not in GATHERING_NOUNS:
        return None
    start = token.i
    while start > token.left_edge.i and (token.doc[start - 1].text[:1].isupper()
                                         or token.doc[start - 1].text in NAME_JOINS):
        start -= 1
    name = token.doc[start:token.i]
    if not any(t.text in NAME_JOINS for t in name) or any(t.i in seen for t in name):
        return None
    seen.update(t.i for t in name)
    return _host(_joined_places(name))


SITE_WORDS = frozenset({"house", "palace", "ministry", "department", "hall", "building", "office", "centre", "center",
                        "hotel", "castle", "residence", "embassy", "parliament", "assembly", "chancellery",
                        "headquarters", "guesthouse", "villa", *FOREIGN_BUILDING_WORDS})


def _looks_like_site(span: Span) -> bool:
    return any(fold(t.text) in SITE_WORDS for t in span)


def _common_site(ctx: ArticleContext, token: Token, seen: set[int]) -> Found | None:
    """"the Harpa concert hall", "the Prime Minister's Office": a site word named by what stands before it."""
    if fold(token.text) not in SITE_WORDS | set(PREMISES) or token.ent_type_ in ("GPE", "LOC"):
        return None
    named = [c for c in token.children if c.dep_ in ("compound", "poss") and c.i < token.i
             and (c.pos_ == "PROPN" or c.text[:1].isupper())]
    if not named or any(c.ent_type_ in ("GPE", "LOC", "FAC") for c in named):
        return None  # no name, or a place name the gazetteer or the district rule reads
    if any((m := ctx.mention_at(c)) is not None and m.kind in (ActorKind.PERSON, ActorKind.STATE) for c in named):
        return None
    start = min(c.left_edge.i for c in named)
    doc = ctx.doc
    while start < token.i and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    span = doc[start:token.i + 1]
    for t in span:
        seen.add(t.i)
    return Found(f"v:{_slug(span.text)}", span.text, LocationKind.VENUE, None, span)


def _capital_of(ctx: ArticleContext, token: Token) -> Found | None:
    """"the Malaysian capital": the capital city of that state."""
    if token.lower_ != "capital":
        return None
    for c in token.children:
        m = ctx.mention_at(c)
        if m is not None and m.kind == ActorKind.STATE and m.country and c.dep_ in ("amod", "poss", "compound"):
            country = gazetteer.country(m.country)
            if country and country.capital:
                place = gazetteer.find_place(country.capital, m.country)
                if place is not None:
                    span = ctx.doc[c.i:token.i + 1] if c.i < token.i else ctx.doc[token.i:c.i + 1]
                    return Found.of(place, span)
    return None


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


# --- the dateline ----------------------------------------------------------------------------------

DATELINE_MARKS = frozenset({"—", "–", "-", "--", "_", ":", "("})
DATELINE_REACH = 6  # sentences from the top a dateline may open (headline, standfirst, byline before it)


def dateline_place(ctx: ArticleContext, book: PlaceBook) -> str | None:
    """The place the article was filed from: the manifest's dateline, else a paragraph opening
    "KHARTOUM (Reuters) —" or "Ankara —" near the top. Where an event's text names no place, the
    news is usually where it was filed."""
    filed = filed_from(ctx)
    if filed is None:
        return None
    if filed.kind == LocationKind.COUNTRY:
        return book.country(filed.country, filed.span)
    return book.chain([filed])


def filed_from(ctx: ArticleContext) -> Found | None:
    """The dateline's city or country, as the gazetteer knows it."""
    span = _dateline_in_text(ctx)
    name = ctx.article.dateline or (span.text if span is not None else None)
    if not name:
        return None
    name = name.strip()
    place = gazetteer.find_place(name.title() if name.isupper() else name)
    if place is None or place.kind not in (LocationKind.CITY, LocationKind.COUNTRY):
        return None
    if span is None:
        span = next((ctx.doc[t.i:t.i + 1] for t in ctx.doc if fold(t.text) == fold(name.split()[0])), ctx.doc[:1])
    return Found.of(place, span)


def _dateline_in_text(ctx: ArticleContext) -> Span | None:
    """"MOSCOW (AP) _", "Khartoum —", "SOCHI, Russia (Reuters) -": a known city opening a paragraph,
    before a dash, a colon or an agency in brackets."""
    for n, sent in enumerate(ctx.doc.sents):
        if n >= DATELINE_REACH:
            return None
        words = [t for t in sent[:4] if t.is_alpha and t.text[:1].isupper()]
        end = sent.start
        while end < sent.end and end - sent.start < 3 and ctx.doc[end].is_alpha and ctx.doc[end].text[:1].isupper():
            end += 1
        if not words or end == sent.start or end >= sent.end:
            continue
        after = ctx.doc[end]
        if after.text == ",":  # "SOCHI, Russia (Reuters) -", "KATHMANDU, May 6:"
            k = end + 1
            while k < sent.end and k - end < 4 and ctx.doc[k].is_alpha and ctx.doc[k].text[:1].isupper():
                k += 1
            if k < sent.end and ctx.doc[k - 1].lower_.rstrip(".") in MONTHS and ctx.doc[k].like_num:
                k += 1  # the day of a dated dateline
            if k >= sent.end:
                continue
            after = ctx.doc[k]
        if after.text not in DATELINE_MARKS:
            continue
        span = ctx.doc[sent.start:end]
        name = span.text.title() if span.text.isupper() else span.text
        place = gazetteer.find_place(name)
        if place is not None and place.kind == LocationKind.CITY:
            return span
    return None

