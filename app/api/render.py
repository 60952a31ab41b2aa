"""Turning store answers (`graph_schema.model` dataclasses) into response models.

A `Lookup` reads each actor, location chain and article a response mentions
once per request, so a page of events costs one read per distinct name.
"""
from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Mapping

from app.schemas.actors import ActorDetail, TitleOut
from app.schemas.common import ActorRef, ArticleRef, EventRef, EvidenceOut, LocationRef
from app.schemas.events import (
    ConflictOut,
    EventDetail,
    ParticipantDetail,
    RepresentationOut,
    SourceOut,
)
from graph_schema.model import (
    Actor,
    ActorKind,
    ActorName,
    Article,
    Conflict,
    Event,
    Evidence,
    Location,
    LocationKind,
)
from graph_schema.store import EventDossier, GraphStore


class Lookup:
    """Per-request memo of the names a response needs, starting from what a page of events brought along."""

    def __init__(self, store: GraphStore, actors: Mapping[str, Actor | ActorName] | None = None,
                 chains: dict[str, list[Location]] | None = None, articles: list[Article] | None = None) -> None:
        self.store = store
        self._actors: dict[str, Actor | ActorName | None] = dict(actors or {})
        self._chains: dict[str, list[Location]] = dict(chains or {})
        self._articles: dict[str, Article | None] = {a.id: a for a in articles or []}
        self._actor_refs: dict[str, ActorRef] = {}  # a busy actor is named once per event of a page
        self._chain_refs: dict[str, list[LocationRef]] = {}

    def actors(self, ids: Iterable[str]) -> None:
        """Read the named actors not read yet (in one call when the store can)."""
        missing = [i for i in dict.fromkeys(ids) if i not in self._actors]
        if not missing:
            return
        found = self.store.actor_names(missing)
        for i in missing:
            self._actors[i] = found.get(i)

    def actor(self, actor_id: str) -> Actor | ActorName | None:
        if actor_id not in self._actors:
            self.actors([actor_id])
        return self._actors[actor_id]

    def actor_ref(self, actor_id: str) -> ActorRef:
        ref = self._actor_refs.get(actor_id)
        if ref is None:
            actor = self.actor(actor_id)
            # a dangling id: show it rather than fail the whole answer
            ref = actor_ref(actor) if actor else ActorRef(id=actor_id, name=actor_id, kind=ActorKind.OTHER)
            self._actor_refs[actor_id] = ref
        return ref

    def chains(self, location_ids: Iterable[str]) -> None:
        """Read the chains of the named places not read yet, in one call."""
        missing = [i for i in dict.fromkeys(location_ids) if i not in self._chains]
        if missing:
            found = self.store.location_chains(missing)
            for i in missing:
                self._chains[i] = found.get(i, [])

    def chain(self, location_id: str | None) -> list[Location]:
        if not location_id:
            return []
        if location_id not in self._chains:
            self.chains([location_id])
        return self._chains[location_id]

    def chain_refs(self, location_id: str | None) -> list[LocationRef]:
        if not location_id:
            return []
        refs = self._chain_refs.get(location_id)
        if refs is None:
            refs = self._chain_refs[location_id] = [location_ref(loc) for loc in self.chain(location_id)]
        return refs

    def articles(self, ids: Iterable[str]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self._articles]
        if missing:
            found = {a.id: a for a in self.store.get_articles(missing)}
            for i in missing:
                self._articles[i] = found.get(i)

    def article_ref(self, article_id: str) -> ArticleRef:
        self.articles([article_id])
        article = self._articles[article_id]
        if article is None:
            return ArticleRef(id=article_id)
        return ArticleRef(id=article.id, title=article.title, outlet=article.outlet, url=article.url,
                          published=article.published)


def actor_ref(actor: Actor | ActorName) -> ActorRef:
    return _actor_ref(actor.id, actor.name, actor.kind, actor.country)


