"""Claims two sources disagree on, kept side by side: the best-supported value and the other one.

Each resolver records the conflicts it meets (a person's country, an office
held for another state, an event's date or place); this module puts them in
one deterministic list, one entry per (subject, field, other value).
"""
from __future__ import annotations

from graph_schema.model import Conflict, Evidence


def collect(*groups: list[Conflict]) -> list[Conflict]:
    merged: dict[tuple[str, str, str | None], Conflict] = {}
    for group in groups:
        for c in group:
            key = (c.subject, c.field, c.other)
            have = merged.get(key)
            if have is None:
                merged[key] = Conflict(c.subject, c.field, c.kept, c.other, _unique(c.evidence))
            else:
                have.evidence = _unique(have.evidence + c.evidence)
    return [merged[k] for k in sorted(merged, key=lambda k: (k[0], k[1], k[2] or ""))]


def _unique(items: list[Evidence]) -> list[Evidence]:
    return sorted(set(items), key=lambda e: (e.article, e.start, e.end))
