"""Which actors, events and pairs the query benchmarks ask about.

Users ask mostly about the actors in the news, sometimes about obscure ones,
so query targets are drawn from three strata: the 10 busiest actors, the
busiest 1%, and all actors with at least one event. p99 therefore includes the
heaviest actors (the ones whose meetings number in the tens of thousands).
Warm-up targets are drawn first and left out of the timed ones, so no timed call
is answered from what a warm-up just read.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph_schema.model import ActorKind, Graph


@dataclass(slots=True)
class Workload:
    actors: list[str]  # meetings by actor, counterparts
    states: list[str]  # representation
    events: list[str]  # event detail
    pairs: list[tuple[str, str]]  # shortest connection
    heaviest: str  # the busiest actor (reported on its own)
    busiest: list[str] = field(default_factory=list)  # the 5 busiest actors, timed cold and warm
    warm_up: dict[str, list[Any]] = field(default_factory=dict)  # field -> targets none of the timed ones

    def as_dict(self) -> dict[str, object]:
        return {"actors": len(self.actors), "states": len(self.states), "events": len(self.events),
                "pairs": len(self.pairs), "heaviest": self.heaviest, "busiest": self.busiest,
                "warm_up": {name: len(targets) for name, targets in self.warm_up.items()}}


def _stratified(ranked: list[str], n: int, rng: random.Random) -> list[str]:
    top = ranked[:10]
    top1 = ranked[: max(10, len(ranked) // 100)]
    out = []
    for i in range(n):
        r = i % 10
        pool = top if r == 0 else top1 if r < 4 else ranked
        out.append(rng.choice(pool))
    rng.shuffle(out)
    return out


def _set_aside(ranked: list[str], n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """`n` warm-up targets from below the busiest 10, and the rest of `ranked` (in rank order) to time."""
    pool = ranked[10:] if len(ranked) > 10 + n else []
    warm = rng.sample(pool, n) if pool else []
    kept = set(warm)
    return warm, [a for a in ranked if a not in kept]


def build_workload(graph: Graph, n: int = 1000, seed: int = 0, warm_up: int = 5) -> Workload:
    rng = random.Random(seed)
    activity: Counter[str] = Counter()
    for e in graph.events.values():
        for p in e.participants:
            activity[p.actor] += 1
            if p.represents:
                activity[p.represents] += 1
    warm_actors, ranked = _set_aside([a for a, _ in activity.most_common()], warm_up, rng)
    warm_states, states = _set_aside([a for a in ranked if graph.actors[a].kind == ActorKind.STATE], warm_up, rng)
    persons = [a for a in ranked if graph.actors[a].kind == ActorKind.PERSON]
    warm_events, event_ids = _set_aside(sorted(graph.events), warm_up, rng)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < max(10, n) + warm_up:
        pairs.append(tuple(rng.sample(persons, 2)) if len(persons) > 1 else (ranked[0], ranked[-1]))
    warm_pairs, pairs = pairs[:warm_up], [pair for pair in pairs[warm_up:] if pair not in pairs[:warm_up]]
    return Workload(
        actors=_stratified(ranked, n, rng), states=_stratified(states, n, rng),
        events=[rng.choice(event_ids) for _ in range(n)], pairs=pairs, heaviest=ranked[0], busiest=ranked[:5],
        warm_up={"actors": warm_actors, "states": warm_states, "events": warm_events, "pairs": warm_pairs})