def location_ref(location: Location) -> LocationRef:
    return _location_ref(location.id, location.name, location.kind, location.country)


# A page of events names some 80 actors and 60 places, the busy ones again and again from request to request:
# building their (frozen) references once per process, not once per request, saves a model validation for each.
# 4096 of each, about 600 bytes an entry, keeps the busy ones.
@functools.lru_cache(maxsize=4096)
def _actor_ref(id: str, name: str, kind: ActorKind, country: str | None) -> ActorRef:
    return ActorRef(id=id, name=name, kind=kind, country=country)


@functools.lru_cache(maxsize=4096)
def _location_ref(id: str, name: str, kind: LocationKind, country: str | None) -> LocationRef:
    return LocationRef(id=id, name=name, kind=kind, country=country)


def event_ref(event: Event) -> EventRef:
    return EventRef(id=event.id, type=event.type, cameo=event.cameo, date=event.date,
                    date_precision=event.date_precision)


def evidence(items: Iterable[Evidence]) -> list[EvidenceOut]:
    return [EvidenceOut(article=e.article, start=e.start, end=e.end, quote=e.quote) for e in items]


def _event_fields(event: Event, lookup: Lookup) -> dict:
    chain = lookup.chain_refs(event.location)
    return dict(
        id=event.id, type=event.type, cameo=event.cameo, date=event.date, date_precision=event.date_precision,
        date_text=event.date_text, location=chain[0] if chain else None, location_chain=chain,
        source_count=len(event.sources), article_count=len(set(map(_article_of, event.sources))),
    )


_article_of = operator.attrgetter("article")


def participants_in_order(event: Event) -> list:
    """Hosts first, then by actor id: the order every answer lists participants in."""
    return sorted(event.participants, key=lambda p: (p.role != "host", p.actor))


def conflict(c: Conflict) -> ConflictOut:
    return ConflictOut(subject=c.subject, field=c.field, kept=c.kept, other=c.other, evidence=evidence(c.evidence))


def event_detail(dossier: EventDossier, store: GraphStore) -> EventDetail:
    event = dossier.event
    lookup = Lookup(store, dossier.actors, {event.location: dossier.chain} if event.location else {},
                    dossier.articles)
    lookup.actors(event.actor_ids())
    lookup.articles(s.article for s in event.sources)
    participants = [
        ParticipantDetail(actor=lookup.actor_ref(p.actor), role=p.role,
                          represents=lookup.actor_ref(p.represents) if p.represents else None,
                          evidence=evidence(p.evidence))
        for p in participants_in_order(event)
    ]
    sources = sorted(event.sources, key=lambda s: (s.article, s.start, s.end))
    return EventDetail(
        **_event_fields(event, lookup),
        participants=participants,
        representation=[RepresentationOut(person=p.actor, state=p.represents) for p in participants if p.represents],
        sources=[SourceOut(article=lookup.article_ref(s.article), start=s.start, end=s.end, quote=s.quote)
                 for s in sources],
        conflicts=[conflict(c) for c in dossier.conflicts],
        merged_from=list(event.merged_from),
    )


def actor_detail(actor: Actor, events: list[Event], event_count: int, conflicts: list[Conflict],
                 lookup: Lookup) -> ActorDetail:
    lookup.actors([t.of for t in actor.titles if t.of] + ([actor.affiliation] if actor.affiliation else []))
    return ActorDetail(
        id=actor.id, name=actor.name, kind=actor.kind, country=actor.country, aliases=sorted(actor.aliases),
        titles=[TitleOut(title=t.title, of=lookup.actor_ref(t.of) if t.of else None, evidence=evidence(t.evidence))
                for t in actor.titles],
        affiliation=lookup.actor_ref(actor.affiliation) if actor.affiliation else None,
        evidence=evidence(actor.evidence),
        conflicts=[conflict(c) for c in conflicts],
        event_count=event_count,
        events=[event_ref(e) for e in events],
    )
