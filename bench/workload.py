"""Which actors, events and pairs the query benchmarks ask about.

Users ask mostly about the actors in the news, sometimes about obscure ones,
so query targets are drawn from three strata: the 10 busiest actors, the
busiest 1%, and all actors with at least one event. p99 therefore includes the
heaviest actors (the ones whose meetings number in the tens of thousands).
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from graph_schema.model import ActorKind, Graph


@dataclass(slots=True)
class Workload:
    actors: list[str]  # meetings by actor, counterparts
    states: list[str]  # representation
    events: list[str]  # event detail
    pairs: list[tuple[str, str]]  # shortest connection
    heaviest: str  # the busiest actor (reported on its own)

    def as_dict(self) -> dict[str, object]:
        return {"actors": len(self.actors), "states": len(self.states), "events": len(self.events),
                "pairs": len(self.pairs), "heaviest": self.heaviest}


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


def build_workload(graph: Graph, n: int = 200, seed: int = 0) -> Workload:
    rng = random.Random(seed)
    activity: Counter[str] = Counter()
    for e in graph.events.values():
        for p in e.participants:
            activity[p.actor] += 1
            if p.represents:
                activity[p.represents] += 1
    ranked = [a for a, _ in activity.most_common()]
    states = [a for a in ranked if graph.actors[a].kind == ActorKind.STATE]
    persons = [a for a in ranked if graph.actors[a].kind == ActorKind.PERSON]
    event_ids = sorted(graph.events)
    pairs = []
    for _ in range(max(10, n // 4)):  # path finding is the costly query: fewer samples
        a, b = rng.sample(persons, 2) if len(persons) > 1 else (ranked[0], ranked[-1])
        pairs.append((a, b))
    return Workload(
        actors=_stratified(ranked, n, rng), states=_stratified(states, n, rng),
        events=[rng.choice(event_ids) for _ in range(n)], pairs=pairs, heaviest=ranked[0])
