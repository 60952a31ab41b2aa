"""How a typed name is matched against actors' names and aliases.

Both stores rank with the same `score`, so they agree on order and on
scores: the embedded store runs it over candidates from a fast rapidfuzz
pre-filter, Neo4j over candidates from its full-text index. Text is compared
after `normalise` (case, accents and punctuation ignored; "U.S." is "us").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz

from graph_schema.model import Actor
from graph_schema.store import ActorHit

MIN_SCORE = 0.8
_JOINERS = re.compile(r"[.'\u2019\u02bc`]")  # dropped: "U.S." -> "us", "O'Neill" -> "oneill"
_SEPARATORS = re.compile(r"[^\w]+|_")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _JOINERS.sub("", bare.casefold())
    return " ".join(_SEPARATORS.sub(" ", bare).split())


def normalised_names(name: str, aliases: Iterable[str]) -> list[str]:
    """A name and its aliases, normalised, without repeats or empties."""
    return list(dict.fromkeys(n for n in (normalise(x) for x in [name, *aliases]) if n))


def names_of(actor: Actor) -> list[str]:
    return normalised_names(actor.name, actor.aliases)


def search_text(actor: Actor) -> str:
    """What the Neo4j full-text index holds for an actor: all its names, normalised."""
    return " | ".join(names_of(actor))


def score_name(query: str, name: str) -> float:
    """1.0 for the same normalised text; otherwise the best of whole-text, word-order and per-word similarity."""
    if not query or not name:
        return 0.0
    if query == name:
        return 1.0
    whole = max(fuzz.ratio(query, name), fuzz.token_sort_ratio(query, name))
    words = name.split()
    per_word = sum(max(fuzz.ratio(q, w) for w in words) for q in query.split()) / len(query.split())
    return round(min(max(whole, 0.95 * per_word) / 100, 0.99), 4)


def score(query: str, actor: Actor) -> float:
    return max((score_name(query, n) for n in names_of(actor)), default=0.0)


def rank(query: str, candidates: Iterable[Actor], limit: int, min_score: float = MIN_SCORE) -> list[ActorHit]:
    """Best first (ties by name, then id); each actor once; nothing below `min_score`."""
    q = normalise(query)
    hits = {}
    for actor in candidates:
        s = score(q, actor)
        if s >= min_score and actor.id not in hits:
            hits[actor.id] = ActorHit(actor, s)
    ordered = sorted(hits.values(), key=lambda h: (-h.score, h.actor.name, h.actor.id))
    return ordered[:limit]
