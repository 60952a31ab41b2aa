"""Turn one analysed article into an `Extraction`: its actors, places and events.

The steps run in order over a shared `ArticleContext`: `actors` (who is
named), `coreference` (which names are one person), `titles` (offices and
countries), `events` (event words), then per event `participants`, `time` and
`places`. Precision comes first: a meeting needs someone taking part, a
person needs an office, a part in an event or a second mention to be kept.
"""
from __future__ import annotations

from dataclasses import replace

from graph_schema.model import ActorKind, Role
from ingest.analyze import Document
from ingest.extract import actors, coreference, events, lexicon, titles
from ingest.extract.context import ArticleContext
from ingest.extract.participants import (Taking, bilateral, host_at_home, hosts_officials, officials_for_states,
                                         participants)
from ingest.extract.places import PlaceBook, arrivals, dateline_place, event_places
from ingest.extract.time import event_time, lead_day, sittings_by_day, under_way
from ingest.extraction import (
    ActorMention,
    EventMention,
    Extraction,
    ParticipantMention,
    TitleMention,
)

__all__ = ["extract"]


def extract(document: Document) -> Extraction:
    ctx = ArticleContext(document.article, document.doc, lexicon.load(), text=document.text)
    actors.find_mentions(ctx)
    coreference.cluster_persons(ctx)
    actors.register(ctx)
    titles.find_titles(ctx)
    book = PlaceBook(ctx)
    dateline = dateline_place(ctx, book)
    visited = arrivals(ctx)
    found: list[EventMention] = []
    for candidate in events.find_candidates(ctx):
        takers = participants(ctx, candidate)
        if candidate.type == events.MEETING:
            takers = officials_for_states(ctx, takers)
        for group in bilateral(takers, ctx) if candidate.type == events.MEETING else [takers]:
            mention = _event(ctx, book, candidate, group, len(found) + 1, dateline, visited)
            if mention is None:
                continue
            days = sittings_by_day(candidate, mention.date, mention.date_text) if mention.type == events.MEETING \
                else []
            for day in days[1:]:  # "held two meetings on Monday and Thursday": one meeting a day
                found.append(mention)
                mention = replace(mention, key=f"e{len(found) + 1}", date=day)
            found.append(mention)
    return Extraction(article=document.article, actors=_actors(ctx, found),
                      places=sorted(book.places.values(), key=lambda p: p.key), events=found, dateline=dateline,
                      lead_day=lead_day(ctx))


def _event(ctx: ArticleContext, book: PlaceBook, candidate: events.Candidate, takers: list[Taking], n: int,
           dateline: str | None, visited: dict[str, list] | None = None) -> EventMention | None:
    places = event_places(ctx, candidate)
    came_to = None
    if candidate.type == events.MEETING and visited:
        came = {tuple(f.key for f in visited[t.key]) for t in takers if t.key in visited}
        if len(came) == 1:  # a visitor's meetings are where the visitor came to
            came_to = next(visited[t.key] for t in takers if t.key in visited)
            places = places or came_to
    for place in places:  # the owner of the premises hosted it
        if place.owner and candidate.type == events.MEETING:
            have = next((t for t in takers if t.key == place.owner), None)
            if have is None:
                takers.append(Taking(place.owner, Role.HOST, None, place.span))
            elif have.role == Role.PARTICIPANT:
                have.role = Role.HOST
                if not have.explicit:
                    have.represents = None
    if not _worth_keeping(candidate, takers, places):
        return None
    if came_to and (not places or places[0].country in (None, came_to[0].country)):
        hosts_officials(ctx, takers, came_to[0].country)  # not at a third country's summit
    elif places and candidate.type == events.MEETING:
        host_at_home(ctx, takers, places[0].country)
    when = event_time(ctx, candidate)
    if when is None and candidate.type == events.MEETING and events.recalled(candidate):
        return None  # "the two last met ..." without a date: an earlier meeting we cannot tell apart
    if candidate.type == events.MEETING and _state_of_affairs(ctx, candidate, takers, places, when):
        return None
    type_, cameo = candidate.type, candidate.cameo
    if type_ == events.MEETING and (candidate.tense == "future" or _after_publication(ctx, when)):
        type_, cameo = events.INTENT, events.INTENT_CAMEO  # "will meet", "talks in Geneva tomorrow": not yet
    place_key = book.chain(places)
    if place_key is None and events.says_here(candidate):
        place_key = dateline  # "conferred here Monday"
    for t in takers:
        ctx.actors[t.key].roles += 1
    return EventMention(
        key=f"e{n}", type=type_, cameo=cameo, evidence=ctx.sentence_evidence(candidate.sent),
        date=when.date if when else None, date_precision=when.precision if when else None,
        date_text=when.text if when else None, place=place_key,
        participants=[ParticipantMention(t.key, t.role, t.represents, [ctx.span_evidence(t.span)]) for t in takers],
        tense=candidate.tense, anaphoric=candidate.anaphoric,
        under_way=when is None and type_ == events.MEETING and under_way(candidate))


