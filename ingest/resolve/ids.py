"""Readable, deterministic ids: `a:<slug>` actors, `l:<slug>` places, `e:<date>-<type>-<hash>` events."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ingest.extract.lexicon import fold


def slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split()) or "x"


def state_id(alpha3: str) -> str:
    return f"a:{alpha3.lower()}"


def country_location_id(alpha3: str) -> str:
    return f"l:{alpha3.lower()}"


def event_id(date: str | None, type_: str, members: Iterable[str]) -> str:
    digest = hashlib.sha1("|".join(sorted(members)).encode("utf-8")).hexdigest()[:8]
    return f"e:{date or 'undated'}-{type_}-{digest}"


class IdBook:
    """Hands out ids from a preferred slug, adding a qualifier when two things want the same one."""

    def __init__(self, prefix: str, taken: Iterable[str] = ()):
        self.prefix = prefix
        self.taken = set(taken)

    def claim(self, text: str, qualifier: str | None = None) -> str:
        base = f"{self.prefix}{slug(text)}"
        if base not in self.taken:
            self.taken.add(base)
            return base
        if qualifier:
            qualified = f"{base}-{slug(qualifier)}"
            if qualified not in self.taken:
                self.taken.add(qualified)
                return qualified
            base = qualified
        n = 2
        while f"{base}-{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"
