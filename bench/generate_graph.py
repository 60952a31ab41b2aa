"""Seeded synthetic knowledge graphs of any size, for load and query benchmarks.

`generate_graph(events, seed)` builds a resolved `Graph` directly (no text, no
spaCy): real states and cities, invented officials with offices, and events
whose participants follow a heavy tail (a few states and leaders are in most of
the news, thousands of officials appear a handful of times). The same
arguments always give the same graph; `python -m bench.generate_graph` writes it
as a `diplomatic-graph/1` document.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.world import VENUES, Person, World, slug
from graph_schema.document import to_document
from graph_schema.model import (
    Actor,
    ActorKind,
    Article,
    Conflict,
    DatePrecision,
    Event,
    Evidence,
    Graph,
    Location,
    LocationKind,
    Participation,
    Role,
    Title,
)

FIRST_DAY = dt.date(1995, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days + 1
EVENTS_PER_ARTICLE = 3
OUTLETS = ("Reuters", "Associated Press", "AFP", "Al Jazeera", "BBC News", "Xinhua", "Kyodo", "Anadolu Agency",
           "Deutsche Welle", "The Hindu", "El Pais", "Le Monde", "The Guardian", "NHK World", "Daily Nation")

# (type, CAMEO code, weight): meetings dominate diplomatic news.
EVENT_TYPES = (
    ("meeting", "040", 14), ("meeting", "042", 12), ("meeting", "043", 12), ("meeting", "044", 8),
    ("meeting", "046", 10), ("statement", "010", 18), ("proposal", "030", 6), ("agreement", "057", 5),
    ("accusation", "112", 6), ("threat", "130", 3), ("appeal", "020", 6),
)
VERBS = {"040": "held talks with", "042": "visited", "043": "hosted", "044": "met", "046": "negotiated with",
         "010": "said of", "030": "proposed to", "057": "signed an agreement with", "112": "accused",
         "130": "warned", "020": "appealed to"}


@dataclass(frozen=True, slots=True)
class GraphShape:
    """Numbers that describe a generated graph, for the docs and the tests."""

    events: int
    meetings: int
    actors: int
    persons: int
    states: int
    locations: int
    articles: int
    participations: int
    representations: int
    facts: int
    top_actor: str
    top_actor_events: int
    top1pct_share: float  # share of participations taken by the busiest 1% of actors
    median_actor_events: float


def count_facts(graph: Graph) -> int:
    """Nodes plus relationships of the graph as the stores model it.

    Nodes: articles, actors, locations, events. Relationships: participations,
    representations (counted once more: the 3-way fact), offices held, event
    locations, location containment, sources and conflicts.
    """
    facts = len(graph.articles) + len(graph.actors) + len(graph.locations) + len(graph.events)
    facts += sum(len(a.titles) for a in graph.actors.values())
    facts += sum(1 for loc in graph.locations.values() if loc.within)
    for e in graph.events.values():
        facts += len(e.participants) + len(e.sources) + (1 if e.location else 0)
        facts += sum(1 for p in e.participants if p.represents)
    return facts + len(graph.conflicts)


def shape(graph: Graph) -> GraphShape:
    per_actor: Counter[str] = Counter()
    participations = representations = meetings = 0
    for e in graph.events.values():
        meetings += e.is_meeting
        involved = set()
        for p in e.participants:
            participations += 1
            involved.add(p.actor)
            if p.represents:
                representations += 1
                involved.add(p.represents)
        per_actor.update(involved)
    n_top = max(1, len(graph.actors) // 100)
    by_participation = Counter(p.actor for e in graph.events.values() for p in e.participants)
    top_share = sum(c for _, c in by_participation.most_common(n_top)) / max(1, participations)
    all_counts = sorted(per_actor.get(a, 0) for a in graph.actors)
    top_actor, top_events = per_actor.most_common(1)[0] if per_actor else ("", 0)
    return GraphShape(
        events=len(graph.events), meetings=meetings, actors=len(graph.actors),
        persons=sum(a.kind == ActorKind.PERSON for a in graph.actors.values()),
        states=sum(a.kind == ActorKind.STATE for a in graph.actors.values()),
        locations=len(graph.locations), articles=len(graph.articles), participations=participations,
        representations=representations, facts=count_facts(graph), top_actor=top_actor,
        top_actor_events=top_events, top1pct_share=round(top_share, 4),
        median_actor_events=float(all_counts[len(all_counts) // 2]) if all_counts else 0.0)


class _Builder:
    def __init__(self, events: int, seed: int):
        self.n_events = events
        self.rng = random.Random(seed)
        self.seed = seed
        self.world = World(seed)
        self.graph = Graph()
        self._add_states()
        self._add_places(cities_per_state=max(1, min(60, events // 2_000)))
        self._add_people(max(100, events // 20))

    # actors ---------------------------------------------------------------
    def _add_states(self) -> None:
        for s in self.world.states:
            self.graph.actors[s.actor_id] = Actor(s.actor_id, s.name, ActorKind.STATE, country=s.alpha3,
                                                  aliases=[s.demonym] if s.demonym else [])
        self.orgs = []
        for o in self.world.organizations:
            aliases = [o.short] if o.short != o.name else []
            self.graph.actors[o.actor_id] = Actor(o.actor_id, o.name, ActorKind.ORGANIZATION, aliases=aliases)
            self.orgs.append(o)

    def _add_people(self, n_persons: int) -> None:
        # Enough candidate office holders to choose the busiest `n_persons` from.
        per_state = 3 * n_persons // len(self.world.states)
        ambassadors = max(5, min(len(self.world.states) - 1, per_state - 11))
        portfolios = max(0, min(20, (per_state - 11 - ambassadors) // 2))
        candidates: list[Person] = []
        for s in self.world.states:
            candidates += self.world.officials(s, ambassadors=ambassadors, portfolios=portfolios)
        candidates += [self.world.org_head(o) for o in self.world.organizations]
        # Per-person noise, so offices of equal rank are not equally busy.
        noisy = [(p.weight * self.rng.lognormvariate(0, 0.5), i, p) for i, p in enumerate(candidates)]
        noisy.sort(key=lambda t: (-t[0], t[1]))
        self.people: list[tuple[str, Person]] = []
        weights: list[float] = []
        for w, _, p in noisy[:n_persons]:
            actor_id = self._person_actor(p)
            self.people.append((actor_id, p))
            weights.append(w)
        self.person_cum = _cumulative(weights)
        self.state_of_person = {aid: p.state for aid, p in self.people}

    def _person_actor(self, p: Person) -> str:
        name, actor_id = p.name, f"a:{slug(p.name)}"
        letters = "ABCDEFGHJKLMNPRSTVW"
        i = 0
        while actor_id in self.graph.actors:  # two invented people with one name: add a middle initial
            given, surname = p.name.rsplit(" ", 1)
            name = f"{given} {letters[i % len(letters)]}{'' if i < len(letters) else i // len(letters)}. {surname}"
            actor_id = f"a:{slug(name)}"
            i += 1
        org = next((o for o in self.world.organizations if o.short == p.state), None)
        of = org.actor_id if org else f"a:{p.state.lower()}"
        self.graph.actors[actor_id] = Actor(
            actor_id, name, ActorKind.PERSON, country=None if org else p.state, aliases=[p.surname],
            titles=[Title(p.office, of, [])], affiliation=of)
        return actor_id

    # places ---------------------------------------------------------------
    def _add_places(self, cities_per_state: int) -> None:
        self.cities_of: dict[str, list[str]] = {}
        self.venues_of: dict[str, list[str]] = {}
        for s in self.world.states:
            country_id = f"l:{s.alpha3.lower()}"
            self.graph.locations[country_id] = Location(country_id, s.name, LocationKind.COUNTRY, s.alpha3)
            cities = ([s.capital] if s.capital else []) + [c for c in s.cities if c != s.capital]
            ids = []
            for c in cities[:cities_per_state]:
                loc_id = f"l:{slug(c.name)}"
                if loc_id in self.graph.locations:
                    loc_id = f"{loc_id}-{s.alpha3.lower()}"
                if loc_id in self.graph.locations:
                    continue
                self.graph.locations[loc_id] = Location(loc_id, c.name, LocationKind.CITY, s.alpha3, c.lat, c.lon,
                                                        within=country_id)
                ids.append(loc_id)
            self.cities_of[s.alpha3] = ids or [country_id]
            if s.capital and ids:
                capital_id = ids[0]
                venues = []
                for v in VENUES[:3]:
                    venue_id = f"{capital_id}-{slug(v)}"
                    self.graph.locations[venue_id] = Location(venue_id, v, LocationKind.VENUE, s.alpha3,
                                                              within=capital_id)
                    venues.append(venue_id)
                self.venues_of[s.alpha3] = venues

    def _place_in(self, alpha3: str) -> str:
        r = self.rng.random()
        venues = self.venues_of.get(alpha3)
        if venues and r < 0.25:
            return self.rng.choice(venues)
        cities = self.cities_of[alpha3]
        if r < 0.75 or len(cities) == 1:
            return cities[0]  # the capital, most of the time
        return self.rng.choice(cities)

    # events ---------------------------------------------------------------
    def _pick_actor(self, exclude_states: set[str]) -> tuple[str, str | None]:
        """An actor id and the state it is affiliated with (None for organisations)."""
        for _ in range(20):
            r = self.rng.random()
            if r < 0.78:
                actor_id, person = self.people[_pick(self.rng, self.person_cum)]
                state = None if person.state not in self.world.by_alpha3 else person.state
            elif r < 0.93:
                s = self.world.pick_state(self.rng)
                actor_id, state = s.actor_id, s.alpha3
            else:
                o = self.rng.choices(self.orgs, weights=[o.weight for o in self.orgs])[0]
                actor_id, state = o.actor_id, None
            if state is None or state not in exclude_states:
                return actor_id, state
        return actor_id, state

    def build(self) -> Graph:
        days = sorted(self.rng.randrange(DAYS) for _ in range(self.n_events))
        type_weights = [w for _, _, w in EVENT_TYPES]
        article: Article | None = None
        offset = 0
        for i, day in enumerate(days):
            date = FIRST_DAY + dt.timedelta(days=day)
            if i % EVENTS_PER_ARTICLE == 0:
                article = self._article(i // EVENTS_PER_ARTICLE, date)
                offset = 0
            assert article is not None
            etype, cameo, _ = self.rng.choices(EVENT_TYPES, weights=type_weights)[0]
            self._event(i, etype, cameo, date, article, offset)
            offset += 420
        self._conflicts()
        return self.graph

    def _article(self, n: int, date: dt.date) -> Article:
        article_id = f"bench-{n:07d}"
        published = date + dt.timedelta(days=self.rng.choice((0, 0, 0, 1, 1, 2)))
        a = Article(article_id, title=f"Diplomatic report {n}", outlet=self.rng.choice(OUTLETS),
                    url=f"https://news.example.org/{article_id}", published=published.isoformat(), language="en")
        self.graph.articles[article_id] = a
        return a

    def _event(self, i: int, etype: str, cameo: str, date: dt.date, article: Article, offset: int) -> None:
        rng = self.rng
        n_participants = 1 if etype == "statement" and rng.random() < 0.6 else (
            2 if rng.random() < 0.7 else rng.choice((3, 3, 4)))
        used_states: set[str] = set()
        used: set[str] = set()
        participants: list[Participation] = []
        for _ in range(n_participants):
            actor_id, state = self._pick_actor(used_states)
            if actor_id in used:
                continue
            used.add(actor_id)
            if state:
                used_states.add(state)
            is_person = actor_id in self.state_of_person
            represents = f"a:{state.lower()}" if is_person and state and rng.random() < 0.6 else None
            name = self.graph.actors[actor_id].name
            start = offset + rng.randrange(0, 300)
            participants.append(Participation(actor_id, Role.PARTICIPANT, represents,
                                              [Evidence(article.id, start, start + len(name), name)]))
        host_state = None
        if cameo in ("043", "042") and participants:
            first = participants[0]
            host_state = self._state_of(first.actor)
            if cameo == "043" and host_state:
                first.role = Role.HOST
            elif cameo == "042" and len(participants) > 1:
                host_state = self._state_of(participants[1].actor)
        if host_state is None and participants and etype == "meeting":
            states = [s for p in participants if (s := self._state_of(p.actor))]
            host_state = (self.world.pick_state(rng).alpha3 if cameo == "044" or not states
                          else rng.choice(states))
        location = self._place_in(host_state) if host_state else (
            self._place_in(self.world.pick_state(rng).alpha3) if rng.random() < 0.5 else None)
        r = rng.random()
        precision = (DatePrecision.DAY if r < 0.9 else DatePrecision.MONTH if r < 0.97 else DatePrecision.YEAR)
        shown = (date if precision is DatePrecision.DAY else
                 date.replace(day=1) if precision is DatePrecision.MONTH else date.replace(month=1, day=1))
        iso = shown.isoformat() if r < 0.985 else None
        names = [self.graph.actors[p.actor].name for p in participants]
        quote = (f"{names[0]} {VERBS[cameo]} {' and '.join(names[1:]) or 'reporters'}" if names
                 else f"officials {VERBS[cameo]} reporters")
        digest = hashlib.blake2b(f"{self.seed}:{i}".encode(), digest_size=4).hexdigest()
        event_id = f"e:{iso or 'undated'}-{etype}-{digest}"
        sources = [Evidence(article.id, offset, offset + len(quote), quote)]
        if rng.random() < 0.2 and i >= EVENTS_PER_ARTICLE:  # also reported by an earlier article
            other = f"bench-{rng.randrange(max(0, i // EVENTS_PER_ARTICLE - 30), i // EVENTS_PER_ARTICLE):07d}"
            sources.append(Evidence(other, 0, len(quote), quote))
        self.graph.events[event_id] = Event(
            event_id, etype, cameo, iso, precision if iso else None,
            date_text=None if iso is None else shown.strftime("%A") if precision is DatePrecision.DAY else None,
            location=location, participants=participants, sources=sources)

    def _state_of(self, actor_id: str) -> str | None:
        actor = self.graph.actors[actor_id]
        if actor.kind == ActorKind.STATE:
            return actor.country
        return self.state_of_person.get(actor_id) if actor.country else None

    def _conflicts(self) -> None:
        """A few events whose date another source gave differently."""
        for event in list(self.graph.events.values())[:: 500]:
            if event.date:
                other = (dt.date.fromisoformat(event.date) - dt.timedelta(days=1)).isoformat()
                self.graph.conflicts.append(Conflict(event.id, "date", event.date, other, event.sources[:1]))


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _pick(rng: random.Random, cum: list[float]) -> int:
    import bisect

    return min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def generate_graph(events: int, seed: int = 0) -> Graph:
    """A resolved graph with `events` events; the same arguments give the same graph."""
    if events < 1:
        raise ValueError("events must be at least 1")
    return _Builder(events, seed).build()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000, help="number of events (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the diplomatic-graph/1 document here (default: print shape only)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    graph = generate_graph(args.events, args.seed)
    t1 = time.perf_counter()
    print(json.dumps(asdict(shape(graph)) | {"generate_s": round(t1 - t0, 2)}, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w") as f:
            json.dump(to_document(graph), f, separators=(",", ":"))
        print(f"wrote {args.out} in {time.perf_counter() - t1:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