def _state_of_affairs(ctx: ArticleContext, candidate: events.Candidate, takers: list[Taking], places: list,
                      when) -> bool:
    """"Egypt has been holding talks with the IMF", "progress in talks between banks and Mexico":
    negotiations between states or bodies told as an ongoing state of affairs, with no one, no date and no
    place for an encounter, are not a meeting."""
    if candidate.anaphoric or places or when is not None:  # "talks last week" tell when they met
        return False
    if any(ctx.actors[t.key].kind == ActorKind.PERSON for t in takers):
        return False
    if any(events.frame_noun(t) != t for t in candidate.triggers):
        return False  # "held their second round of direct talks": a sitting, not a state of affairs
    return all(t.lemma_.lower() in events.NEGOTIATION_WORDS for t in candidate.triggers)


def _after_publication(ctx: ArticleContext, when) -> bool:
    """The whole of the event's day, week, month or year lies after the article ("next week", "on Friday")."""
    published = ctx.article.published
    return bool(when and published and (when.start or when.date) > published[:10])


def _worth_keeping(candidate: events.Candidate, takers: list[Taking], places: list) -> bool:
    if candidate.type == events.MEETING:
        if takers:
            return True
        # no one named: only "the talks", "Monday's meeting", which refer back to a meeting already reported
        return candidate.anaphoric
    if takers:
        return True
    return candidate.type == "attack" and bool(places)


def _actors(ctx: ArticleContext, found: list[EventMention]) -> list[ActorMention]:
    used_bodies = {p.actor for e in found for p in e.participants} | {
        p.represents for e in found for p in e.participants if p.represents}
    for record in ctx.actors.values():
        for title in record.titles:
            if title.of:
                used_bodies.add(title.of)
    out: list[ActorMention] = []
    for record in ctx.actors.values():
        if record.kind == ActorKind.PERSON and not _keep_person(record):
            continue
        if record.kind in (ActorKind.ORGANIZATION, ActorKind.GROUP) and record.key not in used_bodies:
            continue
        forms = sorted(record.forms, key=lambda f: (-record.forms[f], f))
        out.append(ActorMention(
            key=record.key, name=record.name, kind=record.kind, country=record.country,
            aliases=[f for f in forms if f != record.name],
            titles=[TitleMention(t.text, t.of, t.evidence) for t in record.titles],
            evidence=list(record.evidence)))
    return out


def _keep_person(record) -> bool:
    """A person with an office, a part in an event, or named twice; a lone surname needs an office."""
    if record.titles:
        return True
    if len(coreference.name_parts(record.name)) < 2:
        return record.roles > 0 and len(record.mentions) >= 2  # "Reagan met Kohl ... Kohl and Reagan discussed"
    return record.roles > 0 or len(record.mentions) >= 2
