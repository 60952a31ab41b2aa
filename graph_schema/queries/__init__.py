"""Saved Cypher queries for the questions users ask of the graph, one file each.

The same files are pasted into Neo4j Browser (set their params there with
`:param place => 'Iraq'`) and run from Python, so what a user sees in Browser
is what the tests check. Each file opens with `//` comments: what it answers,
then a `Params:` line naming the `$params` it takes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class Runs(Protocol):
    """A neo4j `Session` or transaction: anything with `run(query, parameters)`."""

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> Any: ...


class UnknownQuery(KeyError):
    """No saved query has this name."""


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    cypher: str  # the whole file, header comments included
    summary: str  # the header comment, as one paragraph
    params: tuple[str, ...]  # the $params the Cypher uses, sorted

    def check_params(self, given: dict[str, object]) -> None:
        """Raise ValueError naming the params that are missing or unknown."""
        missing = sorted(set(self.params) - set(given))
        unknown = sorted(set(given) - set(self.params))
        if missing or unknown:
            raise ValueError(
                f"query {self.name!r} takes params {list(self.params)}; "
                f"missing {missing}, unknown {unknown}"
            )


def query_names() -> list[str]:
    """The names of all saved queries, sorted."""
    return sorted(
        entry.name.removesuffix(".cypher")
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(".cypher")
    )


@cache
def load_query(name: str) -> SavedQuery:
    """The saved query `name` (the file name without `.cypher`)."""
    if name not in query_names():
        raise UnknownQuery(f"no saved query {name!r}; known: {', '.join(query_names())}")
    cypher = resources.files(__name__).joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    header: list[str] = []
    body: list[str] = []
    for line in cypher.splitlines():
        if not body and line.startswith("//"):
            header.append(line.removeprefix("//").strip())
        else:
            body.append(line)
    params = tuple(sorted(set(_PARAM.findall("\n".join(body)))))
    return SavedQuery(name=name, cypher=cypher, summary=" ".join(h for h in header if h), params=params)


def run_query(runner: Runs, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run saved query `name` with its params; rows as dicts (nodes as their properties)."""
    query = load_query(name)
    query.check_params(params)
    return [record.data() for record in runner.run(query.cypher, params)]
